"""Keep INFO logs readable: a start line, progress lines and a final summary."""

import logging

#: Scrapy loggers whose INFO output is noise for link builders (lists of components,
#: overridden settings, the raw stats dump); their warnings still show.
NOISY_LOGGERS = (
    "scrapy.middleware",
    "scrapy.addons",
    "scrapy.crawler",
    "scrapy.extensions.telnet",
    "scrapy.statscollectors",
    "scrapy.core.engine",
    "scrapy.utils.log",
    "scrapy_playwright.handler",
    "scrapy-playwright",
)


def quiet_scrapy_loggers(level: int = logging.WARNING) -> None:
    """Raise the level of Scrapy's chatty loggers unless DEBUG is wanted."""
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(level)
