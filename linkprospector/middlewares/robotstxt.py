"""RobotsTxtDownloaderMiddleware: a robots.txt that fails forbids the site, as RFC 9309 says.

Scrapy's own middleware reads whatever a robots.txt URL answers as rules, so a site whose
robots.txt answers 500 is crawled as if it allowed everything. RFC 9309 (2.3.1.4) and the
search engines treat a 5xx (and 429) answer as "disallow all" until the file can be read
again; a 4xx means there are no rules. Here such a site's pages are not crawled this run
(``linkprospector/robots/unavailable`` in the stats, one warning line per site); the next
run asks again. A robots.txt that cannot be fetched at all (the name does not resolve,
the connection is refused) is left to Scrapy: the site's pages fail the same way and are
reported with that error.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request, Response

logger = logging.getLogger("linkprospector")


class DisallowAll:
    """A robots.txt parser that forbids everything (the site's robots.txt failed)."""

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False

    def sitemaps(self) -> list[str]:
        return []


def robots_unavailable(status: int) -> bool:
    """Does a robots.txt answer with this status mean "disallow all" (RFC 9309)?"""
    return status >= 500 or status == 429


class RobotsTxtDownloaderMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware; a robots.txt that fails disallows its site."""

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if not robots_unavailable(response.status):
            await super()._parse_robots(response, netloc, request)
            return
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        await self._parse_robots_unavailable(netloc, request, f"answered {response.status}")

    def _unavailable(self, netloc: str, why: str) -> None:
        self._stats.inc_value("linkprospector/robots/unavailable")
        logger.warning(
            "robots.txt of %s %s: its pages are not crawled this run (RFC 9309: "
            "disallow all until it can be read)",
            netloc,
            why,
        )
        waiting: Any = self._parsers[netloc]
        parser = DisallowAll()
        self._parsers[netloc] = parser
        waiting.callback(parser)

    async def _parse_robots_unavailable(self, netloc: str, request: Request, why: str) -> None:
        self._unavailable(netloc, why)
        await self.crawler.signals.send_catch_log_async(
            signal=signals.robots_parsed, robotparser=self._parsers[netloc], request=request
        )
