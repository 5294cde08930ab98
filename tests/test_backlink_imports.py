"""Import first, then check: `scrapy crawl backlinks` stores every row of the export (with
what it says) before any request, the crawl adds what it observes beside it; a network
failure loses nothing of the import; site-level rows are referring domains, never lost; a
page linking twice to one URL is `new`; the progress line counts; a 150,000-row export is
read with flat memory."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import sqlite_utils

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.judge.network_health import EXIT_NETWORK_DOWN
from tests import backlink_exports as ex
from tests.backlink_web import IMAGE, KEEP, MINE, article
from tests.conftest import ROOT, TEST_SETTINGS, run_crawl

GUIDE = "http://mysite.test/guide/"
LOGO_AND_TEXT = IMAGE.replace("http://www.mysite.test/", GUIDE) + " and " + KEEP


def web() -> list[Site]:
    return [
        Site("same.test", routes={"/p": Route(body=article(KEEP))}),
        Site("reworded.test", routes={"/p": Route(body=article(KEEP.replace("the best guide", "a guide")))}),
        Site("twice.test", routes={"/p": Route(body=article(LOGO_AND_TEXT))}),
        Site("slow.test", routes={"/p": Route(body=article(KEEP), delay=1.2)}),
    ]  # fmt: skip


SEMRUSH_ROWS = [
    ("http://same.test/p", GUIDE, "the best guide", "false"),
    ("http://reworded.test/p", GUIDE, "the best guide", "false"),
    ("http://twice.test/p", GUIDE, "the best guide", "false"),
    ("http://slow.test/p", GUIDE, "the best guide", "false"),
    ("http://mysite.test/about", GUIDE, "an internal link", "false"),
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("imports")
    export = tmp / "semrush.csv"
    export.write_bytes(ex.semrush(SEMRUSH_ROWS))
    with LocalWeb(web()) as loopback:
        result = run_crawl(tmp, loopback, spider="backlinks",
                           args={"site": MINE, "links": str(export)})  # fmt: skip
    return result


def links(result) -> dict[str, dict]:
    return {r["source_url"]: r for r in result.db["backlink_links"].rows}


def test_the_export_is_stored_with_everything_it_says(crawled):
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    claims = list(crawled.db["backlink_claims"].rows_where(order_by="line"))
    assert [c["line"] for c in claims] == [2, 3, 4, 5]  # the own-domain row is not a backlink
    assert claims[0] == {
        "import_id": 1, "line": 2, "source_url": "http://same.test/p", "domain": "same.test",
        "target_url": GUIDE, "anchor_text": "the best guide", "rel": "", "first_seen": "2025-07-08",
        "last_seen": "2026-11-20", "authority": 23.0, "page_authority": None, "traffic": None,
    }  # fmt: skip
    [imported] = crawled.db["backlink_imports"].rows
    assert (imported["format"], imported["rows"], imported["own_domain_rows"]) == ("semrush", 4, 1)
    assert "4 row(s) about referring pages" in crawled.stderr
    assert f"1 row(s) on {MINE} itself skipped" in crawled.stderr


def test_first_seen_is_the_exports_date_and_changed_compares_with_its_claim(crawled):
    rows = links(crawled)
    assert rows["http://same.test/p"]["first_seen"] == "2025-07-08"
    assert rows["http://same.test/p"]["transition"] == "new"
    reworded = rows["http://reworded.test/p"]
    assert (reworded["anchor_text"], reworded["claimed_anchor"]) == ("a guide", "the best guide")
    assert reworded["transition"] == "changed"


def test_a_page_linking_twice_to_one_url_is_new_once(crawled):
    twice = [
        r for r in crawled.db["backlink_links"].rows if r["source_url"] == "http://twice.test/p"
    ]
    assert [(r["target_url"], r["anchor_text"], r["kind"], r["transition"]) for r in twice] == [
        (GUIDE, "the best guide", "text", "new")
    ]
    assert "1 changed anchor or rel" in crawled.stderr  # reworded.test only


def test_the_progress_line_counts_referring_pages(crawled):
    progress = [line for line in crawled.stderr.splitlines() if "progress:" in line]
    counted = [tuple(map(int, re.search(r"(\d+) pages .*?(\d+)/(\d+) targets", line).groups()))
               for line in progress]  # fmt: skip
    assert any(pages > 0 and scheduled == 4 for pages, _checked, scheduled in counted), progress
    assert re.search(r"finished \(finished\) in [\d.]+s: 4 pages", crawled.stderr)


def test_a_network_failure_loses_nothing_of_the_import(tmp_path):
    export = tmp_path / "ahrefs.tsv"
    rows = [(f"http://down{i}.test/p", GUIDE, f"anchor {i}", "false") for i in range(6)]
    export.write_bytes(ex.ahrefs(rows))
    with LocalWeb([], refused_hosts=[f"down{i}.test" for i in range(6)]) as loopback:
        result = run_crawl(tmp_path, loopback, spider="backlinks",
                           args={"site": MINE, "links": str(export)},
                           settings={"LINKPROSPECTOR_CANARY_URL": "http://canary-gone.test/"})  # fmt: skip
    assert result.returncode == EXIT_NETWORK_DOWN, result.stderr[-3000:]
    assert result.db["backlink_claims"].count == 6
    view = {r["source_url"]: r for r in result.db["backlinks"].rows}
    assert set(view) == {f"http://down{i}.test/p" for i in range(6)}
    assert {(r["state"], r["anchor_text"]) for r in view.values()} >= {("unknown", "anchor 0")}
    assert not [r for r in view.values() if r["state"] == "lost"]


def test_top_linking_sites_are_referring_domains_never_lost(tmp_path):
    export = tmp_path / "links.zip"
    export.write_bytes(ex.zipped({
        "Top linking sites.csv": ex.gsc_sites("en", [("same.test", "12", "3"), (MINE, "4", "4")]),
        "Latest links.csv": ex.gsc_latest("en", ["http://reworded.test/p"]),
    }))  # fmt: skip
    with LocalWeb(web()) as loopback:
        result = run_crawl(tmp_path, loopback, spider="backlinks",
                           args={"site": MINE, "links": str(export)})  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert [(r["domain"], r["linking_pages"]) for r in result.db["referring_domains"].rows] == [
        ("same.test", 12)
    ]
    checked = {r["source_url"] for r in result.db["backlinks"].rows}
    assert checked == {"http://reworded.test/p"}  # no home page of same.test judged
    assert "1 referring domain(s) from site-level rows" in result.stderr


def test_an_internal_links_export_is_refused_with_one_line(tmp_path):
    export = tmp_path / "Linking pages.csv"
    export.write_text("Linking page\nhttp://mysite.test/\nhttp://mysite.test/blog\n")
    result = run_crawl(
        tmp_path, None, spider="backlinks", args={"site": MINE, "links": str(export)}
    )
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and "Search Console's internal links" in errors[0]


def test_a_bad_byte_far_into_a_file_stops_before_any_request_and_stores_nothing(tmp_path):
    export = tmp_path / "latest.csv"
    good = "".join(f"https://p{i}.example/x,2025-07-08\n" for i in range(500))
    export.write_bytes(
        b"Linking page,Last crawled\n" + good.encode() + b"https://caf\xe9.example/,x\n"
    )
    result = run_crawl(
        tmp_path, None, spider="backlinks", args={"site": MINE, "links": str(export)}
    )
    assert result.returncode == 2, result.stderr[-2000:]
    assert "latest.csv: line 502 is not UTF-8" in result.stderr
    assert result.db["backlink_claims"].count == 0


ROWS_150K = 150_000


def test_a_150000_row_export_is_read_with_flat_memory(tmp_path):
    """The whole crawl process (Scrapy, the import, the first checks) stays well under
    500 MB; the import holds one batch of rows at a time, the spider one batch of URLs."""
    export = tmp_path / "big.csv"
    with export.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(ex.SEMRUSH_HEADER) + "\r\n")
        for i in range(ROWS_150K):
            out.write(f"12,Title {i},http://host{i % 500}.test/page/{i},{GUIDE},anchor text {i},"
                      f"10,20,false,false,false,true,false,false,false,false,Jul 8 2025,"
                      f"Nov 20 2026,false,false\r\n")  # fmt: skip
    db = tmp_path / "big.db"
    hosts = [Site(f"host{i}.test", default=Route(body=article(KEEP))) for i in range(500)]
    with LocalWeb(hosts) as loopback:
        host_map = tmp_path / "hosts.json"
        host_map.write_text(json.dumps(loopback.host_map))
        settings = {**TEST_SETTINGS, "LINKPROSPECTOR_DB": str(db),
                    "LINKPROSPECTOR_HOST_MAP": str(host_map), "CLOSESPIDER_PAGECOUNT": "20"}  # fmt: skip
        argv = ["scrapy", "crawl", "backlinks", "-a", f"site={MINE}", "-a", f"links={export}"]
        for key, value in settings.items():
            argv += ["-s", f"{key}={value}"]
        measure = (
            "import resource, runpy, sys\n"
            f"sys.argv = {argv!r}\n"
            "try:\n    runpy.run_module('scrapy', run_name='__main__')\n"
            "finally:\n    print('maxrss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " file=sys.stderr)\n"
        )
        proc = subprocess.run([sys.executable, "-c", measure], cwd=ROOT, capture_output=True,
                              text=True, timeout=600, check=False,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    peak_mb = int(re.search(r"maxrss_kb (\d+)", proc.stderr)[1]) / 1024
    assert sqlite_utils.Database(db)["backlink_claims"].count == ROWS_150K, proc.stderr[-3000:]
    assert "150000 row(s) about referring pages" in proc.stderr
    print(f"peak RSS of the crawl: {peak_mb:.0f} MB")
    assert peak_mb < 250, f"peak RSS {peak_mb:.0f} MB"
