"""End to end on loopback: real not-found, default and placeholder pages behind the host
behaviours met in the wild (honest 404, catch-all 200, a redirect to an error page, every
path one lander), crawled by the real spiders, middlewares and pipelines."""

from __future__ import annotations

import json
import re

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from tests.conftest import run_crawl
from tests.real_pages import (
    APP_SHELL,
    LANDERS,
    LIVE_LOOK_ALIKES,
    SERVER_DEFAULTS,
    WP_DISCONTINUED,
    fixture,
    stack_404,
)
from tests.webs import page, ul

PROBE_PATH = re.compile(r"/[a-z]{16}$")
GONE = ("dead", "soft_404")
LIVE = ("live", "ok")
PARKED = ("dead", "parked")


def honest(html: str) -> Route:
    """An honest 404 carrying the theme's not-found page."""
    return Route(status=404, body=html)


def build() -> tuple[list[Site], dict[str, tuple[str, str]]]:
    """The sites and every target's expected (verdict, reason)."""
    wp_404 = fixture("wordpress-twentytwentyfour-404.html")
    stack_en = stack_404("en")
    look_alikes = dict(LIVE_LOOK_ALIKES)
    sites = [
        # honest 404 hosts: a removed page answers 200 with the theme's not-found page
        Site(
            "stack.test",
            routes={
                "/": look_alikes["stack-post"],
                "/p/old-post/": stack_en,
                "/about/": look_alikes["stack-about"],
                "/http/404/": look_alikes["stack-status-reference"],
            },
            default=honest(stack_en),
        ),
        Site(
            "pottery.test",
            routes={
                "/band/": look_alikes["wp-band"],
                "/song/": look_alikes["wp-song"],
                "/glaze/": look_alikes["wp-glaze-recipes"],
                "/fix-404/": look_alikes["wp-about-errors"],
                "/shop/celadon-vase/": WP_DISCONTINUED,
                "/2019/old-class/": wp_404,
            },
            default=honest(wp_404),
        ),
        Site(
            "papermod.test",
            routes={"/posts/gone/": fixture("hugo-papermod-404.html")},
            default=honest(fixture("hugo-papermod-404.html")),
        ),  # fmt: skip
        # catch-all 200 hosts: every unknown path answers the not-found page
        Site("fluid.test", default=Route(body=fixture("hexo-fluid-404-zh-CN.html"))),
        Site("docusaurus.test", default=Route(body=fixture("docusaurus-404-zh-Hans.html"))),
        Site("mdbook.test", default=Route(body=fixture("mdbook-404.html"))),
        Site("stack-ru.test", default=Route(body=stack_404("ru"))),
        Site("stack-id.test", default=Route(body=stack_404("id"))),
        # every unknown path redirected to an error page answering 200
        Site(
            "butterfly.test",
            routes={"/404.html": fixture("hexo-butterfly-404-ja.html")},
            default=Route(redirect="/404.html", status=302),
        ),
        # placeholder hosts: every path the same page, or the default page at the root
        Site("nginx-default.test", default=Route(body=SERVER_DEFAULTS["nginx"])),
        Site("apache-root.test", routes={"/": SERVER_DEFAULTS["apache2-debian"]}),
        Site("soon-root.test", routes={"/": LANDERS[6][2]}),  # other paths: an honest 404
        Site("lighttpd.test", default=Route(body=SERVER_DEFAULTS["lighttpd-debian"])),
        *(Site(f"{name}.test", default=Route(body=html)) for name, _group, html in LANDERS),
        Site(
            "lander-redirect.test",
            routes={"/sale": LANDERS[0][2]},
            default=Route(redirect="/sale", status=302),
        ),
        # every path sent home, where the lander is
        Site(
            "lander-home.test", routes={"/": LANDERS[1][2]}, default=Route(redirect="/", status=301)
        ),  # fmt: skip
        # a single-page app: one shell on every path, titled like an error
        Site("band-app.test", default=Route(body=APP_SHELL)),
        # a real small site whose shop is "coming soon"
        Site(
            "small-site.test",
            routes={
                "/": page(
                    "Tinker Notes",
                    "<h1>Tinker Notes</h1><p>"
                    + "Notes on repairs. " * 30
                    + "</p><h2>Shop</h2><p>Our shop is coming soon.</p>",
                ),
                "/shop/": page("Shop coming soon", "<h1>Shop coming soon</h1><p>Soon.</p>"),
            },
        ),  # fmt: skip
    ]
    expected = {
        "http://stack.test/p/old-post/": GONE,
        "http://stack.test/about/": LIVE,
        "http://stack.test/http/404/": LIVE,
        "http://pottery.test/band/": LIVE,
        "http://pottery.test/song/": LIVE,
        "http://pottery.test/glaze/": LIVE,
        "http://pottery.test/fix-404/": LIVE,
        "http://pottery.test/shop/celadon-vase/": GONE,
        "http://pottery.test/2019/old-class/": GONE,
        "http://papermod.test/posts/gone/": GONE,
        "http://fluid.test/2021/05/old-post/": GONE,
        "http://docusaurus.test/docs/old-guide": GONE,
        "http://mdbook.test/ch3-old.html": GONE,
        "http://stack-ru.test/p/staraya-statya/": GONE,
        "http://stack-id.test/p/artikel-lama/": GONE,
        "http://butterfly.test/2020/01/old/": GONE,
        "http://nginx-default.test/": PARKED,
        "http://nginx-default.test/blog/post": PARKED,
        "http://apache-root.test/": PARKED,
        "http://soon-root.test/": PARKED,
        "http://lighttpd.test/docs/": PARKED,
        "http://lander-redirect.test/": PARKED,
        "http://lander-home.test/old/page": PARKED,
        "http://band-app.test/tour/": LIVE,
        "http://small-site.test/": LIVE,
        "http://small-site.test/shop/": LIVE,
    }
    expected.update({f"http://{name}.test/old/page": PARKED for name, _g, _h in LANDERS})
    hub = Site("real-hub.test", routes={"/": page("Resources", ul([(u, u) for u in expected]))})
    return [hub, *sites], expected


