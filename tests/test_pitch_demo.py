"""Pitches on the demo: `linkprospector demo` ends with pitches a person would send, for
the dead targets the demo user's site has a page for and for no others; the workbook's
Pitches sheet says the same."""

from __future__ import annotations

import openpyxl

from tests.demo_db import cli

#: Dead target of the demo web -> the page of mygardenjournal.test that does its job.
DEMO_FITS = {
    "http://pestcontrolnotes.test/aphids-organic": "/guides/organic-aphid-control/",
    "http://tomatotalk.test/": "/guides/heirloom-tomatoes/",
    "http://wintersowingweb.test/how-to": "/guides/winter-sowing-in-milk-jugs/",
}


def test_the_demo_ends_with_pitches_to_send(demo):
    tail = demo.stdout.split("wayback: ", 1)[1]
    assert tail.startswith("5 capture(s) found")
    assert "replacements on http://mygardenjournal.test/: 3 dead URL(s) have one" in tail
    listed = [line for line in tail.splitlines() if line.startswith("  http://")]
    assert {line.split(" -> ")[1].split(":")[0] + ":" + line.split(" -> ")[1].split(":")[1]
            for line in listed} == set(DEMO_FITS)  # fmt: skip
    for line in listed:
        target = line.split(" -> ")[1].split(": ")[0]
        assert f"http://mygardenjournal.test{DEMO_FITS[target]}" in line
    drafts = tail.split("--- pitch for ")[1:]
    assert len(drafts) == 2
    for draft in drafts:
        assert "Hi" in draft and "mygardenjournal.test/guides/" in draft
        assert "Internet Archive's copy from" in draft and "{" not in draft


def test_the_workbook_pitches_sheet_of_the_demo(demo, tmp_path):
    out = tmp_path / "demo.xlsx"
    proc = cli("export", "--db", str(demo.db), "--out", str(out), cwd=demo.folder)
    assert proc.returncode == 0, proc.stderr
    rows = list(openpyxl.load_workbook(out)["Pitches"].iter_rows(values_only=True))
    header = rows[0]
    found = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    fits = {r["Dead URL"]: r["Replacement"] for r in found}
    for target, path in DEMO_FITS.items():
        assert fits[target] == f"http://mygardenjournal.test{path}"
    others = {t: r for t, r in fits.items() if t not in DEMO_FITS}
    assert others and set(others.values()) == {"no good replacement"}
    tomato = next(r for r in found if r["Dead URL"] == "http://tomatotalk.test/")
    assert "2018-06-03" in tomato["Proof"] and "parked" in tomato["Proof"]
    assert "\nHi,\n" in tomato["Pitch"]  # no name known for Green Thumb Guide
    aphids = next(r for r in found if r["Dead URL"] == "http://pestcontrolnotes.test/aphids-organic"
                  and "urbanveggiepatch" in r["Linking page"])  # fmt: skip
    assert aphids["Contact name"] == "Lena" and "\nHi Lena,\n" in aphids["Pitch"]
