"""Which contact/about pages to visit for sites worth writing to: pure, no Scrapy.

A site qualifies when one of its crawled pages is a resource-page prospect or links out
(so it may host a dead link). For each qualifying site at most ``per_site`` extra pages
are fetched: contact pages first, then about pages, among those its pages link to and the
crawl did not fetch; a site with no known contact page gets its home page first, to find
one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from linkprospector.reading.contacts import Contact

PAGE_KINDS = ("contact_page", "about_page")


class ContactPagePlanner:
    """Remembers what the crawl saw and hands out a bounded list of pages to visit."""

    def __init__(self, per_site: int = 3):
        self.per_site = per_site
        self.fetched: set[str] = set()
        self.requested: set[str] = set()
        self.qualifying: set[str] = set()
        self.budget: dict[str, int] = defaultdict(lambda: per_site)
        self.candidates: dict[str, dict[str, str]] = defaultdict(dict)  # site -> url -> kind
        self.homes: dict[str, str] = {}

    def saw_page(self, site: str, url: str, contacts: Iterable[Contact], qualifies: bool) -> None:
        """Record a fetched page of ``site``, the contact pages it links to, and whether it
        makes the site worth writing to."""
        self.fetched.add(url)
        parts = urlsplit(url)
        self.homes.setdefault(site, urlunsplit((parts.scheme, parts.netloc, "/", "", "")))
        for contact in contacts:
            if contact.kind in PAGE_KINDS:
                self.candidates[site].setdefault(contact.value, contact.kind)
        if qualifies:
            self.qualifying.add(site)

    def next_urls(self) -> list[tuple[str, str]]:
        """(site, URL) pairs to fetch now; each is handed out once, within the budget."""
        planned = []
        for site in sorted(self.qualifying):
            candidates = self.candidates[site]
            wanted = sorted(
                (url for url in candidates if url not in self.fetched | self.requested),
                key=lambda url: (PAGE_KINDS.index(candidates[url]), len(url), url),
            )
            if not candidates and site in self.homes:
                home = self.homes[site]
                wanted = [] if home in self.fetched | self.requested else [home]
            for url in wanted[: self.budget[site]]:
                self.budget[site] -= 1
                self.requested.add(url)
                planned.append((site, url))
        return planned
