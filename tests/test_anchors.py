"""The anchor-text audit: table tests of the classes and warnings."""

from __future__ import annotations

import pytest

from linkprospector.judge.anchors import AnchorRules, Backlink, audit, classify_anchor

RULES = AnchorRules(brands=("Brew Co",), keywords=("home brewing", "brewing kits"))


@pytest.mark.parametrize(
    ("anchor", "kind", "expected"),
    [
        ("Brew Co", "text", "branded"),
        ("the brewco shop", "text", "branded"),
        ("MySite", "text", "branded"),  # the site's own name
        ("my-site guides", "text", "branded"),
        ("home brewing", "text", "exact_match"),
        ("Home  Brewing!", "text", "exact_match"),
        ("the best home brewing guide", "text", "partial_match"),
        ("brewing kits for beginners", "text", "partial_match"),
        ("https://mysite.com/guide/", "text", "naked_url"),
        ("www.example.org", "text", "naked_url"),
        ("othersite.com", "text", "naked_url"),
        ("click here", "text", "generic"),
        ("Read more", "text", "generic"),
        ("hier klicken", "text", "generic"),
        ("en savoir plus", "text", "generic"),
        ("leer más", "text", "generic"),
        ("", "image", "image"),
        ("My Site logo", "image", "image"),
        ("a recipe for stout", "text", "other"),
        ("", "text", "other"),
    ],
)
def test_anchor_classes(anchor, kind, expected):
    assert classify_anchor(anchor, kind, "mysite.com", RULES) == expected


def links(n_exact: int, n_branded: int) -> list[Backlink]:
    out = [
        Backlink(f"http://e{i}.test/p", "https://mysite.com/", "home brewing")
        for i in range(n_exact)
    ]
    out += [Backlink(f"http://b{i}.org/p", "https://mysite.com/", "MySite", rel="nofollow", placement="footer") for i in range(n_branded)]  # fmt: skip
    return out


def test_distribution_counts_referring_domains_not_links():
    sitewide = [
        Backlink(f"http://big.test/p{i}", "https://mysite.com/", "MySite") for i in range(50)
    ]
    result = audit(sitewide + links(0, 3), "mysite.com", RULES)
    assert result.referring_domains == 4 and result.by_class["branded"] == 4


def test_warnings_from_thresholds():
    result = audit(links(3, 17), "mysite.com", RULES)
    assert result.by_class == {"exact_match": 3, "branded": 17}
    assert any("exact-match anchors on 15%" in w for w in result.warnings)
    assert any("one commercial anchor 'home brewing' on 15%" in w for w in result.warnings)
    quiet = audit(links(3, 17), "mysite.com", AnchorRules(keywords=("home brewing",), exact_share=0.2, one_anchor_share=0.2))  # fmt: skip
    assert quiet.warnings == []
    assert result.diversity["rel"] == {"nofollow": 17, "follow": 3}
    assert result.diversity["tld"] == {"org": 17, "test": 3}
    assert result.diversity["placement"] == {"footer": 17, "content": 3}
