"""part 1: `linkprospector report` writes one HTML file that opens offline.
A real headless Chromium (Debian's `chromium`, as for the JavaScript tests) opens it: the
headline numbers equal the database's, no network request is made, the console has no
errors, sorting and filtering work, and screenshots at 1280 px and 390 px are not blank."""

from __future__ import annotations

import struct
import zlib

import pytest
import sqlite_utils
from playwright.sync_api import sync_playwright

from linkprospector.reading.rendering import SERVER_FLAGS, find_browser
from tests.demo_db import cli


def db_numbers(path) -> dict[str, int]:
    db = sqlite_utils.Database(path)
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "pages": one("SELECT count(*) FROM pages"),
        "targets": one("SELECT count(*) FROM targets"),
        "dead_confirmed": one("SELECT count(*) FROM targets WHERE verdict='dead' AND confirmed=1"),
        "dead_suspected": one("SELECT count(*) FROM targets WHERE verdict='dead' AND confirmed=0"),
        "prospects": one("SELECT count(*) FROM prospects"),
        "contacts": one("SELECT count(*) FROM contacts"),
    }


def distinct_pixels(png: bytes, sample: int = 20_000) -> int:
    """How many different RGB(A) values a PNG has (reading its IDAT rows, unfiltered)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, width, channels = 8, b"", 0, 4
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        chunk = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width = struct.unpack(">I", chunk[:4])[0]
            channels = {2: 3, 6: 4}[chunk[9]]
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + length
    raw = zlib.decompress(data)
    stride = width * channels
    previous = bytearray(stride)
    colours: set[bytes] = set()
    for row_start in range(0, len(raw), stride + 1):
        kind, row = raw[row_start], bytearray(raw[row_start + 1 : row_start + 1 + stride])
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            upleft = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else upleft
                row[i] = (row[i] + pred) & 0xFF
        for x in range(0, stride, channels * 7):
            colours.add(bytes(row[x : x + channels]))
        previous = row
        if len(colours) > sample:
            break
    return len(colours)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=find_browser(), headless=True, args=list(SERVER_FLAGS)
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def report(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    proc = cli("report", "--db", str(demo.db), "--out", str(out), cwd=demo.folder)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"wrote {out} (")
    return out


def open_page(browser, path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests, problems = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests, problems


def test_the_report_is_small_and_self_contained(report):
    html = report.read_text(encoding="utf-8")
    assert report.stat().st_size < 2_000_000
    assert "<script src" not in html and "<link " not in html and "@import" not in html


def test_headline_numbers_equal_the_database(demo, report, browser):
    page, requests, problems = open_page(browser, report, 1280)
    shown = {
        el.get_attribute("data-metric"): int(el.inner_text())
        for el in page.query_selector_all("[data-metric]")
    }
    assert shown == db_numbers(demo.db)
    assert shown["dead_confirmed"] > 0 and shown["dead_suspected"] > 0
    assert [url for url in requests if not url.startswith("file://")] == []
    assert problems == []
    page.close()


def test_charts_tables_sorting_and_filtering(demo, report, browser):
    page, _, problems = open_page(browser, report, 1280)
    assert len(page.query_selector_all("svg.chart")) == 2
    db = sqlite_utils.Database(demo.db)
    reasons = db.execute(
        "SELECT count(DISTINCT reason) FROM targets WHERE verdict='dead'"
    ).fetchone()[0]
    assert len(page.query_selector_all("svg.chart")[0].query_selector_all("g.bar")) == reasons
    dead_rows = page.query_selector_all("#dead tbody tr")
    assert len(dead_rows) == db["dead_targets"].count
    first = dead_rows[0].query_selector_all("td")
    assert "web.archive.org" in first[7].query_selector("a").get_attribute("href")
    assert "GET " in first[5].inner_text()  # why dead: the status chain

    # sort the dead targets by referring pages, descending then ascending
    def pages() -> list[int]:
        rows = page.query_selector_all("#dead tbody tr")
        return [int(r.query_selector_all("td")[2].inner_text()) for r in rows]

    assert len(set(pages())) > 1
    page.click("#dead th:nth-child(3)")
    assert pages() == sorted(pages(), reverse=True)
    page.click("#dead th:nth-child(3)")
    assert pages() == sorted(pages())
    # filter the dead targets
    page.fill('input[data-for="dead"]', "parked")
    visible = [r for r in page.query_selector_all("#dead tbody tr") if r.is_visible()]
    assert visible and all("parked" in r.inner_text() for r in visible)
    assert len(visible) < len(dead_rows)
    assert problems == []
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_are_not_blank(report, browser, width, tmp_path):
    page, _, problems = open_page(browser, report, width)
    png = page.screenshot(full_page=False)
    (tmp_path / f"report-{width}.png").write_bytes(png)
    assert distinct_pixels(png) > 20
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways at {width}px by {overflow}px"
    assert problems == []
    page.close()


def test_the_pitches_section_with_its_proof_behind_a_disclosure(demo, report, browser):
    """Pitches: a row per opportunity, the draft shown, the proof opened on a click."""
    page, _, problems = open_page(browser, report, 1280)
    db = sqlite_utils.Database(demo.db)
    opportunities = db.execute(
        "SELECT count(*) FROM links l JOIN targets t ON t.url = l.target_url "
        "WHERE t.verdict = 'dead'"
    ).fetchone()[0]
    rows = page.query_selector_all("#pitches tbody tr")
    assert len(rows) == opportunities
    drafts = page.query_selector_all("#pitches pre.pitch")
    ready = int(page.query_selector("[data-pitches]").get_attribute("data-pitches"))
    assert len(drafts) == ready and 0 < ready < opportunities
    first = drafts[0]
    assert first.is_visible() and "mygardenjournal.test" in first.inner_text()
    proof = rows[0].query_selector("details.proof")
    assert not proof.query_selector("pre").is_visible()
    proof.query_selector("summary").click()
    text = proof.query_selector("pre").inner_text()
    assert proof.query_selector("pre").is_visible() and "Checks (" in text and "Archive:" in text
    page.fill('input[data-for="pitches"]', "no good replacement")
    visible = [r for r in page.query_selector_all("#pitches tbody tr") if r.is_visible()]
    assert len(visible) == opportunities - ready
    assert problems == []
    page.close()
