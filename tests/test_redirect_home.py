"""A deep URL sent to a home page (its own host's or a shortener's) is gone; locale roots,
www/bare, https, slashes and index files are not — table tests of judge/redirect_home.py
and judge_soft_404, then a crawl of such redirects."""

from __future__ import annotations

import json

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.judge.page_facts import read_page
from linkprospector.judge.redirect_home import is_home_path, redirect_home_signal
from linkprospector.judge.soft404 import judge_soft_404, needs_probe
from tests.conftest import run_crawl
from tests.webs import page, ul


@pytest.mark.parametrize(
    ("path", "home"),
    [
        ("/", True),
        ("", True),
        ("/index.html", True),
        ("/default.aspx", True),
        ("/home/", True),
        ("/en/", True),
        ("/en", True),
        ("/en-us/", True),
        ("/en-GB", True),
        ("/pt_BR/", True),
        ("/es-419/", True),
        ("/zh-hans/", True),
        ("/en/index.html", True),
        ("/de/home", True),
        ("/blog/", False),
        ("/faq", False),
        ("/api/", False),
        ("/en/products/", False),
        ("/products/widget", False),
        ("/en-us/docs/page", False),
    ],
)
def test_is_home_path(path, home):
    assert is_home_path(path) is home


@pytest.mark.parametrize(
    ("url", "final_url", "signal"),
    [
        # a deep page sent to a home page in any spelling: gone
        ("https://shop.test/products/old-widget", "https://shop.test/", "redirect_home"),
        ("https://shop.test/products/old-widget", "https://shop.test/en-us/", "redirect_home"),
        ("https://shop.test/p/1", "https://shop.test/en/index.html", "redirect_home"),
        ("http://bare.test/2019/post", "https://www.bare.test/", "redirect_home"),
        # a shortener's deep link sent to the shortener's own home page: gone
        ("https://bit.ly/3xYzAbc", "https://bit.ly/", "redirect_home"),
        ("https://bit.ly/3xYzAbc", "https://bitly.com/", "redirect_home"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/", "redirect_home"),
        # ... to another site's home page: only the probe can tell
        ("https://bit.ly/3xYzAbc", "https://shop.test/", "redirector_home"),
        ("https://t.co/AbCdEf", "https://x.com/", "redirector_home"),
        # the same page under another spelling, or a locale root to the root: live
        ("https://ms.test/en-us/", "https://ms.test/", None),
        ("https://ms.test/en-gb", "https://ms.test/en-gb/", None),
        ("https://ms.test/en/index.html", "https://ms.test/", None),
        ("https://ms.test/index.html", "https://ms.test/", None),
        ("http://ms.test/", "https://www.ms.test/", None),
        ("https://ms.test/docs", "https://ms.test/docs/", None),
        ("http://ms.test/docs/page", "https://www.ms.test/docs/page", None),
        ("https://ms.test/docs/a/b", "https://ms.test/docs/", None),
    ],
)
def test_redirect_home_signal(url, final_url, signal):
    assert redirect_home_signal(url, final_url) == signal


HOME = "<html><head><title>Bitly</title></head><body><h1>Shorten links</h1></body></html>"
SHOP = "<html><head><title>Shop</title></head><body><h1>Garden tools</h1></body></html>"


@pytest.mark.parametrize(
    ("final_url", "probe", "dead"),
    [
        # the nonsense link lands where this one did: the shortener's "no such link"
        ("https://bitly.test/", {"status": 200, "final_url": "https://bitly.test/"}, True),
        # the nonsense link 404s or lands elsewhere: the link was made for that home page
        ("https://shop.test/", {"status": 404, "final_url": "https://sho.rt/zzz"}, False),
        ("https://shop.test/", {"status": 200, "final_url": "https://bitly.test/"}, False),
        ("https://shop.test/", None, False),
    ],
)
def test_a_redirector_landing_on_a_home_page_is_settled_by_the_probe(final_url, probe, dead):
    signals = ["redirector_home"]
    assert needs_probe(signals)
    if probe is not None:
        probe = {**probe, "facts": read_page(HOME)}
    text = HOME if "bitly" in final_url else SHOP
    assert judge_soft_404(signals, final_url, read_page(text), probe)[0] is dead


def _moved(location: str) -> Route:
    return Route(status=301, headers={"Location": location})


REDIRECTS = {
    # (url on the hub, where it ends, expected verdict, reason)
    "http://shop.test/products/old-widget": ("live", "redirect_ok", None),
    "http://shop.test/en-us/": ("live", "redirect_ok", None),
    "http://shop.test/en-gb": ("live", "redirect_ok", None),
    "http://shop.test/en/index.html": ("live", "redirect_ok", None),
    "http://shop.test/discontinued/item-9": ("dead", "soft_404", "redirect_home"),
    "http://bare.test/2019/post": ("dead", "soft_404", "redirect_home"),
    "http://bare.test/about": ("live", "redirect_ok", None),
    "http://bit.ly/gone42": ("dead", "soft_404", "redirect_home"),
    "http://bit.ly/shop": ("live", "redirect_ok", None),
    "http://tinyurl.com/gone7": ("dead", "soft_404", "probe_same_final_url"),
    "http://tinyurl.com/shop": ("live", "redirect_ok", None),
}


def test_a_crawl_judges_redirects_by_their_destination(tmp_path):
    shop = Site(
        "shop.test",
        routes={
            "/": page("Shop", "Garden tools and seeds for every season."),
            "/en-us/": _moved("http://shop.test/"),
            "/en-gb": _moved("http://shop.test/en-gb/"),
            "/en-gb/": page("Shop (UK)", "Garden tools and seeds."),
            "/en/index.html": _moved("http://shop.test/"),
            "/products/old-widget": _moved("http://shop.test/products/widget"),
            "/products/widget": page("Widget", "A widget for the garden."),
            "/discontinued/item-9": _moved("http://shop.test/en-us/"),
        },
    )
    bare = Site(
        "bare.test",
        routes={
            "/2019/post": _moved("http://www.bare.test/"),
            "/about": _moved("http://www.bare.test/about"),
        },
    )
    www = Site(
        "www.bare.test",
        routes={"/": page("Bare", "A blog."), "/about": page("About", "Who writes here.")},
    )
    # shorteners: a made link goes where it was made for, any other to the shortener's
    # own home page (bitly.com) or its "no such link" landing on another domain
    bitly = Site(
        "bit.ly", routes={"/shop": _moved("http://shop.test/")}, default=_moved("http://bitly.com/")
    )
    tinyurl = Site(
        "tinyurl.com",
        routes={"/shop": _moved("http://shop.test/")},
        default=_moved("http://landing.test/"),
    )
    homes = [
        Site("bitly.com", routes={"/": page("Bitly", "Shorten your links.")}),
        Site("landing.test", routes={"/": page("Short links", "Make your own short links.")}),
    ]
    hub = Site("redirects-hub.test", routes={"/": page("Links", ul([(u, u) for u in REDIRECTS]))})
    with LocalWeb([hub, shop, bare, www, bitly, tinyurl, *homes]) as web:
        result = run_crawl(
            tmp_path, web, args={"seeds": "http://redirects-hub.test/", "depth": "0"}
        )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = result.targets()
    for url, (verdict, reason, basis) in REDIRECTS.items():
        row = rows[url]
        assert (url, row["verdict"], row["reason"]) == (url, verdict, reason)
        if basis:
            assert json.loads(row["evidence"])["soft_404"]["basis"] == basis
