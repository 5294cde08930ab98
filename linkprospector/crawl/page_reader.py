"""Page reading off the reactor thread, under a budget per page.

The spiders hand a page's HTML to :func:`linkprospector.judge.page_reading.read_page`
in a small pool of worker threads of their own (not the reactor's pool, which resolves
names), so link checks, DNS and politeness go on while a page is read: one page delays
only itself. lxml parses without the GIL; what remains is Python that shares the GIL in
slices with the reactor. A page over LINKPROSPECTOR_PAGE_BUDGET_MS is logged once with
the step that overran, counted in ``linkprospector/page_budget/exceeded/<step>``, and
keeps its links while its optional judgements are skipped.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.python.threadpool import ThreadPool

from linkprospector.config import Config
from linkprospector.judge.page_reading import PageReading, read_page

logger = logging.getLogger("linkprospector")


class PageReader:
    """Reads the pages of one crawl: in worker threads (or inline when threads=0)."""

    def __init__(self, crawler: Any, budget_ms: float, threads_count: int):
        self.crawler = crawler
        self.budget_seconds = max(budget_ms, 0.0) / 1000.0
        self.threads = threads_count
        self.pool: ThreadPool | None = None
        crawler.signals.connect(self.stop, signal=signals.spider_closed)

    @classmethod
    def of(cls, crawler: Any) -> PageReader:
        """The crawler's one page reader (made the first time a spider asks)."""
        reader = getattr(crawler, "_linkprospector_page_reader", None)
        if reader is None:
            config = Config.of(crawler)
            reader = cls(crawler, config.page_budget_ms, config.page_threads)
            crawler._linkprospector_page_reader = reader
        return reader

    async def read(self, html: str, url: str, **kwargs: Any) -> PageReading:
        """Read one page (see :func:`read_page`); counts and logs a page over budget."""
        kwargs.setdefault("budget_seconds", self.budget_seconds)
        if self.threads <= 0:
            reading = read_page(html, url, **kwargs)
        else:
            from twisted.internet import reactor  # the installed one (never at import time)

            deferred = threads.deferToThreadPool(
                reactor, self._pool(), read_page, html, url, **kwargs
            )
            reading = await maybe_deferred_to_future(deferred)
        self.account(url, reading)
        return reading

    async def read_response(self, response: Any, **kwargs: Any) -> PageReading:
        """Read a Scrapy text response: its text, URL, encoding and Last-Modified header."""
        return await self.read(
            response.text,
            response.url,
            encoding=response.encoding,
            last_modified=last_modified_of(response),
            **kwargs,
        )

    def account(self, url: str, reading: PageReading) -> None:
        stats = self.crawler.stats
        stats.inc_value("linkprospector/page_budget/pages_read")
        for step, error in reading.failed.items():
            stats.inc_value(f"linkprospector/page_budget/failed/{step}")
            logger.warning("page reading step %s failed on %s: %s", step, url, error)
        if reading.over_budget is None:
            return
        stats.inc_value(f"linkprospector/page_budget/exceeded/{reading.over_budget}")
        logger.warning(
            "page over its reading budget (%.0f ms CPU) in step %s: %s "
            "(links kept; skipped: %s; CPU ms per step: %s)",
            self.budget_seconds * 1000,
            reading.over_budget,
            url,
            ", ".join(reading.skipped) or "nothing",
            ", ".join(f"{step} {seconds * 1000:.0f}" for step, seconds in reading.cpu.items()),
        )

    def _pool(self) -> ThreadPool:
        if self.pool is None:
            from twisted.internet import reactor

            self.pool = ThreadPool(minthreads=0, maxthreads=self.threads, name="page-reader")
            self.pool.start()
            # the pool must not keep the process alive if the spider never closes cleanly
            reactor.addSystemEventTrigger("during", "shutdown", self.stop)
        return self.pool

    def stop(self, *args: Any) -> None:
        if self.pool is not None:
            pool, self.pool = self.pool, None
            pool.stop()


def last_modified_of(response: Any) -> str:
    """A response's Last-Modified header as sent ("" without one)."""
    raw = response.headers.get(b"Last-Modified") or b""
    return raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)
