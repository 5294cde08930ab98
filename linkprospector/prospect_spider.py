"""ProspectSpider: the crawl machinery the project's spiders share.

A spider says what to crawl (seeds, scope, limits); judging links, scoring pages and
storing results happen in pure modules, middlewares and pipelines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from linkprospector import clock
from linkprospector.contact_pages import ContactPagePlanner
from linkprospector.contacts import extract_contacts
from linkprospector.extract import extract_links, parse_html
from linkprospector.items import ContactItem, LinkItem, PageItem, TargetItem
from linkprospector.middlewares.linkcheck import CHECK, error_kind, observation_from_state
from linkprospector.scoring import is_resource_page, resource_features, score_resource_page
from linkprospector.spider_args import load_seeds, parse_positive_int
from linkprospector.urls import (
    host_of,
    looks_like_non_html,
    site_of,
    strip_query_variants_key,
    trap_reason,
)
from linkprospector.verdicts import Observation, classify_check, evidence_json

DEPTH = "linkprospector_depth"
HTML_TYPES = (b"text/html", b"application/xhtml+xml")
MAX_QUERY_VARIANTS = 10


class ProspectSpider(scrapy.Spider):
    """Crawls pages of a set of sites and yields pages, links and checked targets."""

    role = "seed"
    checked_link_kinds: tuple[str, ...] = ("outbound",)
    record_internal_links = False
    default_max_pages = 300
    default_depth = 3

    def __init__(self, *args: Any, seeds: str | None = None, **kwargs: Any):
        options = self.parse_arguments(seeds=seeds, **kwargs)
        super().__init__(*args, **{k: v for k, v in kwargs.items() if k not in options})
        self.seed_urls: list[str] = options["seeds"].urls
        self.invalid_seeds: list[str] = options["seeds"].invalid
        self.max_pages: int = options["max_pages"]
        self.max_depth: int = options["depth"]
        self.sites: set[str] = {site_of(url) for url in self.seed_urls}
        self.pages_per_site: Counter[str] = Counter()
        self.query_variants: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ProspectSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        per_site = crawler.settings.getint("LINKPROSPECTOR_CONTACT_PAGES_PER_SITE", 3)
        spider.contact_pages = ContactPagePlanner(per_site)
        crawler.signals.connect(spider.visit_contact_pages, signal=signals.spider_idle)
        return spider

    @classmethod
    def parse_arguments(cls, **kwargs: Any) -> dict[str, Any]:
        """Validate spider arguments; raises ArgumentError with a one-line message."""
        return {
            "seeds": load_seeds(kwargs.get("seeds")),
            "max_pages": parse_positive_int(
                "max_pages", kwargs.get("max_pages"), cls.default_max_pages
            ),
            "depth": parse_positive_int("depth", kwargs.get("depth"), cls.default_depth),
        }

    async def start(self):
        for line in self.invalid_seeds:
            self.logger.warning("skipped invalid seed line: %s", line[:200])
        self.logger.info(
            "crawling %d seed URL(s) on %d site(s): max_pages=%d per site, depth=%d",
            len(self.seed_urls),
            len(self.sites),
            self.max_pages,
            self.max_depth,
        )
        for url in self.seed_urls:
            request = self.page_request(url, depth=0)
            if request is not None:
                yield request

    # -- pages -----------------------------------------------------------------

    def page_request(self, url: str, depth: int) -> scrapy.Request | None:
        """A request for a page of one of our sites, or None when limits forbid it."""
        site = site_of(url)
        if site not in self.sites:
            return None
        reason = trap_reason(url)
        if reason is None and looks_like_non_html(url):
            reason = "non_html"
        if reason is None:
            key = strip_query_variants_key(url)
            if key != url:
                self.query_variants[key] += 1
                if self.query_variants[key] > MAX_QUERY_VARIANTS:
                    reason = "query_variants"
        if reason is None and self.pages_per_site[site] >= self.max_pages:
            reason = "max_pages"
        if reason is not None:
            self.crawler.stats.inc_value(f"linkprospector/skipped/{reason}")
            return None
        self.pages_per_site[site] += 1
        return scrapy.Request(
            url, callback=self.parse_page, errback=self.page_failed, meta={DEPTH: depth}
        )

    def parse_page(self, response: Response) -> Iterator[Any]:
        site = site_of(response.url)
        if site not in self.sites:
            self.crawler.stats.inc_value("linkprospector/skipped/redirected_offsite")
            return
        content_type = response.headers.get(b"Content-Type", b"text/html").lower()
        if not isinstance(response, TextResponse) or not any(t in content_type for t in HTML_TYPES):
            self.crawler.stats.inc_value("linkprospector/skipped/non_html")
            return
        root = parse_html(response.text)
        extraction = extract_links(root, response.url)
        for reason, count in extraction.skipped.items():
            self.crawler.stats.inc_value(f"linkprospector/skipped_links/{reason}", count)
        outbound = [link for link in extraction.links if site_of(link.url) != site]
        features = resource_features(root, response.url, extraction.links, site)
        score, reasons = score_resource_page(features)
        yield PageItem(
            url=response.url,
            site=site,
            title=extraction.title,
            status=response.status,
            is_resource=is_resource_page(score),
            resource_score=round(score, 3),
            resource_reasons="; ".join(reasons),
            outbound_links=len(outbound),
            role=self.role,
            fetched_at=self.now(),
        )
        qualifies = is_resource_page(score) or bool(outbound)
        yield from self.contact_items(root, response.url, site, qualifies)
        for link in extraction.links:
            target_site = site_of(link.url)
            kind = "internal" if target_site == site else "outbound"
            if kind == "outbound" or self.record_internal_links:
                yield LinkItem(
                    source_url=response.url,
                    target_url=link.url,
                    anchor_text=link.anchor_text,
                    rel=link.rel,
                    kind=kind,
                    placement=link.placement,
                    source_site=site,
                    target_site=target_site,
                )
        depth = response.meta.get(DEPTH, 0)
        if depth < self.max_depth:
            for link in extraction.links:
                if site_of(link.url) == site:
                    request = self.page_request(link.url, depth + 1)
                    if request is not None:
                        yield request

    def page_failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        if failure.check(IgnoreRequest):  # robots.txt, offsite, size caps: by design
            self.logger.debug("page skipped: %s (%s)", url, failure.value)
            return
        self.crawler.stats.inc_value("linkprospector/pages_failed")
        self.logger.warning("page not crawled: %s (%s)", url, error_kind(failure.value))

    # -- contacts (issue 4) ----------------------------------------------------------

    def contact_items(self, root: Any, url: str, site: str, qualifies: bool) -> Iterator[Any]:
        """ContactItems for a page; remembers its contact-page links for later visits."""
        contacts = extract_contacts(root, url, site, site_of=site_of) if root is not None else []
        planner = getattr(self, "contact_pages", None)
        if planner is not None:
            planner.saw_page(site, url, contacts, qualifies)
        for contact in contacts:
            yield ContactItem(site, contact.kind, contact.value, url, contact.label)

    def visit_contact_pages(self) -> None:
        """When the crawl is idle: fetch a few contact/about pages of sites worth writing to
        (robots.txt obeyed, at most LINKPROSPECTOR_CONTACT_PAGES_PER_SITE per site)."""
        planned = [
            (site, url)
            for site, url in self.contact_pages.next_urls()
            if site in self.sites and site_of(url) == site and trap_reason(url) is None
        ]
        for _site, url in planned:
            self.crawler.stats.inc_value("linkprospector/contact_pages/requested")
            self.crawler.engine.crawl(
                scrapy.Request(url, callback=self.parse_contact_page, errback=self.contact_failed)
            )
        if planned:
            raise DontCloseSpider

    def parse_contact_page(self, response: Response) -> Iterator[Any]:
        site = site_of(response.url)
        if site not in self.sites or not isinstance(response, TextResponse):
            return
        self.crawler.stats.inc_value("linkprospector/contact_pages/fetched")
        yield from self.contact_items(parse_html(response.text), response.url, site, False)

    def contact_failed(self, failure: Failure) -> None:
        self.crawler.stats.inc_value("linkprospector/contact_pages/failed")
        self.logger.debug("contact page not fetched: %s", failure.value)

    # -- link checks -------------------------------------------------------------

    def should_check(self, url: str) -> bool:
        """Whether a target needs a check request in this run."""
        return True

    def parse_check(self, response: Response) -> Iterator[TargetItem]:
        yield self.target_item(response.meta[CHECK]["observation"])

    def check_failed(self, failure: Failure) -> Iterator[TargetItem]:
        state = failure.request.meta[CHECK]
        observation = state.get("observation") or observation_from_state(
            state, error=error_kind(failure.value), detail=str(failure.value)
        )
        yield self.target_item(observation)

    def target_item(self, observation: Observation) -> TargetItem:
        verdict = classify_check(observation)
        return TargetItem(
            url=observation.url,
            host=host_of(observation.url),
            verdict=verdict.verdict,
            reason=verdict.reason,
            status=observation.status,
            final_url=observation.final_url,
            checked_at=self.now(),
            evidence=evidence_json(observation),
            requests=observation.attempts,
        )

    def now(self) -> str:
        return clock.iso(clock.now(self.settings.get("LINKPROSPECTOR_NOW")))
