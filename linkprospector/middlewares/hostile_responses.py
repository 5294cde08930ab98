"""Hostile-response inspection for link checks: TLS problems, bot walls,
parked and for-sale domains, soft-404s (with one nonsense-URL probe per host) and
bot-filtered 404s re-checked with a browser's headers. Findings go into the check's
state; verdicts.classify_check judges them."""

from __future__ import annotations

import asyncio
import random
import string
import time
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import DownloadTimeoutError
from scrapy.http import Response, TextResponse
from scrapy.utils.httpobj import urlparse_cached

from linkprospector.crawl.check_requests import AUX, error_kind
from linkprospector.judge.page_facts import read_page
from linkprospector.judge.placeholders import judge_placeholder, placeholder_candidate
from linkprospector.judge.signatures import (
    SCAN_CHARS,
    bot_filter_signs,
    challenge_signature,
    parked_signature,
    waf_block_signature,
)
from linkprospector.judge.soft404 import (
    CONTENT_CHARS,
    judge_soft_404,
    needs_probe,
    probe_url,
    soft_404_signals,
)
from linkprospector.judge.tlscheck import certificate_problem
from linkprospector.reading.urls import normalize_url

#: Bodies larger than this are not searched for parking/for-sale text (landers are small).
PARKED_MAX_BODY = 64 * 1024
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


class HostileResponseChecks:
    """Mixin of LinkCheckDownloaderMiddleware: inspects a check's final answer.

    Needs ``stats``, ``crawler``, ``timeout``, ``soft404_probe``, ``confirm_bot_404``,
    ``host_probes``, ``parked_hosts``, ``tls_problems`` and ``_remaining(state)``."""

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
        waf = waf_block_signature(status, headers, text)
        if waf:
            findings["waf"] = waf
            self.stats.inc_value(f"linkprospector/check/waf/{waf}")
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
            candidate = placeholder_candidate(page) if page else None
            if signals or candidate:
                await self._judge_page(target_host, state, response, page, signals, candidate)
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

    async def _judge_page(
        self,
        host: str,
        state: dict,
        response: Response,
        page: str,
        signals: list[str],
        candidate: tuple[str, str] | None,
    ) -> None:
        """A 2xx answer that may be a soft-404 or a placeholder: judged on a redirect home
        alone, else against the host's answer to a nonsense URL (one probe per host)."""
        findings = state["findings"]
        final_url = normalize_url(response.url) or response.url
        if signals and not needs_probe(signals) and candidate is None:
            # sent home: gone, whatever the host does (unless home is a placeholder: below)
            dead, basis = judge_soft_404(signals, final_url, None, None)
            self.stats.inc_value("linkprospector/check/soft_404")
            findings["soft_404"] = {"dead": dead, "signals": signals, "basis": basis}
            return
        probe = self.host_probes.get(host)
        if probe is None:  # at most one probe per host per run; later targets share it
            probe = asyncio.ensure_future(self._probe_host(state["target"], state))
            self.host_probes[host] = probe
            self.stats.inc_value("linkprospector/check/soft404_probes")
        result = await asyncio.shield(probe)
        paths = (urlsplit(state["target"]).path, urlsplit(response.url).path)
        facts = read_page(page, ignore=paths)
        shown = {k: v for k, v in result.items() if k != "facts"}
        placeholder = judge_placeholder(candidate, final_url, facts, result)
        if placeholder:
            self.parked_hosts[host] = placeholder
            findings.update(parked=placeholder, parked_host=host, probe=shown)
            self.stats.inc_value("linkprospector/check/parked")
            return
        if not signals:
            return
        dead, basis = judge_soft_404(signals, final_url, facts, result)
        if dead:
            self.stats.inc_value("linkprospector/check/soft_404")
        findings["soft_404"] = {"dead": dead, "signals": signals, "basis": basis, "probe": shown}

    async def _probe_host(self, url: str, state: dict) -> dict[str, Any]:
        token = "".join(random.choices(string.ascii_lowercase, k=16))
        target = probe_url(url, token)
        try:
            response = await self._side_request(target, state)
        except Exception as exc:
            return {"url": target, "status": None, "error": error_kind(exc)}
        page = response.text[:CONTENT_CHARS] if isinstance(response, TextResponse) else ""
        return {
            "url": target,
            "status": response.status,
            "final_url": normalize_url(response.url) or response.url,
            # not-found pages echo the address asked for: each side leaves out its own path
            "facts": read_page(page, ignore=(urlsplit(target).path, token)),
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
