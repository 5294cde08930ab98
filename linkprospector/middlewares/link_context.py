"""LinkContextSpiderMiddleware: the sentence around each outbound link of a crawled page,
kept so a pitch can quote where on the page a dead link sits."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy.http import TextResponse

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.items import LinkContextsItem, PageLinksItem
from linkprospector.reading.extract import parse_html
from linkprospector.reading.link_context import link_sentences
from linkprospector.store.replay import REPLAY


class LinkContextSpiderMiddleware:
    """After a page's links item, one LinkContextsItem with the sentences of its outbound links."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.now = Config.of(crawler).now

    @classmethod
    def from_crawler(cls, crawler: Any) -> LinkContextSpiderMiddleware:
        return cls(crawler)

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterable[Any]:
        for item in result:
            yield item
            context = self._context_for(response, item)
            if context is not None:
                yield context

    async def process_spider_output_async(
        self, response: Any, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for item in result:
            yield item
            context = self._context_for(response, item)
            if context is not None:
                yield context

    def _context_for(self, response: Any, item: Any) -> LinkContextsItem | None:
        if not isinstance(item, PageLinksItem) or not isinstance(response, TextResponse):
            return None
        targets = {link.target_url for link in item.links if link.kind == "outbound"}
        if not targets or response.url != item.source_url or response.meta.get(REPLAY):
            return None  # a page replayed from the database keeps the sentences stored
        sentences = link_sentences(parse_html(response.text), response.url, targets)
        if not sentences:
            return None
        self.crawler.stats.inc_value("linkprospector/link_sentences", len(sentences))
        return LinkContextsItem(item.source_url, sentences, clock.iso(clock.now(self.now)))
