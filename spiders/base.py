"""ProspectSpider: the crawl machinery the project's spiders share.

A spider says what to crawl (seeds, scope, limits); judging links, scoring pages and
storing results happen in pure modules, middlewares and pipelines.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.crawl.browser import configure_rendering, render_domains_of
from linkprospector.crawl.check_requests import CHECK, error_kind, observation_from_state
from linkprospector.crawl.page_reader import PageReader, last_modified_of
from linkprospector.items import LinkItem, PageItem, PageLinksItem, TargetItem
from linkprospector.judge.history import RunFailures
from linkprospector.judge.page_reading import PageReading, budget_note
from linkprospector.judge.verdicts import Observation, classify_check, evidence_json
from linkprospector.reading.contact_pages import ContactPagePlanner
from linkprospector.reading.guest_posts import GUEST_POST, GuestPostVerdict
from linkprospector.reading.scoring import is_resource_page
from linkprospector.reading.url_traps import (
    MAX_DATE_WALK_PAGES,
    date_walk_key,
    looks_like_non_html,
    strip_query_variants_key,
    trap_reason,
)
from linkprospector.reading.urls import host_of, site_of
from linkprospector.store.crawl_store import CrawlStore
from linkprospector.store.freshness import load_fresh_pages, load_fresh_targets
from linkprospector.store.replay import REPLAY
from spiders.contact_visits import ContactVisits
from spiders.meta import DEPTH, FOUND_BY, RENDER
from spiders.page_rendering import PageRendering
from spiders.params import CrawlParams

#: Keyword arguments the spider parses itself (they do not become attributes as given).
PARSED = frozenset(
    {"seeds", "domains", "max_pages", "depth", "render", "render_domains", "recheck",
     "keywords", "research", "search_depth", "mine", "exclude"}
)  # fmt: skip

HTML_TYPES = (b"text/html", b"application/xhtml+xml")
MAX_QUERY_VARIANTS = 10


class ProspectSpider(ContactVisits, PageRendering, scrapy.Spider):
    """Crawls pages of a set of sites and yields pages, links and checked targets."""

    role = "seed"
    checked_link_kinds: tuple[str, ...] = ("outbound",)
    record_internal_links = False
    replay_fresh_pages = True  # fresh pages are replayed from the database, not fetched
    default_max_pages = 300
    default_depth = 3

    def __init__(self, *args: Any, params: CrawlParams | None = None, **kwargs: Any):
        params = params or self.parse_arguments(**kwargs)
        super().__init__(*args, **{k: v for k, v in kwargs.items() if k not in PARSED})
        self.params = params
        self.seed_urls: list[str] = params.seeds.urls
        self.invalid_seeds: list[str] = params.seeds.invalid
        self.max_pages: int = params.max_pages
        self.max_depth: int = params.depth
        self.sites: set[str] = {site_of(url) for url in self.seed_urls}
        self.pages_per_site: Counter[str] = Counter()
        self.requested_pages: set[str] = set()
        self.query_variants: Counter[str] = Counter()
        self.date_walks: Counter[str] = Counter()
        self.invalid_targets: set[str] = set()  # malformed hrefs stored this run
        self.recheck: str = params.recheck  # "all" ignores freshness
        self.fresh_targets: set[str] | None = None  # loaded once, on the first link
        self.fresh_pages: set[str] | None = None  # loaded once, on the first page
        self.render_mode: str = params.render
        self.render_domains: tuple[str, ...] = params.render_domains
        self.browser: str | None = None
        self.browser_error: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ProspectSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Settings are still writable here: the browser handler is installed only if needed.
        spider.render_domains = render_domains_of(spider.render_domains, Config.of(crawler))
        spider.browser, spider.browser_error = configure_rendering(crawler, spider.render_mode)
        per_site = Config.of(crawler).contact_pages_per_site
        spider.contact_pages = ContactPagePlanner(per_site)
        crawler.signals.connect(spider.visit_contact_pages, signal=signals.spider_idle)
        return spider

    @classmethod
    def parse_arguments(cls, **kwargs: Any) -> CrawlParams:
        """The spider's arguments, typed; raises ArgumentError with a one-line message."""
        return CrawlParams.parse(kwargs, cls.default_max_pages, cls.default_depth)

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
        if site not in self.sites or url in self.requested_pages:
            return None  # a page is counted against max_pages once, not per link to it
        reason = trap_reason(url)
        if reason is None and looks_like_non_html(url):
            reason = "non_html"
        if reason is None:
            key = strip_query_variants_key(url)
            if key != url:
                self.query_variants[key] += 1
                if self.query_variants[key] > MAX_QUERY_VARIANTS:
                    reason = "query_variants"
        if reason is None:
            walk = date_walk_key(url)
            if walk is not None:
                self.date_walks[walk] += 1
                if self.date_walks[walk] > MAX_DATE_WALK_PAGES:
                    reason = "date_walk"
        if reason is None and self.pages_per_site[site] >= self.max_pages:
            reason = "max_pages"
        if reason is not None:
            self.crawler.stats.inc_value(f"linkprospector/skipped/{reason}")
            return None
        self.pages_per_site[site] += 1
        self.requested_pages.add(url)
        meta: dict[str, Any] = {DEPTH: depth}
        if self.replay_fresh_pages and url in self.load_fresh_pages():
            meta[REPLAY] = True
        return scrapy.Request(url, callback=self.parse_page, errback=self.page_failed, meta=meta)

    def database(self) -> Any:
        """The crawl's database, from its one store (None: no database configured).
        The spider never opens it itself."""
        return CrawlStore.of(self.crawler).db if Config.of(self.crawler).db else None

    def load_fresh_pages(self) -> set[str]:
        """Pages fetched recently enough to be replayed (the recheck policy)."""
        if self.fresh_pages is None:
            self.fresh_pages = load_fresh_pages(
                self.database(), Config.of(self.crawler), self.role, self.recheck == "all"
            )
            if self.fresh_pages:
                self.logger.info(
                    "%d known pages are still fresh and will be replayed from the database",
                    len(self.fresh_pages),
                )
        return self.fresh_pages

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        reading = await self.read_response(response)
        if reading is not None:
            for item in self.page_items(response, reading):
                yield item

    async def read_response(
        self, response: Response, soft404_urls: list[tuple[str, str]] | None = None
    ) -> PageReading | None:
        """The page read off the reactor thread, under its budget (None: not ours, not HTML)."""
        site = site_of(response.url)
        if site not in self.sites:
            self.crawler.stats.inc_value("linkprospector/skipped/redirected_offsite")
            return None
        content_type = response.headers.get(b"Content-Type", b"text/html").lower()
        if not isinstance(response, TextResponse) or not any(t in content_type for t in HTML_TYPES):
            self.crawler.stats.inc_value("linkprospector/skipped/non_html")
            return None
        render, replayed = response.meta.get(RENDER), bool(response.meta.get(REPLAY))
        steps = ["soft404"] if soft404_urls else []
        if not render and not replayed and self.render_mode == "auto":
            steps.append("render")
        if not replayed:
            steps += ["score", "guest_post", "contacts", "page_text"]
        return await PageReader.of(self.crawler).read_response(
            response, site=site, steps=steps, soft404_urls=soft404_urls or (), now=self.now()
        )

    def page_items(self, response: Response, reading: PageReading) -> Iterator[Any]:
        """The page's row, contacts, links, further page requests, from its reading."""
        site = site_of(response.url)
        extraction = reading.extraction
        for reason, count in extraction.skipped.items():
            self.crawler.stats.inc_value(f"linkprospector/skipped_links/{reason}", count)
        link_sites = {link.url: site_of(link.url) for link in extraction.links}
        outbound = [link for link in extraction.links if link_sites[link.url] != site]
        render = response.meta.get(RENDER)
        raw_links = set(render["raw_links"]) if render else set()
        if render:
            self.count_rendered(response, extraction.links, raw_links)
        replayed = bool(response.meta.get(REPLAY))
        if replayed:
            self.crawler.stats.inc_value("linkprospector/pages_replayed")
        render_request = (
            None
            if render or replayed
            else self.render_request(response, extraction.links, reading.render_reason)
        )
        if not replayed:  # a replayed page keeps its stored row and contacts
            yield from self.page_and_contacts(
                response, reading, site, outbound, render, render_request
            )
        link_items = []
        for link in extraction.links:
            if link.url in raw_links:
                continue  # stored from the raw HTML already
            target_site = link_sites[link.url]
            kind = "internal" if target_site == site else "outbound"
            if kind == "outbound" or self.record_internal_links:
                link_items.append(_link_item(response.url, link, kind, site, target_site, render))
        for link in extraction.invalid:  # broken for every reader: stored, never requested
            link_items.append(_link_item(response.url, link, "invalid", site, "", render))
            if link.url not in self.invalid_targets:
                self.invalid_targets.add(link.url)
                yield self.target_item(
                    Observation(url=link.url, error="invalid_url", error_detail=link.url[:300])
                )
        if link_items:
            yield PageLinksItem(response.url, link_items)
        depth = response.meta.get(DEPTH, 0)
        if depth < self.max_depth:
            for link in extraction.links:
                if link_sites[link.url] == site and link.url not in raw_links:
                    request = self.page_request(link.url, depth + 1)
                    if request is not None:
                        yield request
        if render_request is not None:
            yield render_request

    def page_and_contacts(
        self,
        response: Response,
        reading: PageReading,
        site: str,
        outbound: list[Any],
        render: Any,
        render_request: scrapy.Request | None,
    ) -> Iterator[Any]:
        """The page's row (scored) and its contacts; a page over its reading budget keeps
        what was read in time and says what was skipped in its reasons."""
        extraction = reading.extraction
        outbound_urls = {link.url for link in outbound}
        score, reasons = reading.score or 0.0, list(reading.reasons or [])
        if reading.over_budget is not None:
            reasons.append(budget_note(reading))
        guest = reading.guest or GuestPostVerdict(None)
        resource = is_resource_page(score)
        page = PageItem(
            url=response.url,
            site=site,
            title=extraction.title,
            status=response.status,
            is_resource=resource,
            resource_score=round(score, 3),
            resource_reasons="; ".join(reasons),
            outbound_links=len(outbound),
            internal_links=json.dumps(
                [link.url for link in extraction.links if link.url not in outbound_urls]
            ),
            role=self.role,
            fetched_at=self.now(),
            rendered=bool(render),
            prospect_kind=GUEST_POST
            if guest.kind == GUEST_POST
            else "resource"
            if resource
            else None,
            guest_post_score=guest.score,
            guest_post_reasons="; ".join(guest.reasons) if guest.kind else "",
            found_by=response.meta.get(FOUND_BY, ""),
            **reading.page_text_fields(last_modified_of(response)),  # relevance, freshness
        )
        qualifies = resource or bool(outbound) or guest.kind == GUEST_POST
        yield from self.contact_items(reading.contacts or [], response.url, site, qualifies)
        if render_request is None:
            yield page
        else:  # one row per page: the rendered one, or this one if rendering fails
            render_request.meta[RENDER]["raw_page"] = page

    def page_failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        if failure.check(IgnoreRequest):  # robots.txt, offsite, size caps: by design
            self.crawler.stats.inc_value("linkprospector/pages_refused")
            self.logger.debug("page skipped: %s (%s)", url, failure.value)
            return
        self.crawler.stats.inc_value("linkprospector/pages_failed")
        self.logger.warning("page not crawled: %s (%s)", url, error_kind(failure.value))

    # -- link checks -------------------------------------------------------------

    def should_check(self, url: str) -> bool:
        """Whether a target needs a check request in this run (not while still fresh)."""
        if self.fresh_targets is None:
            self.fresh_targets = load_fresh_targets(
                self.database(), Config.of(self.crawler), self.recheck == "all"
            )
            self.logger.info(
                "%d known targets are still fresh and will not be re-checked",
                len(self.fresh_targets),
            )
        if url in self.fresh_targets:
            self.crawler.stats.inc_value("linkprospector/targets/fresh")
            return False
        return True

    def parse_check(self, response: Response) -> Iterator[TargetItem]:
        yield self.target_item(response.meta[CHECK]["observation"])

    def check_failed(self, failure: Failure) -> Iterator[TargetItem]:
        state = failure.request.meta[CHECK]
        observation = state.get("observation") or observation_from_state(
            state, error=error_kind(failure.value), detail=str(failure.value)
        )
        yield self.target_item(observation)

    def confirmation_due(self, url: str) -> bool:
        """Whether a target that failed earlier in this run needs its confirmation check."""
        return self.run_failures.due(url, time.monotonic())

    @property
    def run_failures(self) -> RunFailures:
        if not hasattr(self, "_run_failures"):
            hours = Config.of(self.crawler).confirm_hours
            self._run_failures = RunFailures(hours)
        return self._run_failures

    def target_item(self, observation: Observation) -> TargetItem:
        verdict = classify_check(observation)
        if verdict.verdict == "dead" and observation.error != "invalid_url":
            # for a confirmation within a long run (a malformed href needs none)
            self.run_failures.failed(observation.url, time.monotonic())
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
        return clock.iso(clock.now(Config.of(self.crawler).now))


def _link_item(source: str, link: Any, kind: str, site: str, target_site: str, render: Any):
    """The LinkItem of one extracted link of the page ``source``."""
    return LinkItem(
        source_url=source,
        target_url=link.url,
        anchor_text=link.anchor_text,
        rel=link.rel,
        kind=kind,
        placement=link.placement,
        source_site=site,
        target_site=target_site,
        rendered=bool(render),
    )
