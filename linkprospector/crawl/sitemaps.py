"""Sitemap discovery and parsing, with Scrapy's sitemap helpers.

Sitemaps are found through ``Sitemap:`` lines of robots.txt (read once per site by the
robots middleware's parser, handed over with ``signals.robots_parsed``) and the
conventional ``/sitemap.xml``. A sitemap is a ``<urlset>`` (page URLs), a
``<sitemapindex>`` (more sitemaps), both read by ``scrapy.utils.sitemap.Sitemap`` (a
streaming lxml parser that resolves no entities), or a plain-text list of URLs; any of
them may be gzip-compressed. Here: the caps, the normalisation and the text format.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree
from scrapy.utils.sitemap import Sitemap as ScrapySitemap

from linkprospector.reading.urls import normalize_url

#: Sitemaps may hold 50,000 URLs and 50 MB uncompressed (sitemaps.org); a bit of slack.
MAX_SITEMAP_BYTES = 64 * 1024 * 1024
MAX_SITEMAP_URLS = 50_000
#: How deep sitemap indexes may nest (index -> index -> urlset) before we stop.
MAX_INDEX_DEPTH = 3
#: Sitemaps fetched per site at most.
MAX_SITEMAPS_PER_SITE = 50

URLSET, INDEX, TEXT = "urlset", "sitemapindex", "text"
DEFAULT_SITEMAP_PATH = "/sitemap.xml"
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class Sitemap:
    """What one sitemap lists: page URLs (``urlset``/``text``) or sitemaps (``sitemapindex``)."""

    kind: str | None  # urlset | sitemapindex | text | None (not a sitemap)
    urls: list[str] = field(default_factory=list)

    @property
    def is_index(self) -> bool:
        return self.kind == INDEX


def sitemap_urls(urls: Iterable[str], base_url: str = "") -> list[str]:
    """Absolute, normalised URLs, in order, without duplicates, at most MAX_SITEMAP_URLS."""
    found: list[str] = []
    seen: set[str] = set()
    for raw in urls:
        url = normalize_url(urljoin(base_url, raw.strip())) if raw and raw.strip() else None
        if url and url not in seen:
            seen.add(url)
            found.append(url)
            if len(found) >= MAX_SITEMAP_URLS:
                break
    return found


def sitemaps_from_robots(sitemap_lines: Iterable[str], robots_url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt as its parser read them (Protego's
    ``sitemaps``), made absolute against ``robots_url``, normalised, deduplicated."""
    return sitemap_urls(sitemap_lines, robots_url)


def default_sitemap_url(site_url: str) -> str:
    """``/sitemap.xml`` at the root of the host of ``site_url``."""
    return urljoin(site_url, DEFAULT_SITEMAP_PATH)


def decompress(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """The body, gunzipped when it is gzip data (at most ``limit`` bytes; b"" if corrupt)."""
    if not body.startswith(_GZIP_MAGIC):
        return body[:limit]
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        return inflater.decompress(body, limit)
    except zlib.error:
        return b""


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    """Parse a sitemap (XML urlset or index, or plain text; gzip or not) into a Sitemap."""
    data = decompress(body).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not data:
        return Sitemap(None)
    if data.startswith(b"<"):
        return _parse_xml(data, base_url)
    return _parse_text(data)


def _parse_xml(data: bytes, base_url: str) -> Sitemap:
    try:
        parsed = ScrapySitemap(data)
        kind = (parsed.type or "").lower()
        if kind not in (URLSET, INDEX):
            return Sitemap(None)
        entries = (entry.get("loc", "") for entry in parsed)
        return Sitemap(kind, sitemap_urls(entries, base_url))
    except (etree.XMLSyntaxError, StopIteration, ValueError):
        return Sitemap(None)


def _parse_text(data: bytes) -> Sitemap:
    lines = data.decode("utf-8", "replace").splitlines()
    urls = sitemap_urls(
        line for line in lines if line.strip().lower().startswith(("http://", "https://"))
    )
    return Sitemap(TEXT if urls else None, urls)
