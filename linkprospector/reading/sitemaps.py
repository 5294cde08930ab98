"""Sitemap discovery and parsing: pure functions, no Scrapy imports.

Sitemaps are found through ``Sitemap:`` lines of robots.txt and the conventional
``/sitemap.xml``. A sitemap is a ``<urlset>`` (page URLs), a ``<sitemapindex>`` (more
sitemaps), or a plain-text list of URLs; any of them may be gzip-compressed.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

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

_SITEMAP_LINE_RE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.I)
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class Sitemap:
    """What one sitemap lists: page URLs (``urlset``/``text``) or sitemaps (``sitemapindex``)."""

    kind: str | None  # urlset | sitemapindex | text | None (not a sitemap)
    urls: list[str] = field(default_factory=list)

    @property
    def is_index(self) -> bool:
        return self.kind == INDEX


def sitemaps_from_robots(robots_txt: str, robots_url: str) -> list[str]:
    """Absolute, normalised sitemap URLs named by ``Sitemap:`` lines, in order, deduplicated."""
    found: list[str] = []
    for line in robots_txt.splitlines():
        match = _SITEMAP_LINE_RE.match(line.split("#", 1)[0])
        if not match:
            continue
        url = normalize_url(urljoin(robots_url, match.group(1)))
        if url and url not in found:
            found.append(url)
    return found


def default_sitemap_url(site_url: str) -> str:
    """``/sitemap.xml`` at the root of the host of ``site_url``."""
    return urljoin(site_url, DEFAULT_SITEMAP_PATH)


def robots_url(site_url: str) -> str:
    """``/robots.txt`` at the root of the host of ``site_url``."""
    return urljoin(site_url, "/robots.txt")


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
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return Sitemap(None)
    if root is None or not isinstance(root.tag, str):
        return Sitemap(None)
    kind = etree.QName(root).localname.lower()
    if kind not in (URLSET, INDEX):
        return Sitemap(None)
    child = "url" if kind == URLSET else "sitemap"
    urls: list[str] = []
    seen: set[str] = set()
    for entry in root:
        if not isinstance(entry.tag, str) or etree.QName(entry).localname.lower() != child:
            continue
        loc = next(
            (
                e.text
                for e in entry
                if isinstance(e.tag, str) and etree.QName(e).localname.lower() == "loc"
            ),
            None,
        )
        url = normalize_url(urljoin(base_url, loc.strip())) if loc and loc.strip() else None
        if url and url not in seen:
            seen.add(url)
            urls.append(url)
            if len(urls) >= MAX_SITEMAP_URLS:
                break
    return Sitemap(kind, urls)


def _parse_text(data: bytes) -> Sitemap:
    urls: list[str] = []
    seen: set[str] = set()
    for line in data.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if not line.lower().startswith(("http://", "https://")):
            continue
        url = normalize_url(line)
        if url and url not in seen:
            seen.add(url)
            urls.append(url)
            if len(urls) >= MAX_SITEMAP_URLS:
                break
    return Sitemap(TEXT if urls else None, urls)
