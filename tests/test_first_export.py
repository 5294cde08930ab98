"""part 2: the first workbook a new user sees is never empty. `linkprospector
demo` runs two nights (the first on a simulated clock 25 h earlier), so the export has
confirmed rows and the one dead link found new tonight, marked suspected."""

from __future__ import annotations

import csv

import sqlite_utils

from linkprospector.demo.sampleweb import TONIGHT_TARGET
from tests.demo_db import cli


def read(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_demo_says_where_its_report_is(demo):
    assert "report: output/demo-report.html" in demo.stdout
    assert demo.report.is_file()
    db = sqlite_utils.Database(demo.db)
    assert db["runs"].count == 2


def test_first_export_has_confirmed_and_suspected_rows_marked(demo, tmp_path):
    proc = cli(
        "export", "--db", str(demo.db), "--format", "csv", "--out", str(tmp_path), cwd=demo.folder
    )
    assert proc.returncode == 0, proc.stderr
    db = sqlite_utils.Database(demo.db)
    confirmed = db.execute(
        "SELECT count(*) FROM targets WHERE verdict='dead' AND confirmed=1"
    ).fetchone()[0]
    suspected = db.execute(
        "SELECT count(*) FROM targets WHERE verdict='dead' AND confirmed=0"
    ).fetchone()[0]
    assert confirmed >= 9 and suspected == 1
    assert f"dead targets: {confirmed} confirmed, {suspected} suspected" in proc.stdout
    assert "can confirm the first" in proc.stdout
    broken = read(tmp_path / "broken_links.csv")
    marks = {row["Dead URL"]: row["Confirmed"] for row in broken}
    assert marks[TONIGHT_TARGET.url].startswith("no — checked once; confirmed by a run after ")
    assert marks[TONIGHT_TARGET.url].endswith(" UTC")
    yes = [m for m in marks.values() if m.startswith("yes — confirmed ")]
    assert len(yes) == len(marks) - 1
    targets = read(tmp_path / "dead_targets.csv")
    assert len(targets) == confirmed + suspected


def test_confirmed_only_leaves_the_suspected_out(demo, tmp_path):
    proc = cli(
        "export", "--db", str(demo.db), "--format", "csv", "--out", str(tmp_path),
        "--confirmed-only", cwd=demo.folder,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    urls = {row["Dead URL"] for row in read(tmp_path / "broken_links.csv")}
    assert urls and TONIGHT_TARGET.url not in urls
    assert "1 suspected (left out: --confirmed-only)" in proc.stdout
