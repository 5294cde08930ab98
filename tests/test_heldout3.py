"""A third held-out corpus (tests/fixtures/heldout3/, see its SOURCES.md): real not-found
pages of site generators, themes and a hosting panel in Chinese, Japanese, Korean,
Russian, Arabic, Hindi, Thai, Vietnamese, Turkish and Polish (one real site's built
404 page among them), live pages on the same hosts (pages about the 404 status, short
pages, posts, link pages) and link pages and posts for the resource-page scorer. None
of it was used to write the rules; the verdicts below were measured before anything
was changed. As tables over the judge and the scorer, and crawled on loopback."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.judge.page_facts import read_page
from linkprospector.judge.placeholders import judge_placeholder, placeholder_candidate
from linkprospector.judge.soft404 import judge_soft_404, needs_probe, soft_404_signals
from tests import resource_class
from tests.conftest import run_crawl

FIXTURES = Path(__file__).parent / "fixtures" / "heldout3"


def page(name: str) -> str:
    return (FIXTURES / f"{name}.html").read_text(encoding="utf-8")


#: Every not-found page of the corpus: each answers a URL that is gone.
NOT_FOUND = [
    *(f"coder_404_{lang}" for lang in ("zh_cn", "ja", "ko", "ru", "ar", "tr", "pl", "hi", "en")),
    *(f"loveit_404_{lang}" for lang in ("zh_CN", "th", "vi", "ru", "ar", "hi")),
    *(f"starlight_404_{lang}" for lang in ("ko", "tr", "th", "pl")),
    "matery_404_zh",
    "tmaize_404_zh",
    "elky_404_ko",
    "ja_yudejp_404",
    "zh_baota_404",
]

#: (live page, the host's own not-found page): live pages in the chrome of that host.
LIVE_ON_HOST = [
    *(
        (f"ja_yudejp_{name}", "ja_yudejp_404")
        for name in ("profile", "tos", "post_arch", "post_wrapping", "links", "1ch", "apps")
    ),
    *(
        (f"ja_yudejp_{name}", "ja_yudejp_404")
        for name in ("services", "server", "hcunews", "minecraft")
    ),
    *((f"mdn_404_{lang}", f"coder_404_{lang}") for lang in ("ja", "zh_cn", "ko", "ru")),
    ("coder_contact_en", "coder_404_en"),
    ("loveit_about_zh", "loveit_404_zh_CN"),
    ("tmaize_links_zh", "tmaize_404_zh"),
    ("tmaize_post_zh", "tmaize_404_zh"),
    ("elky_links_ko", "elky_404_ko"),
    ("elky_post_ko", "elky_404_ko"),
]

TARGET = "http://site.test/posts/an-old-post/"
PROBE = "http://site.test/posts/qzxwvkjh"


def verdict(html: str, host_answer: str, status: int) -> tuple[bool, str]:
    """What the check decides for ``html`` at TARGET on a host that answers nonsense URLs
    with ``host_answer`` and ``status``: no probe asked for is a live page."""
    signals = soft_404_signals(TARGET, TARGET, html)
    if not needs_probe(signals):
        return False, "not_probed"
    probe = {
        "status": status,
        "final_url": PROBE,
        "facts": read_page(host_answer, (urlsplit(PROBE).path,)),
    }
    return judge_soft_404(signals, TARGET, read_page(html, (urlsplit(TARGET).path,)), probe)


@pytest.mark.parametrize("status", [200, 404])
@pytest.mark.parametrize("name", NOT_FOUND)
def test_a_not_found_page_is_found_by_the_hosts_own_answer(name, status):
    """Catch-all 200 or honest 404: the target answers the host's not-found page."""
    assert verdict(page(name), page(name), status) == (True, "probe_same_content")


@pytest.mark.parametrize("status", [200, 404])
@pytest.mark.parametrize(("name", "not_found"), LIVE_ON_HOST, ids=[n for n, _ in LIVE_ON_HOST])
def test_a_live_page_on_a_host_with_its_own_not_found_page_stays_live(name, not_found, status):
    """Pages about the 404 status, short pages, posts and link pages in the same chrome
    as the host's not-found page: none of them is that page."""
    dead, basis = verdict(page(name), page(not_found), status)
    assert not dead, basis


# -- placeholder hosts -------------------------------------------------------------------


