"""End to end: crawl a web with contact pages, `linkprospector export`, read the workbook
back with openpyxl cell by cell, edit it, `import-status`, re-crawl, re-export."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from linkprospector.cli.main import cli
from linkprospector.demo.localweb import LocalWeb
from tests.conftest import run_crawl
from tests.webs_outreach import (
    DEAD_SITE,
    HOSTILE_HYPERLINK,
    HOSTILE_MINUS,
    HOSTILE_SUM,
    HOSTILE_TITLE,
    OLD_GUIDE,
    REMOVED,
    SEEDS,
    outreach_web,
)

ROOT = Path(__file__).resolve().parent.parent
CRAWL_ARGS = {"seeds": ",".join(SEEDS), "depth": "1"}
GARDEN = "http://garden-club.test/links/"
VEG = "http://veg-blog.test/resources/"
HERBS = "http://herb-notes.test/herbs/resources.html"
PRIVATE = "http://private-garden.test/resources/"
BROKEN_HEADER = [
    "Page URL",
    "Page title",
    "Site",
    "Dead URL",
    "Anchor text",
    "Reason",
    "HTTP status",
    "Confirmed",
    "Referring domains",
    "Wayback",
    "Best contact",
    "All contacts",
    "Status",
    "Note",
    "First seen",
    "Last checked",
]


@pytest.fixture(scope="module")
def outreach_localweb():
    sites, options = outreach_web()
    with LocalWeb(sites, **options) as web:
        yield web


@pytest.fixture(scope="module")
def crawled(outreach_localweb, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("outreach")
    outreach_localweb.reset_hits()
    result = run_crawl(tmp, outreach_localweb, args=CRAWL_ARGS)
    assert result.returncode == 0, result.stderr[-3000:]
    return result, list(outreach_localweb.hits)


def export(db: Path, *args: str) -> str:
    """Run `linkprospector export` (the real click command on the real database)."""
    result = CliRunner().invoke(cli, ["export", "--db", str(db), *args])
    assert result.exit_code == 0, result.output + result.stderr
    return result.stderr


def sheet_rows(path: Path, name: str) -> list[dict]:
    ws = openpyxl.load_workbook(path)[name]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2)]


def values(rows: list[dict]) -> list[dict]:
    return [{k: c.value for k, c in row.items()} for row in rows]


# -- crawl: contacts and contact-page visits ---------------------------------------------


def test_contact_pages_visited_within_budget_and_robots(crawled):
    _, hits = crawled
    fetched = {(host, path) for _m, host, path in hits}
    # crawled normally (depth 1 from the seed)
    assert {("garden-club.test", "/contact-us/"), ("garden-club.test", "/about/")} <= fetched
    # depth 2, fetched only by the contact-page visit
    assert {("veg-blog.test", "/write-for-us/"), ("veg-blog.test", "/about-me/")} <= fetched
    # no contact link known: home page first, then the two best contact pages (budget 3)
    herb_paths = {p for _m, h, p in hits if h == "herb-notes.test"} - {"/robots.txt"}
    assert herb_paths == {"/herbs/resources.html", "/", "/kontakt", "/impressum"}
    # robots.txt forbids it
    assert ("private-garden.test", "/contact/") not in fetched
    # not worth writing to: no prospect, no outbound link
    assert ("quiet.test", "/contact") not in fetched


def test_contacts_stored_per_site(crawled):
    result, _ = crawled
    rows = {(r["site"], r["kind"], r["value"], r["label"]) for r in result.db["contacts"].rows}
    expected = {
        ("garden-club.test", "email", "jane.doe@garden-club.test", "personal"),
        ("garden-club.test", "email", "info@garden-club.test", "generic"),
        ("garden-club.test", "email", "press@garden-club.test", "generic"),  # JSON-LD
        ("garden-club.test", "social", "https://twitter.com/gardenclub", "twitter"),
        ("garden-club.test", "contact_page", "http://garden-club.test/contact-us/", ""),
        ("veg-blog.test", "email", "pitches@veg-blog.test", "personal"),  # Cloudflare
        ("veg-blog.test", "email", "tom@veg-blog.test", "personal"),  # [at] [dot]
        ("herb-notes.test", "email", "mail@herb-notes.test", "generic"),  # {at}
        ("herb-notes.test", "email", "redaktion@herb-notes.test", "generic"),
    }
    assert expected <= rows
    assert not [r for r in rows if r[0] == "private-garden.test" and r[1] == "email"]
    assert not [r for r in rows if r[0] == "quiet.test" and r[1] == "email"]


def test_dead_targets_view_ranks_by_referring_domains(crawled):
    result, _ = crawled
    rows = list(result.db["dead_targets"].rows)
    assert [(r["target_url"], r["referring_domains"], r["referring_pages"]) for r in rows] == [
        (OLD_GUIDE, 3, 3),
        (REMOVED, 3, 3),
        (DEAD_SITE, 1, 1),
    ]
    assert rows[0]["wayback_url"] == f"https://web.archive.org/web/2*/{OLD_GUIDE}"


# -- export: the workbook read back cell by cell -------------------------------------------


@pytest.fixture(scope="module")
def workbook(crawled, tmp_path_factory):
    result, _ = crawled
    out = tmp_path_factory.mktemp("xlsx") / "outreach.xlsx"
    notes = export(result.db_path, "--out", str(out), "--include-suspected")
    return out, notes


def test_broken_links_sheet_cell_by_cell(crawled, workbook):
    out, _ = workbook
    rows = sheet_rows(out, "Broken links")
    ws = openpyxl.load_workbook(out)["Broken links"]
    assert [c.value for c in ws[1]] == BROKEN_HEADER
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:P{len(rows) + 1}"
    assert ws.column_dimensions["A"].width >= 30
    got = [(r["Page URL"].value, r["Dead URL"].value) for r in rows]
    # best opportunities first: dead URLs with most referring domains, then the pages
    # that link to each by their resource score (every page here is a named link list)
    assert got == [
        (GARDEN, OLD_GUIDE),
        (HERBS, OLD_GUIDE),
        (VEG, OLD_GUIDE),
        (GARDEN, REMOVED),
        (VEG, REMOVED),
        (PRIVATE, REMOVED),
        (GARDEN, DEAD_SITE),
    ]
    first = rows[0]
    # one run: checked once, so suspected, with when a run can confirm it
    first_confirmed = values([first])[0]["Confirmed"]
    assert first_confirmed.startswith("no — checked once; confirmed by a run after ")
    assert first_confirmed.endswith(" UTC")
    assert values([first])[0] | {"First seen": None, "Last checked": None} == {
        "Page URL": GARDEN,
        "Page title": "Useful gardening links and resources",
        "Site": "garden-club.test",
        "Dead URL": OLD_GUIDE,
        "Anchor text": HOSTILE_HYPERLINK,
        "Reason": "http_404",
        "HTTP status": 404,
        "Confirmed": first_confirmed,
        "Referring domains": 3,
        "Wayback": f"https://web.archive.org/web/2*/{OLD_GUIDE}",
        "Best contact": "jane.doe@garden-club.test",
        "All contacts": "jane.doe@garden-club.test; info@garden-club.test; "
        "press@garden-club.test; contact page: http://garden-club.test/contact-us/; "
        "twitter: https://twitter.com/gardenclub; about page: http://garden-club.test/about/",
        "Status": "new",
        "Note": None,
        "First seen": None,
        "Last checked": None,
    }
    assert first["First seen"].value.startswith("20")
    # clickable links
    assert first["Page URL"].hyperlink.target == GARDEN
    assert first["Wayback"].hyperlink.target == f"https://web.archive.org/web/2*/{OLD_GUIDE}"
    assert first["Best contact"].hyperlink.target == "mailto:jane.doe@garden-club.test"
    veg_best = next(r for r in rows if r["Site"].value == "veg-blog.test")["Best contact"]
    assert veg_best.value in ("pitches@veg-blog.test", "tom@veg-blog.test")
    private = next(r for r in rows if r["Site"].value == "private-garden.test")
    assert private["Best contact"].value == "http://private-garden.test/contact/"
    assert private["Best contact"].hyperlink.target == "http://private-garden.test/contact/"


def test_hostile_texts_are_strings_never_formulas(workbook):
    out, _ = workbook
    rows = sheet_rows(out, "Broken links")
    by_anchor = {r["Anchor text"].value: r["Anchor text"] for r in rows}
    for hostile in (HOSTILE_HYPERLINK, HOSTILE_SUM, HOSTILE_MINUS):
        cell = by_anchor[hostile]
        assert cell.data_type == "s", hostile
        assert cell.quotePrefix is True
    title = next(r["Page title"] for r in rows if r["Page URL"].value == VEG)
    assert (title.value, title.data_type, title.quotePrefix) == (HOSTILE_TITLE, "s", True)
    plain = next(r["Anchor text"] for r in rows if r["Anchor text"].value == "Old tomato guide")
    assert plain.quotePrefix is False
    # no formula anywhere in the workbook
    wb = openpyxl.load_workbook(out)
    assert not [c for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_prospects_and_dead_targets_sheets(workbook):
    out, notes = workbook
    prospects = values(sheet_rows(out, "Prospects"))
    # short named link lists are resource pages too; the longest list scores best
    assert [p["URL"] for p in prospects][0] == GARDEN
    assert {p["URL"] for p in prospects} == {GARDEN, VEG, HERBS, PRIVATE}
    assert prospects[0]["Dead links on it"] == 3
    assert prospects[0]["Outbound links"] == 5
    assert prospects[0]["Best contact"] == "jane.doe@garden-club.test"
    assert prospects[0]["Status"] == "new"
    targets = values(sheet_rows(out, "Dead targets"))
    assert [(t["Dead URL"], t["Referring domains"], t["Referring pages"]) for t in targets] == [
        (OLD_GUIDE, 3, 3),
        (REMOVED, 3, 3),
        (DEAD_SITE, 1, 1),
    ]
    assert targets[0]["Anchor texts"] == f"{HOSTILE_HYPERLINK}; Old tomato guide; The old guide"
    assert targets[2]["Reason"] == "dns"
    assert "left out" not in notes


def test_suspected_are_exported_marked_and_confirmed_only_leaves_them_out(crawled, tmp_path):
    """Suspected dead links are in the first export, marked; --confirmed-only
    leaves them out and says how many."""
    result, _ = crawled
    db_path = tmp_path / "copy.db"
    with sqlite3.connect(result.db_path) as src, sqlite3.connect(db_path) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    db = result.db.__class__(db_path)
    if "confirmed" not in db["targets"].columns_dict:
        db["targets"].add_column("confirmed", int)
    db.execute("UPDATE targets SET confirmed = (url = ?)", [REMOVED])
    db.conn.commit()
    db.close()
    out = tmp_path / "confirmed.xlsx"
    notes = export(db_path, "--out", str(out), "--confirmed-only")
    rows = values(sheet_rows(out, "Broken links"))
    assert {r["Dead URL"] for r in rows} == {REMOVED}
    assert {r["Confirmed"] for r in rows} == {"yes"}  # no confirmed_at stored in this copy
    assert "suspected dead target(s) left out" in notes
    export(db_path, "--out", str(out))
    rows = values(sheet_rows(out, "Broken links"))
    marks = {r["Dead URL"]: r["Confirmed"] for r in rows}
    assert marks[REMOVED] == "yes"
    assert marks[OLD_GUIDE].startswith("no — checked once; confirmed by a run after ")


def test_one_per_site_min_score_and_since(crawled, tmp_path):
    result, _ = crawled
    out = tmp_path / "one.xlsx"
    export(result.db_path, "--out", str(out), "--include-suspected", "--one-per-site")
    rows = values(sheet_rows(out, "Broken links"))
    assert [(r["Site"], r["Dead URL"]) for r in rows] == [
        ("garden-club.test", OLD_GUIDE),
        ("herb-notes.test", OLD_GUIDE),
        ("veg-blog.test", OLD_GUIDE),
        ("private-garden.test", REMOVED),
    ]
    export(result.db_path, "--out", str(out), "--include-suspected", "--min-score", "0.8")
    assert {r["Page URL"] for r in values(sheet_rows(out, "Broken links"))} == {GARDEN}
    export(result.db_path, "--out", str(out), "--include-suspected", "--since", "1")
    assert len(sheet_rows(out, "Broken links")) == 7


def test_csv_export_escapes_and_bom(crawled, tmp_path):
    result, _ = crawled
    export(
        result.db_path, "--format", "csv", "--out", str(tmp_path), "--include-suspected", "--bom"
    )
    raw = (tmp_path / "broken_links.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (tmp_path / "broken_links.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    anchors = {r["Anchor text"] for r in rows}
    assert {"'" + HOSTILE_HYPERLINK, "'" + HOSTILE_SUM, "'" + HOSTILE_MINUS} <= anchors
    assert next(r for r in rows if r["Page URL"] == VEG)["Page title"] == "'" + HOSTILE_TITLE
    assert not [v for r in rows for v in r.values() if v[:1] in ("=", "+", "-", "@", "\t", "\r")]
    export(result.db_path, "--format", "csv", "--out", str(tmp_path / "nobom"))
    assert not (tmp_path / "nobom" / "prospects.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--db", "/nonexistent/x.db"], "no database at /nonexistent/x.db"),
        (["--since", "99"], "no run 99"),
        (["--format", "pdf"], "Invalid value for '--format'"),
    ],
)
def test_export_bad_input_is_one_line(crawled, args, message):
    result, _ = crawled
    run = CliRunner().invoke(cli, ["export", "--db", str(result.db_path), *args])
    assert run.exit_code == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr


# -- status round trip ---------------------------------------------------------------------


def test_status_round_trip_survives_recrawl(outreach_localweb, tmp_path):
    db = tmp_path / "status.db"
    first = run_crawl(tmp_path, outreach_localweb, args=CRAWL_ARGS, db_path=db)
    assert first.returncode == 0, first.stderr[-2000:]
    out = tmp_path / "outreach.xlsx"
    export(db, "--out", str(out), "--include-suspected")

    # A link builder works down the sheet in a spreadsheet program.
    wb = openpyxl.load_workbook(out)
    ws = wb["Broken links"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) for name in header}
    for row in ws.iter_rows(min_row=2):
        if (row[col["Page URL"]].value, row[col["Dead URL"]].value) == (GARDEN, OLD_GUIDE):
            row[col["Status"]].value = "Contacted"
            row[col["Note"]].value = "wrote to Jane"
        if row[col["Page URL"]].value == VEG and row[col["Dead URL"]].value == REMOVED:
            row[col["Status"]].value = "do not contact"
    wb.save(out)
    wb.close()

    run = CliRunner().invoke(cli, ["import-status", str(out), "--db", str(db)])
    assert run.exit_code == 0, run.output + run.stderr
    assert "imported 2 status change(s)" in run.output
    again = CliRunner().invoke(cli, ["import-status", str(out), "--db", str(db)])
    assert "imported 0 status change(s)" in again.output

    second = run_crawl(tmp_path, outreach_localweb, args=CRAWL_ARGS, db_path=db)
    assert second.returncode == 0, second.stderr[-2000:]

    # By default the contacted and do-not-contact sites are left out of new exports ...
    notes = export(db, "--out", str(out), "--include-suspected")
    sites = {r["Site"] for r in values(sheet_rows(out, "Broken links"))}
    assert sites == {"herb-notes.test", "private-garden.test"}
    assert {p["URL"] for p in values(sheet_rows(out, "Prospects"))} == {HERBS, PRIVATE}
    assert "left out 2 site(s)" in notes
    # ... unless contacted long enough ago ...
    export(db, "--out", str(out), "--include-suspected", "--contacted-days", "0")
    sites = {r["Site"] for r in values(sheet_rows(out, "Broken links"))}
    assert sites == {"herb-notes.test", "private-garden.test", "garden-club.test"}
    # ... and every status is still there after the re-crawl.
    export(db, "--out", str(out), "--include-suspected", "--all-sites")
    rows = {(r["Page URL"], r["Dead URL"]): r for r in values(sheet_rows(out, "Broken links"))}
    assert (rows[GARDEN, OLD_GUIDE]["Status"], rows[GARDEN, OLD_GUIDE]["Note"]) == (
        "contacted",
        "wrote to Jane",
    )
    assert rows[GARDEN, REMOVED]["Status"] == "new"
    assert rows[VEG, REMOVED]["Status"] == "do_not_contact"
    assert rows[HERBS, OLD_GUIDE]["Status"] == "new"

    # CSV round trip and `status set` for a whole site.
    csv_dir = tmp_path / "csv"
    export(db, "--format", "csv", "--out", str(csv_dir), "--include-suspected", "--all-sites")
    path = csv_dir / "broken_links.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, table = reader.fieldnames, list(reader)
    for row in table:
        if row["Page URL"] == HERBS:
            row["Status"] = "won"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerows(table)
    run = CliRunner().invoke(cli, ["import-status", str(path), "--db", str(db)])
    assert run.exit_code == 0 and "imported 1 status change(s)" in run.output
    run = CliRunner().invoke(
        cli, ["status", "set", "www.private-garden.test", "replied", "--db", str(db)]
    )
    assert run.exit_code == 0, run.stderr
    export(db, "--out", str(out), "--include-suspected", "--all-sites")
    rows = {(r["Page URL"], r["Dead URL"]): r for r in values(sheet_rows(out, "Broken links"))}
    assert rows[HERBS, OLD_GUIDE]["Status"] == "won"
    assert rows[PRIVATE, REMOVED]["Status"] == "replied"
    listing = CliRunner().invoke(cli, ["status", "list", "--db", str(db)])
    assert "private-garden.test" in listing.output and "(site)" in listing.output


def test_import_status_rejects_bad_status_without_writing(crawled, tmp_path):
    result, _ = crawled
    path = tmp_path / "edited.csv"
    path.write_text(
        "Page URL,Site,Dead URL,Status\n"
        f"{GARDEN},garden-club.test,{OLD_GUIDE},contacted\n"
        f"{VEG},veg-blog.test,{OLD_GUIDE},emailed\n",
        encoding="utf-8",
    )
    run = CliRunner().invoke(cli, ["import-status", str(path), "--db", str(result.db_path)])
    assert run.exit_code == 2
    assert "edited.csv row 3: unknown status 'emailed'" in run.stderr
    assert result.db["outreach"].count == 0
    for bad, message in [("missing.csv", "no such file"), ("notes.txt", "not an .xlsx or .csv")]:
        if bad == "notes.txt":
            (tmp_path / bad).write_text("x")
        run = CliRunner().invoke(
            cli, ["import-status", str(tmp_path / bad), "--db", str(result.db_path)]
        )
        assert run.exit_code == 2 and message in run.stderr


# -- Datasette metadata ----------------------------------------------------------------------


def test_datasette_metadata_queries_run_on_a_crawled_database(crawled):
    result, _ = crawled
    metadata = json.loads((ROOT / "linkprospector" / "datasette-metadata.json").read_text())
    database = metadata["databases"]["linkprospector"]
    conn = sqlite3.connect(result.db_path)
    try:
        for name, table in database["tables"].items():
            for facet in table.get("facets", []):
                conn.execute(f"SELECT [{facet}], count(*) FROM [{name}] GROUP BY 1").fetchall()
        assert len(database["queries"]) >= 4
        for name, query in database["queries"].items():
            params = {p: "" for p in query.get("params", [])}
            rows = conn.execute(query["sql"], params).fetchall()
            assert query["title"] and query["description"], name
            if name == "dead_targets_by_value":
                assert rows[0][0] == OLD_GUIDE
    finally:
        conn.close()
