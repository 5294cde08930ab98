"""Google's disavow file (issue 13, point 6): written, parsed back, merged with a
hand-written file whose lines and comments all survive; rejectable lines refused."""

from __future__ import annotations

import pytest

from linkprospector.outreach.disavow import (
    MAX_URL,
    Candidate,
    DisavowError,
    build_disavow,
    check_file,
    line_problem,
)

HAND_WRITTEN = """# my disavow file, 2025
# spam from the 2024 negative SEO attack
domain:spammy-links.example
https://bad.example/page-1.html
domain:spammy-links.example
# keep: the old directory
domain:Old-Directory.example
"""


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("# a comment", True),
        ("", True),
        ("domain:example.com", True),
        ("domain:sub.example.co.uk", True),
        ("https://example.com/a?b=1", True),
        ("http://例え.jp/", True),
        ("domain:https://example.com", False),
        ("domain:example.com/path", False),
        ("domain:", False),
        ("example.com", False),
        ("ftp://example.com/", False),
        ("https://example.com/" + "a" * MAX_URL, False),
        ("https://example.com/a b", False),
    ],
)
def test_lines_search_console_takes_or_rejects(line, ok):
    assert (line_problem(line) is None) is ok


def test_round_trip_merge_keeps_every_line_and_comment_and_adds_reasons():
    candidates = [
        Candidate("farm.test", 95, "link farm: 300 other domains linked with 120 words of text"),
        Candidate("spammy-links.example", 80, "spam-prone TLD"),  # already disavowed
        Candidate("mysite.test", 99, "never: my own"),
        Candidate("blog.friend.example", 60, "hidden"),  # allowlisted parent domain
        Candidate("cheap.xyz", 55, "spam-prone TLD .xyz"),
    ]
    text, added, kept = build_disavow(
        candidates, HAND_WRITTEN, never={"mysite.test", "friend.example"}, today="2026-12-01"
    )
    check_file(text, "written")  # parses back
    lines = text.splitlines()
    hand = [line.strip() for line in HAND_WRITTEN.splitlines() if line.strip()]
    assert lines[:kept] == list(dict.fromkeys(hand))  # every line and comment, in order, once
    assert added == 2 and kept == 6
    assert lines[kept:] == [
        "# link farm: 300 other domains linked with 120 words of text "
        "(toxic score 95; linkprospector 2026-12-01)",
        "domain:farm.test",
        "# spam-prone TLD .xyz (toxic score 55; linkprospector 2026-12-01)",
        "domain:cheap.xyz",
    ]
    again, added_again, _ = build_disavow(candidates, text, never={"mysite.test", "friend.example"})
    assert added_again == 0 and again == text  # idempotent


def test_a_bad_line_in_the_merged_file_names_its_number():
    with pytest.raises(DisavowError) as caught:
        build_disavow([], "# ok\ndomain:ok.example\nwww.not-a-url.example\n")
    assert str(caught.value).startswith("line 3 of the merged file: not a URL")


def test_limits():
    with pytest.raises(DisavowError):
        check_file("domain:a.example\n" * 100_001, "big")