def test_the_baota_panel_default_page_at_a_hosts_root_is_a_placeholder():
    """The hosting panel's own default index.html at a host's root (other paths 404):
    the host has no site yet, like nginx's welcome page there. Found missing by this
    held-out round; the panel's page is now among the server defaults' signatures."""
    html = page("zh_baota_default")
    facts = read_page(html)
    probe = {"status": 404, "final_url": "http://bt.test/qzxwvkjh", "facts": read_page("")}
    assert judge_placeholder(placeholder_candidate(html), "http://bt.test/", facts, probe)


# -- resource pages ----------------------------------------------------------------------

#: page -> (its URL: the site's own where it is known, since links to the site's other
#: hosts are its own, not other sites; is it a resource page?)
RESOURCE_CASES = {
    "ja_yudejp_links": ("https://www.yude.jp/links/", True),
    "tmaize_links_zh": ("https://blog.tmaize.net/pages/links.html", True),
    "elky_links_ko": ("https://elky84.github.io/links/", True),
    "jarawara_resources_ru": ("https://jarawara.test/docs/resources/", True),
    "butterfly_flink_zh": ("https://adam8en.github.io/link/", True),
    "ja_yudejp_post_arch": ("https://www.yude.jp/blog/2022-07-install-arch-linux.html", False),
    "ja_yudejp_post_wrapping": ("https://www.yude.jp/blog/2022-12-wrapping.html", False),
    "ja_yudejp_profile": ("https://www.yude.jp/profile/", False),
    "ja_yudejp_tos": ("https://www.yude.jp/tos.html", False),
    "ja_yudejp_services": ("https://www.yude.jp/services/", False),
    "tmaize_post_zh": ("https://blog.tmaize.net/posts/2020/07/16/react-quick-start.html", False),
    "elky_post_ko": ("https://elky84.github.io/2010/08/19/false_sharing/", False),
    "mdn_404_ja": ("https://notes.test/ja/404-not-found/", False),
    "mdn_404_zh_cn": ("https://notes.test/zh-cn/404-not-found/", False),
    "mdn_404_ko": ("https://notes.test/ko/404-not-found/", False),
    "mdn_404_ru": ("https://notes.test/ru/404-not-found/", False),
    "coder_contact_en": ("https://notes.test/contact/", False),
}
#: Measured wrong before any change and not fixed: a theme's about page whose feature
#: list is one linked library per bullet reads as entries; telling it from a list of
#: other sites would need wording ("about"), which is not evidence enough.
KNOWN_WRONG = {"loveit_about_zh": ("https://hugoloveit.com/zh-cn/about/", False)}


def is_resource(name: str, url: str) -> bool:
    return resource_class.is_resource(page(name), url)


@pytest.mark.parametrize(("name", "case"), sorted(RESOURCE_CASES.items()))
def test_resource_page_class(name, case):
    url, resource = case
    assert is_resource(name, url) is resource


@pytest.mark.parametrize(("name", "case"), sorted(KNOWN_WRONG.items()))
@pytest.mark.xfail(strict=True, reason="known miss, not fixed: see KNOWN_WRONG")
def test_resource_page_class_known_wrong(name, case):
    url, resource = case
    assert is_resource(name, url) is resource


def test_resource_precision_and_recall_with_the_known_miss():
    cases = {**RESOURCE_CASES, **KNOWN_WRONG}
    got = {name: is_resource(name, url) for name, (url, _r) in cases.items()}
    truth = {name: resource for name, (_url, resource) in cases.items()}
    precision, recall = resource_class.precision_recall(got, truth)
    assert precision >= 0.8 and recall == 1.0, (precision, recall)


