"""PitchPagesPipeline: the user's own pages and the sentences around links, into SQLite
(tables ``my_pages`` and ``link_contexts``), in batches."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from scrapy import signals

from linkprospector.config import Config
from linkprospector.items import LinkContextsItem, MyPageItem
from linkprospector.store.crawl_store import CrawlStore
from linkprospector.store.storage import StoreError

logger = logging.getLogger(__name__)


class PitchPagesPipeline:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        config = Config.of(crawler)
        self.enabled = bool(config.db)
        self.batch_size = config.batch_size
        self.pages: list[dict] = []
        self.contexts: list[dict] = []

    @classmethod
    def from_crawler(cls, crawler: Any) -> PitchPagesPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.crawler.signals.connect(self.flush, signal=signals.spider_closed)

    def process_item(self, item: Any) -> Any:
        if not self.enabled:
            return item
        if isinstance(item, MyPageItem):
            self.pages.append(dict(vars(item)))
        elif isinstance(item, LinkContextsItem):
            self.contexts += [
                {"source_url": item.source_url, "target_url": target, "sentence": sentence,
                 "seen_at": item.seen_at}
                for target, sentence in item.sentences.items()
            ]  # fmt: skip
        if len(self.pages) + len(self.contexts) >= self.batch_size:
            self.flush()
        return item

    def flush(self, *args: Any, **kwargs: Any) -> None:
        if not (self.pages or self.contexts):
            return
        try:
            CrawlStore.of(self.crawler).store.save_pitch_pages(self.pages, self.contexts)
        except (StoreError, sqlite3.Error) as exc:
            logger.error("pages of your site / link sentences not recorded: %s", exc)
        self.pages, self.contexts = [], []
