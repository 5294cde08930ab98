"""Toxic-link signals: each with its reason; the score sums weights."""

from __future__ import annotations

import pytest

from linkprospector.judge.toxic import (
    LinkFacts,
    PageFacts,
    ToxicRules,
    repeated_anchors,
    toxic_signals,
)

CLEAN_PAGE = PageFacts("blog.test", outbound_domains=12, words=900)


@pytest.mark.parametrize(
    ("page", "link", "score", "words"),
    [
        (CLEAN_PAGE, LinkFacts(), 0, []),
        (PageFacts("p.test", 3, 50, parked=True), LinkFacts(), 60, ["parked or for sale"]),
        (PageFacts("farm.test", 300, 400), LinkFacts(), 50, ["link farm: 300 other domains"]),
        (PageFacts("dir.test", 300, 3000), LinkFacts(), 0, []),  # a big page with text: not a farm
        (CLEAN_PAGE, LinkFacts(hidden=True), 45, ["hidden"]),
        (CLEAN_PAGE, LinkFacts(context="Thanks to our partner Brew Co"), 25, ["without rel=sponsored"]),
        (CLEAN_PAGE, LinkFacts(rel="sponsored", context="Our sponsor"), 0, []),
        (PageFacts("cheap.xyz", 5, 500), LinkFacts(), 30, ["spam-prone TLD .xyz"]),
        (PageFacts("a.test", 5, 500, redirect_domains=("t.test",)), LinkFacts(), 30, ["via t.test"]),
        (CLEAN_PAGE, LinkFacts(placement="footer"), 15, ["a footer link"]),
        (PageFacts("x.xyz", 300, 10, parked=True), LinkFacts(hidden=True), 100, ["parked", "link farm", "hidden"]),
    ],
)  # fmt: skip
def test_signals(page, link, score, words):
    got, reasons = toxic_signals(page, link)
    assert got == score
    assert len(reasons) >= len(words) and all(any(w in r for r in reasons) for w in words)


def test_thresholds_and_lists_are_configurable():
    rules = ToxicRules(spam_tlds=("test",), farm_outbound_domains=10)
    score, reasons = toxic_signals(PageFacts("a.test", 20, 30), LinkFacts(), rules)
    assert score == 80 and len(reasons) == 2


def test_one_anchor_on_many_referring_domains():
    links = [(f"d{i}.test", "Best Brewing Kits", "text") for i in range(12)]
    links += [("d0.test", "Best brewing  kits", "text"), ("e.test", "MySite", "text")]
    found = repeated_anchors(links, 10, lambda anchor, kind: anchor != "MySite")
    assert found == {"best brewing kits": 12}
    assert repeated_anchors(links, 13, lambda a, k: True) == {}
