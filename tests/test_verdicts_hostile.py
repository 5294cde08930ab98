"""classify_check with the hostile-web findings: a pure table."""

from __future__ import annotations

import json

import pytest

from linkprospector.judge.verdicts import Hop, Observation, classify_check, evidence_json


def obs(*statuses: int, error: str | None = None, **findings: object) -> Observation:
    chain = [Hop(url=f"http://t.test/{i}", status=s) for i, s in enumerate(statuses)]
    return Observation(url="http://t.test/", chain=chain, error=error, findings=dict(findings))


SOFT_DEAD = {"dead": True, "signals": ["not_found_text"], "basis": "probe_same_content"}
SOFT_LIVE = {"dead": False, "signals": ["not_found_text"], "basis": "unlike_not_found"}


@pytest.mark.parametrize(
    ("observation", "verdict", "reason"),
    [
        # parked: whole domain, whatever the status
        (obs(200, parked="sedo"), "dead", "parked"),
        (obs(302, 200, parked="redirect:dan.com"), "dead", "parked"),
        (obs(404, parked="host:sedo"), "dead", "parked"),
        # bot walls are blocked, never dead, and labelled
        (obs(403, challenge="cloudflare"), "blocked", "challenge"),
        (obs(503, challenge="cloudflare"), "blocked", "challenge"),
        (obs(429, challenge="datadome"), "blocked", "challenge"),
        (obs(401), "blocked", "http_401"),
        (obs(403), "blocked", "http_403"),
        (obs(429), "blocked", "http_429"),
        (obs(999), "blocked", "http_999"),
        # soft-404: only a judged one is dead
        (obs(200, soft_404=SOFT_DEAD), "dead", "soft_404"),
        (obs(302, 200, soft_404=SOFT_DEAD), "dead", "soft_404"),
        (obs(200, soft_404=SOFT_LIVE), "live", "ok"),
        (obs(302, 200, soft_404=SOFT_LIVE), "live", "redirect_ok"),
        (obs(404, soft_404=SOFT_DEAD), "dead", "http_404"),
        # bot-filtered 404 confirmed with a browser's headers
        (obs(404, confirm={"status": 200}), "live", "ok"),
        (obs(410, confirm={"status": 301}), "unknown", "http_301"),
        (obs(404, confirm={"status": 404}), "dead", "http_404"),
        (obs(410, confirm={"status": 410}), "dead", "http_410"),
        (obs(404, confirm={"status": 403}), "blocked", "http_403"),
        (obs(404, confirm={"status": 403, "challenge": "cloudflare"}), "blocked", "challenge"),
        (obs(404, confirm={"status": None, "error": "timeout"}), "unknown", "timeout"),
        (obs(404, confirm={"status": None, "error": "weird"}), "unknown", "error"),
        (obs(200, confirm={"status": 404}), "live", "ok"),
        # TLS problems: unknown when it answers, the status otherwise
        (obs(200, tls="expired"), "unknown", "tls"),
        (obs(301, 200, tls="hostname_mismatch"), "unknown", "tls"),
        (obs(404, tls="expired"), "dead", "http_404"),
        (obs(403, tls="self_signed"), "blocked", "http_403"),
        # errors win over findings
        (obs(error="network_down", parked="sedo"), "unknown", "network_down"),
        (obs(error="dns"), "dead", "dns"),
        (obs(error="tls"), "unknown", "tls"),
        (obs(error="timeout"), "unknown", "timeout"),
        (obs(error="too_large"), "unknown", "too_large"),
        (obs(error="bad_redirect"), "unknown", "bad_redirect"),
        # the core table is unchanged without findings
        (obs(200), "live", "ok"),
        (obs(404), "dead", "http_404"),
        (obs(500), "dead", "http_500"),
    ],
)
def test_classify_check_with_findings(observation, verdict, reason):
    result = classify_check(observation)
    assert (result.verdict, result.reason) == (verdict, reason)


def test_evidence_holds_findings():
    observation = obs(302, 200, soft_404=SOFT_DEAD, tls="")
    data = json.loads(evidence_json(observation))
    assert data["soft_404"] == SOFT_DEAD
    assert "tls" not in data  # empty findings are left out
    assert data["chain"][0] == ["GET", 302, "http://t.test/0"]
