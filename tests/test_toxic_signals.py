"""The toxic signals only a whole backlink set shows, as pure functions: each returns
(link, signal, weight, reason); the store writes what they return and nothing else."""

from __future__ import annotations

import pytest

from linkprospector.judge.toxic import (
    WEIGHTS,
    ToxicSignal,
    repeated_anchor_signals,
    sitewide_signals,
)


def link(source, anchor="best cheap widgets", placement="content", reasons="", kind="text",
         target="https://mysite.test/widgets"):  # fmt: skip
    return {"source_url": source, "target_url": target, "anchor_text": anchor, "kind": kind,
            "placement": placement, "toxic_reasons": reasons}  # fmt: skip


FOOT1, FOOT2 = (link(f"https://a.test/{n}", placement="footer") for n in (1, 2))
SIDE1 = link("https://a.test/1", placement="sidebar")
OTHER = link("https://b.test/2", placement="footer")
SPREAD = [link(f"https://blog{n}.test/post") for n in range(3)]


@pytest.mark.parametrize(
    "links, min_domains, flagged",
    [
        (SPREAD, 3, 3),  # one commercial anchor on three referring domains
        (SPREAD, 4, 0),  # too few domains
        ([link("https://a.test/1"), link("https://a.test/2"), link("https://b.test/")], 3, 0),
        ([link(f"https://b{n}.test/", anchor="MySite") for n in range(3)], 3, 0),  # branded
        ([link(f"https://c{n}.test/", anchor="", kind="image") for n in range(3)], 3, 0),
        ([*SPREAD[:2], link("https://blog2.test/post",
          reasons="the same anchor 'best cheap widgets' on 3 referring domains")], 3, 2),
    ],
)  # fmt: skip
def test_repeated_anchor_signals(links, min_domains, flagged):
    found = repeated_anchor_signals(links, "mysite.test", min_domains, 20)
    assert len(found) == flagged
    for signal in found:
        assert signal.signal == "repeated_anchor" and signal.weight == 20
        assert signal.reason == "the same anchor 'best cheap widgets' on 3 referring domains"


@pytest.mark.parametrize(
    "links, expected",
    [
        ([FOOT1, FOOT2],
         [("https://a.test/1", "sitewide: the same link in the footer of 2 pages of a.test"),
          ("https://a.test/2", "sitewide: the same link in the footer of 2 pages of a.test")]),
        ([FOOT1, OTHER], []),  # two domains, one page each
        ([SIDE1, FOOT2], []),  # different placements
        ([link("https://a.test/1"), link("https://a.test/2")], []),  # in the content
        ([link("https://a.test/1", placement="footer",
               reasons="sitewide: the same link in the footer of 2 pages of a.test"),
          link("https://a.test/2", placement="footer")],
         [("https://a.test/2", "sitewide: the same link in the footer of 2 pages of a.test")]),
    ],
)  # fmt: skip
def test_sitewide_signals(links, expected):
    found = sitewide_signals(links, WEIGHTS["sitewide"])
    assert [(s.source_url, s.reason) for s in found] == expected
    assert all(
        s == ToxicSignal(s.source_url, s.target_url, "sitewide", WEIGHTS["sitewide"], s.reason)
        for s in found
    )