def test_every_fixture_is_used_and_listed_with_its_source():
    files = {path.stem for path in FIXTURES.glob("*.html")}
    used = (
        set(NOT_FOUND)
        | {name for pair in LIVE_ON_HOST for name in pair}
        | set(RESOURCE_CASES)
        | set(KNOWN_WRONG)
        | {"zh_baota_default"}
    )
    assert files == used
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{name}.html`" in sources for name in files)


# -- crawled for real --------------------------------------------------------------------

GONE, LIVE = ("dead", "soft_404"), ("live", "ok")
PROBE_PATH = re.compile(r"/[a-z]{16}$")


def build() -> tuple[list[Site], dict[str, tuple[str, str]]]:
    yude_live = ("profile", "tos", "post_arch", "links", "1ch", "apps", "server", "minecraft")
    sites = [
        Site(  # a real site's build: honest 404, a removed post answering 200 with it
            "yude.test",
            routes={
                **{f"/{name}/": page(f"ja_yudejp_{name}") for name in yude_live},
                "/blog/2021-old-post.html": page("ja_yudejp_404"),
            },
            default=Route(status=404, body=page("ja_yudejp_404")),
        ),
        *(  # catch-all 200 hosts, each with a page about the 404 status in its chrome
            Site(
                f"coder-{lang.replace('_', '-')}.test",
                routes={"/posts/http-404/": page(f"mdn_404_{lang}")},
                default=Route(body=page(f"coder_404_{lang}")),
            )
            for lang in ("ja", "zh_cn", "ko", "ru")
        ),
        *(
            Site(f"coder-{lang}.test", default=Route(body=page(f"coder_404_{lang}")))
            for lang in ("ar", "tr", "pl", "hi")
        ),
        Site(
            "coder-en.test",
            routes={"/contact/": page("coder_contact_en")},
            default=Route(status=404, body=page("coder_404_en")),
        ),
        *(
            Site(f"loveit-{lang.lower()}.test", default=Route(body=page(f"loveit_404_{lang}")))
            for lang in ("th", "vi", "ar", "hi", "ru")
        ),
        Site(
            "loveit-zh.test",
            routes={"/about/": page("loveit_about_zh")},
            default=Route(body=page("loveit_404_zh_CN")),
        ),
        *(  # every unknown path redirected to the error page, which answers 200
            Site(
                f"starlight-{lang}.test",
                routes={"/404/": page(f"starlight_404_{lang}")},
                default=Route(redirect="/404/", status=302),
            )
            for lang in ("ko", "tr", "th", "pl")
        ),
        Site("matery.test", default=Route(body=page("matery_404_zh"))),
        Site(
            "tmaize.test",
            routes={
                "/pages/links.html": page("tmaize_links_zh"),
                "/posts/react.html": page("tmaize_post_zh"),
                "/posts/old.html": page("tmaize_404_zh"),
            },
            default=Route(status=404, body=page("tmaize_404_zh")),
        ),
        Site(
            "elky.test",
            routes={"/links/": page("elky_links_ko"), "/false-sharing/": page("elky_post_ko")},
            default=Route(body=page("elky_404_ko")),
        ),
        Site("baota.test", default=Route(body=page("zh_baota_404"))),
    ]
    expected = {
        **{f"http://yude.test/{name}/": LIVE for name in yude_live},
        "http://yude.test/blog/2021-old-post.html": GONE,
        **{
            f"http://coder-{lang}.test/posts/http-404/": LIVE
            for lang in ("ja", "zh-cn", "ko", "ru")
        },
        **{
            f"http://coder-{lang}.test/posts/gone/": GONE
            for lang in ("ja", "zh-cn", "ko", "ru", "ar", "tr", "pl", "hi")
        },
        "http://coder-en.test/contact/": LIVE,
        **{
            f"http://loveit-{lang}.test/posts/gone/": GONE
            for lang in ("th", "vi", "ar", "hi", "ru", "zh")
        },
        "http://loveit-zh.test/about/": LIVE,
        **{f"http://starlight-{lang}.test/guides/gone/": GONE for lang in ("ko", "tr", "th", "pl")},
        "http://matery.test/2024/01/01/gone/": GONE,
        "http://tmaize.test/pages/links.html": LIVE,
        "http://tmaize.test/posts/react.html": LIVE,
        "http://tmaize.test/posts/old.html": GONE,
        "http://elky.test/links/": LIVE,
        "http://elky.test/false-sharing/": LIVE,
        "http://elky.test/2012/02/06/gone/": GONE,
        "http://baota.test/old/": GONE,
    }
    links = "".join(f'<li><a href="{u}">{u}</a></li>' for u in expected)
    hub = Site("heldout3-hub.test", routes={"/": f"<html><body><ul>{links}</ul></body></html>"})
    return [hub, *sites], expected


SITES, EXPECTED = build()


@pytest.fixture(scope="module")
def heldout3_crawl(tmp_path_factory):
    with LocalWeb(SITES) as web:
        tmp = tmp_path_factory.mktemp("heldout3")
        result = run_crawl(tmp, web, args={"seeds": "http://heldout3-hub.test/", "depth": "0"})
        yield result, list(web.hits)


def test_the_crawl_finishes(heldout3_crawl):
    result, _hits = heldout3_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("url", "expected"), list(EXPECTED.items()))
def test_verdicts(heldout3_crawl, url, expected):
    result, _hits = heldout3_crawl
    row = result.targets()[url]
    assert (row["verdict"], row["reason"]) == expected, row["evidence"]


def test_at_most_one_probe_per_host(heldout3_crawl):
    _result, hits = heldout3_crawl
    probed = [host for _m, host, path in hits if PROBE_PATH.search(path)]
    assert probed and len(probed) == len(set(probed))
