"""Page reading: URLs, links as a browser reads them, resource-page scoring, contacts,
render heuristics, a page's text and dates. Pure: imports neither Scrapy nor storage.
What users bring lives in ``inputs/``; search discovery in ``discovery/``.
"""
