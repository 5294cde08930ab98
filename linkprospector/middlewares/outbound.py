"""OutboundLinkSpiderMiddleware: one check request per distinct link target per run."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from linkprospector.config import Config
from linkprospector.crawl.check_requests import make_check_request
from linkprospector.items import LinkItem, PageLinksItem


class OutboundLinkSpiderMiddleware:
    """Watches links leaving the spider and schedules a check for each new target.

    Links come as a page's PageLinksItem (or, from other spiders, single LinkItems).

    Which link kinds are checked is the spider's ``checked_link_kinds`` (outbound by
    default); the check's callbacks are the spider's ``parse_check``/``check_failed``.
    """

    def __init__(self, crawler: Any):
        if not Config.of(crawler).checks:
            # A sharded run crawls pages first; each target's own shard checks it later.
            raise NotConfigured("LINKPROSPECTOR_CHECKS is off")
        self.crawler = crawler
        self.stats = crawler.stats
        self.method = Config.of(crawler).check_method.upper()
        if self.method not in ("GET", "HEAD"):
            self.method = "GET"
        self.scheduled: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> OutboundLinkSpiderMiddleware:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_idle, signal=signals.spider_idle)
        return middleware

    def spider_idle(self) -> None:
        """Targets a spider held back while it crawled (its ``deferred_checks``, such as a
        competitor's own URLs its crawl did not answer) are checked once it is idle."""
        deferred = getattr(self.crawler.spider, "deferred_checks", None)
        urls = deferred() if deferred is not None else []
        if not urls:
            return
        for url in urls:
            self.stats.inc_value("linkprospector/targets/scheduled")
            self.crawler.engine.crawl(self._request(url))
        raise DontCloseSpider

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterable[Any]:
        for item in result:
            yield item
            yield from self._checks_for(item)

    async def process_spider_output_async(
        self, response: Any, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for item in result:
            yield item
            for request in self._checks_for(item):
                yield request

    def _checks_for(self, item: Any) -> list[Any]:
        if isinstance(item, PageLinksItem):
            links = item.links
        elif isinstance(item, LinkItem):
            links = [item]
        else:
            return []
        requests = (self._check_for(link) for link in links)
        return [request for request in requests if request is not None]

    def _check_for(self, item: LinkItem) -> Any:
        spider = self.crawler.spider
        if item.kind not in getattr(spider, "checked_link_kinds", ("outbound",)):
            return None
        url = item.target_url
        if url in self.scheduled:
            # a target that failed long enough ago in this run is checked again
            confirm = getattr(spider, "confirmation_due", None)
            if confirm is None or not confirm(url):
                return None
            self.stats.inc_value("linkprospector/targets/confirmation_checks")
            return self._request(url)
        self.scheduled.add(url)
        if not spider.should_check(url):
            return None
        self.stats.inc_value("linkprospector/targets/scheduled")
        return self._request(url)

    def _request(self, url: str) -> Any:
        spider = self.crawler.spider
        return make_check_request(url, spider.parse_check, spider.check_failed, method=self.method)
