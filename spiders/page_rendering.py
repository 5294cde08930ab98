"""Rendering pages in Chromium: when a page needs it (reading/rendering.py says),
the spider asks for it again through the browser download handler. A mixin of
``spiders.base.ProspectSpider``."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from linkprospector.crawl.browser import CONTEXTS
from linkprospector.crawl.check_requests import error_kind
from linkprospector.items import PageItem
from linkprospector.reading.rendering import render_reason
from linkprospector.reading.urls import (
    host_of,
    site_of,
)
from spiders.meta import DEPTH, RENDER


class PageRendering:
    """Browser re-requests of pages whose links a script builds."""

    # -- JavaScript rendering ------------------------------------------------------

    def render_request(
        self, response: TextResponse, links: list[Any], raw_reason: str | None = None
    ) -> scrapy.Request | None:
        """The same page again through the browser, when its raw HTML calls for it
        (``raw_reason``: what the page reading's render step found, see
        reading/rendering.py ``needs_rendering``)."""
        if self.render_mode == "never":
            return None
        reason = render_reason(
            self.render_mode, host_of(response.url), self.render_domains, raw_reason
        )
        if reason is None:
            return None
        stats, site = self.crawler.stats, site_of(response.url)
        if self.browser is None:
            if not stats.get_value("linkprospector/rendered/no_browser"):
                self.logger.error(
                    "%s needs JavaScript rendering: %s", response.url, self.browser_error
                )
            stats.inc_value("linkprospector/rendered/no_browser")
            return None
        stats.inc_value(f"linkprospector/rendered/reason/{reason}")
        return scrapy.Request(
            response.url,
            callback=self.parse_page,
            errback=self.render_failed,
            dont_filter=True,
            meta={
                DEPTH: response.meta.get(DEPTH, 0),
                RENDER: {"reason": reason, "raw_links": [link.url for link in links]},
                "playwright": True,
                "playwright_context": f"render-{zlib.crc32(site.encode()) % CONTEXTS}",
                "playwright_page_goto_kwargs": {"wait_until": "networkidle"},
            },
        )

    def count_rendered(self, response: Response, links: list[Any], raw_links: set[str]) -> None:
        stats = self.crawler.stats
        stats.inc_value("linkprospector/rendered/pages")
        stats.inc_value(
            "linkprospector/rendered/seconds", response.meta.get("download_latency", 0.0)
        )
        new = sum(1 for link in links if link.url not in raw_links)
        stats.inc_value("linkprospector/rendered/new_links", new)

    def render_failed(self, failure: Failure) -> Iterator[PageItem]:
        """A page the browser could not render keeps what its raw HTML gave."""
        request = failure.request
        if failure.check(IgnoreRequest):
            self.logger.debug("render skipped: %s (%s)", request.url, failure.value)
        else:
            kind = error_kind(failure.value)
            self.crawler.stats.inc_value(f"linkprospector/rendered/failed/{kind}")
            self.logger.warning("page not rendered: %s (%s)", request.url, kind)
        page = request.meta[RENDER].get("raw_page")
        if page is not None:
            yield page
