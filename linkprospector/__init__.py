"""linkprospector: find broken-link-building opportunities with Scrapy."""

__version__ = "0.1.0"
