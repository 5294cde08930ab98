"""Dead link to pitch, end to end: a crawl of a loopback niche with ``-a mysite=``, the Wayback
step against a loopback archive, ``linkprospector pitch``, the workbook's Pitches sheet,
the report's section, pitch statuses across re-crawls and a won link confirmed (and then
lost) by the crawls; bad input in one line with exit code 2."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
import sqlite_utils

from linkprospector.demo.localweb import LocalWeb, Route
from linkprospector.demo.wayback_standin import HOST
from linkprospector.store.storage import open_db
from tests.conftest import run_crawl
from tests.demo_db import cli
from tests.pitch_web import ENGLISH_LINKS, FITS, SEEDS, pitch_archive, pitch_sites

LINKS_PAGE = "http://links.test/resources/"
APHIDS = "http://pests.test/aphids-organic"


@pytest.fixture(scope="module")
def niche(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pitch")
    archive = pitch_archive()
    with LocalWeb([*pitch_sites(), archive.site()], refused_hosts=["down.test"]) as web:
        crawl = run_crawl(
            folder, web, args={"seeds": ",".join(SEEDS), "mysite": "http://mine.test/"}
        )
        assert crawl.returncode == 0, crawl.stderr[-3000:]
        env = {
            "LINKPROSPECTOR_WAYBACK_URL": f"http://{HOST}",
            "LINKPROSPECTOR_HOST_MAP": json.dumps(web.host_map),
            "LINKPROSPECTOR_WAYBACK_DELAY": "0",
        }
        looked_up = cli("wayback", "--db", str(crawl.db_path), cwd=folder, env=env)
        assert looked_up.returncode == 0, looked_up.stderr
        yield web, crawl, folder, looked_up.stdout


def pitch_blocks(stdout: str) -> dict[tuple[str, str], str]:
    blocks = {}
    for block in stdout.split("\n== ")[1:]:
        head = block.splitlines()[0]
        page, _, rest = head.partition(" -> ")
        blocks[(page, rest.split()[0])] = block
    return blocks


def test_the_crawl_reads_my_site_and_the_sentences_around_links(niche):
    _web, crawl, _folder, looked_up = niche
    db = crawl.db
    mine = {row["url"]: row for row in db["my_pages"].rows}
    assert set(mine) == {"http://mine.test" + p for p in
                         ("/", "/about/", "/shop/", "/aphids/", "/tomatoes/", "/de/kompost/",
                          "/ja/tomato/")}  # fmt: skip
    assert (
        mine["http://mine.test/de/kompost/"]["lang"],
        mine["http://mine.test/ja/tomato/"]["lang"],
    ) == ("de", "ja")
    assert not db.execute("SELECT count(*) FROM pages WHERE site = 'mine.test'").fetchone()[0]
    sentences = {row["target_url"]: row["sentence"] for row in db["link_contexts"].rows}
    assert sentences[APHIDS] == "Organic aphid control – soap sprays, ladybirds and timing"
    assert sentences["http://kompost.test/anleitung"].startswith("Wer anfängt, liest die Kompost")
    assert (
        sentences["http://tomato.jp.test/sodatekata"] == "初心者にはトマトの育て方がおすすめです。"
    )
    assert crawl.targets()["http://tomatotalk.test/"]["reason"] == "parked"
    assert looked_up.startswith("wayback: 2 capture(s) found, 3 dead page(s) with no capture")


def test_one_pitch_per_opportunity_with_the_page_that_fits(niche):
    _web, crawl, folder, _ = niche
    proc = cli("pitch", "--db", str(crawl.db_path), cwd=folder)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(
        "5 opportunities; dead URLs with a good replacement: 4, without: 1"
    )
    blocks = pitch_blocks(proc.stdout)
    for dead, fit in FITS.items():
        (block,) = [b for (page, target), b in blocks.items() if target == dead]
        if fit is None:
            assert "replacement: no good replacement" in block and "--- pitch ---" not in block
        else:
            assert f"replacement: {fit} (score " in block and "--- pitch ---" in block
            assert f"{fit}\n" in block.split("--- pitch ---")[1]
    aphids = blocks[(LINKS_PAGE, APHIDS)]
    pitch = aphids.split("--- pitch ---")[1].split("--- proof ---")[0]
    assert "Hi Jane Doe," in pitch
    assert (
        'It is in this sentence: "Organic aphid control – soap sprays, ladybirds and timing"'
        in pitch
    )
    assert "which answers 404 Not Found" in pitch
    assert 'copy from 2019-04-12 shows it was "Organic aphid control | Pest Notes"' in pitch
    forum = blocks[(LINKS_PAGE, "http://tomatotalk.test/")]
    assert "2018-06-03" in forum and "parked (" in forum  # the 2024 capture was skipped
    assert "Archive: no capture in the Wayback Machine before" in blocks[
        ("http://garten.test/links/", "http://kompost.test/anleitung")]  # fmt: skip
    one = cli("pitch", "--db", str(crawl.db_path), "--target", APHIDS, cwd=folder)
    assert list(pitch_blocks(one.stdout)) == [(LINKS_PAGE, APHIDS)]


def test_the_workbook_has_a_pitches_sheet_and_the_report_a_section(niche):
    _web, crawl, folder, _ = niche
    out = folder / "outreach.xlsx"
    proc = cli("export", "--db", str(crawl.db_path), "--out", str(out), cwd=folder)
    assert proc.returncode == 0, proc.stderr
    sheet = openpyxl.load_workbook(out)["Pitches"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:5] == ["Pitch status", "Linking page", "Dead URL", "Anchor", "Replacement"]
    by_target = {row[2]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_target) == set(FITS)
    for dead, fit in FITS.items():
        assert by_target[dead]["Replacement"] == (fit or "no good replacement")
        assert by_target[dead]["Pitch status"] == "not_sent"
        assert bool(by_target[dead]["Pitch"]) == bool(fit)
        assert "Checks (1):" in by_target[dead]["Proof"]
    assert "Kompost" in by_target["http://kompost.test/anleitung"]["Matched words"].title()
    report = folder / "report.html"
    proc = cli("report", "--db", str(crawl.db_path), "--out", str(report), cwd=folder)
    assert proc.returncode == 0, proc.stderr
    html = report.read_text(encoding="utf-8")
    assert '<p data-pitches="4">4 of 5 opportunities' in html
    assert html.count('<details class="proof">') == 5
    # the user works down the sheet and reads the statuses back
    workbook = openpyxl.load_workbook(out)
    pitches = workbook["Pitches"]
    status_col, target_col = header.index("Pitch status") + 1, header.index("Dead URL") + 1
    note_col = header.index("Note") + 1
    for row in range(2, pitches.max_row + 1):
        if pitches.cell(row, target_col).value == "http://kompost.test/anleitung":
            pitches.cell(row, status_col).value = "Replied"
            pitches.cell(row, note_col).value = "wants a shorter page"
    workbook.save(out)
    back = cli("pitch-status", "--from", str(out), "--db", str(crawl.db_path), cwd=folder)
    assert back.returncode == 0, back.stderr
    assert back.stdout.splitlines() == [
        "replied: http://garten.test/links/ -> http://kompost.test/anleitung",
        "1 pitch status(es) changed",
    ]
    stored = crawl.db["pitch_status"].get(
        ("http://garten.test/links/", "http://kompost.test/anleitung")
    )
    assert (stored["status"], stored["note"]) == ("replied", "wants a shorter page")
    again = cli("pitch-status", "--from", str(out), "--db", str(crawl.db_path), cwd=folder)
    assert again.stdout.splitlines() == ["0 pitch status(es) changed"]
    for row in range(2, pitches.max_row + 1):
        pitches.cell(row, status_col).value = "maybe later"
    workbook.save(out)
    bad = cli("pitch-status", "--from", str(out), "--db", str(crawl.db_path), cwd=folder)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert "'Pitches' row 2: unknown pitch status 'maybe later'" in bad.stderr


def test_status_survives_recrawls_and_a_won_link_is_confirmed_then_lost(niche, tmp_path):
    web, crawl, folder, _ = niche
    db_args = ("--db", str(crawl.db_path))
    args = {"seeds": LINKS_PAGE, "recheck": "all"}
    sent = cli(
        "pitch-status", "sent", "--page", LINKS_PAGE, "--target", APHIDS, *db_args, cwd=folder
    )
    assert sent.returncode == 0, sent.stderr
    again = run_crawl(tmp_path, web, args=args, db_path=crawl.db_path)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "[sent]" in pitch_blocks(cli("pitch", *db_args, cwd=folder).stdout)[(LINKS_PAGE, APHIDS)]
    outreach = crawl.db["outreach"].get(("links.test", LINKS_PAGE, APHIDS))
    assert outreach["status"] == "contacted"  # exports leave the site out for a while

    won = cli("pitch-status", "won", "--page", LINKS_PAGE, "--target", APHIDS, *db_args, cwd=folder)
    assert won.returncode == 0, won.stderr
    shown = cli("pitch", *db_args, "--target", APHIDS, cwd=folder).stdout
    assert "won: waiting for the next crawl of the page" in shown
    # the site owner swaps the dead link for the user's page
    site = web.site("links.test")
    site.routes["/resources/"] = Route(
        body=ENGLISH_LINKS.replace(APHIDS, "http://mine.test/aphids/")
    )
    assert run_crawl(tmp_path, web, args=args, db_path=crawl.db_path).returncode == 0
    shown = cli("pitch", *db_args, cwd=folder).stdout
    assert "won pitch on" not in shown  # confirmed: nothing to report
    status = crawl.db["pitch_status"].get((LINKS_PAGE, APHIDS))
    assert status["status"] == "won" and status["link_seen_at"]
    # ... and later removes it
    item = f'<li><a href="{APHIDS}">Organic aphid control</a> – soap sprays, ladybirds and timing'
    site.routes["/resources/"] = Route(body=ENGLISH_LINKS.replace(item + "</li>", ""))
    assert run_crawl(tmp_path, web, args=args, db_path=crawl.db_path).returncode == 0
    shown = cli("pitch", *db_args, cwd=folder).stdout
    assert f"won pitch on {LINKS_PAGE}: LINK GONE: your link was on the page" in shown
    site.routes["/resources/"] = Route(body=ENGLISH_LINKS)


def test_bad_input_is_one_line_and_exit_2(niche, tmp_path):
    web, crawl, folder, _ = niche
    template = tmp_path / "pitch.txt"
    template.write_text("Hi {first_name},\n\n{replacement_url}\n", encoding="utf-8")
    bad = cli("pitch", "--db", str(crawl.db_path), "--template", str(template), cwd=folder)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith(
        "linkprospector: error: unknown placeholder {first_name} on line 1"
    )
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    env_bad = cli("export", "--db", str(crawl.db_path), "--out", str(tmp_path / "x.xlsx"),
                  cwd=folder, env={"LINKPROSPECTOR_PITCH_TEMPLATE": str(template)})  # fmt: skip
    assert env_bad.returncode == 2 and env_bad.stderr.count("\n") == 1
    missing = cli("pitch", "--db", str(crawl.db_path), "--template", str(tmp_path / "none.txt"),
                  cwd=folder)  # fmt: skip
    assert missing.returncode == 2 and "cannot read the pitch template" in missing.stderr
    unknown = cli("pitch", "--db", str(crawl.db_path), "--target", "http://nope.test/", cwd=folder)
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1

    empty = tmp_path / "empty.db"
    open_db(empty).close()
    nothing = cli("pitch", "--db", str(empty), cwd=folder)
    assert nothing.returncode == 2 and nothing.stderr.count("\n") == 1
    assert "no pages of your site in this database: crawl with -a mysite=" in nothing.stderr
    fresh = tmp_path / "fresh.db"  # a database whose dead URLs were not looked up yet
    shutil.copy(crawl.db_path, fresh)
    sqlite_utils.Database(fresh)["wayback_captures"].delete_where()
    offline = cli("wayback", "--db", str(fresh), cwd=folder,
                  env={"LINKPROSPECTOR_WAYBACK_URL": "http://down.test",
                       "LINKPROSPECTOR_HOST_MAP": json.dumps(web.host_map)})  # fmt: skip
    assert offline.returncode == 1 and offline.stdout == ""
    assert offline.stderr.startswith("wayback: skipped (the Wayback Machine at http://down.test")
    assert offline.stderr.count("\n") == 1

    down = run_crawl(tmp_path, web, spider="my_site", args={"site": "http://down.test/"})
    assert down.returncode == 2
    last = down.stderr.strip().splitlines()[-1]
    assert last == "linkprospector: error: your site http://down.test/ cannot be reached (refused)"
    emptied = run_crawl(tmp_path, web, spider="resource_pages",
                        args={"seeds": LINKS_PAGE, "mysite": "http://emptied.test/"})  # fmt: skip
    assert emptied.returncode == 2
    assert emptied.stderr.strip().splitlines()[-1] == (
        "linkprospector: error: your site http://emptied.test/ cannot be reached (HTTP 404)"
    )
    for spider, args, fragment in (
        ("my_site", {}, "missing site: use -a site="),
        ("my_site", {"site": "not a site"}, "site must be your site's URL"),
        ("resource_pages", {"seeds": LINKS_PAGE, "mysite": "ftp:/x"}, "mysite must be your site"),
    ):
        proc = run_crawl(tmp_path, web, spider=spider, args=args)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr[-500:]
        errors = [line for line in proc.stderr.splitlines() if "error:" in line]
        assert len(errors) == 1 and fragment in errors[0], proc.stderr[-500:]


def test_a_do_not_contact_site_is_never_pitched(niche, tmp_path):
    _web, crawl, folder, _ = niche
    db_args = ("--db", str(crawl.db_path))
    before = int(cli("pitch", *db_args, cwd=folder).stdout.split()[0])
    added = cli("dnc", "add", "garten.test", *db_args, cwd=folder)
    assert added.returncode == 0, added.stderr
    try:
        shown = cli("pitch", *db_args, cwd=folder)
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.startswith(f"{before - 1} opportunities")  # garten.test had one
        assert "garten.test" not in shown.stdout
        out = tmp_path / "outreach.xlsx"
        assert cli("export", *db_args, "--out", str(out), "--all-sites", cwd=folder).returncode == 0
        rows = list(openpyxl.load_workbook(out)["Pitches"].iter_rows(values_only=True))
        assert len(rows) == 1 + before - 1 and not [r for r in rows if "garten.test" in str(r)]
        report = tmp_path / "report.html"
        assert cli("report", *db_args, "--out", str(report), cwd=folder).returncode == 0
        assert "garten.test" not in report.read_text(encoding="utf-8")
    finally:
        for path in folder.glob("*do-not-contact*"):
            path.unlink()
