"""Sitemap discovery and parsing (pure functions)."""

from __future__ import annotations

import gzip

import pytest
from protego import Protego

from linkprospector.crawl.sitemaps import (
    INDEX,
    TEXT,
    URLSET,
    decompress,
    default_sitemap_url,
    parse_sitemap,
    sitemaps_from_robots,
)

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


@pytest.mark.parametrize(
    ("robots", "expected"),
    [
        ("User-agent: *\nDisallow:\n", []),
        ("Sitemap: http://a.test/sitemap.xml\n", ["http://a.test/sitemap.xml"]),
        ("sitemap:http://a.test/s.xml", ["http://a.test/s.xml"]),
        ("SITEMAP:   /relative.xml  # comment", ["http://a.test/relative.xml"]),
        (
            "Sitemap: http://a.test/1.xml\nUser-agent: *\nSitemap: http://a.test/2.xml.gz\n"
            "Sitemap: http://a.test/1.xml\n",
            ["http://a.test/1.xml", "http://a.test/2.xml.gz"],
        ),
        ("# Sitemap: http://a.test/commented.xml\n", []),
        ("Sitemap: http://A.TEST:80/x.xml#frag", ["http://a.test/x.xml"]),
        ("Sitemap: javascript:alert(1)", []),
        ("Disallow: /sitemap.xml", []),
    ],
)
def test_sitemaps_from_robots(robots, expected):
    """As the robots middleware's parser (Protego) reads the file, then normalised."""
    lines = Protego.parse(robots).sitemaps
    assert sitemaps_from_robots(lines, "http://a.test/robots.txt") == expected


def test_well_known_urls():
    assert default_sitemap_url("https://a.test/blog/post?x=1") == "https://a.test/sitemap.xml"


def _urlset(*locs: str) -> bytes:
    return f"<urlset {NS}>{''.join(f'<url><loc>{u}</loc></url>' for u in locs)}</urlset>".encode()


@pytest.mark.parametrize(
    ("body", "kind", "urls"),
    [
        (_urlset("http://a.test/", "http://a.test/b"), URLSET, ["http://a.test/", "http://a.test/b"]),
        (
            b'<?xml version="1.0"?>\n<sitemapindex ' + NS.encode() + b">"
            b"<sitemap><loc> http://a.test/s1.xml </loc><lastmod>2024</lastmod></sitemap>"
            b"<sitemap><loc>http://a.test/s2.xml.gz</loc></sitemap></sitemapindex>",
            INDEX,
            ["http://a.test/s1.xml", "http://a.test/s2.xml.gz"],
        ),
        (gzip.compress(_urlset("http://a.test/gz")), URLSET, ["http://a.test/gz"]),
        (b"\xef\xbb\xbf" + _urlset("http://a.test/bom"), URLSET, ["http://a.test/bom"]),
        (_urlset("/relative", "http://a.test/x", "http://a.test/x"), URLSET,
         ["http://a.test/relative", "http://a.test/x"]),
        (b"<urlset><url><loc>http://a.test/no-ns</loc></url></urlset>", URLSET,
         ["http://a.test/no-ns"]),
        (_urlset("mailto:x@a.test", ""), URLSET, []),
        (b"http://a.test/one\n\nhttps://a.test/two\nnot a url\n", TEXT,
         ["http://a.test/one", "https://a.test/two"]),
        (b"<html><body>Not found</body></html>", None, []),
        (b"", None, []),
        (b"\x1f\x8b\x08garbage", None, []),
        (b"just words", None, []),
        # entities are not expanded (no XXE, no billion laughs)
        (
            b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b"<urlset><url><loc>http://a.test/&e;</loc></url></urlset>",
            URLSET,
            ["http://a.test/"],
        ),
    ],
)  # fmt: skip
def test_parse_sitemap(body, kind, urls):
    sitemap = parse_sitemap(body, "http://a.test/sitemap.xml")
    assert (sitemap.kind, sitemap.urls) == (kind, urls)
    assert sitemap.is_index == (kind == INDEX)


def test_decompress_is_capped():
    bomb = gzip.compress(b"\0" * (4 * 1024 * 1024))
    assert len(decompress(bomb, limit=1024)) == 1024
    assert decompress(b"plain", limit=3) == b"pla"
