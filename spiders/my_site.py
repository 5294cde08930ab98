"""The user's own site, read for replacement pages: ``-a mysite=https://…`` on
``resource_pages``, or ``scrapy crawl my_site -a site=https://…`` (the nightly ``[site]``
table). Its sitemap (``/sitemap.xml``) and its pages from the home page on are read; each
page becomes a MyPageItem (title, description, headings, text start, language). Its links
are not checked and its pages are never prospects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.crawl.check_requests import error_kind
from linkprospector.crawl.sitemaps import INDEX, default_sitemap_url, parse_sitemap
from linkprospector.inputs.spider_args import ArgumentError
from linkprospector.items import MyPageItem
from linkprospector.judge.page_summary import summarize_page
from linkprospector.reading.extract import extract_links, parse_html
from linkprospector.reading.url_traps import looks_like_non_html, trap_reason
from linkprospector.reading.urls import site_of
from spiders.meta import DEPTH
from spiders.params import MySiteParams

MY_SITE_DEPTH = 4
FAILED_STAT = "linkprospector/mysite/failed"
MY_SITE_ARGS = ("mysite_pages",)  # beside the site's own argument (mysite or site)


class MySiteCrawl:
    """Mixin: crawls the user's own site beside whatever else the spider crawls."""

    my_site_argument = "mysite"

    @classmethod
    def parse_arguments(cls, **kwargs: Any) -> Any:
        """The spider's typed arguments with the user's site in them (``my_site``), or
        the site's alone (MySiteParams) for a spider that crawls nothing else."""
        name = cls.my_site_argument
        mine = MySiteParams.parse(kwargs, name)
        parent = getattr(super(), "parse_arguments", None)
        if parent is None:
            return mine
        rest = {k: v for k, v in kwargs.items() if k not in (name, *MY_SITE_ARGS)}
        return replace(parent(**rest), my_site=mine)

    def __init__(self, *args: Any, params: Any = None, **kwargs: Any):
        params = params or self.parse_arguments(**kwargs)
        rest = {k: v for k, v in kwargs.items() if k not in (self.my_site_argument, *MY_SITE_ARGS)}
        if isinstance(params, MySiteParams):  # nothing else to crawl: a plain scrapy.Spider
            mine = params
            super().__init__(*args, **rest)
        else:
            mine = params.my_site
            super().__init__(*args, params=params, **rest)  # type: ignore[call-arg]
        self.my_site_url: str | None = mine.url
        self.my_site: str = site_of(self.my_site_url) if self.my_site_url else ""
        self.my_site_cap: int = mine.max_pages
        self.my_pages_requested: set[str] = set()
        self.my_pages_read = 0
        self.my_site_problems: list[str] = []

    async def start(self):
        if hasattr(super(), "start"):
            async for request in super().start():  # type: ignore[misc]
                yield request
        if not self.my_site_url:
            return
        self.logger.info("reading your site %s for replacement pages", self.my_site_url)
        yield scrapy.Request(
            default_sitemap_url(self.my_site_url), callback=self.parse_my_sitemap,
            errback=self.my_sitemap_failed, dont_filter=True,
        )  # fmt: skip
        request = self.my_page_request(self.my_site_url, 0)
        if request is not None:
            yield request

    def my_page_request(self, url: str, depth: int) -> scrapy.Request | None:
        if (
            site_of(url) != self.my_site
            or url in self.my_pages_requested
            or len(self.my_pages_requested) >= self.my_site_cap
            or trap_reason(url)
            or looks_like_non_html(url)
        ):
            return None
        self.my_pages_requested.add(url)
        return scrapy.Request(
            url, callback=self.parse_my_page, errback=self.my_page_failed, meta={DEPTH: depth}
        )

    def parse_my_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status != 200:
            return
        sitemap = parse_sitemap(response.body, response.url)
        for url in sitemap.urls:
            if sitemap.kind == INDEX:
                if site_of(url) == self.my_site:
                    yield scrapy.Request(url, callback=self.parse_my_sitemap,
                                         errback=self.my_sitemap_failed)  # fmt: skip
                continue
            request = self.my_page_request(url, MY_SITE_DEPTH)
            if request is not None:
                yield request

    def my_sitemap_failed(self, failure: Failure) -> None:
        self.logger.debug("no sitemap of your site: %s", failure.value)

    def parse_my_page(self, response: Response) -> Iterator[Any]:
        if site_of(response.url) != self.my_site or not isinstance(response, TextResponse):
            return
        if response.status != 200:
            self._my_page_problem(response.request.url, f"HTTP {response.status}")
            return
        summary = summarize_page(response.text)
        self.my_pages_read += 1
        self.crawler.stats.inc_value("linkprospector/mysite/pages")
        yield MyPageItem(
            url=response.url, site=self.my_site, title=summary.title,
            description=summary.description, headings="\n".join(summary.headings),
            text=summary.text, lang=summary.lang,
            fetched_at=clock.iso(clock.now(Config.of(self.crawler).now)),
        )  # fmt: skip
        depth = response.meta.get(DEPTH, 0)
        if depth >= MY_SITE_DEPTH:
            return
        for link in extract_links(parse_html(response.text), response.url, response.encoding).links:
            request = self.my_page_request(link.url, depth + 1)
            if request is not None:
                yield request

    def my_page_failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        if failure.check(HttpError):  # an answer, but not a page (404, 500, ...)
            status = failure.value.response.status
            self._my_page_problem(request.url if request else "?", f"HTTP {status}")
            return
        if failure.check(IgnoreRequest):
            self.crawler.stats.inc_value("linkprospector/mysite/refused")
            return
        self._my_page_problem(request.url if request else "?", error_kind(failure.value))

    def _my_page_problem(self, url: str, why: str) -> None:
        self.crawler.stats.inc_value("linkprospector/mysite/pages_failed")
        self.logger.warning("page of your site not read: %s (%s)", url, why)
        if url == self.my_site_url:
            self.my_site_problems.append(why)

    def closed(self, reason: str) -> None:
        parent = getattr(super(), "closed", None)
        if parent is not None:
            parent(reason)
        if self.my_site_url and not self.my_pages_read:
            why = ", ".join(self.my_site_problems) or "no page could be read"
            self.crawler.stats.set_value(
                FAILED_STAT, f"your site {self.my_site_url} cannot be reached ({why})"
            )


class MySiteSpider(MySiteCrawl, scrapy.Spider):
    """``scrapy crawl my_site -a site=https://mysite.example/``: only the user's own site."""

    name = "my_site"
    my_site_argument = "site"

    @classmethod
    def parse_arguments(cls, **kwargs: Any) -> MySiteParams:
        if not str(kwargs.get("site") or "").strip():
            raise ArgumentError("missing site: use -a site=https://your-site.example/")
        return super().parse_arguments(**kwargs)
