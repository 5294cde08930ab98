"""A page's text for relevance and its newest stated date for freshness."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from linkprospector.reading.extract import parse_html
from linkprospector.reading.page_text import newest_date, page_text, parse_http_date

NOW = datetime(2026, 12, 3, tzinfo=UTC)


def test_text_leaves_out_navigation_footers_and_scripts():
    root = parse_html(
        "<html><head><title>Compost links</title><style>p{}</style></head><body>"
        "<nav>Home About</nav><h1>Useful</h1> compost <p>heaps <b>and</b> bins</p>"
        "<script>var x = 'compost';</script><!-- a comment --><footer>© 2020</footer>"
        "tail</body></html>"
    )
    assert page_text(root) == "Compost links Useful compost heaps and bins tail"
    assert page_text(root, limit=10) == "Compost li"
    assert page_text(None) == ""


def test_text_is_linear_on_deep_tag_soup():
    root = parse_html("<div>" * 3000 + "deep" + "</div>" * 3000)
    started = time.perf_counter()
    assert page_text(root) == "deep"
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("html", "header", "expected"),
    [
        ('<meta property="article:modified_time" content="2025-03-01T10:00:00+02:00">', "",
         "2025-03-01"),
        ('<time datetime="2024-07-09">July</time><time datetime="2023-01-01">old</time>', "",
         "2024-07-09"),
        ('<script type="application/ld+json">{"dateModified": "2025-10-02T08:00:00Z"}</script>',
         "", "2025-10-02"),
        ("<p>Last updated: 2025-05-06</p>", "", "2025-05-06"),
        ("<p>Updated March 14, 2024 by the editors</p>", "", "2024-03-01"),
        ("<p>Aktualisiert am 2026-01-15</p>", "", "2026-01-15"),
        ("<p>No date here</p>", "Wed, 21 Oct 2015 07:28:00 GMT", "2015-10-21"),
        ("<p>No date here</p>", "", ""),
        ('<time datetime="2031-01-01">future</time>', "", ""),  # a date after now: a typo
        ('<time datetime="2024-13-45">bad</time>', "garbage", ""),
    ],
)  # fmt: skip
def test_newest_date(html, header, expected):
    root = parse_html(f"<html><head></head><body>{html}</body></html>")
    assert newest_date(root, page_text(root), header, NOW) == expected


def test_http_date():
    assert parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT") == datetime(
        2015, 10, 21, 7, 28, tzinfo=UTC
    )
    assert parse_http_date("") is None
