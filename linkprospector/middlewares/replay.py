"""FreshPageReplayDownloaderMiddleware: answers fresh pages from the database."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse

from linkprospector.store.crawl_store import CrawlStore
from linkprospector.store.replay import REPLAY, replay_html


class FreshPageReplayDownloaderMiddleware:
    """Requests marked ``meta["linkprospector_replay"]`` get their stored page back.

    Runs before robots.txt and the network (priority 50), so a fresh page costs no request.
    """

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> FreshPageReplayDownloaderMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> HtmlResponse | None:
        if not request.meta.get(REPLAY):
            return None
        body = replay_html(CrawlStore.of(self.crawler).db, request.url)
        if body is None:
            request.meta[REPLAY] = False  # not stored after all: fetch it
            return None
        self.stats.inc_value("linkprospector/pages/replayed")
        return HtmlResponse(
            request.url, status=200, body=body.encode("utf-8"), encoding="utf-8", request=request
        )
