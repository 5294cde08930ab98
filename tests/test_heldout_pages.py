"""A held-out corpus (tests/heldout_pages.py): real not-found templates in languages with
no listed wording must still be found by the host's own answer, and live pages in the
same chrome (short pages, pages about errors, bands named like one) must stay live:
as tables over the judge, and crawled for real on loopback."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.judge.page_facts import read_page
from linkprospector.judge.placeholders import judge_placeholder, placeholder_candidate
from linkprospector.judge.soft404 import judge_soft_404, needs_probe, soft_404_signals
from tests.conftest import run_crawl
from tests.heldout_pages import (
    CADDY_DEFAULT,
    DIV_CHROME_LIVE,
    DIV_CHROME_NOT_FOUND,
    LIVE_PAGES,
    NOT_FOUND_PAGES,
    blowfish_404,
    blowfish_page,
)

TARGET = "http://site.test/posts/an-old-post/"
PROBE = "http://site.test/posts/qzxwvkjh"


def verdict(html: str, host_answer: str, status: int = 404) -> tuple[bool, str]:
    """What the check decides for ``html`` at TARGET on a host that answers nonsense URLs
    with ``host_answer``: no probe asked for is a live page."""
    signals = soft_404_signals(TARGET, TARGET, html)
    if not needs_probe(signals):
        return False, "not_probed"
    probe = {
        "status": status,
        "final_url": PROBE,
        "facts": read_page(host_answer, (urlsplit(PROBE).path,)),
    }
    page = read_page(html, (urlsplit(TARGET).path,))
    return judge_soft_404(signals, TARGET, page, probe)


@pytest.mark.parametrize("status", [404, 200])
@pytest.mark.parametrize(("name", "html"), NOT_FOUND_PAGES, ids=[n for n, _ in NOT_FOUND_PAGES])
def test_a_not_found_page_in_any_language_is_found_by_the_host_answer(name, html, status):
    assert verdict(html, html, status) == (True, "probe_same_content")


@pytest.mark.parametrize(("name", "html"), LIVE_PAGES, ids=[n for n, _ in LIVE_PAGES])
@pytest.mark.parametrize("lang", ["gl", "hr", "eu"])
def test_a_live_page_in_the_same_chrome_stays_live(name, html, lang):
    dead, basis = verdict(html, blowfish_404(lang))
    assert not dead, basis


@pytest.mark.parametrize(("name", "html"), DIV_CHROME_LIVE, ids=[n for n, _ in DIV_CHROME_LIVE])
def test_a_short_page_in_plain_div_chrome_is_not_the_not_found_page(name, html):
    """Chrome counted as main content makes two short pages 70% alike; the page's own
    text still tells it from the host's not-found page."""
    assert verdict(html, DIV_CHROME_NOT_FOUND) == (False, "unlike_not_found")


def test_the_not_found_page_in_plain_div_chrome_is_found():
    assert verdict(DIV_CHROME_NOT_FOUND, DIV_CHROME_NOT_FOUND) == (True, "probe_same_content")


def test_a_short_page_titled_otherwise_is_not_the_not_found_page():
    """The same few words of main content under a title of its own: another page."""
    html = blowfish_404("gl").replace("<title>Páxina non atopada", "<title>Tenda", 1)
    assert verdict(html, blowfish_404("gl")) == (False, "unlike_not_found")


def test_a_long_page_is_not_probed_for_its_length():
    """Only short main content asks for the probe without other signals: a long article
    costs no request."""
    article = blowfish_page("Notas", "<article><h1>Notas</h1><p>" + "Unha nota. " * 200 + "</p>")
    assert soft_404_signals(TARGET, TARGET, article) == []


@pytest.mark.parametrize(
    "body", ['{"status": "ok", "items": 3}', "plain notes\nsecond line", "", "<!-- -->"]
)
def test_a_short_answer_that_is_no_html_page_is_not_probed(body):
    assert soft_404_signals(TARGET, TARGET, body) == []


