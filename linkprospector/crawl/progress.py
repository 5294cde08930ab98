"""ProgressExtension: progress while a crawl runs, and a final summary.

On a terminal (stderr is a TTY and no LOG_FILE) one status line is redrawn in place every
second: pages, targets checked and pending, dead found, the check rate and an estimate
of the time left; a log record clears it first, so nothing is overwritten. In cron and
log files, a ``progress:`` line every LINKPROSPECTOR_PROGRESS_INTERVAL seconds instead.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from typing import IO, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from linkprospector.config import Config
from linkprospector.crawl.logs import quiet_scrapy_loggers, shorten_web_errors
from linkprospector.judge.verdicts import BLOCKED, DEAD, LIVE, UNKNOWN

logger = logging.getLogger("linkprospector")

VERDICTS = (LIVE, DEAD, BLOCKED, UNKNOWN)
CLEAR_LINE = "\r\x1b[2K"
LINE_MODES = ("auto", "on", "off")


def eta_text(pending: int, rate: float) -> str:
    """``~2 min left`` for ``pending`` checks at ``rate`` checks per second."""
    if pending <= 0:
        return "finishing"
    if rate <= 0:
        return "time left unknown"
    seconds = pending / rate
    if seconds < 90:
        return f"~{max(round(seconds), 1)} s left"
    if seconds < 90 * 60:
        return f"~{round(seconds / 60)} min left"
    return f"~{seconds / 3600:.1f} h left"


def status_line(c: dict[str, int], rate: float, width: int = 200) -> str:
    """The one-line status shown on a terminal (cut to ``width`` columns)."""
    pending = max(c["scheduled"] - c["checked"], 0)
    text = (
        f"{c['pages']} pages · {c['checked']}/{c['scheduled']} targets checked, "
        f"{pending} pending · {c[DEAD]} dead · {rate:.1f} checks/s · {eta_text(pending, rate)}"
    )
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def wants_status_line(mode: str, stream: IO[str], log_file: Any) -> bool:
    """Whether to draw the updating status line (``mode``: auto, on, off)."""
    if mode not in LINE_MODES:
        raise ValueError(f"LINKPROSPECTOR_PROGRESS_LINE must be one of {', '.join(LINE_MODES)}")
    if mode != "auto":
        return mode == "on"
    return not log_file and bool(getattr(stream, "isatty", lambda: False)())


class _ClearStatusLine(logging.Filter):
    """Wipes the status line before a log record is written to the same stream."""

    def __init__(self, progress: ProgressExtension):
        super().__init__()
        self.progress = progress

    def filter(self, record: logging.LogRecord) -> bool:
        self.progress.clear()
        return True


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
        self.stream: IO[str] = sys.stderr
        self.line_mode = Config.of(crawler).progress_line
        self.live_line = False  # decided when the spider opens (logging is set up by then)
        self.shown = False
        self.samples: list[tuple[float, int]] = []
        self.filter = _ClearStatusLine(self)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressExtension:
        return cls(crawler, Config.of(crawler).progress_interval)

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.live_line = wants_status_line(
            self.line_mode, self.stream, self.crawler.settings.get("LOG_FILE")
        )
        if self.live_line:
            for handler in logging.getLogger().handlers:
                handler.addFilter(self.filter)
            self.task = task.LoopingCall(self.draw)
            self.task.start(min(self.interval, 1.0), now=False)
        else:
            self.task = task.LoopingCall(self.log_progress)
            self.task.start(self.interval, now=False)

    def rate(self, checked: int) -> float:
        """Checks per second over the last 15 seconds."""
        now = time.monotonic()
        self.samples.append((now, checked))
        self.samples = [(t, n) for t, n in self.samples if now - t <= 15.0]
        first_time, first_count = self.samples[0]
        if now - first_time < 0.5:
            return checked / max(now - self.started, 0.5)
        return (checked - first_count) / (now - first_time)

    def draw(self) -> None:
        c = self.counts()
        width = shutil.get_terminal_size((200, 24)).columns - 1
        self.stream.write(CLEAR_LINE + status_line(c, self.rate(c["checked"]), width))
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
            self.shown = False

    def counts(self) -> dict[str, int]:
        get = self.stats.get_value
        return {
            "pages": get("linkprospector/pages", 0),
            "prospects": get("linkprospector/prospects", 0),
            "scheduled": get("linkprospector/targets/scheduled", 0),
            "checked": get("linkprospector/targets/checked", 0),
            **{v: get(f"linkprospector/verdict/{v}", 0) for v in VERDICTS},
            "rendered": get("linkprospector/rendered/pages", 0),
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
            c[DEAD],
            rate,
        )

    def spider_closed(self, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.clear()
        for handler in logging.getLogger().handlers:
            handler.removeFilter(self.filter)
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
        """Share of pages rendered in the browser and the time it took."""
        seconds = self.stats.get_value("linkprospector/rendered/seconds", 0.0)
        share = 100.0 * c["rendered"] / c["pages"] if c["pages"] else 0.0
        return f"{c['rendered']} pages rendered ({share:.0f}%) in {seconds:.1f}s"
