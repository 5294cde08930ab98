"""``scrapy crawl resource_pages -a seeds=FILE_OR_URLS [-a max_pages=300] [-a depth=3]``,
or ``-a keywords="home brewing,kombucha"`` with a search provider; ``-a
mysite=https://…`` also reads your own site for replacement pages."""

from spiders.base import ProspectSpider
from spiders.discovery import KeywordDiscovery
from spiders.my_site import MySiteCrawl


class ResourcePagesSpider(MySiteCrawl, KeywordDiscovery, ProspectSpider):
    """Crawls niche sites, scores resource pages and checks every outbound link."""

    name = "resource_pages"
    role = "seed"
