"""OutageGuardDownloaderMiddleware: our own network failing must never make links dead.

A name that does not resolve or a refused connection is a ``dead`` verdict, but the same
errors come from a broken local resolver or a cut network. So a check that ends with
such an error is held until the network is proven to work *after* the failure: a fresh
lookup of, and a TCP connection to, the canary URL's host (``LINKPROSPECTOR_CANARY_URL``)
or, without one, up to three hosts that answered earlier in this run (no HTTP request is
sent). Health checks are shared by all held checks and run at most once per
``LINKPROSPECTOR_OUTAGE_CHECK_INTERVAL``.

When a health check fails, or the canary is unreachable at start, the network is down:
held and later checks get ``unknown``/``network_down``, the crawl logs it loudly and
closes with the reason ``network_down`` (``scrapy crawl`` then exits 1). A burst of
network errors on many unrelated hosts with no success in between starts a health
check at once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections import OrderedDict
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import error as tx_error

from linkprospector.middlewares.linkcheck import CHECK, FINAL_FLAG, observation_from_state

logger = logging.getLogger("linkprospector")

#: Check errors that give a ``dead`` verdict: held until the network is proven up.
HELD_ERRORS = frozenset({"dns", "refused"})
#: Errors our own network failing would also cause.
NETWORK_ERRORS = HELD_ERRORS | {"dns_timeout", "dns_temporary", "unreachable", "timeout", "reset"}
REASON = "network_down"
REFERENCES = 3


def _resolver() -> Any:
    from twisted.internet import reactor  # the installed one, never installed here

    return getattr(reactor, "nameResolver", None)


class OutageGuardDownloaderMiddleware:
    """Holds dead-class network errors until the network is proven up (module docstring)."""

    def __init__(self, crawler: Any):
        s = crawler.settings
        if not s.getbool("LINKPROSPECTOR_OUTAGE_GUARD", True) or not s.getbool(
            "LINKPROSPECTOR_HOSTILE_CHECKS", True
        ):
            raise NotConfigured
        self.crawler = crawler
        self.stats = crawler.stats
        self.canary: str | None = s.get("LINKPROSPECTOR_CANARY_URL") or None
        self.interval = s.getfloat("LINKPROSPECTOR_OUTAGE_CHECK_INTERVAL", 1.0)
        self.timeout = s.getfloat("LINKPROSPECTOR_OUTAGE_CHECK_TIMEOUT", 10.0)
        self.burst = s.getint("LINKPROSPECTOR_OUTAGE_BURST_HOSTS", 8)
        self.references: OrderedDict[str, str] = OrderedDict()  # host -> URL that answered
        self.failing_hosts: set[str] = set()
        self.down: str | None = None
        self.last_ok_start: float | None = None
        self._last_check_start = float("-inf")
        self._check: asyncio.Future | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Any) -> OutageGuardDownloaderMiddleware:
        return cls(crawler)

    def spider_opened(self) -> None:
        if self.canary:
            self._check = asyncio.ensure_future(self._health_check())

    # -- downloader middleware ----------------------------------------------------------

    async def process_request(self, request: Request) -> Response | None:
        state = request.meta.get(CHECK)
        if self.down is None or state is None or "observation" in state:
            return None
        state["observation"] = observation_from_state(state, error=REASON, detail=self.down)
        return Response(url=request.url, status=0, request=request, flags=[FINAL_FLAG])

    async def process_response(self, request: Request, response: Response) -> Response:
        host = urlparse_cached(request).hostname or ""
        state = request.meta.get(CHECK)
        observation = state.get("observation") if state else None
        if FINAL_FLAG not in response.flags:
            self.references[host] = request.url
            self.references.move_to_end(host)
            while len(self.references) > 20:
                self.references.popitem(last=False)
            self.failing_hosts.clear()
            return response
        if observation is None or observation.error not in NETWORK_ERRORS:
            return response
        failed_at = time.monotonic()
        self.failing_hosts.add(host)
        if observation.error not in HELD_ERRORS:
            if len(self.failing_hosts) >= self.burst and not self._checking():
                self._check = asyncio.ensure_future(self._health_check())
            return response
        self.stats.inc_value("linkprospector/outage/held")
        if not await self.network_ok_since(failed_at):
            state["observation"] = dataclasses.replace(
                observation,
                error=REASON,
                error_detail=f"{observation.error} while the local network was down",
            )
            self.stats.inc_value("linkprospector/outage/withheld_dead")
        return response

    # -- health checks -----------------------------------------------------------------

    def _checking(self) -> bool:
        return self._check is not None and not self._check.done()

    async def network_ok_since(self, moment: float) -> bool:
        """True once a health check that started after ``moment`` succeeded."""
        while self.down is None:
            if self.last_ok_start is not None and self.last_ok_start >= moment:
                return True
            if not self._checking():
                self._check = asyncio.ensure_future(self._health_check())
            await asyncio.shield(self._check)
        return False

    async def _health_check(self) -> None:
        wait = self._last_check_start + self.interval - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        started = self._last_check_start = time.monotonic()
        self.stats.inc_value("linkprospector/outage/health_checks")
        urls = [self.canary] if self.canary else list(reversed(self.references.values()))
        if not urls:  # nothing answered yet: no way to tell, keep the verdicts
            self.last_ok_start = started
            return
        problems = []
        for url in urls[:REFERENCES]:
            problem = await self._reach(url)
            if problem is None:
                self.last_ok_start = started
                return
            problems.append(f"{url} ({problem})")
        self._declare_down("unreachable: " + ", ".join(problems))

    async def _reach(self, url: str) -> str | None:
        """None when ``url``'s host resolves afresh and accepts a TCP connection, else why not.

        No HTTP request is sent: the reference hosts see nothing but a connection.
        """
        from twisted.internet import reactor
        from twisted.internet.endpoints import TCP4ClientEndpoint, TCP6ClientEndpoint
        from twisted.internet.protocol import Factory, Protocol

        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return None
        resolver = _resolver()
        if hasattr(resolver, "forget") and hasattr(resolver, "resolve"):
            resolver.forget(host)  # a cached answer proves nothing about DNS now
            addresses = await deferred_to_future(resolver.resolve(host))
        else:
            try:
                addresses = [(await deferred_to_future(reactor.resolve(host)), None)]
            except Exception:
                addresses = []
        if not addresses:
            return "dns"
        ip, mapped_port = addresses[0]
        endpoint_class = TCP6ClientEndpoint if ":" in ip else TCP4ClientEndpoint
        endpoint = endpoint_class(reactor, ip, mapped_port or port, timeout=self.timeout)
        try:
            protocol = await deferred_to_future(endpoint.connect(Factory.forProtocol(Protocol)))
        except tx_error.ConnectionRefusedError:
            return "refused"
        except (tx_error.TimeoutError, tx_error.TCPTimedOutError):
            return "timeout"
        except Exception as exc:
            return f"unreachable ({type(exc).__name__})"
        protocol.transport.loseConnection()
        return None

    def _declare_down(self, why: str) -> None:
        if self.down is not None:
            return
        self.down = why
        self.stats.set_value("linkprospector/outage", why)
        logger.error(
            "LOCAL NETWORK OUTAGE: %s. Failing targets get unknown/network_down, no dead "
            "verdicts are given; stopping the crawl (exit code 1).",
            why,
        )
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            asyncio.ensure_future(engine.close_spider_async(reason=REASON))
