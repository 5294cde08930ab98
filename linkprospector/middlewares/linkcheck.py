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
import random
import string
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

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
from linkprospector.signatures import (
    SCAN_CHARS,
    bot_filter_signs,
    challenge_signature,
    parked_signature,
)
from linkprospector.soft404 import (
    CONTENT_CHARS,
    content_fingerprint,
    judge_soft_404,
    needs_probe,
    probe_url,
    soft_404_signals,
)
from linkprospector.tlscheck import certificate_problem
from linkprospector.urls import normalize_url
from linkprospector.verdicts import RETRY_STATUSES, Hop, Observation

CHECK = "linkprospector_check"
FINAL_FLAG = "linkprospector_final"
#: Errors retried within the run. Not timeouts: a host that never answers would cost a
#: timeout per attempt; a timeout is unknown and the next run checks it again.
RETRYABLE_ERRORS = frozenset({"reset", "dns_temporary"})
BODY_TEXT_CHARS = 64 * 1024
#: Bodies larger than this are not searched for parking/for-sale text (landers are small).
PARKED_MAX_BODY = 64 * 1024
#: Meta key of the side requests a check makes (soft-404 probe, browser confirmation).
AUX = "linkprospector_aux"
#: Headers of a mainstream browser, for re-checking a 404 that came from a bot filter.
BROWSER_HEADERS = {
    "User-Agent": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36"
    ),
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.9",
    "Sec-Fetch-Dest": "document",
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-Site": "none",
    "Upgrade-Insecure-Requests": "1",
}


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
        # issue 3: hostile-web checks (state cached per host for the run)
        self.deadline = s.getfloat("LINKPROSPECTOR_CHECK_DEADLINE", 60.0)
        self.hostile_checks = s.getbool("LINKPROSPECTOR_HOSTILE_CHECKS", True)
        self.soft404_probe = s.getbool("LINKPROSPECTOR_SOFT404_PROBE", True)
        self.confirm_bot_404 = s.getbool("LINKPROSPECTOR_CONFIRM_BOT_404", True)
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

    def process_exception(
        self, request: Request, exception: Exception
    ) -> Response | Request | None:
        state = request.meta.get(CHECK)
        if state is None or "observation" in state:
            return None
        self._remaining(state)  # account for the time this request took
        host = urlparse_cached(request).hostname or ""
        from twisted.internet import reactor  # the installed one, never installed here

        resolver = getattr(reactor, "nameResolver", None)
        dns_failure = resolver.failure_kind(host) if hasattr(resolver, "failure_kind") else None
        kind = error_kind(exception, dns_failure)
        if kind in RETRYABLE_ERRORS and state["attempt"] <= self.max_retries:
            return self._retry(request, state, kind, None)
        return self._finish(request, state, error=kind, detail=str(exception))

    def bytes_received(self, data: bytes, request: Request, **_: Any) -> None:
        """Stop reading a check's body once enough of it has arrived."""
        if CHECK not in request.meta and AUX not in request.meta:
            return
        received = request.meta.get("_linkprospector_bytes", 0) + len(data)
        request.meta["_linkprospector_bytes"] = received
        if received >= self.body_cap:
            raise StopDownload(fail=False)

    # -- issue 3: hostile-web checks on a final answer -------------------------------

    def _is_challenge(self, response: Response) -> bool:
        return (
            challenge_signature(response.status, _header_map(response), _text(response)) is not None
        )

    async def _inspect(self, request: Request, state: dict, response: Response) -> None:
        """TLS, bot wall, parked domain, soft-404 and bot-filtered 404: into findings."""
        findings = state.setdefault("findings", {})
        host = urlparse_cached(request).hostname or ""
        status, text = response.status, _text(response)
        problem = self._tls_problem(host, response)
        if problem:
            findings["tls"] = problem
        headers = _header_map(response)
        challenge = challenge_signature(status, headers, text)
        if challenge:
            findings["challenge"] = challenge
            self.stats.inc_value(f"linkprospector/check/challenge/{challenge}")
            return
        target_host = urlsplit(state["target"]).hostname or ""
        for known in (target_host, host):
            if known in self.parked_hosts:
                findings["parked"] = f"host:{self.parked_hosts[known]}"
                findings["parked_host"] = known
                return
        if status < 500 and (text or len(state["chain"]) > 1):
            # Landers are small: a big body is checked by its URL only (cheap).
            lander = text if len(response.body) <= PARKED_MAX_BODY else ""
            parked = parked_signature(lander, state["target"], response.url)
            if parked:
                parked_host = _parked_host(parked, state["chain"], host)
                self.parked_hosts[parked_host] = parked
                findings["parked"] = parked
                findings["parked_host"] = parked_host
                self.stats.inc_value("linkprospector/check/parked")
                return
        if 200 <= status < 300 and self.soft404_probe:
            page = response.text[:CONTENT_CHARS] if isinstance(response, TextResponse) else ""
            signals = soft_404_signals(state["target"], response.url, page)
            if signals:
                findings["soft_404"] = await self._soft_404(target_host, state, response, signals)
        elif status in (404, 410) and self.confirm_bot_404:
            bot_filter = bot_filter_signs(headers, text)
            if bot_filter:
                findings["bot_filter"] = bot_filter
                findings["confirm"] = await self._confirm(request, state)

    def _tls_problem(self, host: str, response: Response) -> str | None:
        certificate = getattr(response, "certificate", None)
        if certificate is None or not response.url.startswith("https:"):
            return None
        if host not in self.tls_problems:
            try:
                cert = certificate.original.to_cryptography()
                self.tls_problems[host] = certificate_problem(cert, host)
            except Exception as exc:  # an unparseable certificate is a problem too
                self.tls_problems[host] = f"unreadable: {type(exc).__name__}"
            if self.tls_problems[host]:
                self.stats.inc_value("linkprospector/check/tls_problem")
        return self.tls_problems[host]

    async def _soft_404(
        self, host: str, state: dict, response: Response, signals: list[str]
    ) -> dict[str, Any]:
        """Judge a suspicious 2xx answer: on its own strong signals, or against the host's
        answer to a nonsense URL."""
        final_url = normalize_url(response.url) or response.url
        if not needs_probe(signals):
            dead, basis = judge_soft_404(signals, final_url, frozenset(), None)
            self.stats.inc_value("linkprospector/check/soft_404")
            return {"dead": dead, "signals": signals, "basis": basis}
        probe = self.host_probes.get(host)
        if probe is None:  # at most one probe per host per run; later targets share it
            probe = asyncio.ensure_future(self._probe_host(state["target"], state))
            self.host_probes[host] = probe
            self.stats.inc_value("linkprospector/check/soft404_probes")
        result = await asyncio.shield(probe)
        ignore = tuple(part for part in response.url.split("/")[3:] if part)
        fingerprint = content_fingerprint(_text(response), ignore=ignore)
        dead, basis = judge_soft_404(signals, final_url, fingerprint, result)
        if dead:
            self.stats.inc_value("linkprospector/check/soft_404")
        shown = {k: v for k, v in result.items() if k != "fingerprint"}
        return {"dead": dead, "signals": signals, "basis": basis, "probe": shown}

    async def _probe_host(self, url: str, state: dict) -> dict[str, Any]:
        token = "".join(random.choices(string.ascii_lowercase, k=16))
        target = probe_url(url, token)
        try:
            response = await self._side_request(target, state)
        except Exception as exc:
            return {"url": target, "status": None, "error": error_kind(exc)}
        return {
            "url": target,
            "status": response.status,
            "final_url": normalize_url(response.url) or response.url,
            "fingerprint": content_fingerprint(_text(response), ignore=(token,)),
        }

    async def _confirm(self, request: Request, state: dict) -> dict[str, Any]:
        """GET the URL again with a browser's headers (the 404 came from a bot filter)."""
        self.stats.inc_value("linkprospector/check/browser_confirmations")
        try:
            response = await self._side_request(request.url, state, headers=BROWSER_HEADERS)
        except Exception as exc:
            return {"status": None, "error": error_kind(exc)}
        result: dict[str, Any] = {"status": response.status, "final_url": response.url}
        challenge = challenge_signature(response.status, _header_map(response), _text(response))
        if challenge:
            result["challenge"] = challenge
        return result

    async def _side_request(
        self, url: str, state: dict, headers: dict[str, str] | None = None
    ) -> Response:
        """A probe/confirmation GET within the check's deadline (redirects followed)."""
        remaining = self._remaining(state)
        if remaining <= 0.1:
            raise DownloadTimeoutError("check deadline passed")
        state["requests"] += 1
        side = Request(
            url,
            headers=headers,
            dont_filter=True,
            meta={
                AUX: True,
                "dont_retry": True,
                "dont_obey_robotstxt": True,
                "allow_offsite": True,
                "download_timeout": max(0.1, min(self.timeout, remaining)),
                "download_maxsize": 8 * 1024 * 1024,
                "download_warnsize": 0,
            },
        )
        state["sent_at"] = time.monotonic()
        try:
            return await self.crawler.engine.download_async(side)
        finally:
            self._remaining(state)

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
        findings=dict(state.get("findings", {})),
    )


def _parked_host(signature: str, chain: list, final_host: str) -> str:
    """The host that is parked: the one that sent us to a marketplace, else the final one."""
    if signature.startswith("redirect:"):
        for _method, _status, url in reversed(chain):
            hop_host = urlsplit(url).hostname or ""
            if hop_host and not hop_host.endswith(signature.removeprefix("redirect:")):
                return hop_host
    return final_host


def _text(response: Response) -> str:
    """The decoded start of a body the signatures look at ('' when not text)."""
    return response.text[:SCAN_CHARS] if isinstance(response, TextResponse) else ""


def _header_map(response: Response) -> dict[str, str]:
    """Response headers with lower-case names (last value of a repeated header)."""
    return {
        name.decode("latin-1").lower(): (values[-1] if values else b"").decode("latin-1")
        for name, values in response.headers.items()
    }
