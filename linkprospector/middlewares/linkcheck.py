"""LinkCheckDownloaderMiddleware: turns one check request into one observation.

Check requests (made by :func:`make_check_request`) carry their state in
``meta["linkprospector_check"]``. This middleware follows redirects itself (so the
chain is recorded and loops are caught), falls back from HEAD to GET, retries
429/5xx, timeouts and resets with backoff (honouring ``Retry-After``, capped), caps
the body, and turns download errors into observations instead of failures. When a
check is done, ``state["observation"]`` holds an :class:`~linkprospector.verdicts.Observation`.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections import Counter
from typing import Any
from urllib.parse import urljoin

from scrapy import Request, signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
    StopDownload,
)
from scrapy.http import Response, TextResponse
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import error as tx_error

from linkprospector.rendering import browser_error_kind
from linkprospector.urls import normalize_url
from linkprospector.verdicts import RETRY_STATUSES, Hop, Observation

CHECK = "linkprospector_check"
FINAL_FLAG = "linkprospector_final"
RETRYABLE_ERRORS = frozenset({"timeout", "reset", "dns_temporary"})
BODY_TEXT_CHARS = 64 * 1024


def make_check_request(
    url: str, callback: Any, errback: Any, *, method: str = "GET", priority: int = 10
) -> Request:
    """A request that checks ``url`` (handled by LinkCheckDownloaderMiddleware)."""
    return Request(
        url,
        method=method,
        callback=callback,
        errback=errback,
        priority=priority,
        dont_filter=True,
        meta={
            CHECK: {"target": url, "chain": [], "attempt": 1, "requests": 0},
            "dont_redirect": True,
            "dont_retry": True,
            "handle_httpstatus_all": True,
            "dont_obey_robotstxt": True,
            "allow_offsite": True,
            "download_maxsize": 8 * 1024 * 1024,
            "download_warnsize": 0,
        },
    )


def error_kind(exc: BaseException, dns_failure: str | None = None) -> str:
    """Observation error name for a download exception."""
    text = _exception_text(exc)
    browser_kind = browser_error_kind(text)  # issue 6: Playwright/Chromium errors
    if browser_kind is not None:
        return browser_kind
    if isinstance(exc, CannotResolveHostError | tx_error.DNSLookupError):
        return {
            "private_address": "private_address",
            "timeout": "dns_timeout",
            "temporary": "dns_temporary",
        }.get(dns_failure or "", "dns")
    if isinstance(exc, DownloadConnectionRefusedError | tx_error.ConnectionRefusedError):
        return "refused"
    if isinstance(exc, DownloadTimeoutError | tx_error.TimeoutError | TimeoutError):
        return "timeout"
    if "ssl" in text or "certificate" in text or "tls" in text:
        return "tls"
    if isinstance(exc, tx_error.NoRouteError) or "unreachable" in text:
        return "unreachable"
    if isinstance(exc, IgnoreRequest) and "maxsize" in text:
        return "too_large"
    if isinstance(
        exc,
        DownloadFailedError
        | ResponseDataLossError
        | tx_error.ConnectionLost
        | tx_error.ConnectionDone
        | ConnectionError,
    ):
        return "reset"
    return "error"


def _exception_text(exc: BaseException) -> str:
    parts, seen = [], 0
    current: BaseException | None = exc
    while current is not None and seen < 5:
        parts.append(f"{type(current).__name__} {current}")
        reasons = getattr(current, "reasons", None)  # twisted ResponseFailed
        if reasons:
            parts.extend(f"{r.type.__name__} {r.value}" for r in reasons)
        current, seen = current.__cause__ or current.__context__, seen + 1
    return " ".join(parts).lower()


def retry_delay(retry_after: bytes | None, attempt: int, backoff: float, cap: float) -> float:
    """Seconds to wait before retry number ``attempt`` (Retry-After wins, capped)."""
    if retry_after:
        text = retry_after.decode("latin-1").strip()
        try:
            return min(max(float(text), 0.0), cap)
        except ValueError:
            parsed = email.utils.parsedate_to_datetime(text) if text else None
            if parsed is not None:
                return min(max(parsed.timestamp() - time.time(), 0.0), cap)
    return min(backoff * 2 ** max(attempt - 2, 0), cap)


class LinkCheckDownloaderMiddleware:
    """Checks link targets: redirects, HEAD fallback, retries, errors as observations."""

    def __init__(self, crawler: Any):
        s = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.max_retries = s.getint("LINKPROSPECTOR_CHECK_RETRIES")
        self.backoff = s.getfloat("LINKPROSPECTOR_RETRY_BACKOFF")
        self.retry_after_max = s.getfloat("LINKPROSPECTOR_RETRY_AFTER_MAX")
        self.max_redirects = s.getint("LINKPROSPECTOR_MAX_REDIRECTS")
        self.body_cap = s.getint("LINKPROSPECTOR_CHECK_MAXSIZE")
        self.timeout = s.getfloat("LINKPROSPECTOR_CHECK_TIMEOUT")
        self.host_timeouts_max = s.getint("LINKPROSPECTOR_HOST_TIMEOUTS_MAX")
        self.host_timeouts: Counter[str] = Counter()
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler: Any) -> LinkCheckDownloaderMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> Response | None:
        state = request.meta.get(CHECK)
        if state is None or "observation" in state:
            return None
        host = urlparse_cached(request).hostname or ""
        if self.host_timeouts_max and self.host_timeouts[host] >= self.host_timeouts_max:
            return self._finish(request, state, error="timeout", detail="host keeps timing out")
        delay = state.pop("delay", 0)
        if delay > 0:
            await asyncio.sleep(delay)
        state["requests"] += 1
        request.meta.setdefault("download_timeout", self.timeout)
        return None

    def process_response(self, request: Request, response: Response) -> Request | Response:
        state = request.meta.get(CHECK)
        if state is None or "observation" in state:
            return response
        status = response.status
        if request.method == "HEAD" and not 200 <= status < 400:
            state["head_status"] = status
            return request.replace(method="GET")
        state["chain"].append([request.method, status, response.url])
        if 300 <= status < 400 and b"Location" in response.headers:
            return self._redirect(request, response, state)
        if status in RETRY_STATUSES and state["attempt"] <= self.max_retries:
            state["chain"].pop()
            retry_after = response.headers.get(b"Retry-After")
            return self._retry(request, state, f"http_{status}", retry_after)
        return self._finish(request, state, response=response)

    def process_exception(
        self, request: Request, exception: Exception
    ) -> Response | Request | None:
        state = request.meta.get(CHECK)
        if state is None or "observation" in state:
            return None
        host = urlparse_cached(request).hostname or ""
        from twisted.internet import reactor  # the installed one, never installed here

        resolver = getattr(reactor, "nameResolver", None)
        dns_failure = resolver.failure_kind(host) if hasattr(resolver, "failure_kind") else None
        kind = error_kind(exception, dns_failure)
        if kind in RETRYABLE_ERRORS and state["attempt"] <= self.max_retries:
            if kind == "timeout":
                self.host_timeouts[host] += 1
            return self._retry(request, state, kind, None)
        if kind == "timeout":
            self.host_timeouts[host] += 1
        return self._finish(request, state, error=kind, detail=str(exception))

    def bytes_received(self, data: bytes, request: Request, **_: Any) -> None:
        """Stop reading a check's body once enough of it has arrived."""
        if CHECK not in request.meta:
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


def observation_from_state(
    state: dict, response: Response | None = None, error: str | None = None, detail: str = ""
) -> Observation:
    """Build the observation of a finished check from its meta state."""
    body_text, content_type = "", ""
    if response is not None:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        if isinstance(response, TextResponse):
            body_text = response.text[:BODY_TEXT_CHARS]
    return Observation(
        url=state["target"],
        chain=[Hop(url=u, status=s, method=m) for m, s, u in state["chain"]],
        error=error,
        error_detail=detail,
        attempts=state["requests"],
        body_text=body_text,
        content_type=content_type,
    )
