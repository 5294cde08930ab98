"""The check request contract: how a link check is asked for, what its meta state holds,
how a download error is named, how long to wait before a retry, and the observation a
finished check becomes. Read by the link-check middlewares, the outage guard, the
downloader and the spiders."""

from __future__ import annotations

import email.utils
import time
from typing import Any

from scrapy import Request
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse
from twisted.internet import error as tx_error

from linkprospector.judge.verdicts import Hop, Observation
from linkprospector.reading.rendering import browser_error_kind

CHECK = "linkprospector_check"
FINAL_FLAG = "linkprospector_final"
#: Errors retried within the run. Not timeouts: a host that never answers would cost a
#: timeout per attempt; a timeout is unknown and the next run checks it again.
RETRYABLE_ERRORS = frozenset({"reset", "dns_temporary"})
BODY_TEXT_CHARS = 64 * 1024
#: Meta key of the side requests a check makes (soft-404 probe, browser confirmation).
AUX = "linkprospector_aux"


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
    browser_kind = browser_error_kind(text)  # Playwright/Chromium errors
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


def response_headers(response: Response) -> dict[str, str]:
    """A response's headers with lower-case names (the last value of a repeated one), as
    the judge's signature functions take them."""
    return {
        name.decode("latin-1").lower(): (values[-1] if values else b"").decode("latin-1")
        for name, values in response.headers.items()
    }


def response_text(response: Response, chars: int) -> str:
    """The decoded start of a body ('' when it is not text)."""
    return response.text[:chars] if isinstance(response, TextResponse) else ""


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
        findings=dict(state.get("findings", {})),
    )
