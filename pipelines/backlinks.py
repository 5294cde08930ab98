"""BacklinksPipeline: each checked backlink (referring page × my URL) stored with its
history; when the run ends, the toxic signals only the whole set shows (one commercial
anchor on many domains, sitewide footer/sidebar links), judged in ``judge/toxic.py``."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from scrapy.exceptions import NotConfigured

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.items import BacklinkItem
from linkprospector.judge.backlink_history import changes_line
from linkprospector.judge.toxic import WEIGHTS, repeated_anchor_signals, sitewide_signals
from linkprospector.store.crawl_store import CrawlStore

logger = logging.getLogger(__name__)


class BacklinksPipeline:
    """For spiders that declare ``checks_backlinks = True``; runs after SQLitePipeline,
    which opens the run."""

    def __init__(self, crawler: Any):
        if not getattr(crawler.spidercls, "checks_backlinks", False):
            raise NotConfigured("the spider checks no backlinks")
        self.crawler = crawler
        self.stats = crawler.stats
        config = Config.of(crawler)
        self.confirm_hours = config.confirm_hours
        self.anchor_domains = config.toxic_anchor_domains
        self.now_override = config.now
        self.changes: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Any) -> BacklinksPipeline:
        return cls(crawler)

    def run_id(self) -> int | None:
        """The run SQLitePipeline opened (None: the database could not be used)."""
        return self.stats.get_value("linkprospector/run_id")

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, BacklinkItem) or self.run_id() is None:
            return item
        store = CrawlStore.of(self.crawler).store
        now = clock.iso(clock.now(self.now_override))
        transitions = store.record_backlink(vars(item), self.run_id(), now, self.confirm_hours)
        self.stats.inc_value(f"linkprospector/backlinks/{item.state}")
        self.changes.update(transitions)
        return item

    def close_spider(self) -> None:
        """Before SQLitePipeline records the run's end: its stats carry the change line."""
        if self.run_id() is None:
            return
        store = CrawlStore.of(self.crawler).store
        site = self.crawler.spider.domain
        repeated = repeated_anchor_signals(
            store.live_backlinks(), site, self.anchor_domains, WEIGHTS["repeated_anchor"]
        )
        self.stats.set_value(
            "linkprospector/backlinks/repeated_anchor", store.add_toxic_signals(repeated)
        )
        sitewide = sitewide_signals(store.live_backlinks(), WEIGHTS["sitewide"])
        self.stats.set_value("linkprospector/backlinks/sitewide", store.add_toxic_signals(sitewide))
        line = changes_line(self.run_id(), self.changes)
        logger.info("%s", line)
        self.stats.set_value("linkprospector/backlink_changes", line)
