"""Scrapy spiders (SPIDER_MODULES): resource_pages, competitors, and base.py, the crawl
machinery they share."""
