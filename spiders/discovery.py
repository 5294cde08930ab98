"""Keywords to seeds: the search glue of the ``resource_pages`` spider.

``-a keywords="home brewing,kombucha"`` with ``-s LINKPROSPECTOR_SEARCH=searxng|brave``:
each keyword × footprint query is asked of the provider (one request at a time, at the
provider's pace), remembered in SQLite, and its results become seeds crawled at a shallow
depth. The judgement lives in ``linkprospector/reading/``: footprints.py (queries),
search_providers.py (requests and answers), search_results.py (results to seeds).
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.crawl.check_requests import error_kind
from linkprospector.discovery.footprints import (
    GUEST_FOOTPRINTS,
    PROVIDERS,
    RESOURCE_FOOTPRINTS,
    Query,
    build_queries,
    parse_footprints,
    parse_keywords,
)
from linkprospector.discovery.search_providers import Provider, interpret, search_request
from linkprospector.discovery.search_results import select_seeds
from linkprospector.inputs.spider_args import (
    ArgumentError,
    SeedList,
    load_seeds,
    parse_choice,
    parse_positive_int,
)
from linkprospector.items import SearchItem
from linkprospector.reading.rendering import parse_domains
from linkprospector.reading.urls import registrable_domain, site_of
from linkprospector.store.competitor_queries import competitor_sites
from linkprospector.store.searches import remembered_searches
from spiders.meta import FOUND_BY
from spiders.params import CrawlParams, ResourcePagesParams

SEARCH = "linkprospector_search"
RETRIES = 3


def discovery_problem(params: Any, config: Config, environ=os.environ) -> str:
    """One line when keywords cannot be searched as configured ("" when fine)."""
    if not getattr(params, "keywords", ()):
        return ""
    hint = (
        "set -s LINKPROSPECTOR_SEARCH=searxng with -s LINKPROSPECTOR_SEARXNG_URL=http://…, "
        "or -s LINKPROSPECTOR_SEARCH=brave with BRAVE_API_KEY in the environment"
    )
    if not config.search:
        return f"keywords need a search provider: {hint}"
    if config.search not in PROVIDERS:
        return f"unknown LINKPROSPECTOR_SEARCH {config.search!r} (known: {', '.join(PROVIDERS)})"
    if config.search == "searxng":
        parts = urlsplit(config.searxng_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return (
                "LINKPROSPECTOR_SEARCH=searxng needs LINKPROSPECTOR_SEARXNG_URL, the instance's "
                f"address (e.g. http://localhost:8888), got {config.searxng_url!r}"
            )
    if config.search == "brave" and not environ.get("BRAVE_API_KEY", "").strip():
        return (
            "LINKPROSPECTOR_SEARCH=brave needs BRAVE_API_KEY in the environment "
            "(a key from https://api-dashboard.search.brave.com)"
        )
    return ""


class KeywordDiscovery:
    """Mixin for a ProspectSpider: ``keywords`` become seeds through a search provider."""

    settings_problem = staticmethod(discovery_problem)  # asked by the preflight

    @classmethod
    def parse_arguments(cls, **kwargs: Any) -> ResourcePagesParams:
        keywords = parse_keywords(kwargs.get("keywords"))
        try:
            seeds = load_seeds(kwargs.get("seeds")) if kwargs.get("seeds") or not keywords else None
        except ArgumentError as exc:
            if str(exc).startswith("missing seeds"):
                raise ArgumentError(
                    f'{exc}, or -a keywords="home brewing,kombucha" with a search provider'
                ) from None
            raise
        crawl = CrawlParams.parse(
            kwargs, cls.default_max_pages, cls.default_depth, seeds=seeds or SeedList()
        )
        if not keywords and not crawl.seeds.urls and not crawl.seeds.invalid:
            raise ArgumentError('missing seeds: use -a seeds=FILE or -a keywords="…"')
        return ResourcePagesParams(
            **vars(crawl),
            keywords=tuple(keywords),
            research=parse_choice("research", kwargs.get("research"), ("due", "all"), "due"),
            search_depth=parse_positive_int("search_depth", kwargs.get("search_depth"), 1),
            mine=parse_domains(kwargs.get("mine")),
            exclude=parse_domains(kwargs.get("exclude")),
        )

    def __init__(self, *args: Any, params: ResourcePagesParams | None = None, **kwargs: Any):
        params = params or self.parse_arguments(**kwargs)
        super().__init__(*args, params=params, **kwargs)  # type: ignore[call-arg]
        self.keywords: list[str] = list(params.keywords)
        self.research: str = params.research
        self.search_depth: int = params.search_depth
        self.excluded_domains: set[str] = {*params.mine, *params.exclude}
        self.search_queue: list[Query] = []
        self.search_found: list[tuple[str, list[str]]] = []
        self.seeded: set[str] = set()
        self.search_counts: Counter[str] = Counter()

    async def start(self):
        async for request in super().start():  # type: ignore[misc]
            yield request
        if not self.keywords:
            return
        config = Config.of(self.crawler)
        self.provider = Provider(
            config.search,
            config.searxng_url if config.search == "searxng" else config.brave_url,
            os.environ.get("BRAVE_API_KEY", "").strip(),
        )
        queries = build_queries(
            self.keywords,
            config.search,
            parse_footprints(config.search_resource_footprints, RESOURCE_FOOTPRINTS),
            parse_footprints(config.search_guest_footprints, GUEST_FOOTPRINTS),
        )
        db = self.database()
        self.excluded_domains |= set(competitor_sites(db) if db is not None else [])
        self.excluded_domains |= {
            registrable_domain(urlsplit(u).hostname or "") for u in self.seed_urls
        }
        remembered = {}
        if self.research != "all":
            remembered = remembered_searches(
                db, config.search, clock.now(config.now), config.search_window_days
            )
        for query in queries:
            if query.text in remembered:
                self.search_counts["remembered"] += 1
                self.search_found.append((query.text, remembered[query.text]))
            else:
                self.search_queue.append(query)
        self.logger.info(
            "search: %d queries for %d keyword(s) on %s (%d remembered from the last %g days, "
            "%d to ask)",
            len(queries), len(self.keywords), config.search, self.search_counts["remembered"],
            config.search_window_days, len(self.search_queue),
        )  # fmt: skip
        for request in self.new_seed_requests():
            yield request
        if self.search_queue:
            yield self.search_page(self.search_queue.pop(0), 1, [])

    def search_page(self, query: Query, page: int, urls: list[str], attempt: int = 1):
        url, headers = search_request(self.provider, query.text, page)
        meta = {
            SEARCH: {"query": query, "page": page, "urls": urls, "attempt": attempt},
            "dont_obey_robotstxt": True,
            "allow_offsite": True,
            "handle_httpstatus_all": True,
            "dont_retry": True,
            "download_timeout": Config.of(self.crawler).check_timeout,
        }
        return scrapy.Request(
            url, headers=headers, meta=meta, callback=self.parse_search,
            errback=self.search_failed, dont_filter=True, priority=50,
        )  # fmt: skip

    async def parse_search(self, response: Response):
        state = response.meta[SEARCH]
        query, page = state["query"], state["page"]
        headers = {
            k.decode("latin-1").lower(): v[-1].decode("latin-1")
            for k, v in response.headers.items()
            if v
        }
        answer = interpret(self.provider, response.status, headers, response.body, page)
        self.search_counts["requests"] += 1
        if answer.problem:
            (self.logger.error if answer.stop else self.logger.warning)(
                "search: %s", answer.problem
            )
        if answer.stop:
            self.crawler.stats.set_value("linkprospector/search/failed", answer.problem)
            self.search_queue.clear()
            self.log_search_summary()
            return
        if answer.retry and state["attempt"] <= RETRIES:
            backoff = Config.of(self.crawler).retry_backoff * 2 ** (state["attempt"] - 1)
            await asyncio.sleep(answer.retry_after if answer.retry_after is not None else backoff)
            yield self.search_page(query, page, state["urls"], state["attempt"] + 1)
            return
        urls = state["urls"] + [r.url for r in answer.results]
        if answer.wait:
            await asyncio.sleep(answer.wait)
        if answer.more and answer.results and page < Config.of(self.crawler).search_pages:
            yield self.search_page(query, page + 1, urls)
            return
        for item_or_request in self.query_done(query, page, urls):
            yield item_or_request

    def search_failed(self, failure: Failure):
        state = failure.request.meta[SEARCH]
        kind = error_kind(failure.value)
        if kind in ("reset", "dns_temporary", "timeout") and state["attempt"] <= RETRIES:
            yield self.search_page(
                state["query"], state["page"], state["urls"], state["attempt"] + 1
            )
            return
        self.logger.warning("search: %r failed (%s): %s", state["query"].text, kind, failure.value)
        self.search_counts["failed"] += 1
        yield from self.query_done(state["query"], state["page"], state["urls"])

    def query_done(self, query: Query, page: int, urls: list[str]):
        config = Config.of(self.crawler)
        yield SearchItem(
            provider=config.search, query=query.text, keyword=query.keyword, kind=query.kind,
            searched_at=clock.iso(clock.now(config.now)), pages=page, result_urls=urls,
        )  # fmt: skip
        self.search_counts["asked"] += 1
        self.search_found.append((query.text, urls))
        yield from self.new_seed_requests()
        if self.search_queue:
            yield self.search_page(self.search_queue.pop(0), 1, [])
        else:
            self.log_search_summary()

    def new_seed_requests(self):
        """Page requests for the seeds the results give that were not requested yet."""
        seeds, dropped = select_seeds(
            self.search_found,
            self.excluded_domains,
            Config.of(self.crawler).search_seeds_per_site,
        )
        self.search_dropped = dropped
        start_depth = max(self.max_depth - self.search_depth, 0)
        for seed in seeds:
            if seed.url in self.seeded:
                continue
            self.seeded.add(seed.url)
            self.sites.add(site_of(seed.url))
            request = self.page_request(seed.url, depth=start_depth)
            if request is not None:
                request.meta[FOUND_BY] = seed.query
                self.crawler.stats.inc_value("linkprospector/search/seeds")
                yield request

    def log_search_summary(self) -> None:
        dropped = ", ".join(
            f"{n} {why}" for why, n in sorted(getattr(self, "search_dropped", {}).items())
        )
        self.logger.info(
            "search done: %d queries asked (%d requests, %d failed), %d remembered, %d seeds "
            "(dropped: %s)",
            self.search_counts["asked"], self.search_counts["requests"],
            self.search_counts["failed"], self.search_counts["remembered"], len(self.seeded),
            dropped or "none",
        )  # fmt: skip
