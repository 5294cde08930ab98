"""Search discovery: footprint queries, search-provider clients (SearXNG, Brave) and
their results turned into seeds. No Scrapy, no storage."""
