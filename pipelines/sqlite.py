"""SQLitePipeline: batched writes of pages, links, targets and contacts, one run row."""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.crawl.runlock import run_lock_problem
from linkprospector.inputs.niche_args import parse_niche
from linkprospector.items import (
    ContactItem,
    LinkItem,
    PageItem,
    PageLinksItem,
    SearchItem,
    TargetItem,
)
from linkprospector.judge.history import format_changes
from linkprospector.store import history_store
from linkprospector.store.crawl_store import CrawlStore
from linkprospector.store.storage import Store, StoreError

logger = logging.getLogger(__name__)

TABLES = {PageItem: "pages", LinkItem: "links", TargetItem: "targets", ContactItem: "contacts"}
FLUSH_SECONDS = 2.0


class SQLitePipeline:
    """Buffers items and writes them in one transaction per batch (never one per item)."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.stats = crawler.stats
        config = Config.of(crawler)
        self.path = config.db
        if not self.path:
            raise NotConfigured("LINKPROSPECTOR_DB is empty")
        self.batch_size = config.batch_size
        self.now_override = config.now
        self.confirm_hours = config.confirm_hours
        self.buffer: dict[str, list[dict]] = {table: [] for table in TABLES.values()}
        self.pending = 0
        self.last_flush = time.monotonic()
        self.store: Store | None = None
        self.run_id: int | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> SQLitePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        problem = run_lock_problem(self.path)  # one run at a time per database
        if problem:
            logger.error("%s", problem)
            self.crawler.engine.close_spider(self.crawler.spider, "database_locked")
            return
        try:
            self.store = CrawlStore.of(self.crawler).store
        except StoreError as exc:
            logger.error("%s", exc)
            self.crawler.engine.close_spider(self.crawler.spider, "database_error")
            return
        stale = self.store.mark_stale_runs(self._now())
        if stale:
            logger.warning("%d earlier run(s) had been killed before finishing", stale)
        spider = self.crawler.spider
        args = {k: getattr(spider, k, None) for k in ("seed_urls", "max_pages", "max_depth")}
        args.update(getattr(spider, "run_args", {}))  # what a spider adds (backlinks: site)
        self.run_id = self.store.start_run(spider.name, args, self._now())
        niche = parse_niche(getattr(spider, "niche", None))  # checked before the crawl
        if niche is not None:
            self.store.record_niche(niche.keywords, niche.pages, clock.parse_time(self._now()))
        self.store.set_run_pid(self.run_id, os.getpid())
        history_store.RUNS_OF_THIS_PROCESS.add(self.run_id)
        self.stats.set_value("linkprospector/run_id", self.run_id)
        self.stats.set_value("linkprospector/db", self.store.name)  # a server: no password

    def process_item(self, item: Any) -> Any:
        if self.store is None:
            return item
        now = self._now()
        if isinstance(item, PageLinksItem):
            for link in item.links:
                self.add_row("links", link, now)
        elif type(item) in TABLES:
            self.add_row(TABLES[type(item)], item, now)
        elif isinstance(item, SearchItem):  # rare: written at once, not batched
            self.store.record_search(vars(item), self.run_id)
            self.stats.inc_value("linkprospector/search/recorded")
        else:
            return item
        if self.pending >= self.batch_size or time.monotonic() - self.last_flush > FLUSH_SECONDS:
            self.flush()
        return item

    def add_row(self, table: str, item: Any, now: str) -> None:
        row = dict(vars(item))  # items hold flat values: no deep copy (dataclasses.asdict)
        if table == "targets":
            self.stats.inc_value("linkprospector/targets/checked")
            self.stats.inc_value(f"linkprospector/verdict/{item.verdict}")
            self.stats.inc_value(f"linkprospector/reason/{item.verdict}/{item.reason}")
        elif table == "pages":
            self.stats.inc_value("linkprospector/pages")
            if item.is_resource:
                self.stats.inc_value("linkprospector/prospects")
        if table != "contacts":
            row["run_id"] = self.run_id
            row["first_seen"] = now
        if table == "links":
            row["last_seen"] = row["first_seen"]
        self.buffer[table].append(row)
        self.pending += 1

    def flush(self) -> None:
        if self.store is None or not self.pending:
            return
        self.store.write_batch(self.run_id, self.confirm_hours, **self.buffer)
        self.buffer = {table: [] for table in TABLES.values()}
        self.pending = 0
        self.last_flush = time.monotonic()

    def close_spider(self) -> None:
        self.flush()

    def spider_closed(self, reason: str) -> None:
        """Record how the run ended (the finish reason is known only now)."""
        if self.store is None:
            return
        self.flush()
        status = "finished" if reason == "finished" else "interrupted"
        self.stats.set_value("linkprospector/run_status", status)
        if status == "finished":
            removed = self.store.record_removed_links(self.run_id, self._now())
            self.stats.set_value("linkprospector/links_removed", removed)
        self.log_changes()
        self.store.finish_run(self.run_id, status, self._now(), self.stats.get_stats())
        self.store = None  # the connection is CrawlStore's: closed when the engine stops

    def log_changes(self) -> None:
        """Store and log what this run changed (a spider whose run is not about pages and
        links, such as backlinks, says so with ``records_link_changes = False``)."""
        if not getattr(self.crawler.spider, "records_link_changes", True):
            return
        counts = {"fresh_skipped": self.stats.get_value("linkprospector/targets/fresh", 0)}
        changes = self.store.record_changes(self.run_id, counts)
        for line in format_changes(changes, limit=10):
            logger.info("%s", line)

    def _now(self) -> str:
        return clock.iso(clock.now(self.now_override))