def test_the_home_page_is_not_probed_for_its_length():
    home = blowfish_page("Inicio", "<h1>Inicio</h1><p>Benvidos.</p>")
    assert soft_404_signals("http://site.test/", "http://site.test/", home) == []


SHORT = blowfish_page("Tenda", "<h1>Tenda</h1><p>Camisolas e libros do colectivo.</p>", "gl")


@pytest.mark.parametrize(
    ("status", "html", "expected"),
    [
        (404, SHORT, (True, "probe_same_content")),  # the host's error answer is this page
        (410, SHORT, (True, "probe_same_content")),
        (200, SHORT, (False, "one_page_everywhere")),  # a one-page site: every path is it
        (200, blowfish_404("gl"), (True, "probe_same_content")),  # ...unless it shows 404
    ],
)
def test_shortness_alone_needs_an_error_status_or_a_404_to_convict(status, html, expected):
    """A short page like the host's answer to nonsense is dead when that answer is an
    error or shows a "404"; a host answering every path with one page and a success (a
    one-page site, an app's pre-rendered shell) keeps its pages live."""
    assert soft_404_signals(TARGET, TARGET, html) == ["short_main"]
    assert verdict(html, html, status) == expected


@pytest.mark.parametrize(
    ("url", "probe_status"), [("http://caddy.test/", None), ("http://caddy.test/blog/", 200)]
)
def test_caddys_default_page_is_a_placeholder(url, probe_status):
    facts = read_page(CADDY_DEFAULT)
    probe = {"status": probe_status, "final_url": "http://caddy.test/x", "facts": facts}
    candidate = placeholder_candidate(CADDY_DEFAULT)
    assert judge_placeholder(candidate, url, facts, probe) == "placeholder:server_default"


# -- crawled for real ------------------------------------------------------------------

PROBE_PATH = re.compile(r"/[a-z]{16}$")
GONE, LIVE, REDIRECTED = ("dead", "soft_404"), ("live", "ok"), ("live", "redirect_ok")
PARKED = ("dead", "parked")
LIVE_HTML = dict(LIVE_PAGES)
HOME = blowfish_page("Cadernos de campo", "<h1>Cadernos de campo</h1><p>Notas de campo.</p>")