SITES, EXPECTED = build()


@pytest.fixture(scope="module")
def real_crawl(tmp_path_factory):
    with LocalWeb(SITES) as web:
        tmp = tmp_path_factory.mktemp("real_pages")
        result = run_crawl(tmp, web, args={"seeds": "http://real-hub.test/", "depth": "0"})
        yield result, list(web.hits)


def test_the_crawl_finishes(real_crawl):
    result, _hits = real_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("url", "expected"), list(EXPECTED.items()))
def test_verdicts(real_crawl, url, expected):
    result, _hits = real_crawl
    row = result.targets()[url]
    assert (row["verdict"], row["reason"]) == expected, row["evidence"]


def test_at_most_one_probe_per_host(real_crawl):
    _result, hits = real_crawl
    probed = [host for _m, host, path in hits if PROBE_PATH.search(path)]
    assert probed and len(probed) == len(set(probed))


def test_placeholder_hosts_are_recorded_host_wide(real_crawl):
    result, _hits = real_crawl
    hosts = {row["host"]: row for row in result.db["hosts"].rows if row["parked"]}
    assert {"nginx-default.test", "apache-root.test", "lighttpd.test"} <= set(hosts)
    assert hosts["nginx-default.test"]["parked_signature"] == "placeholder:server_default"
    assert "small-site.test" not in hosts


def test_evidence_names_the_host_answer(real_crawl):
    result, _hits = real_crawl
    soft = json.loads(result.targets()["http://stack.test/p/old-post/"]["evidence"])["soft_404"]
    assert soft["basis"] == "probe_same_content" and soft["probe"]["status"] == 404
    redirected = json.loads(result.targets()["http://butterfly.test/2020/01/old/"]["evidence"])
    assert redirected["soft_404"]["basis"] == "probe_same_final_url"
