"""The real resource and look-alike pages of tests/fixtures/resource_pages (see its
SOURCES.md), with their URLs and classes from cases.toml, and a loopback web serving them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from linkprospector.demo.localweb import Route, Site
from linkprospector.reading.extract import extract_links, parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "resource_pages"


@dataclass(frozen=True)
class Case:
    name: str
    url: str
    resource: bool

    @property
    def html(self) -> str:
        return (FIXTURES / f"{self.name}.html").read_text(encoding="utf-8")

    @property
    def http_url(self) -> str:
        """The URL on the loopback web (plain HTTP)."""
        return "http://" + self.url.split("://", 1)[1]


def cases() -> list[Case]:
    table = tomllib.loads((FIXTURES / "cases.toml").read_text(encoding="utf-8"))
    return [Case(name, row["url"], row["resource"]) for name, row in table.items()]


def fixture_web() -> list[Site]:
    """Every case on its own host and path, and every host the pages link to answering
    200, so that link checks find live pages (an https link meets a plain HTTP server and
    stays unknown: never dead)."""
    pages: dict[str, dict[str, Route | str]] = {}
    for case in cases():
        parts = urlsplit(case.http_url)
        pages.setdefault(parts.hostname, {})[parts.path] = case.html
    targets: set[str] = set()
    for case in cases():
        for link in extract_links(parse_html(case.html), case.http_url).links:
            host = urlsplit(link.url).hostname or ""
            if host and host not in pages and "." in host:
                targets.add(host)
    ok = Route(body="<!doctype html><title>A site</title><p>Welcome.</p>")
    return [Site(host, routes=routes, robots="") for host, routes in pages.items()] + [
        Site(host, default=ok, robots="") for host in sorted(targets)
    ]
