"""The verdict table of DESIGN.md as a pure-function table (core reasons)."""

from __future__ import annotations

import json

import pytest

from linkprospector.judge.verdicts import Hop, Observation, Verdict, classify_check, evidence_json


def obs(*statuses: int, error: str | None = None, url: str = "http://t.test/") -> Observation:
    chain = [Hop(url=f"{url}{i}", status=s) for i, s in enumerate(statuses)]
    return Observation(url=url, chain=chain, error=error)


@pytest.mark.parametrize(
    ("observation", "verdict", "reason"),
    [
        (obs(200), "live", "ok"),
        (obs(204), "live", "ok"),
        (obs(301, 200), "live", "redirect_ok"),
        (obs(301, 302, 200), "live", "redirect_ok"),
        (obs(404), "dead", "http_404"),
        (obs(410), "dead", "http_410"),
        (obs(400), "dead", "http_400"),
        (obs(301, 404), "dead", "http_404"),
        (obs(500), "dead", "http_500"),
        (obs(503), "dead", "http_503"),
        (obs(401), "blocked", "http_401"),
        (obs(403), "blocked", "http_403"),
        (obs(429), "blocked", "http_429"),
        (obs(999), "blocked", "http_999"),
        (obs(301), "unknown", "http_301"),
        (obs(error="dns"), "dead", "dns"),
        (obs(error="refused"), "dead", "refused"),
        (obs(301, 301, error="redirect_loop"), "dead", "redirect_loop"),
        (obs(error="too_many_redirects"), "dead", "too_many_redirects"),
        (obs(error="timeout"), "unknown", "timeout"),
        (obs(error="dns_timeout"), "unknown", "dns_timeout"),
        (obs(error="dns_temporary"), "unknown", "dns_temporary"),
        (obs(error="tls"), "unknown", "tls"),
        (obs(error="reset"), "unknown", "reset"),
        (obs(error="private_address"), "unknown", "private_address"),
        (obs(error="network_down"), "unknown", "network_down"),
        (obs(error="something new"), "unknown", "error"),
        (Observation(url="http://t.test/"), "unknown", "error"),
    ],
)
def test_classify_check(observation: Observation, verdict: str, reason: str) -> None:
    result = classify_check(observation)
    assert (result.verdict, result.reason) == (verdict, reason)


def test_evidence_keeps_chain_and_error() -> None:
    observation = obs(301, 404, error=None)
    data = json.loads(evidence_json(observation, probe="404"))
    assert data["chain"] == [["GET", 301, "http://t.test/0"], ["GET", 404, "http://t.test/1"]]
    assert data["probe"] == "404"
    failed = json.loads(evidence_json(obs(error="dns")))
    assert failed["error"] == "dns" and failed["chain"] == []


@pytest.mark.parametrize("error", ["dns", "refused"])
def test_the_outage_guards_finding_makes_a_network_error_unknown(error):
    """the guard adds what it saw; classify_check alone judges."""
    obs = Observation(url="http://a.test/", error=error, findings={"network_down": "all failed"})
    assert classify_check(obs) == Verdict("unknown", "network_down")
    assert classify_check(Observation(url="http://a.test/", error=error)).verdict == "dead"
