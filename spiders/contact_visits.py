"""Contact-page visits of the spiders: contacts found on every page, and up to
LINKPROSPECTOR_CONTACT_PAGES_PER_SITE contact or about pages per prospect site visited
when the spider would otherwise be idle. A mixin of ``spiders.base.ProspectSpider``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from linkprospector.crawl.page_reader import PageReader
from linkprospector.items import ContactItem
from linkprospector.reading.contacts import Contact
from linkprospector.reading.url_traps import trap_reason
from linkprospector.reading.urls import site_of


class ContactVisits:
    """Contacts of crawled pages; visits of contact pages the crawl did not fetch."""

    # -- contacts ----------------------------------------------------------

    def contact_items(
        self, contacts: list[Contact], url: str, site: str, qualifies: bool
    ) -> Iterator[Any]:
        """ContactItems for a page's contacts; remembers its contact-page links for later
        visits."""
        planner = getattr(self, "contact_pages", None)
        if planner is not None:
            planner.saw_page(site, url, contacts, qualifies)
        for contact in contacts:
            yield ContactItem(site, contact.kind, contact.value, url, contact.label)

    def visit_contact_pages(self) -> None:
        """When the crawl is idle: fetch a few contact/about pages of sites worth writing to
        (robots.txt obeyed, at most LINKPROSPECTOR_CONTACT_PAGES_PER_SITE per site)."""
        planned = [
            (site, url)
            for site, url in self.contact_pages.next_urls()
            if site in self.sites and site_of(url) == site and trap_reason(url) is None
        ]
        for _site, url in planned:
            self.crawler.stats.inc_value("linkprospector/contact_pages/requested")
            self.crawler.engine.crawl(
                scrapy.Request(url, callback=self.parse_contact_page, errback=self.contact_failed)
            )
        if planned:
            raise DontCloseSpider

    async def parse_contact_page(self, response: Response) -> AsyncIterator[Any]:
        site = site_of(response.url)
        if site not in self.sites or not isinstance(response, TextResponse):
            return
        self.crawler.stats.inc_value("linkprospector/contact_pages/fetched")
        reading = await PageReader.of(self.crawler).read(
            response.text, response.url, site=site, steps=("contacts",), links=False
        )
        for item in self.contact_items(reading.contacts or [], response.url, site, False):
            yield item

    def contact_failed(self, failure: Failure) -> None:
        self.crawler.stats.inc_value("linkprospector/contact_pages/failed")
        self.logger.debug("contact page not fetched: %s", failure.value)
