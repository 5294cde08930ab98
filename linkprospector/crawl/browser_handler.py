"""The browser download handler: scrapy-playwright's, started lazily.

:class:`LazyPlaywrightDownloadHandler` starts Playwright (and so the browser) only when
the first request with ``meta["playwright"]`` arrives; every other request (pages
fetched raw, all link checks) takes Scrapy's plain HTTP path, which the stock handler
inherits from ``HTTP11DownloadHandler``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy import Request, signals
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler


class LazyPlaywrightDownloadHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler, but Playwright starts with the first browser request.

    The stock handler starts the Playwright driver when the engine starts (the browser
    itself is launched lazily); here nothing starts until a page needs the browser.
    """

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        crawler.signals.disconnect(self._maybe_launch_in_thread, signal=signals.engine_started)
        self._start_lock = asyncio.Lock()
        self._playwright_started = False

    async def download_request(self, request: Request) -> Any:
        if request.meta.get("playwright") and not self._playwright_started:
            async with self._start_lock:
                if not self._playwright_started:
                    await self._maybe_future_from_coro(self._launch())
                    self._playwright_started = True
        return await super().download_request(request)
