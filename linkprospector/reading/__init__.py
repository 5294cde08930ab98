"""Page reading: URLs, links as a browser reads them, resource-page scoring, contacts, sitemaps,
render heuristics. Pure: imports neither Scrapy nor storage.
"""
