"""The combined prospect score: its ordering, freshness, the weights, the reasons."""

from __future__ import annotations

from datetime import date

import pytest

from linkprospector.judge.prospect_score import (
    ON_NICHE,
    Signals,
    Weights,
    dead_link_value,
    freshness,
    prospect_score,
)

TODAY = date(2026, 12, 3)
W = Weights()

#: Prospects from best to worst under the default weights.
ORDERED = [
    ("relevant, linked to, dead links, email, fresh",
     Signals(0.8, ("compost",), 80, 5, 12, 2, 0.7, "resource", "email", "2026-06-01", 7)),
    ("relevant resource page, no dead link",
     Signals(0.7, ("compost",), 40, 1, 0, 0, 0.8, "resource", "email", "2025-09-01")),
    ("relevant, obscure, contact page only",
     Signals(0.6, ("mulch",), 0, 0, 1, 1, 0.5, "resource", "contact_page", "")),
    ("authoritative but barely relevant",
     Signals(0.06, ("soil",), 100, 9, 3, 1, 0.6, "resource", "email", "2026-01-01")),
    ("off-niche, stale, unreachable",
     Signals(0.0, (), 10, 0, 0, 0, 0.4, "resource", "", "2012-01-01")),
]  # fmt: skip


def test_ordering():
    scores = [prospect_score(s, W, TODAY)[0] for _, s in ORDERED]
    names = [name for name, _ in ORDERED]
    assert scores == sorted(scores, reverse=True), list(zip(names, scores, strict=True))
    assert all(0 <= s <= 100 for s in scores)


def test_the_weights_decide():
    fresh_nobody = Signals(0.5, (), 0, 0, 0, 0, 0.2, "resource", "", "2026-11-01")
    stale_famous = Signals(0.5, (), 100, 0, 0, 0, 0.2, "resource", "", "2010-01-01")
    assert prospect_score(stale_famous, W, TODAY)[0] > prospect_score(fresh_nobody, W, TODAY)[0]
    only_fresh = Weights(0, 0, 0, 0, 0, 1)
    assert prospect_score(fresh_nobody, only_fresh, TODAY)[0] == 100.0
    assert prospect_score(stale_famous, only_fresh, TODAY)[0] == 0.0
    assert prospect_score(fresh_nobody, Weights(0, 0, 0, 0, 0, 0), TODAY) == (
        0.0,
        ["every score weight is 0"],
    )


def test_an_off_niche_page_is_damped_by_its_relevance():
    famous = {"authority": 100, "referring_domains": 9, "dead_link_domains": 20,
              "dead_links": 3, "resource": 1.0, "kind": "resource", "contact_kind": "email",
              "dated": "2026-11-01"}  # fmt: skip
    on = prospect_score(Signals(relevance=ON_NICHE, **famous), W, TODAY)
    half = prospect_score(Signals(relevance=ON_NICHE / 2, **famous), W, TODAY)
    off = prospect_score(Signals(relevance=0.0, **famous), W, TODAY)
    # Half as relevant: relevance's own share halves, then the whole score is halved.
    assert half[0] == pytest.approx((on[0] - 0.35 * 100 * ON_NICHE / 2) / 2, abs=0.1)
    assert half[1][0] == "weak niche match: score x 0.50"
    assert off[0] == 0.0


def test_without_a_niche_relevance_neither_helps_nor_hurts():
    base = Signals(None, (), 50, 0, 0, 0, 0.5, "resource", "email", "")
    same_but_zero = Signals(0.0, (), 50, 0, 0, 0, 0.5, "resource", "email", "")
    assert prospect_score(base, W, TODAY)[0] > prospect_score(same_but_zero, W, TODAY)[0]
    assert not any(r.startswith("relevance") for r in prospect_score(base, W, TODAY)[1])


def test_reasons_name_every_signal_strongest_first():
    score, reasons = prospect_score(ORDERED[0][1], W, TODAY)
    assert reasons[0] == "relevance 0.80 (compost)"
    assert "authority 80/100 in the crawl, 5 domain(s) link to the page, 7 to its host" in reasons
    assert "2 dead link(s), the best with 12 referring domain(s)" in reasons
    assert "resource-page score 0.70" in reasons
    assert "contact: email" in reasons and "dated 2026-06-01" in reasons
    _, reasons = prospect_score(ORDERED[-1][1], W, TODAY)
    assert "no contact" in reasons


@pytest.mark.parametrize(
    ("dated", "expected"),
    [("2026-11-30", 1.0), ("2025-12-04", 1.0), ("2023-12-03", 0.5), ("2021-12-04", 0.0),
     ("1999-01-01", 0.0), ("", None), ("not a date", None), ("2026-06-01T10:00:00", 1.0)],
)  # fmt: skip
def test_freshness(dated, expected):
    value = freshness(dated, TODAY)
    assert value == (pytest.approx(expected, abs=0.01) if expected is not None else None)


@pytest.mark.parametrize(("domains", "expected"), [(0, 0.0), (1, 0.228), (20, 1.0), (500, 1.0)])
def test_dead_link_value(domains, expected):
    assert dead_link_value(domains) == pytest.approx(expected, abs=0.001)
