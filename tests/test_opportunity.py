import pytest

from linkprospector.judge.opportunity import rank_targets, target_values, wayback_url

LINKS = [
    ("http://gone.test/a", "http://one.test/r", "one.test", "Guide"),
    ("http://gone.test/a", "http://one.test/s", "one.test", "guide  "),
    ("http://gone.test/a", "http://two.test/r", "two.test", "Guide"),
    ("http://gone.test/b", "http://one.test/r", "one.test", ""),
    ("http://gone.test/b", "http://two.test/r", "two.test", "B"),
    ("http://gone.test/b", "http://three.test/", "three.test", "B"),
    ("http://gone.test/c", "http://one.test/r", "one.test", "C"),
    ("http://gone.test/c", "http://one.test/s", "one.test", "C"),
    ("http://gone.test/c", "http://one.test/t", "one.test", "C"),
]


@pytest.mark.parametrize(
    ("url", "pages", "domains", "anchors"),
    [
        ("http://gone.test/a", 3, 2, ["Guide", "guide"]),
        ("http://gone.test/b", 3, 3, ["B"]),
        ("http://gone.test/c", 3, 1, ["C"]),
    ],
)
def test_target_values(url, pages, domains, anchors):
    value = target_values(LINKS)[url]
    assert (value.referring_pages, value.referring_domains) == (pages, domains)
    assert value.anchor_texts() == anchors


def test_rank_by_domains_then_pages_then_url():
    ranked = [v.url for v in rank_targets(target_values(LINKS).values())]
    assert ranked == ["http://gone.test/b", "http://gone.test/a", "http://gone.test/c"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://gone.test/a", "https://web.archive.org/web/2*/http://gone.test/a"),
        ("https://x.test/p?q=1", "https://web.archive.org/web/2*/https://x.test/p?q=1"),
    ],
)
def test_wayback_url(url, expected):
    assert wayback_url(url) == expected
    assert target_values([(url, "http://s.test/", "s.test", "")])[url].wayback_url == expected
