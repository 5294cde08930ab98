"""Google's disavow file: merged with real users' files (every line kept as written: blank
lines, comments, duplicates, order, internationalised names, IP addresses), suggestions
only appended with comments that read as sentences, likely rejections as warnings, and a
file over Google's limits refused with what the suggestions added."""

from __future__ import annotations

from pathlib import Path

import pytest

from linkprospector.outreach.disavow import (
    MAX_LINES,
    MAX_URL,
    Candidate,
    DisavowError,
    disavowed_domains,
    line_problem,
    merge_disavow,
    suggestion_comment,
)

FIXTURES = Path(__file__).parent / "fixtures" / "backlinks"
REAL_FILES = [
    "disavow_turkish_tech_head.txt",
    "disavow_google_spamlist_excerpt.txt",
    "disavow_tsvweb.txt",
]

HAND_WRITTEN = """# my disavow file, 2025

# spam from the 2024 negative SEO attack
domain:spammy-links.example
https://bad.example/page-1.html
domain:spammy-links.example
# spam from the 2024 negative SEO attack
domain:Old-Directory.example
domain:brave-nà.com
domain:163.26.109.2

"""


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("# a comment", True),
        ("", True),
        ("   ", True),
        ("domain:example.com", True),
        ("domain:sub.example.co.uk", True),
        ("domain:brave-nà.com", True),  # an internationalised name
        ("domain:xn--brave-n-fwa.com", True),
        ("domain:例え.jp", True),
        ("domain:163.26.109.2", True),  # an IP address, common in real files
        ("https://example.com/a?b=1", True),
        ("http://例え.jp/", True),
        ("domain:https://example.com", False),
        ("domain:example.com/path", False),
        ("domain:", False),
        ("domain:exa mple.com", False),
        ("example.com", False),
        ("ftp://example.com/", False),
        ("https://example.com/" + "a" * MAX_URL, False),
        ("https://example.com/a b", False),
    ],
)
def test_lines_google_takes_or_would_likely_reject(line, ok):
    assert (line_problem(line) is None) is ok


@pytest.mark.parametrize("name", REAL_FILES)
def test_real_files_are_kept_byte_for_byte_and_only_appended_to(name):
    existing = (FIXTURES / name).read_text(encoding="utf-8")
    candidates = [Candidate("new-spam.xyz", 90, ("spam-prone TLD .xyz",))]
    merged = merge_disavow(candidates, existing, today="2026-12-03")
    assert merged.text.startswith(existing)  # every line, blank and duplicate, as written
    assert merged.kept == len(existing.splitlines()) and merged.added == 1
    assert merged.text[len(existing) :].splitlines() == [
        "# Suggested by linkprospector on 2026-12-03 (toxic score 90). Spam-prone TLD .xyz.",
        "domain:new-spam.xyz",
    ]
    assert not merged.warnings, merged.warnings[:3]  # IDNs and IPs are not problems


def test_the_idn_line_839_and_ip_lines_of_real_files():
    turkish = (FIXTURES / "disavow_turkish_tech_head.txt").read_text(encoding="utf-8")
    assert turkish.split("\n")[838] == "domain:brave-nà.com"
    spamlist = (FIXTURES / "disavow_google_spamlist_excerpt.txt").read_text(encoding="utf-8")
    assert "domain:163.26.109.2" in spamlist.splitlines()
    # already disavowed, in either spelling: not suggested again
    merged = merge_disavow(
        [Candidate("xn--brave-n-fwa.com", 80, "x"), Candidate("163.26.109.2", 80, "x")],
        turkish + spamlist,
    )
    assert merged.added == 0 and merged.text == turkish + spamlist


def test_round_trip_keeps_blank_lines_comments_duplicates_and_order():
    candidates = [
        Candidate("farm.test", 95, ("link farm: 300 other domains linked with 120 words of text",)),
        Candidate("spammy-links.example", 80, ("spam-prone TLD",)),  # already disavowed
        Candidate("sub.spammy-links.example", 80, ("spam-prone TLD",)),  # parent disavowed
        Candidate("mysite.test", 99, ("never: my own",)),
        Candidate("blog.friend.example", 60, ("hidden",)),  # allowlisted parent domain
        Candidate("cheap.xyz", 55, ("display:none, visibility:hidden", "spam-prone TLD .xyz")),
    ]
    merged = merge_disavow(
        candidates, HAND_WRITTEN, never={"mysite.test", "friend.example"}, today="2026-12-01"
    )
    assert merged.text.startswith(HAND_WRITTEN)
    assert (merged.added, merged.added_lines, merged.kept) == (2, 4, 11)
    assert merged.text[len(HAND_WRITTEN) :].splitlines() == [
        "# Suggested by linkprospector on 2026-12-01 (toxic score 95). "
        "Link farm: 300 other domains linked with 120 words of text.",
        "domain:farm.test",
        "# Suggested by linkprospector on 2026-12-01 (toxic score 55). "
        "Display:none, visibility:hidden. Spam-prone TLD .xyz.",
        "domain:cheap.xyz",
    ]
    again = merge_disavow(candidates, merged.text, never={"mysite.test", "friend.example"})
    assert again.added == 0 and again.text == merged.text  # idempotent


def test_crlf_files_and_a_missing_final_line_break():
    existing = "# mine\r\ndomain:a.example\r\n\r\ndomain:b.example"
    merged = merge_disavow([Candidate("c.example", 70, "hidden")], existing, today="2026-12-03")
    assert merged.text.startswith(existing + "\r\n")
    assert merged.text.endswith("\r\ndomain:c.example\r\n")
    assert merged.kept == 4


def test_lines_google_would_likely_reject_are_warnings_with_their_numbers():
    existing = "# ok\ndomain:ok.example\nwww.not-a-url.example\n\ndomain:https://x.example/\n"
    merged = merge_disavow([Candidate("new.example", 70, "hidden")], existing)
    assert merged.text.startswith(existing) and merged.added == 1
    assert [w.split(":")[0] for w in merged.warnings] == ["line 3", "line 5"]


def test_a_file_too_large_after_merging_says_what_the_suggestions_added():
    full = "domain:a.example\n" * MAX_LINES  # exactly Google's limit: fine alone
    assert merge_disavow([], full).kept == MAX_LINES
    with pytest.raises(DisavowError) as caught:
        merge_disavow([Candidate("x.example", 60, "hidden"), Candidate("y.example", 60, "")], full)
    assert str(caught.value) == (
        "the merged file would have 100,004 lines, over Google's limit of 100,000: your file "
        "has 100,000 and the suggestions added 4 (raise --min-score, or shorten your file)"
    )
    with pytest.raises(DisavowError, match="your file alone has 100,001"):
        merge_disavow([], full + "# one more\n")


def test_suggestion_comments_read_as_sentences():
    candidate = Candidate(
        "x.test",
        70,
        ("the link is hidden", "sitewide: the same link in the footer of 3 pages of x.test"),
    )
    assert suggestion_comment(candidate, "2026-12-03") == (
        "# Suggested by linkprospector on 2026-12-03 (toxic score 70). The link is hidden. "
        "Sitewide: the same link in the footer of 3 pages of x.test."
    )  # fmt: skip


def test_disavowed_domains_match_idn_and_case():
    assert disavowed_domains(["domain:Brave-NÀ.com", "# domain:no.example", "domain:1.2.3.4"]) == {
        "xn--brave-n-fwa.com",
        "1.2.3.4",
    }
