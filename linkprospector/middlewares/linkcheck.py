"""LinkCheckDownloaderMiddleware: turns one check request into one observation.

Check requests (made by
:func:`~linkprospector.crawl.check_requests.make_check_request`) carry their state in
``meta["linkprospector_check"]``. This middleware follows redirects itself (so the
chain is recorded and loops are caught), falls back from HEAD to GET, retries
429/5xx, timeouts and resets with backoff (honouring ``Retry-After``, capped), caps
the body, and turns download errors into observations instead of failures; the
inspection of hostile answers is in ``hostile_responses.py``. When a
check is done, ``state["observation"]`` holds an
:class:`~linkprospector.judge.verdicts.Observation`.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any
from urllib.parse import urljoin

from scrapy import Request, signals
from scrapy.exceptions import StopDownload
from scrapy.http import Response
from scrapy.utils.defer import deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

from linkprospector.config import Config
from linkprospector.crawl.check_requests import (
    AUX,
    CHECK,
    FINAL_FLAG,
    RETRYABLE_ERRORS,
    error_kind,
    observation_from_state,
    response_headers,
    response_text,
    retry_delay,
)
from linkprospector.judge.proxy_answers import (
    CONNECT_FAILED,
    PAGE_CHARS,
    ProxyAnswer,
    proxy_failure,
    settle_connect_failure,
    tunnel_failure,
)
from linkprospector.judge.verdicts import RETRY_STATUSES
from linkprospector.middlewares.hostile_responses import HostileResponseChecks
from linkprospector.reading.urls import normalize_url


class LinkCheckDownloaderMiddleware(HostileResponseChecks):
    """Checks link targets: redirects, HEAD fallback, retries, errors as observations."""

    def __init__(self, crawler: Any):
        config = Config.of(crawler)
        self.crawler = crawler
        self.stats = crawler.stats
        self.max_retries = config.check_retries
        self.backoff = config.retry_backoff
        self.retry_after_max = config.retry_after_max
        self.max_redirects = config.max_redirects
        self.body_cap = config.check_maxsize
        self.timeout = config.check_timeout
        # hostile-web checks (state cached per host for the run)
        self.deadline = config.check_deadline
        self.hostile_checks = config.hostile_checks
        self.soft404_probe = config.soft404_probe
        self.confirm_bot_404 = config.confirm_bot_404
        self.host_probes: dict[str, asyncio.Future] = {}
        self.parked_hosts: dict[str, str] = {}
        self.tls_problems: dict[str, str | None] = {}
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler: Any) -> LinkCheckDownloaderMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> Response | None:
        state = request.meta.get(CHECK)
        if state is None or "observation" in state:
            return None
        remaining = self._remaining(state)
        delay = state.pop("delay", 0)
        if delay >= remaining:
            return self._finish(request, state, error="timeout", detail="check deadline passed")
        if delay > 0:
            await asyncio.sleep(delay)
            remaining -= delay
            state["spent"] = state.get("spent", 0.0) + delay
        state["requests"] += 1
        request.meta["download_timeout"] = max(0.1, min(self.timeout, remaining))
        state["sent_at"] = time.monotonic()
        return None

    def _remaining(self, state: dict) -> float:
        """Seconds left of the check's deadline. Only time spent on the network and in
        retry waits counts, not time queued in the scheduler behind other checks."""
        sent_at = state.pop("sent_at", None)
        if sent_at is not None:
            state["spent"] = state.get("spent", 0.0) + time.monotonic() - sent_at
        return self.deadline - state.get("spent", 0.0) if self.deadline else 1e9

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        state = request.meta.get(CHECK)
        if state is None or "observation" in state:
            return response
        self._remaining(state)  # account for the time this request took
        status = response.status
        if request.meta.get("proxy"):
            headers, text = response_headers(response), response_text(response, PAGE_CHARS)
            answer = proxy_failure(status, headers, text)
            if answer is not None:  # the proxy spoke, not the target: a network observation
                return await self._proxy_failed(request, state, answer)
        if request.method == "HEAD" and not 200 <= status < 400:
            state["head_status"] = status
            return request.replace(method="GET")
        state["chain"].append([request.method, status, response.url])
        if 300 <= status < 400 and b"Location" in response.headers:
            return self._redirect(request, response, state)
        if (
            status in RETRY_STATUSES
            and state["attempt"] <= self.max_retries
            and not (self.hostile_checks and self._is_challenge(response))  # bot wall: no retry
        ):
            state["chain"].pop()
            retry_after = response.headers.get(b"Retry-After")
            return self._retry(request, state, f"http_{status}", retry_after)
        if self.hostile_checks:
            await self._inspect(request, state, response)
        return self._finish(request, state, response=response)

    async def process_exception(
        self, request: Request, exception: Exception
    ) -> Response | Request | None:
        state = request.meta.get(CHECK)
        if state is None or "observation" in state:
            return None
        self._remaining(state)  # account for the time this request took
        if request.meta.get("proxy"):
            answer = tunnel_failure(str(exception))
            if answer is not None:  # the proxy would not open a tunnel to an https target
                return await self._proxy_failed(request, state, answer)
        host = urlparse_cached(request).hostname or ""
        from twisted.internet import reactor  # the installed one, never installed here

        resolver = getattr(reactor, "nameResolver", None)
        dns_failure = resolver.failure_kind(host) if hasattr(resolver, "failure_kind") else None
        kind = error_kind(exception, dns_failure)
        if kind in RETRYABLE_ERRORS and state["attempt"] <= self.max_retries:
            return self._retry(request, state, kind, None)
        return self._finish(request, state, error=kind, detail=str(exception))

    async def _proxy_failed(
        self, request: Request, state: dict, answer: ProxyAnswer
    ) -> Request | Response:
        """A failure the proxy reported becomes the error it stands for (never the
        target's status), retried and judged like the same error seen directly."""
        error = answer.error
        if error == CONNECT_FAILED:
            error = await _settle_by_lookup(urlparse_cached(request).hostname or "")
        state.setdefault("findings", {})["proxy"] = answer.evidence
        self.stats.inc_value(f"linkprospector/check/proxy_answer/{error}")
        if error in RETRYABLE_ERRORS and state["attempt"] <= self.max_retries:
            return self._retry(request, state, error, None)
        return self._finish(request, state, error=error, detail=answer.evidence)

    def bytes_received(self, data: bytes, request: Request, **_: Any) -> None:
        """Stop reading a check's body once enough of it has arrived."""
        if CHECK not in request.meta and AUX not in request.meta:
            return
        received = request.meta.get("_linkprospector_bytes", 0) + len(data)
        request.meta["_linkprospector_bytes"] = received
        if received >= self.body_cap:
            raise StopDownload(fail=False)

    def _redirect(self, request: Request, response: Response, state: dict) -> Request | Response:
        location = response.headers[b"Location"].decode("latin-1").strip()
        target = normalize_url(urljoin(response.url, location)) if location else None
        if target is None:
            return self._finish(request, state, error="bad_redirect", detail=location[:200])
        if target in {hop[2] for hop in state["chain"]}:
            return self._finish(request, state, error="redirect_loop", detail=target)
        if len(state["chain"]) > self.max_redirects:
            return self._finish(request, state, error="too_many_redirects", detail=target)
        method = "GET" if response.status == 303 else request.method
        self.stats.inc_value("linkprospector/check/redirects")
        return request.replace(url=target, method=method)

    def _retry(self, request: Request, state: dict, reason: str, retry_after: bytes | None):
        state["attempt"] += 1
        state["delay"] = retry_delay(
            retry_after, state["attempt"], self.backoff, self.retry_after_max
        )
        self.stats.inc_value(f"linkprospector/check/retry/{reason}")
        return request.replace(dont_filter=True)

    def _finish(
        self,
        request: Request,
        state: dict,
        *,
        response: Response | None = None,
        error: str | None = None,
        detail: str = "",
    ) -> Response:
        state["observation"] = observation_from_state(state, response, error, detail)
        if response is not None:
            return response
        return Response(url=request.url, status=0, request=request, flags=[FINAL_FLAG])


async def _settle_by_lookup(host: str) -> str:
    """A proxy that could not connect and does not say why: the crawler's own lookup of
    the name tells a name that does not exist from a host that refused."""
    from twisted.internet import reactor  # the installed one, never installed here

    resolver = getattr(reactor, "nameResolver", None)
    if not (hasattr(resolver, "resolve") and hasattr(resolver, "failure_kind")):
        return settle_connect_failure(None, False)
    addresses = await deferred_to_future(resolver.resolve(host))
    return settle_connect_failure(resolver.failure_kind(host), bool(addresses))
