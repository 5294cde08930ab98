"""OutageGuardDownloaderMiddleware: our own network failing must never make links dead.

A name that does not resolve or a refused connection is a ``dead`` verdict, but the same
errors come from a sandbox, a captive portal, filtering DNS, a firewall or a cut cable.
So a check that ends with such an error is held until the network is proven to work
*after* the failure, with references independent of the crawl: the canary URLs
(``LINKPROSPECTOR_CANARY_URL``, by default a built-in set of stable public names run by
different operators, see :mod:`linkprospector.judge.network_health`), each looked up afresh and
connected to over TCP (no HTTP request; through the environment's proxy with ``CONNECT``
where one is configured). The crawl's own hosts never count as proof: a local seed site
answers while public DNS is dead. Nor does a canary alone prove an implausible share of
failing domains: then long-lived public names are tried too, and most of them failing
while the canary answers is a split network (a resolver or firewall that lies); early
failures wait for the checks in flight until the share can be judged. Health checks are
shared by all held checks, run at start and at most once per
``LINKPROSPECTOR_OUTAGE_CHECK_INTERVAL``, and at once when NXDOMAIN/refused hit an
implausible share of the registrable domains judged so far.

When a health check fails the network is down: held checks get a ``network_down``
finding added to their observation, later checks are not made (their observation is the
``network_down`` error), and ``classify_check`` judges both ``unknown``/``network_down``; the
crawl prints one block saying what was tried and what failed, and closes with the reason
``network_down`` (``scrapy crawl`` then exits 4).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import error as tx_error
from twisted.internet.protocol import Factory, Protocol

from linkprospector.config import Config
from linkprospector.crawl.check_requests import CHECK, FINAL_FLAG, observation_from_state
from linkprospector.judge.network_health import (
    failures_implausible,
    long_lived_to_try,
    needs_more_evidence,
    network_proven,
    outage_report,
    parse_canary_urls,
    proxy_for,
    split_network,
)
from linkprospector.reading.urls import registrable_domain

logger = logging.getLogger("linkprospector")

#: Check errors that give a ``dead`` verdict: held until the network is proven up.
HELD_ERRORS = frozenset({"dns", "refused"})
#: Errors our own network failing would also cause.
NETWORK_ERRORS = HELD_ERRORS | {
    "dns_timeout",
    "dns_temporary",
    "unreachable",
    "timeout",
    "reset",
    "proxy_error",  # the proxy's own failure: a burst of them means the proxy is failing
}
REASON = "network_down"
#: Longest an early failure waits for the checks in flight to show whether its share is
#: implausible (seconds).
EVIDENCE_WAIT_MAX = 15.0


def _resolver() -> Any:
    from twisted.internet import reactor  # the installed one, never installed here

    return getattr(reactor, "nameResolver", None)


class OutageGuardDownloaderMiddleware:
    """Holds dead-class network errors until the network is proven up (module docstring)."""

    def __init__(self, crawler: Any):
        config = Config.of(crawler)
        if not config.outage_guard or not config.hostile_checks:
            logger.warning(
                "OUTAGE GUARD OFF: a broken resolver, a captive portal, a firewall or a cut "
                "network will turn live links dead (dns/refused) in this run, unchecked."
            )
            raise NotConfigured
        self.crawler = crawler
        self.stats = crawler.stats
        self.canaries = parse_canary_urls(config.canary_url)
        self.interval = config.outage_check_interval
        self.timeout = config.outage_check_timeout
        self.burst = config.outage_burst_hosts
        self.failing_hosts: set[str] = set()
        self.judged_domains: set[str] = set()
        self.failed_domains: set[str] = set()
        self.held = Counter[str]()
        self.waiting = 0
        self.doubted = False
        self.down: str | None = None
        self.report: str | None = None
        self.last_ok_start: float | None = None
        self._last_check_start = float("-inf")
        self._check: asyncio.Future | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Any) -> OutageGuardDownloaderMiddleware:
        return cls(crawler)

    def spider_opened(self) -> None:
        self._check = asyncio.ensure_future(self._health_check())

    def spider_idle(self) -> None:
        """A crawl whose last checks failed like a broken network waits for the health
        check they started: its verdict decides the exit code (a fast crawl could
        otherwise end, exit 0, before the check says the proxy or network is down)."""
        if self.failing_hosts and self._checking() and self.down is None:
            raise DontCloseSpider

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
            self.failing_hosts.clear()
            return response
        if state is not None:
            self.judged_domains.add(registrable_domain(host))
        if observation is None or observation.error not in NETWORK_ERRORS:
            return response
        failed_at = time.monotonic()
        self.failing_hosts.add(host)
        if observation.error not in HELD_ERRORS:
            if len(self.failing_hosts) >= self.burst and not self._checking():
                self._check = asyncio.ensure_future(self._health_check())
            return response
        self.held[observation.error] += 1
        self.failed_domains.add(registrable_domain(host))
        self.stats.inc_value("linkprospector/outage/held")
        await self._await_evidence()
        if not self.doubted and failures_implausible(
            len(self.failed_domains), len(self.judged_domains)
        ):
            self.doubted = True  # a doubt of its own: check now, whatever passed before
            self.stats.set_value("linkprospector/outage/implausible", 1)
            self.last_ok_start = None
            if not self._checking():
                self._last_check_start = float("-inf")
        if not await self.network_ok_since(failed_at):
            # what the guard saw joins the observation; classify_check judges it
            state["observation"] = dataclasses.replace(
                observation,
                findings={**observation.findings, REASON: self.down or "health check failed"},
            )
            self.stats.inc_value("linkprospector/outage/withheld_dead")
        return response

    async def _await_evidence(self) -> None:
        """While most domains judged so far failed and too few are judged to tell, wait
        for the other checks in flight: a canary must not prove the first failures of a
        resolver that lies about every public name before the share shows it."""
        deadline = time.monotonic() + EVIDENCE_WAIT_MAX
        self.waiting += 1
        try:
            while (
                self.down is None
                and needs_more_evidence(len(self.failed_domains), len(self.judged_domains))
                and self._checks_in_flight() > self.waiting
                and time.monotonic() < deadline
            ):
                await asyncio.sleep(0.05)
        finally:
            self.waiting -= 1

    def _checks_in_flight(self) -> int:
        try:
            engine = self.crawler.engine
        except RuntimeError:  # no crawl running (a middleware built on its own)
            return 0
        downloader = getattr(engine, "downloader", None)
        active = getattr(downloader, "active", ())
        return sum(1 for request in active if CHECK in request.meta)

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
        problems = await asyncio.gather(*(self._reach(url) for url in self.canaries))
        results = dict(zip(self.canaries, problems, strict=True))
        if not network_proven(results):
            failed = [f"{url} ({problem})" for url, problem in results.items() if problem]
            self._declare_down("unreachable: " + ", ".join(failed), results)
            return
        if self.doubted:  # an implausible share failed: the canary alone proves too little
            others = long_lived_to_try(self.canaries)
            problems = await asyncio.gather(*(self._reach(url) for url in others))
            long_lived = dict(zip(others, problems, strict=True))
            split = split_network(long_lived)
            if split:
                self._declare_down(split, {**results, **long_lived}, split=True)
                return
        self.last_ok_start = started

    async def _reach(self, url: str) -> str | None:
        """None when ``url``'s host resolves afresh and accepts a TCP connection, else why not.

        No HTTP request is sent: the reference hosts see nothing but a connection. With a
        proxy in the environment, the proxy is asked to ``CONNECT`` to the host instead.
        """
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        proxy = proxy_for(url)
        try:
            if proxy is not None:
                return await self._connect(proxy.host, proxy.port, tunnel=f"{host}:{port}")
            return await self._connect(host, port)
        except Exception as exc:  # a health check must never crash the crawl
            return f"error ({type(exc).__name__})"

    async def _connect(self, host: str, port: int, tunnel: str | None = None) -> str | None:
        from twisted.internet import reactor
        from twisted.internet.endpoints import TCP4ClientEndpoint, TCP6ClientEndpoint

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
            return "dns" if tunnel is None else f"proxy {host}: dns"
        ip, mapped_port = addresses[0]
        endpoint_class = TCP6ClientEndpoint if ":" in ip else TCP4ClientEndpoint
        endpoint = endpoint_class(reactor, ip, mapped_port or port, timeout=self.timeout)
        prefix = "" if tunnel is None else f"proxy {host}:{port}: "
        protocol = _TunnelProtocol(tunnel)
        try:
            await deferred_to_future(endpoint.connect(Factory.forProtocol(lambda: protocol)))
        except tx_error.ConnectionRefusedError:
            return prefix + "refused"
        except (tx_error.TimeoutError, tx_error.TCPTimedOutError):
            return prefix + "timeout"
        except Exception as exc:
            return prefix + f"unreachable ({type(exc).__name__})"
        if tunnel is None:
            protocol.transport.loseConnection()
            return None
        try:
            answer = await asyncio.wait_for(asyncio.shield(protocol.answer), self.timeout)
        except TimeoutError:
            answer = "no answer to CONNECT"
        finally:
            protocol.transport.loseConnection()
        return None if answer is None else prefix + answer

    def _declare_down(self, why: str, tried: dict[str, str | None], split: bool = False) -> None:
        if self.down is not None:
            return
        self.down = why
        self.report = outage_report(
            why, tried, self.held, len(self.failed_domains), len(self.judged_domains), split
        )
        self.stats.set_value("linkprospector/outage", why)
        self.stats.set_value("linkprospector/outage_report", self.report)
        logger.error("%s", self.report)
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            asyncio.ensure_future(engine.close_spider_async(reason=REASON))


class _TunnelProtocol(Protocol):
    """Connects; with a tunnel, asks the proxy to CONNECT and keeps its status line."""

    def __init__(self, tunnel: str | None):
        self.tunnel = tunnel
        self.answer: asyncio.Future = asyncio.get_running_loop().create_future()
        self.buffer = b""

    def connectionMade(self) -> None:  # noqa: N802 - Twisted's name
        if self.tunnel:
            request = f"CONNECT {self.tunnel} HTTP/1.1\r\nHost: {self.tunnel}\r\n\r\n"
            self.transport.write(request.encode("ascii"))

    def dataReceived(self, data: bytes) -> None:  # noqa: N802
        self.buffer += data
        if b"\r\n" in self.buffer and not self.answer.done():
            line = self.buffer.split(b"\r\n", 1)[0].decode("latin-1")
            fields = line.split()
            ok = len(fields) >= 2 and fields[1].startswith("2")
            self.answer.set_result(None if ok else f"CONNECT answered {line[:80]!r}")

    def connectionLost(self, reason: Any = None) -> None:  # noqa: N802
        if not self.answer.done():
            self.answer.set_result("proxy closed the connection")
