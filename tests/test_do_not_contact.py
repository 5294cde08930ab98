"""The do-not-contact file: entries normalised, appended once, bad lines named."""

from __future__ import annotations

import pytest

from linkprospector.outreach.do_not_contact import (
    DncError,
    add_to_dnc,
    dnc_path,
    normalise_entry,
    read_dnc,
)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("Example.COM", "example.com"),
        ("https://www.blog.example.co.uk/about/", "example.co.uk"),
        ("shop.example.com", "example.com"),
        ("Jane.Doe@Example.org", "jane.doe@example.org"),
        ("mailto:info@example.org", "info@example.org"),
    ],
)
def test_entries_are_normalised(entry, expected):
    assert normalise_entry(entry) == expected


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("jane@", "not an e-mail address"),
        ("@example.org", "not an e-mail address"),
        ("jane doe@example.org", "not an e-mail address"),
        ("not a domain", "not a site or URL"),
        ("localhost", "not a site or URL"),
        ("", "empty site"),
    ],
)
def test_bad_entries(entry, message):
    with pytest.raises(DncError, match=message):
        normalise_entry(entry)


def test_add_appends_once_and_keeps_comments(tmp_path):
    path = dnc_path(tmp_path / "crawl.db")
    assert path == tmp_path / "do-not-contact.txt"
    assert read_dnc(path).domains == set()  # no file yet: an empty list
    assert add_to_dnc(path, ["www.a.example", "x@b.example"]) == ["a.example", "x@b.example"]
    assert add_to_dnc(path, ["a.example", "https://c.example/"]) == ["c.example"]
    path.write_text(path.read_text() + "d.example  # asked us on 2026-11-02", encoding="utf-8")
    assert add_to_dnc(path, ["e.example"]) == ["e.example"]
    listed = read_dnc(path)
    assert listed.domains == {"a.example", "c.example", "d.example", "e.example"}
    assert listed.addresses == {"x@b.example"}
    assert path.read_text().startswith("# linkprospector do-not-contact list")


def test_a_bad_line_in_the_file_is_named(tmp_path):
    path = tmp_path / "dnc.txt"
    path.write_text("a.example\n\nnot a domain\n", encoding="utf-8")
    with pytest.raises(DncError, match="dnc.txt line 3: not a site or URL"):
        read_dnc(path)
    with pytest.raises(DncError, match="line 3"):
        add_to_dnc(path, ["b.example"])


def test_the_setting_names_another_file(tmp_path):
    assert dnc_path(tmp_path / "x.db", str(tmp_path / "list.txt")) == tmp_path / "list.txt"
