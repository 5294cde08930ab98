"""End to end: crawl a loopback web with two niches, hubs, an isolated page, two domains
of one owner and a keyword stuffer (``-a niche=…``), put sites on the do-not-contact
list, then check what `export`, `report` and `summary` show and in which order."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from linkprospector.cli.main import cli
from linkprospector.demo.localweb import LocalWeb
from tests.conftest import run_crawl
from tests.webs_ranking import SEEDS, ranking_web

HUB = "http://compost-hub.test/resources/"
HUB_TOOLS = "http://compost-hub.test/tools/"
VEGGIE = "http://veggie-patch.test/links/"
SOIL = "http://soil-notes.test/resources/"
LONE = "http://lone-garden.test/links.html"
STUFFED = "http://stuffed.test/resources/"
PYTEST = "http://pytest-corner.test/resources/"
UNIT = "http://unit-links.test/links/"
FORBIDDEN = ("spam-garden.test", "quiet-garden.test", "hello@spam-garden", "no-thanks@")
GARDEN_ORDER = [HUB, VEGGIE, LONE, STUFFED]
NICHE = "compost, mulch, vegetable garden, soil"


@pytest.fixture(scope="module")
def crawled_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("ranking")
    sites, options = ranking_web()
    with LocalWeb(sites, **options) as web:
        result = run_crawl(tmp, web, args={"seeds": ",".join(SEEDS), "depth": "1", "niche": NICHE})
    assert result.returncode == 0, result.stderr[-3000:]
    return result.db_path


@pytest.fixture
def db(crawled_db, tmp_path) -> Path:
    """A copy of the crawled database with the do-not-contact list beside it."""
    copy = tmp_path / "crawl.db"
    shutil.copy(crawled_db, copy)
    out = invoke("dnc", "add", "spam-garden.test", "No-Thanks@quiet-garden.test", "--db", copy)
    assert out == f"added 2 to {tmp_path / 'do-not-contact.txt'}\n"
    return copy


def invoke(*args, ok: bool = True) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, (result.output, result.exception)
    return result.output if ok else result


def ranked_rows(db: Path, tmp_path: Path, *extra: str) -> tuple[list[dict], list[list], str]:
    out = tmp_path / "out.xlsx"
    output = invoke("export", "--db", db, "--out", out, *extra)
    workbook = openpyxl.load_workbook(out)
    sheet = workbook["Ranked prospects"]
    rows = list(sheet.iter_rows(values_only=True))
    every_cell = [list(r) for ws in workbook.worksheets for r in ws.iter_rows(values_only=True)]
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]], every_cell, output


def test_the_niche_argument_and_page_texts_are_stored(crawled_db):
    with sqlite3.connect(crawled_db) as conn:
        keywords = conn.execute("SELECT keywords FROM niche").fetchone()[0]
        text, dated = conn.execute(
            "SELECT body_text, dated FROM pages WHERE url = ?", [HUB]
        ).fetchone()
    assert keywords == '["compost", "mulch", "vegetable garden", "soil"]'
    assert text.startswith("Composting resources and links") and "Contact" not in text
    assert dated == "2026-10-01"


def test_export_ranks_by_the_prospect_score_with_hygiene(db, tmp_path):
    rows, cells, output = ranked_rows(db, tmp_path)
    assert [r["URL"] for r in rows] == GARDEN_ORDER
    assert [r["Rank"] for r in rows] == [1, 2, 3, 4]
    scores = [r["Prospect score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    hub, veggie, lone, stuffed = rows
    # One pitch per registrable domain: the hub's second page is listed under its best.
    assert hub["Other pages of this owner"].startswith(f"{HUB_TOOLS} (")
    # Two domains, one owner (the same address on both contact pages): one pitch.
    assert veggie["Other pages of this owner"].startswith(f"{SOIL} (")
    assert veggie["Other pages of this owner"].endswith("same owner: soil-notes.test")
    assert veggie["Shared contact"] == "owner@veggie-patch.test"
    # The hub is linked from every other gardening site; the isolated page from none.
    assert hub["Authority (crawl)"] > veggie["Authority (crawl)"] > lone["Authority (crawl)"]
    assert lone["Authority (crawl)"] == 0 and hub["Referring domains"] == 5
    assert hub["Referring domains (host)"] == 6 and lone["Referring domains (host)"] == 0
    assert "authority 0/100 in the crawl" in lone["Reasons"]
    # Stuffing: "compost" three hundred times is less relevant than a page about compost.
    assert stuffed["Relevance"] < min(r["Relevance"] for r in (hub, veggie, lone))
    assert stuffed["Matched words"] == "compost"
    assert stuffed["Reasons"].startswith("weak niche match: score x ")
    assert hub["Reasons"].startswith("relevance 0.")
    assert "mulch" in hub["Matched words"] and hub["Dated"] == "2026-10-01"
    assert hub["Best dead URL"] == "http://gone.test/old-compost-guide"
    assert hub["Dead URL referring domains"] == 6  # six crawled domains link to it
    # The other niche's pages are hidden, and the export says so.
    assert PYTEST not in str(cells) or all(PYTEST not in (r["URL"] or "") for r in rows)
    assert "2 prospect(s) hidden as off-niche" in output
    # Nothing on the do-not-contact list in any sheet, nor the owner's addresses.
    flat = " ".join(str(c) for row in cells for c in row if c is not None)
    assert not [word for word in FORBIDDEN if word in flat]
    assert "left out 2 site(s) on the do-not-contact list (never exported)" in output


def test_do_not_contact_holds_even_with_all_sites(db, tmp_path):
    _, cells, _ = ranked_rows(db, tmp_path, "--all-sites", "--format", "xlsx")
    flat = " ".join(str(c) for row in cells for c in row if c is not None)
    assert not [word for word in FORBIDDEN if word in flat]


def test_report_and_summary_show_the_same_order_and_nothing_forbidden(db, tmp_path):
    report = tmp_path / "report.html"
    invoke("report", "--db", db, "--out", report)
    html = report.read_text(encoding="utf-8")
    section = html[html.index("Top prospects by prospect score") :]
    section = section[: section.index("</section>")]
    positions = [section.index(f'href="{url}"') for url in GARDEN_ORDER]
    assert positions == sorted(positions)
    assert "authority within what linkprospector has crawled" in section
    assert PYTEST not in section and "relevance 0." in section
    assert not [word for word in FORBIDDEN if word in html]

    summary = invoke("summary", "--db", db, "--top", "3")
    ranked = summary[summary.index("top prospects by prospect score") :].split("\n\n")[0]
    lines = [line.split()[1] for line in ranked.splitlines()[1:] if line[:8].strip()[:1].isdigit()]
    assert lines == GARDEN_ORDER[:3]
    assert f"also: {SOIL}, soil-notes.test" in summary
    assert "relevance 0." in ranked and "contact: email" in ranked
    assert not [word for word in FORBIDDEN if word in summary]


def test_a_second_niche_turns_the_ranking_around(db, tmp_path):
    out = invoke("niche", "set", "pytest, python testing, fixtures", "--db", db)
    assert out == "niche: pytest, python testing, fixtures; pages: -\n"
    rows, _, output = ranked_rows(db, tmp_path)
    assert [r["URL"] for r in rows][:2] == [PYTEST, UNIT]
    # A gardening page whose anchor says "Soil testing" matches one word: it is damped.
    assert all(r["Reasons"].startswith("weak niche match: score x ") for r in rows[2:])
    assert not {HUB, LONE, STUFFED} & {r["URL"] for r in rows}
    assert "prospect(s) hidden as off-niche" in output
    assert set(rows[0]["Matched words"].split(", ")) >= {"pytest", "fixtures", "testing"}
    assert rows[0]["Authority (crawl)"] > rows[1]["Authority (crawl)"]


def test_own_pages_describe_the_niche(db, tmp_path):
    # The user's own site is the veggie patch: its text describes the niche, and its
    # domain (and the owner's other domain) is never a prospect of its own.
    invoke("niche", "set", "--page", VEGGIE, "--db", db)
    rows, _, _ = ranked_rows(db, tmp_path)
    urls = [r["URL"] for r in rows]
    assert urls[:2] == [HUB, LONE]
    assert VEGGIE not in urls and SOIL not in urls
    # The other niche shares only words like "testing" with the own page: damped.
    assert all(r["Reasons"].startswith("weak niche match: score x ") for r in rows[2:])
    assert "beds" in rows[0]["Matched words"]  # words of the own page, not keywords


def test_status_history_and_cool_down(db, tmp_path):
    for note in ("first pitch", "follow-up", "last try"):
        invoke("status", "set", "compost-hub.test", "contacted", "--note", note,
               "--by", "alice", "--db", db)  # fmt: skip
    invoke("status", "set", "compost-hub.test", "replied", "--by", "bob", "--db", db)
    history = invoke("status", "history", "compost-hub.test", "--db", db)
    assert "replied         compost-hub.test             (site) by bob" in history
    lines = history.splitlines()
    assert [line.split()[1] for line in lines[:3]] == ["contacted"] * 3
    assert all("compost-hub.test" in line and "by alice" in line for line in lines[:3])
    assert lines[0].endswith("# first pitch") and lines[2].endswith("# last try")
    assert "compost-hub.test: contacted 3 time(s)" in history
    with sqlite3.connect(db) as conn, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE outreach_events SET status = 'new'")
    rows, _, output = ranked_rows(db, tmp_path)
    assert [r["URL"] for r in rows] == [VEGGIE, LONE, STUFFED]  # the hub is cooling down
    assert "pitched compost-hub.test on" in output and "cool-down 30 days" in output
    rows, _, _ = ranked_rows(db, tmp_path, "--all-sites")
    assert rows[0]["URL"] == HUB and rows[0]["Times contacted"] == 3
    assert rows[0]["Last contacted"] and rows[0]["Status"] == "replied"  # a reply is no pitch


def test_a_common_crawl_rank_file_is_blended_in(db, tmp_path):
    before, _, _ = ranked_rows(db, tmp_path)
    ranks = tmp_path / "domain-ranks.txt"
    ranks.write_text(
        "#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\t#n_hosts\n"
        "1\t3.1E7\t3\t0.011\tcom.facebook\t3632\n"
        "2\t2.9E7\t2\t0.016\ttest.lone-garden\t1\n"
        "100\t1.0E6\t90\t0.0001\ttest.unknown-elsewhere\t1\n",
        encoding="utf-8",
    )
    out = invoke("ranks", "load", ranks, "--db", db)
    assert out == f"loaded 1 of 3 ranked names from {ranks}\n"  # only names the crawl met
    after, _, _ = ranked_rows(db, tmp_path)
    lone_before = next(r for r in before if r["URL"] == LONE)["Authority (crawl)"]
    lone_after = next(r for r in after if r["URL"] == LONE)["Authority (crawl)"]
    assert lone_before == 0 and lone_after == pytest.approx(0.3 * 85.0, abs=0.1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("dnc", "add", "not a domain"), "not a site or URL"),
        (("dnc", "add", "jane@"), "not an e-mail address"),
        (("niche", "set", " , "), "niche is empty"),
        (("ranks", "load", "missing.txt"), "no such file: missing.txt"),
    ],
)
def test_bad_input_is_one_line(db, args, message):
    result = invoke(*args, "--db", db, ok=False)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_bad_rank_file_and_a_bad_niche_argument_are_one_line(db, tmp_path):
    bad = tmp_path / "ranks.txt"
    bad.write_text("domain,rank\nexample.com,1\n", encoding="utf-8")
    result = invoke("ranks", "load", bad, "--db", db, ok=False)
    assert result.exit_code == 2 and "line 1 is not a Common Crawl rank header" in result.output
    crawl = run_crawl(tmp_path, None, args={"seeds": "http://x.test/", "niche": " ,"})
    assert crawl.returncode != 0
    assert "niche is empty" in crawl.stderr and "Traceback" not in crawl.stderr


def test_the_real_rank_file_loads_gzipped(db):
    fixture = Path(__file__).parent / "fixtures" / "ranks" / "cc-domain-ranks-head.txt.gz"
    out = invoke("ranks", "load", fixture, "--all", "--db", db)
    assert out == f"loaded 15 of 15 ranked names from {fixture}\n"
    with sqlite3.connect(db) as conn:
        ranks = dict(conn.execute("SELECT name, rank FROM domain_ranks"))
    assert ranks["facebook.com"] == 100.0 and ranks["wikipedia.org"] == 0.0
    assert 0 < ranks["googleapis.com"] < 100
    # Without --all only names the crawls met are kept: none of these.
    assert invoke("ranks", "load", fixture, "--db", db).startswith("loaded 0 of 15")


def test_a_broken_do_not_contact_file_stops_export_report_and_summary(db, tmp_path):
    (tmp_path / "do-not-contact.txt").write_text("ok.example\nnot a domain\n", encoding="utf-8")
    for args in (("export", "--out", tmp_path / "o.xlsx"), ("report", "--out", tmp_path / "r.html"),
                 ("summary",)):  # fmt: skip
        result = invoke(*args, "--db", db, ok=False)
        assert result.exit_code == 2, args
        assert "do-not-contact.txt line 2: not a site or URL" in result.output
        assert "Traceback" not in result.output and len(result.output.splitlines()) == 1
    assert not (tmp_path / "o.xlsx").exists()
