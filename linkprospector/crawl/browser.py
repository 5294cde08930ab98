"""Settings glue for rendering pages in Chromium through scrapy-playwright.

:func:`configure_rendering` installs the browser download handler (only when the crawl
may render) with headless, server-safe launch options, the host map as Chromium
``--host-resolver-rules``, a small context/page pool and a request guard (see
:mod:`linkprospector.crawl.browser_handler`). Importing this module does not import Playwright.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import urlsplit

from linkprospector.config import Config
from linkprospector.crawl.resolver import PRIVATE, load_host_map
from linkprospector.reading.rendering import (
    BLOCKED_RESOURCE_TYPES,
    BrowserNotFound,
    browser_problem,
    find_browser,
    launch_options,
    parse_domains,
)

HANDLER = "linkprospector.crawl.browser_handler.LazyPlaywrightDownloadHandler"
CONTEXTS = 2

logger = logging.getLogger(__name__)


class BrowserRequestGuard:
    """PLAYWRIGHT_ABORT_REQUEST: True (abort) for resources we don't need or may not reach."""

    def __init__(self, crawler: Any):
        self.crawler = crawler  # its stats exist only once the crawl starts

    async def __call__(self, request: Any) -> bool:
        stats = self.crawler.stats
        if request.resource_type in BLOCKED_RESOURCE_TYPES:
            stats.inc_value("linkprospector/rendered/blocked_resources")
            return True
        url = request.url
        if not url.startswith(("http://", "https://")):
            return False  # data:, blob: and friends never touch the network
        host = urlsplit(url).hostname or ""
        if await host_refused(host):
            stats.inc_value("linkprospector/rendered/blocked_private")
            logger.debug("browser request refused (private address): %s", url[:200])
            return True
        return False


async def host_refused(host: str) -> bool:
    """True when the project's resolver refuses ``host`` as a private address."""
    from twisted.internet import reactor  # the installed one

    resolver = getattr(reactor, "nameResolver", None)
    if not host or not hasattr(resolver, "resolve"):
        return False
    addresses = await resolver.resolve(host).asFuture(asyncio.get_running_loop())
    return not addresses and resolver.failure_kind(host) == PRIVATE


def render_domains_of(spider_domains: tuple[str, ...], config: Config) -> tuple[str, ...]:
    """Domains rendered always: the spider argument plus LINKPROSPECTOR_RENDER_DOMAINS."""
    merged = list(spider_domains)
    for domain in parse_domains(config.render_domains):
        if domain not in merged:
            merged.append(domain)
    return tuple(merged)


def configure_rendering(crawler: Any, mode: str) -> tuple[str | None, str | None]:
    """Install the browser download handler when ``mode`` may render.

    Returns ``(browser_path, error)``: the browser used, or the one-line reason why
    there is none. Must run before the crawler's settings are frozen.
    """
    if mode == "never":
        return None, None
    settings = crawler.settings
    config = Config.of(crawler)
    try:
        browser = find_browser(config.browser or None)
    except BrowserNotFound as exc:
        return None, str(exc)
    host_map = load_host_map(config.host_map)
    handlers = {**settings.getdict("DOWNLOAD_HANDLERS"), "http": HANDLER, "https": HANDLER}
    timeout_ms = config.render_timeout * 1000
    pages = max(config.render_concurrency, 1)
    for name, value in {
        "DOWNLOAD_HANDLERS": handlers,
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch_options(browser, host_map),
        "PLAYWRIGHT_MAX_CONTEXTS": CONTEXTS,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": pages,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_ms,
        "PLAYWRIGHT_ABORT_REQUEST": BrowserRequestGuard(crawler),
    }.items():
        settings.set(name, value, priority="spider")
    return browser, None


def preflight_problem(mode: str, render_domains: tuple[str, ...], config: Config) -> str:
    """One line when the crawl must render pages (``mode``, the spider's ``render``) and
    has no browser ("" when fine)."""
    domains = render_domains_of(render_domains, config)
    if mode == "never":
        return ""
    configured = config.browser or None
    try:
        find_browser(configured)
    except BrowserNotFound as exc:
        return browser_problem(mode, domains, str(exc), configured=bool(configured))
    return ""
