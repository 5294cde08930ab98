"""`scrapy crawl backlinks` over a loopback web whose referring pages
keep, lose or change their link; the inputs it reads; `backlinks-report`."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sqlite_utils

from linkprospector.demo.localweb import LocalWeb
from tests.backlink_web import MINE, PAGES, TOXIC, ahrefs_export, sites
from tests.conftest import run_crawl
from tests.demo_db import cli, nightly_config
from tests.test_disavow import FIXTURES


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("backlinks")
    export = tmp / "ahrefs.tsv"
    export.write_bytes(ahrefs_export())
    with LocalWeb(sites(), refused_hosts=["refused.test"]) as web:
        result = run_crawl(tmp, web, spider="backlinks", args={"site": MINE, "links": str(export)})
    return result, tmp


def test_each_referring_page_state_and_reason(checked):
    result, _ = checked
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {(r["source_url"], r["target_url"]): r for r in result.db["backlinks"].rows}
    got = {
        page: (
            rows[(page, "http://mysite.test/guide/")]["state"],
            rows[(page, "http://mysite.test/guide/")]["reason"],
        )
        for page in PAGES
    }
    assert got == PAGES


def test_toxic_signals_with_their_reasons(checked):
    result, _ = checked
    rows = {
        r["source_url"]: r
        for r in result.db["backlinks"].rows
        if r["target_url"] == "http://mysite.test/guide/"
    }
    for page, reason in TOXIC.items():
        assert reason in rows[page]["toxic_reasons"], (page, rows[page]["toxic_reasons"])
        assert rows[page]["toxic_score"] > 0
    clean = rows["http://keeps.test/post"]
    assert (clean["toxic_score"], clean["toxic_reasons"]) == (0, "")


def test_link_details(checked):
    result, _ = checked
    rows = {(r["source_url"], r["target_url"]): r for r in result.db["backlinks"].rows}
    kept = rows[("http://keeps.test/post", "http://mysite.test/guide/")]
    assert (kept["anchor_text"], kept["rel"], kept["placement"]) == (
        "the best guide",
        "",
        "content",
    )
    image = rows[("http://keeps.test/post", "http://www.mysite.test/")]  # a subdomain counts
    assert (image["anchor_text"], image["state"]) == ("My Site logo", "live")
    assert (
        result.db["backlink_links"].get(("http://keeps.test/post", "http://www.mysite.test/"))[
            "kind"
        ]
        == "image"
    )
    assert rows[("http://footer.test/post", "http://mysite.test/guide/")]["placement"] == "footer"
    assert rows[("http://nofollow.test/post", "http://mysite.test/guide/")]["rel"] == "nofollow"


def test_backlinks_report_text_csv_json(checked):
    result, tmp = checked
    text = cli("backlinks-report", "--db", str(result.db_path), cwd=tmp)
    assert text.returncode == 0, text.stderr
    lost = sum(1 for s, _ in PAGES.values() if s == "lost")
    live = sum(1 for s, _ in PAGES.values() if s == "live") + 1  # + the image link
    first, imported, second = text.stdout.splitlines()[:3]
    assert first == f"backlinks: {live} live, {lost} lost (0 confirmed), 2 unknown"
    assert imported == (
        f"imported ahrefs.tsv (ahrefs): {len(PAGES)} row(s) about referring pages, 0 referring "
        f"domain(s) from site-level rows (not checked page by page), 0 row(s) on {MINE} itself "
        "skipped, 0 row(s) without a usable URL"
    )
    assert second.startswith(
        f"backlink changes in run 1: {live} new, 0 lost (confirmed), {lost} lost (suspected"
    )
    as_csv = cli(
        "backlinks-report",
        "--db",
        str(result.db_path),
        "--format",
        "csv",
        "--state",
        "lost",
        cwd=tmp,
    )
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == lost and {r["state"] for r in rows} == {"lost"}
    data = json.loads(
        cli("backlinks-report", "--db", str(result.db_path), "--format", "json", cwd=tmp).stdout
    )
    assert data["counts"] == {"live": live, "lost": lost, "unknown": 2}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"site": "not a domain", "links": "x.csv"}, "site must be one domain such as mysite.com"),
        ({"site": "mysite.test"}, "missing links"),
        ({"site": "mysite.test", "links": "/nonexistent.csv"}, "cannot read links file"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(tmp_path, args, message):
    result = run_crawl(tmp_path, None, spider="backlinks", args=args)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and message in errors[0] and "Traceback" not in result.stderr


def test_the_report_shows_backlinks_with_an_anchor_chart(checked):
    result, tmp = checked
    out = tmp / "report.html"
    proc = cli("report", "--db", str(result.db_path), "--out", str(out), cwd=tmp)
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    lost = sum(1 for s, _ in PAGES.values() if s == "lost")
    live = sum(1 for s, _ in PAGES.values() if s == "live") + 1
    assert f'data-backlinks="{live} live, {lost} lost, 2 unknown"' in html
    assert 'aria-label="anchor texts"' in html and "the best guide: " in html
    assert html.count("<tr>") >= lost


def test_anchors_command_on_the_live_backlinks(checked):
    result, tmp = checked
    proc = cli(
        "anchors", "--db", str(result.db_path), "--site", MINE, "--keyword", "best guide", cwd=tmp
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    domains = len({p.split("/")[2] for p, (s, _) in PAGES.items() if s == "live"})
    assert lines[0] == f"anchor texts of live backlinks: {domains} referring domain(s)"
    assert f"  partial_match  {domains:>5}  100%" in lines  # every live page: "the best guide"
    assert any(line.startswith("  image              1") for line in lines)
    assert f"  http://mysite.test/guide/: partial_match {domains}" in lines  # per target page
    assert any(line.startswith("warning: one commercial anchor 'the best guide'") for line in lines)
    bad = cli("anchors", "--db", str(result.db_path), "--site", "not a domain", cwd=tmp)
    assert bad.returncode == 2 and "--site must be one domain" in bad.stderr
    # without --site: the site the backlinks crawl checked
    same = cli("anchors", "--db", str(result.db_path), "--keyword", "best guide", cwd=tmp)
    assert same.returncode == 0 and same.stdout == proc.stdout


def test_disavow_command_merges_keeping_every_line_and_warns(checked):
    result, tmp = checked
    mine = tmp / "my-old-disavow.txt"
    mine.write_text("# by hand\ndomain:old-spam.example\nhttps://bad.example/x\n", encoding="utf-8")
    allow = tmp / "allow.txt"
    allow.write_text("hidden.test  # a friend\n", encoding="utf-8")
    out = tmp / "disavow.txt"
    proc = cli("disavow", "--db", str(result.db_path), "--out", str(out), "--merge", str(mine),
               "--allowlist", str(allow), "--site", MINE, "--min-score", "30", cwd=tmp)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["# by hand", "domain:old-spam.example", "https://bad.example/x"]
    domains = {line.removeprefix("domain:") for line in lines if line.startswith("domain:")}
    assert {"farm.test", "cheap-links.xyz", "parked.test"} <= domains
    assert "hidden.test" not in domains and MINE not in domains and "keeps.test" not in domains
    assert all(
        lines[i - 1].startswith("# Suggested by linkprospector")
        for i, line in enumerate(lines)
        if line.startswith("domain:") and i > 1
    )
    assert "new domain(s) with toxic score >= 30, 3 line(s) kept" in proc.stdout
    bad = tmp / "bad.txt"
    bad.write_text("domain:ok.example\nnot a line search console takes\n", encoding="utf-8")
    db = str(result.db_path)
    kept = cli("disavow", "--db", db, "--out", str(tmp / "kept.txt"), "--merge", str(bad), cwd=tmp)
    assert kept.returncode == 0, kept.stderr
    assert f"warning: {bad} line 2: not a URL, a domain: line or a # comment" in kept.stderr
    written = (tmp / "kept.txt").read_text(encoding="utf-8")
    assert written.startswith(bad.read_text(encoding="utf-8"))  # kept as written
    assert "1 of them likely rejected by Google" in kept.stdout
    lines = written.splitlines()
    assert all(
        lines[i - 1].startswith("# Suggested by linkprospector on ")
        and lines[i - 1].endswith(".")
        and ";  " not in lines[i - 1]
        for i, line in enumerate(lines)
        if i > 1 and line.startswith("domain:")
    )
    latin = tmp / "latin.txt"
    latin.write_bytes("# caf\xe9\n".encode("latin-1"))
    wrong = cli("disavow", "--db", db, "--out", str(out), "--merge", str(latin), cwd=tmp)
    assert wrong.returncode == 2 and "is not UTF-8 text" in wrong.stderr


@pytest.mark.parametrize("crlf_bom", [False, True])
def test_disavow_command_keeps_a_real_users_file_byte_for_byte(checked, crlf_bom):
    result, tmp = checked
    real = (FIXTURES / "disavow_turkish_tech_head.txt").read_bytes()
    if crlf_bom:
        real = b"\xef\xbb\xbf" + real.replace(b"\n", b"\r\n")
    mine = tmp / f"real-{crlf_bom}.txt"
    mine.write_bytes(real)
    out = tmp / f"merged-{crlf_bom}.txt"
    proc = cli("disavow", "--db", str(result.db_path), "--out", str(out), "--merge", str(mine),
               "--min-score", "30", cwd=tmp)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr  # an IDN (line 839) is no problem
    merged = out.read_bytes()
    assert merged.startswith(real) and merged.endswith(b"\r\n" if crlf_bom else b"\n")
    added = merged[len(real) :].decode("utf-8").splitlines()
    assert added and added[0].startswith("# Suggested by linkprospector on ")
    lines = real.count(b"\n")
    assert f"{lines} line(s) kept from your file" in proc.stdout


def test_export_adds_the_backlink_sheets(checked):
    result, tmp = checked
    out = tmp / "sheets"
    proc = cli("export", "--db", str(result.db_path), "--format", "csv", "--out", str(out), cwd=tmp)
    assert proc.returncode == 0, proc.stderr

    def rows(name):
        with open(out / name, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    every, lost = rows("backlinks.csv"), rows("lost_links.csv")
    assert len(every) == result.db["backlink_links"].count
    assert {r["State"] for r in lost} == {"lost"}
    assert len(lost) == sum(1 for s, _ in PAGES.values() if s == "lost")
    toxic = rows("toxic_candidates.csv")
    scores = [int(r["Toxic score"]) for r in toxic]
    assert scores == sorted(scores, reverse=True) and scores[0] >= 50
    anchors = rows("anchor_texts.csv")
    assert anchors[0]["Anchor text"] == "the best guide" and anchors[0]["Class"] == "other"


def test_nightly_backlinks_table(tmp_path):
    export = tmp_path / "links.txt"
    export.write_text("http://keeps.test/post\nhttp://removed.test/post\n")
    with LocalWeb(sites()) as web:
        config = nightly_config(
            tmp_path, web, f'db = "mine.db"\n\n[backlinks]\nsite = "{MINE}"\nlinks = "links.txt"'
        )
        proc = cli("nightly", "--config", str(config), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "[backlinks] backlinks: run 1, finished" in proc.stdout
    db = sqlite_utils.Database(tmp_path / "mine.db")
    states = {(r["source_url"], r["state"]) for r in db["backlinks"].rows}
    assert ("http://keeps.test/post", "live") in states and (
        "http://removed.test/post",
        "lost",
    ) in states


def test_toxic_lists_and_thresholds_are_settings(tmp_path):
    export = tmp_path / "ahrefs.tsv"
    export.write_bytes(ahrefs_export())
    with LocalWeb(sites(), refused_hosts=["refused.test"]) as web:
        result = run_crawl(
            tmp_path, web, spider="backlinks", args={"site": MINE, "links": str(export)},
            settings={"LINKPROSPECTOR_SPAM_TLDS": ".test",
                      "LINKPROSPECTOR_TOXIC_ANCHOR_DOMAINS": "3"},
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    kept = result.db["backlink_links"].get(("http://keeps.test/post", "http://mysite.test/guide/"))
    assert "spam-prone TLD .test" in kept["toxic_reasons"]
    live = len({p.split("/")[2] for p, (s, _) in PAGES.items() if s == "live"})  # domains
    assert f"the same anchor 'the best guide' on {live} referring domains" in kept["toxic_reasons"]
    assert kept["toxic_score"] == 30 + 20
