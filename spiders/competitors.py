"""``scrapy crawl competitors -a domains=rival-one.com,rival-two.com [-a max_pages=2000]``.

Crawls each competitor site thoroughly (links plus sitemaps from robots.txt and
``/sitemap.xml``), records every page and every link, and checks outbound and internal
link targets. A crawled page's own response is its check; internal link targets the
crawl did not answer for itself (beyond max_pages or depth, redirects to pages already
fetched, non-HTML files) get one check request once the crawl is idle.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from linkprospector.config import Config
from linkprospector.crawl.check_requests import BODY_TEXT_CHARS
from linkprospector.crawl.sitemaps import (
    MAX_INDEX_DEPTH,
    MAX_SITEMAP_BYTES,
    MAX_SITEMAPS_PER_SITE,
    default_sitemap_url,
    parse_sitemap,
    sitemaps_from_robots,
)
from linkprospector.items import TargetItem
from linkprospector.judge.page_reading import PageReading
from linkprospector.judge.soft404 import soft_404_signals
from linkprospector.judge.verdicts import Hop, Observation
from linkprospector.reading.url_traps import trap_reason
from linkprospector.reading.urls import host_of, normalize_url, site_of
from linkprospector.store.competitor_queries import parse_domains
from spiders.base import ProspectSpider
from spiders.params import CompetitorsParams, CrawlParams

SITEMAP_DEPTH = "linkprospector_sitemap_depth"


class CompetitorsSpider(ProspectSpider):
    """Crawls competitor sites: every page, every link, dead outbound links and dead pages."""

    name = "competitors"
    role = "competitor"
    checked_link_kinds = ("outbound", "internal")
    record_internal_links = True
    replay_fresh_pages = False  # every crawled page is its own check: always fetched
    default_max_pages = 2000
    default_depth = 50

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.resolved: set[str] = set()  # internal URLs with a verdict, or robots-forbidden
        self.internal_targets: set[str] = set()
        self.idle_checked: set[str] = set()
        self.sitemaps_seen: set[str] = set()
        self.sitemaps_per_site: Counter[str] = Counter()
        self.robots: dict[str, Any] = {}  # host -> the robots middleware's parser

    @classmethod
    def parse_arguments(cls, **kwargs: Any) -> CompetitorsParams:
        """``domains`` (required; ``seeds`` is accepted as its alias) and the shared options."""
        domains = kwargs.get("domains")
        seeds = parse_domains(kwargs.get("seeds") if domains is None else domains)
        crawl = CrawlParams.parse(kwargs, cls.default_max_pages, cls.default_depth, seeds=seeds)
        return CompetitorsParams(**vars(crawl))

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> CompetitorsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        return spider

    async def start(self):
        async for request in super().start():
            yield request
        for url in dict.fromkeys(default_sitemap_url(url) for url in self.seed_urls):
            request = self.sitemap_request(url, depth=0)
            if request is not None:
                yield request

    # -- sitemaps ----------------------------------------------------------------

    def robots_parsed(self, robotparser: Any, request: scrapy.Request) -> None:
        """robots.txt as the robots middleware fetched and parsed it (once per site): its
        rules for our internal checks, its ``Sitemap:`` lines for the crawl."""
        host = host_of(request.url)
        if site_of(request.url) not in self.sites:
            return
        self.robots[host] = robotparser
        rules = getattr(robotparser, "rp", None)  # Protego
        lines = list(rules.sitemaps) if rules is not None else []
        for url in sitemaps_from_robots(lines, request.url):
            request = self.sitemap_request(url, depth=0)
            if request is not None:
                self.crawler.engine.crawl(request)

    def sitemap_request(self, url: str, depth: int) -> scrapy.Request | None:
        """A request for a sitemap of one of our sites, or None (seen, offsite, too many)."""
        site = site_of(url)
        if site not in self.sites or url in self.sitemaps_seen or depth > MAX_INDEX_DEPTH:
            return None
        if self.sitemaps_per_site[site] >= MAX_SITEMAPS_PER_SITE:
            self.crawler.stats.inc_value("linkprospector/skipped/max_sitemaps")
            return None
        self.sitemaps_seen.add(url)
        self.sitemaps_per_site[site] += 1
        return scrapy.Request(
            url,
            callback=self.parse_sitemap,
            errback=self.sitemap_failed,
            meta={SITEMAP_DEPTH: depth, "download_maxsize": MAX_SITEMAP_BYTES},
            priority=5,
        )

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        sitemap = parse_sitemap(response.body, response.url)
        if sitemap.kind is None:
            self.crawler.stats.inc_value("linkprospector/sitemaps/unreadable")
            return
        self.crawler.stats.inc_value("linkprospector/sitemaps/read")
        self.crawler.stats.inc_value("linkprospector/sitemaps/urls", len(sitemap.urls))
        depth = response.meta.get(SITEMAP_DEPTH, 0)
        for url in sitemap.urls:
            if sitemap.is_index:
                request = self.sitemap_request(url, depth + 1)
            else:
                request = self.page_request(url, depth=1)
            if request is not None:
                yield request

    def sitemap_failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        self.logger.debug("no sitemap/robots at %s (%s)", getattr(request, "url", "?"), failure)

    # -- pages: the crawl's own responses are the checks of internal URLs ------

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        """The page's own check, then the page: both read off the reactor thread (its
        soft-404 signals are one step of the page's reading)."""
        observation = page_observation(response)
        pairs = [
            (obs.url, obs.final_url)
            for obs in (observation, final_observation(observation))
            if obs is not None and self.soft404_applies(obs)
        ]
        reading = await self.read_response(response, soft404_urls=pairs)
        for item in self.page_targets(response, reading):
            yield item
        if reading is not None:
            for item in self.page_items(response, reading):
                yield item

    def page_failed(self, failure: Failure) -> Iterator[TargetItem]:
        super().page_failed(failure)
        request = getattr(failure, "request", None)
        if failure.check(HttpError):
            yield from self.page_targets(failure.value.response)
        elif (
            request is not None
            and failure.check(IgnoreRequest)
            and "robots.txt" in str(failure.value)
        ):
            self.resolved.add(request.url)  # never fetched, never checked

    def page_targets(
        self, response: Response, reading: PageReading | None = None
    ) -> Iterator[TargetItem]:
        """TargetItems for the URL a page response answered (and its final URL)."""
        observation = page_observation(response)
        for obs in (observation, final_observation(observation)):
            if obs is None:
                continue
            url = normalize_url(obs.url) or obs.url
            if url in self.resolved:
                continue
            if self.maybe_soft_404(obs, reading):
                # left for the idle check, whose soft-404 probe can tell
                self.crawler.stats.inc_value("linkprospector/targets/soft404_suspects")
                continue
            self.resolved.add(url)
            obs.url = url
            yield self.target_item(obs)

    def soft404_applies(self, observation: Observation) -> bool:
        """Whether a page answer is one whose soft-404 signals matter (2xx, probe on)."""
        status = observation.status or 0
        return 200 <= status < 300 and Config.of(self.crawler).soft404_probe

    def maybe_soft_404(self, observation: Observation, reading: PageReading | None = None) -> bool:
        """Whether a 2xx page answer looks like a soft 404 (judged by a real check). A page
        whose reading ran out of budget before its signals is left to a real check too."""
        if not self.soft404_applies(observation):
            return False
        if reading is not None and "soft404" in reading.skipped:
            return True
        known = (reading.soft404 or {}) if reading is not None else {}
        if observation.url in known:
            return bool(known[observation.url])
        return bool(soft_404_signals(observation.url, observation.final_url, observation.body_text))

    # -- link checks -------------------------------------------------------------

    def should_check(self, url: str) -> bool:
        """Outbound targets now; our own sites' URLs when the crawl is idle (if not crawled)."""
        if site_of(url) in self.sites:
            self.internal_targets.add(url)
            return False
        return super().should_check(url)

    def deferred_checks(self) -> list[str]:
        """The internal link targets the crawl did not answer for itself, to be checked
        now that it is idle (asked by the outbound middleware, which checks them)."""
        pending = []
        for url in sorted(self.internal_targets - self.resolved - self.idle_checked):
            # super().should_check: not while a recent check is still fresh
            if trap_reason(url) is None and self.robots_allow(url) and super().should_check(url):
                pending.append(url)
        self.idle_checked.update(pending)
        if pending:
            self.crawler.stats.inc_value("linkprospector/targets/internal_checks", len(pending))
        return pending

    def robots_allow(self, url: str) -> bool:
        """Whether robots.txt of our own site lets us fetch ``url`` (True if unknown)."""
        rules = self.robots.get(host_of(url))
        if rules is None:
            return True
        agent = self.settings.get("ROBOTSTXT_USER_AGENT") or self.settings.get("USER_AGENT")
        return rules.allowed(url, agent or "*")


def page_observation(response: Response) -> Observation:
    """The check observation a crawled page's response amounts to (redirects included)."""
    meta = response.request.meta if response.request is not None else {}
    redirect_urls = list(meta.get("redirect_urls", []))
    reasons = list(meta.get("redirect_reasons", []))
    chain = [
        Hop(url=url, status=reason if isinstance(reason, int) else 301)
        for url, reason in zip(redirect_urls, reasons, strict=False)
    ]
    chain.append(Hop(url=response.url, status=response.status))
    body_text = response.text[:BODY_TEXT_CHARS] if isinstance(response, TextResponse) else ""
    return Observation(
        url=redirect_urls[0] if redirect_urls else response.url,
        chain=chain,
        attempts=len(chain) + int(meta.get("retry_times", 0)),
        body_text=body_text,
        content_type=response.headers.get(b"Content-Type", b"").decode("latin-1"),
    )


def final_observation(observation: Observation) -> Observation | None:
    """For a redirected page, the observation of its final URL on its own, else None."""
    if len(observation.chain) < 2:
        return None
    return Observation(
        url=observation.final_url,
        chain=[observation.chain[-1]],
        attempts=1,
        body_text=observation.body_text,
        content_type=observation.content_type,
    )
