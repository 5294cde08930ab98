"""``scrapy crawl resource_pages -a seeds=FILE_OR_URLS [-a max_pages=300] [-a depth=3]``."""

from spiders.base import ProspectSpider


class ResourcePagesSpider(ProspectSpider):
    """Crawls niche sites, scores resource pages and checks every outbound link."""

    name = "resource_pages"
    role = "seed"
