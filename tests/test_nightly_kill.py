"""One run at a time, kill and resume, interrupted runs, and in-place database upgrades."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.store.schema import migrations
from tests.conftest import ROOT, TEST_SETTINGS, run_crawl
from tests.test_nightly import GONE, HUB, LIVE, NIGHT1, NIGHT2, nightly_web
from tests.webs import page, ul

N_TARGETS = 40
TARGETS = [f"http://t{i}.test/page" for i in range(N_TARGETS)]
#: A slow crawl: 2 requests at a time, 0.15 s each, small batches (many commits).
SLOW = {
    "CONCURRENT_REQUESTS": "2",
    "LINKPROSPECTOR_BATCH_SIZE": "3",
    "LINKPROSPECTOR_NOW": NIGHT1,
}


def slow_web(delay: float = 0.15) -> LocalWeb:
    hub = Site(
        "slowhub.test",
        routes={
            "/": page(
                "Useful resources and links", ul([(u, f"r{i}") for i, u in enumerate(TARGETS)])
            )
        },
    )
    targets = [
        Site(f"t{i}.test", routes={"/page": Route(body=page("T", "ok"), delay=delay)})
        for i in range(N_TARGETS)
    ]
    return LocalWeb([hub, *targets])


def start_crawl(tmp: Path, web: LocalWeb, db: Path, **settings: str) -> subprocess.Popen:
    """`scrapy crawl` in the background (same command line as conftest.run_crawl)."""
    hosts = tmp / "hosts.json"
    hosts.write_text(json.dumps(web.host_map))
    all_settings = {
        **TEST_SETTINGS,
        **SLOW,
        "LINKPROSPECTOR_DB": str(db),
        "LINKPROSPECTOR_HOST_MAP": str(hosts),
        **settings,
    }
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "resource_pages",
        "-a",
        "seeds=http://slowhub.test/",
    ]
    for key, value in all_settings.items():
        cmd += ["-s", f"{key}={value}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def committed_checks(db: Path) -> int:
    """Check rows of the latest run committed so far (-1 before the run row exists)."""
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM checks WHERE run_id = r.id) FROM runs r "
                "ORDER BY r.id DESC LIMIT 1"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return -1
    return -1 if row is None else row[0]


def wait_for(db: Path, proc: subprocess.Popen, at_least: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = committed_checks(db)
        if n >= at_least:
            return n
        assert proc.poll() is None, proc.communicate()[1][-3000:]
        time.sleep(0.02)
    raise AssertionError(f"crawl did not reach {at_least} committed checks")


def assert_complete(db_path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert {row["url"] for row in db["targets"].rows} == set(TARGETS)
    assert {row["verdict"] for row in db["targets"].rows} == {"live"}
    assert db["links"].count == N_TARGETS
    assert db["pages"].count == 1
    # every target checked exactly once over all runs: nothing written twice, nothing lost
    per_target = db.execute(
        "SELECT target_url, count(*) FROM checks GROUP BY target_url"
    ).fetchall()
    assert len(per_target) == N_TARGETS and {n for _u, n in per_target} == {1}
    return db


@pytest.mark.parametrize("kill_after", [0, 6, 24])
def test_sigkill_then_next_run_completes_without_duplicates(tmp_path, kill_after):
    db_path = tmp_path / "kill.db"
    with slow_web() as web:
        proc = start_crawl(tmp_path, web, db_path)
        wait_for(db_path, proc, kill_after)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        written = committed_checks(db_path)
        assert 0 <= written < N_TARGETS
        web.reset_hits()
        resumed = run_crawl(
            tmp_path, web, args={"seeds": "http://slowhub.test/"}, settings=SLOW, db_path=db_path
        )
        assert resumed.returncode == 0, resumed.stderr[-3000:]
        assert "earlier run(s) had been killed" in resumed.stderr
        # results already written are kept and not requested again (a short page's host is
        # also asked for its not-found answer once: that probe is not a check of the page)
        rechecked = sum(
            1 for _m, host, path in web.hits if host.startswith("t") and path == "/page"
        )
        assert rechecked == N_TARGETS - written
    db = assert_complete(db_path)
    runs = list(db["runs"].rows_where(order_by="id"))
    assert [r["status"] for r in runs] == ["killed", "finished"]
    assert json.loads(runs[0]["changes"])["counts"]["checked"] == written
    assert db.execute("SELECT count(*) FROM checks WHERE run_id = 1").fetchone()[0] == written


def test_sigterm_flushes_and_marks_the_run_interrupted(tmp_path):
    db_path = tmp_path / "term.db"
    with slow_web() as web:
        proc = start_crawl(tmp_path, web, db_path)
        wait_for(db_path, proc, 6)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode != 0
        assert "finished (shutdown)" in err
        db = sqlite_utils.Database(db_path)
        run = db["runs"].get(1)
        assert run["status"] == "interrupted" and run["finished_at"]
        # everything checked before the process ended is stored (pending rows flushed)
        assert (
            db["checks"].count
            == db["targets"].count
            == json.loads(run["stats"])["linkprospector/targets/checked"]
        )
        resumed = run_crawl(
            tmp_path, web, args={"seeds": "http://slowhub.test/"}, settings=SLOW, db_path=db_path
        )
        assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert_complete(db_path)


def test_sigint_with_jobdir_resumes_the_queue(tmp_path):
    db_path, jobdir = tmp_path / "job.db", tmp_path / "job"
    with slow_web() as web:
        proc = start_crawl(tmp_path, web, db_path, JOBDIR=str(jobdir))
        wait_for(db_path, proc, 6)
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=60)
        assert proc.returncode != 0
        resumed = run_crawl(
            tmp_path,
            web,
            args={"seeds": "http://slowhub.test/"},
            settings={**SLOW, "JOBDIR": str(jobdir)},
            db_path=db_path,
        )
        assert resumed.returncode == 0, resumed.stderr[-3000:]
        # the hub page was not fetched again: the queue held the remaining checks
        assert web.count("slowhub.test", "/") == 1
        # graceful stop + resumed queue: every target requested exactly once in all
        assert all(web.count(f"t{i}.test", "/page") == 1 for i in range(N_TARGETS))
    db = assert_complete(db_path)
    assert [r["status"] for r in db["runs"].rows_where(order_by="id")] == [
        "interrupted",
        "finished",
    ]


def test_second_run_on_the_same_database_refuses(tmp_path):
    db_path = tmp_path / "lock.db"
    with slow_web(delay=0.6) as web:  # ~12 s: the first run is still going
        first = start_crawl(tmp_path, web, db_path)
        wait_for(db_path, first, 1)
        started = time.monotonic()
        second = run_crawl(
            tmp_path, web, args={"seeds": "http://slowhub.test/"}, settings=SLOW, db_path=db_path
        )
        assert second.returncode != 0
        assert time.monotonic() - started < 30
        assert "Traceback" not in second.stderr
        message = [line for line in second.stderr.splitlines() if "error" in line.lower()]
        assert message == [
            f"linkprospector: error: another linkprospector run is using {db_path} "
            f"(pid {first.pid}); not starting a second one"
        ]
        config = tmp_path / "niche.toml"
        config.write_text(f'db = "{db_path}"\n[crawl]\nseeds = ["http://slowhub.test/"]\n')
        nightly = subprocess.run(
            [sys.executable, "-c", "from linkprospector.cli.main import main; main()", "nightly",
             "--config", str(config)],
            cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        assert nightly.returncode == 3
        assert "another linkprospector run is using" in nightly.stderr
        _out, err = first.communicate(timeout=120)
        assert first.returncode == 0, err[-3000:]
        # the lock went with the first process: a new run may start
        third = run_crawl(
            tmp_path, web, args={"seeds": "http://slowhub.test/"}, settings=SLOW, db_path=db_path
        )
        assert third.returncode == 0, third.stderr[-3000:]
    db = sqlite_utils.Database(db_path)
    assert [r["status"] for r in db["runs"].rows_where(order_by="id")] == ["finished", "finished"]


def test_a_database_of_the_first_schema_is_upgraded_in_place(tmp_path):
    db_path = tmp_path / "old.db"
    old = sqlite_utils.Database(db_path)
    later = [m.name for m in migrations.pending(old) if m.name != "m001_initial"]
    migrations.apply(old, stop_before=later)
    assert "checks" not in old.table_names()
    old["runs"].insert({"id": 1, "spider": "resource_pages", "started_at": NIGHT1,
                        "finished_at": NIGHT1, "status": "finished"})  # fmt: skip
    old["pages"].insert({"url": f"{HUB}/links/", "site": "hub.test", "is_resource": 1,
                         "first_seen": NIGHT1, "fetched_at": NIGHT1, "run_id": 1})  # fmt: skip
    old["links"].insert_all(
        [{"source_url": f"{HUB}/links/", "target_url": t, "first_seen": NIGHT1, "run_id": 1}
         for t in (GONE, LIVE)]
    )  # fmt: skip
    old["targets"].insert_all(
        [
            {"url": GONE, "host": "gone.test", "verdict": "dead", "reason": "http_404",
             "status": 404, "checked_at": NIGHT1, "first_seen": NIGHT1, "run_id": 1},
            {"url": LIVE, "host": "live.test", "verdict": "live", "reason": "ok",
             "status": 200, "checked_at": NIGHT1, "first_seen": NIGHT1, "run_id": 1},
        ]
    )  # fmt: skip
    old.close()
    with nightly_web() as web:
        result = run_crawl(
            tmp_path,
            web,
            args={"seeds": f"{HUB}/"},
            settings={"LINKPROSPECTOR_NOW": NIGHT2},
            db_path=db_path,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert web.count("live.test") == 0  # its old check is still fresh
        assert web.count("gone.test") == 1
    db = sqlite_utils.Database(db_path)
    targets = {row["url"]: row for row in db["targets"].rows}
    # the old check counts as the first failure: a day later the second confirms it
    assert targets[GONE]["confirmed"] == 1 and targets[GONE]["first_dead_at"] == NIGHT1
    assert targets[LIVE]["last_checked"] == NIGHT1 and targets[LIVE]["last_live_at"] == NIGHT1
    assert targets[LIVE]["first_seen"] == NIGHT1
    history = db.execute(
        "SELECT run_id, target_url, verdict FROM checks ORDER BY run_id, target_url"
    ).fetchall()
    assert history[:2] == [(1, GONE, "dead"), (1, LIVE, "live")]
    assert (2, GONE, "dead") in history
    assert [r["status"] for r in db["runs"].rows_where(order_by="id")] == ["finished", "finished"]
    assert {row["target_url"] for row in db["confirmed_dead_links"].rows} == {GONE}