def build() -> tuple[list[Site], dict[str, tuple[str, str]]]:
    sites = [
        Site(  # an honest 404 host whose removed post answers 200 with the not-found page
            "gl.test",
            routes={
                "/": HOME,
                "/contacto/": LIVE_HTML["contact-gl"],
                "/posts/erro-404/": LIVE_HTML["http-404-reference-gl"],
                "/posts/vello/": blowfish_404("gl"),
            },
            default=Route(status=404, body=blowfish_404("gl")),
        ),
        Site(  # catch-all 200: every unknown path answers the not-found page
            "hr.test",
            routes={"/bend/": LIVE_HTML["band-hr"], "/o-nama/": LIVE_HTML["contact-gl"]},
            default=Route(body=blowfish_404("hr")),
        ),
        Site(  # every unknown path redirected to an error page answering 200
            "eu.test",
            routes={"/404.html": blowfish_404("eu"), "/argazkiak/": LIVE_HTML["gallery-eu"]},
            default=Route(redirect="/404.html", status=302),
        ),
        *(
            Site(f"{lang.lower()}.test", default=Route(body=blowfish_404(lang)))
            for lang in ("ca", "da", "eo", "sr-Latn", "bn")
        ),
        Site("hextra.test", default=Route(body=dict(NOT_FOUND_PAGES)["hextra"])),
        Site(
            "book.test",
            routes={"/docs/old/": dict(NOT_FOUND_PAGES)["hugo-book"]},
            default=Route(status=404, body=dict(NOT_FOUND_PAGES)["hugo-book"]),
        ),
        Site(  # plain div chrome: short live pages alike but for their own text
            "pottery.test",
            routes={
                "/old-class/": DIV_CHROME_NOT_FOUND,
                **{f"/{name}/": html for name, html in DIV_CHROME_LIVE},
            },
            default=Route(status=404, body=DIV_CHROME_NOT_FOUND),
        ),
        Site("caddy.test", default=Route(body=CADDY_DEFAULT)),
        Site("caddy-root.test", routes={"/": CADDY_DEFAULT}),
        Site(  # a band named like the error, on an honest 404 host
            "band.test",
            routes={"/": HOME, "/band/": LIVE_HTML["band-en"]},
            default=Route(status=404, body=blowfish_404("da")),
        ),
        Site(  # locale roots redirect to the home page: not a missing page
            "locale.test",
            routes={"/": HOME},
            default=Route(status=404, body=blowfish_404("ca")),
        ),
    ]
    sites[-1].routes.update(
        {p: Route(redirect="/", status=301) for p in ("/en-us/", "/en/index.html", "/pt-br/")}
    )
    sites[-1].routes.update(
        {  # a page moved under a locale stays live; a product sent to the locale root is gone
            "/about/": Route(redirect="/en-us/about/", status=301),
            "/en-us/about/": LIVE_HTML["band-en"],
            "/en-gb/": HOME,
            "/products/old-kettle/": Route(redirect="/en-gb/", status=301),
        }
    )
    expected = {
        "http://gl.test/posts/vello/": GONE,
        "http://gl.test/contacto/": LIVE,
        "http://gl.test/posts/erro-404/": LIVE,
        "http://hr.test/posts/stari-clanak/": GONE,
        "http://hr.test/bend/": LIVE,
        "http://hr.test/o-nama/": LIVE,
        "http://eu.test/posts/zaharra/": GONE,
        "http://eu.test/argazkiak/": LIVE,
        **{f"http://{lang}.test/posts/old/": GONE for lang in ("ca", "da", "eo", "sr-latn", "bn")},
        "http://hextra.test/docs/old/": GONE,
        "http://book.test/docs/old/": GONE,
        "http://band.test/band/": LIVE,
        "http://pottery.test/old-class/": GONE,
        **{f"http://pottery.test/{name}/": LIVE for name, _html in DIV_CHROME_LIVE},
        "http://locale.test/about/": REDIRECTED,
        "http://locale.test/products/old-kettle/": ("dead", "soft_404"),
        "http://caddy.test/docs/install/": PARKED,
        "http://caddy-root.test/": PARKED,
        **{f"http://locale.test{p}": REDIRECTED for p in ("/en-us/", "/en/index.html", "/pt-br/")},
    }
    links = "".join(f'<li><a href="{u}">{u}</a></li>' for u in expected)
    hub = Site("heldout-hub.test", routes={"/": f"<html><body><ul>{links}</ul></body></html>"})
    return [hub, *sites], expected


SITES, EXPECTED = build()


@pytest.fixture(scope="module")
def heldout_crawl(tmp_path_factory):
    with LocalWeb(SITES) as web:
        tmp = tmp_path_factory.mktemp("heldout_pages")
        result = run_crawl(tmp, web, args={"seeds": "http://heldout-hub.test/", "depth": "0"})
        yield result, list(web.hits)


def test_the_crawl_finishes(heldout_crawl):
    result, _hits = heldout_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("url", "expected"), list(EXPECTED.items()))
def test_verdicts(heldout_crawl, url, expected):
    result, _hits = heldout_crawl
    row = result.targets()[url]
    assert (row["verdict"], row["reason"]) == expected, row["evidence"]


def test_at_most_one_probe_per_host(heldout_crawl):
    """The price of asking every short page's host: one request per host at most."""
    _result, hits = heldout_crawl
    probed = [host for _m, host, path in hits if PROBE_PATH.search(path)]
    assert probed and len(probed) == len(set(probed))
