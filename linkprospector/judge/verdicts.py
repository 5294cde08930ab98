"""Verdicts from observed check results: pure functions, no Scrapy imports.

A check produces one :class:`Observation`; :func:`classify_check` turns it into a
:class:`Verdict` per the table in DESIGN.md. A false ``dead`` costs an embarrassing
email, so ``dead`` needs definitive evidence; anything ambiguous is ``unknown``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

LIVE, DEAD, BLOCKED, UNKNOWN = "live", "dead", "blocked", "unknown"
#: Reasons other modules name (exports, the parked-host follow-up, history).
PARKED, SOFT_404 = "parked", "soft_404"

#: Statuses that mean "the server refuses robots", not "the page is gone". 406: what
#: web application firewalls (mod_security on shared hosts) answer a robot's request.
BLOCKED_STATUSES = frozenset({401, 403, 406, 429, 999})
#: Statuses worth retrying before giving a verdict.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
#: Errors that say the host or page is gone.
#: ``invalid_url``: an href no browser can follow (not a URL under the URL standard).
DEAD_ERRORS = frozenset({"dns", "refused", "redirect_loop", "too_many_redirects", "invalid_url"})
#: Errors that say nothing about the target (ours, or transient).
UNKNOWN_ERRORS = frozenset(
    {
        "timeout",
        "dns_timeout",
        "dns_temporary",
        "tls",
        "network_down",
        "unreachable",
        "private_address",
        "reset",
        "too_large",
        "bad_redirect",
        "proxy_error",  # our proxy failed (policy, its uplink): nothing about the target
        "error",
    }
)


@dataclass
class Hop:
    """One HTTP answer on the way to the final URL."""

    url: str
    status: int
    method: str = "GET"


@dataclass
class Observation:
    """What one check of a target saw, after retries and redirects."""

    url: str
    chain: list[Hop] = field(default_factory=list)
    error: str | None = None  # dns | refused | timeout | tls | reset | redirect_loop | ...
    error_detail: str = ""
    attempts: int = 1
    body_text: str = ""  # decoded start of the final body (may be empty)
    content_type: str = ""
    #: What the hostile-web checks found, kept as evidence: ``parked``
    #: (signature), ``challenge`` (bot wall), ``waf`` (a firewall's block page),
    #: ``soft_404`` ({"dead": bool, ...}), ``confirm`` (browser-headers GET:
    #: {"status": ..}), ``tls`` (certificate problem).
    findings: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> int | None:
        """Status of the final answer, if any answer came."""
        return self.chain[-1].status if self.chain else None

    @property
    def final_url(self) -> str:
        """URL of the final answer (the target itself when nothing answered)."""
        return self.chain[-1].url if self.chain else self.url


@dataclass(frozen=True)
class Verdict:
    """A verdict with its reason (see DESIGN.md)."""

    verdict: str
    reason: str


def classify_status(status: int, redirected: bool = False) -> Verdict:
    """Verdict for a final HTTP status."""
    if 200 <= status < 300:
        return Verdict(LIVE, "redirect_ok" if redirected else "ok")
    if status in BLOCKED_STATUSES or status >= 600 or status < 100:
        return Verdict(BLOCKED, f"http_{status}")
    if 300 <= status < 400:
        # A redirect we could not follow (no usable Location): nothing to judge by.
        return Verdict(UNKNOWN, f"http_{status}")
    return Verdict(DEAD, f"http_{status}")


def classify_check(obs: Observation) -> Verdict:
    """Verdict for one observation, per the DESIGN.md verdict table."""
    if obs.error and obs.findings.get("network_down"):
        return Verdict(UNKNOWN, "network_down")  # the outage guard: our network failed
    if obs.error:
        if obs.error in DEAD_ERRORS:
            return Verdict(DEAD, obs.error)
        return Verdict(UNKNOWN, obs.error if obs.error in UNKNOWN_ERRORS else "error")
    if obs.status is None:
        return Verdict(UNKNOWN, "error")
    found = obs.findings
    if found.get("parked"):
        return Verdict(DEAD, "parked")  # whole domain for sale or parked
    if found.get("challenge"):
        return Verdict(BLOCKED, "challenge")
    if found.get("waf"):
        return Verdict(BLOCKED, "waf")  # a firewall's block page, whatever its 4xx says
    verdict = classify_status(obs.status, redirected=len(obs.chain) > 1)
    confirm = found.get("confirm")
    if confirm and obs.status in (404, 410):
        return _confirmed(verdict, confirm)
    soft = found.get("soft_404")
    if verdict.verdict == LIVE and isinstance(soft, dict) and soft.get("dead"):
        return Verdict(DEAD, "soft_404")
    if verdict.verdict == LIVE and found.get("tls"):
        return Verdict(UNKNOWN, "tls")  # answers, but browsers warn: not dead either
    return verdict


def _confirmed(first: Verdict, confirm: dict[str, Any]) -> Verdict:
    """Verdict for a bot-filtered 404/410 re-checked with a browser's headers."""
    if confirm.get("challenge"):
        return Verdict(BLOCKED, "challenge")
    status = confirm.get("status")
    if not isinstance(status, int) or status <= 0:
        error = confirm.get("error") or "error"
        return Verdict(UNKNOWN, error if error in UNKNOWN_ERRORS else "error")
    if status in (404, 410):
        return first
    return classify_status(status)


def evidence_json(obs: Observation, **extra: object) -> str:
    """The evidence a verdict came from, as compact JSON for the database."""
    data: dict[str, object] = {
        "chain": [[h.method, h.status, h.url] for h in obs.chain],
        "attempts": obs.attempts,
    }
    if obs.error:
        data["error"] = obs.error
        if obs.error_detail:
            data["detail"] = obs.error_detail[:300]
    data.update({k: v for k, v in obs.findings.items() if v not in (None, "", [], {})})
    data.update({k: v for k, v in extra.items() if v not in (None, "", [], {})})
    return json.dumps(data, separators=(",", ":"))
