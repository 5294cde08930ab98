"""ProgressExtension: a progress line at a steady interval and a final summary."""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from linkprospector.config import Config
from linkprospector.crawl.logs import quiet_scrapy_loggers, shorten_web_errors

logger = logging.getLogger("linkprospector")

VERDICTS = ("live", "dead", "blocked", "unknown")


class ProgressExtension:
    """Logs pages crawled, targets checked/pending, dead found and the check rate."""

    def __init__(self, crawler: Any, interval: float):
        if crawler.settings.get("LOG_LEVEL") != "DEBUG":
            # Scrapy's logging set-up resets logger levels after settings load.
            quiet_scrapy_loggers()
        shorten_web_errors()
        if interval <= 0:
            raise NotConfigured
        self.crawler = crawler
        self.stats = crawler.stats
        self.interval = interval
        self.task: task.LoopingCall | None = None
        self.started = time.monotonic()
        self.last_checked = 0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressExtension:
        return cls(crawler, Config.of(crawler).progress_interval)

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.task = task.LoopingCall(self.log_progress)
        self.task.start(self.interval, now=False)

    def counts(self) -> dict[str, int]:
        get = self.stats.get_value
        return {
            "pages": get("linkprospector/pages", 0),
            "prospects": get("linkprospector/prospects", 0),
            "scheduled": get("linkprospector/targets/scheduled", 0),
            "checked": get("linkprospector/targets/checked", 0),
            **{v: get(f"linkprospector/verdict/{v}", 0) for v in VERDICTS},
            "rendered": get("linkprospector/rendered/pages", 0),  # issue 6
        }

    def log_progress(self) -> None:
        c = self.counts()
        rate = (c["checked"] - self.last_checked) / self.interval
        self.last_checked = c["checked"]
        logger.info(
            "progress: %d pages (%d rendered), %d/%d targets checked (%d pending), %d dead, "
            "%.1f checks/s",
            c["pages"],
            c["rendered"],
            c["checked"],
            c["scheduled"],
            max(c["scheduled"] - c["checked"], 0),
            c["dead"],
            rate,
        )

    def spider_closed(self, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        c = self.counts()
        logger.info(
            "finished (%s) in %.1fs: %d pages (%d resource pages), %d targets checked: "
            "%d live, %d dead, %d blocked, %d unknown; %s; database %s (run %s)",
            reason,
            time.monotonic() - self.started,
            c["pages"],
            c["prospects"],
            c["checked"],
            *(c[v] for v in VERDICTS),
            self.rendered_summary(c),
            self.stats.get_value("linkprospector/db", "-"),
            self.stats.get_value("linkprospector/run_id", "-"),
        )

    def rendered_summary(self, c: dict[str, int]) -> str:
        """Share of pages rendered in the browser and the time it took (issue 6)."""
        seconds = self.stats.get_value("linkprospector/rendered/seconds", 0.0)
        share = 100.0 * c["rendered"] / c["pages"] if c["pages"] else 0.0
        return f"{c['rendered']} pages rendered ({share:.0f}%) in {seconds:.1f}s"
