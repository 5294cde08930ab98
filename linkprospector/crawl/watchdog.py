"""StallWatchdogExtension: a blocked reactor is said out loud, with what was running.

A timer on the reactor marks that it is alive several times a second; a thread of its own
looks at the mark. When the reactor has not come round for LINKPROSPECTOR_STALL_SECONDS,
the thread logs a warning with the reactor thread's stack (``sys._current_frames``): the
progress line cannot be redrawn while the reactor is blocked, so this is what the user
sees instead of a silently frozen line. When the reactor comes back, one line says how
long it was blocked. Stats: ``linkprospector/stalls`` and ``linkprospector/stall_seconds_max``.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from linkprospector.config import Config

logger = logging.getLogger("linkprospector")

#: Frames of the reactor thread's stack shown (innermost last).
STACK_FRAMES = 12


def stack_of(thread_id: int, limit: int = STACK_FRAMES) -> str:
    """The current stack of one thread, innermost frame last ("" if it is gone)."""
    frame = sys._current_frames().get(thread_id)
    if frame is None:
        return ""
    return "".join(traceback.format_stack(frame, limit=limit)).rstrip()


class StallWatchdogExtension:
    """Logs when the reactor thread is blocked longer than the threshold."""

    def __init__(self, crawler: Any, threshold: float):
        if threshold <= 0:
            raise NotConfigured
        self.crawler = crawler
        self.threshold = threshold
        self.beat = time.monotonic()
        self.reactor_thread: int | None = None
        self.heartbeat: task.LoopingCall | None = None
        self.stopped = threading.Event()
        self.watcher: threading.Thread | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> StallWatchdogExtension:
        return cls(crawler, Config.of(crawler).stall_seconds)

    def spider_opened(self) -> None:
        self.reactor_thread = threading.get_ident()
        self.beat = time.monotonic()
        self.heartbeat = task.LoopingCall(self.alive)
        self.heartbeat.start(min(0.25, self.threshold / 4), now=True)
        self.stopped.clear()
        self.watcher = threading.Thread(target=self.watch, name="stall-watchdog", daemon=True)
        self.watcher.start()

    def alive(self) -> None:
        self.beat = time.monotonic()

    def watch(self) -> None:
        """The watchdog thread: one warning per stall, one line when it ends."""
        stalled_since: float | None = None
        while not self.stopped.wait(min(0.5, self.threshold / 4)):
            blocked = time.monotonic() - self.beat
            if stalled_since is None and blocked >= self.threshold:
                stalled_since = self.beat
                self.stalled(blocked)
            elif stalled_since is not None and self.beat > stalled_since:
                self.recovered(self.beat - stalled_since)
                stalled_since = None

    def stalled(self, blocked: float) -> None:
        stats = self.crawler.stats
        stats.inc_value("linkprospector/stalls")
        stack = stack_of(self.reactor_thread) if self.reactor_thread is not None else ""
        logger.warning(
            "crawl stalled: the reactor has been blocked for %.1f s (no requests go out, "
            "progress paused); it is running:\n%s",
            blocked,
            stack or "(stack unavailable)",
        )

    def recovered(self, seconds: float) -> None:
        stats = self.crawler.stats
        stats.max_value("linkprospector/stall_seconds_max", round(seconds, 1))
        logger.warning("crawl resumed: the reactor was blocked for %.1f s", seconds)

    def spider_closed(self) -> None:
        self.stopped.set()
        if self.heartbeat is not None and self.heartbeat.running:
            self.heartbeat.stop()
        if self.watcher is not None:
            self.watcher.join(timeout=2)
