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


class OneLineErrors(logging.Filter):
    """Turns a component's error-with-traceback about the web into a one-line warning.

    Scrapy's robots.txt middleware logs an ERROR with a traceback when a site cannot be
    reached; for a link checker that is ordinary web traffic, reported per page anyway.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            exc = record.exc_info[1]
            record.msg = f"{record.getMessage()} ({type(exc).__name__})"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


#: Loggers whose tracebacks are about unreachable sites, not bugs.
WEB_ERROR_LOGGERS = ("scrapy.downloadermiddlewares.robotstxt",)


def shorten_web_errors() -> None:
    """Install :class:`OneLineErrors` on the loggers of :data:`WEB_ERROR_LOGGERS` (once)."""
    for name in WEB_ERROR_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, OneLineErrors) for f in logger.filters):
            logger.addFilter(OneLineErrors())
