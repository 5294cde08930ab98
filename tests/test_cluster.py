"""Many machines on one: a real PostgreSQL, real Procrastinate workers, real crawls.

The same crawl on SQLite and sharded over three workers gives the same verdicts; no host
sees more than two open requests across workers; a worker killed with SIGKILL mid-run has
its job retried elsewhere, and the run ends with exactly one check per due target.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import sqlite_utils

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.store.shards import group_by_shard, shard_of_domain, shard_of_url
from tests.conftest import ROOT, run_crawl
from tests.pg_server import PostgresServer
from tests.webs import CORE_TARGETS, page, ul

WORKER_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture(scope="module")
def postgres():
    server = PostgresServer().start()
    yield server
    server.stop()


class Workers:
    """``linkprospector worker`` processes, as a user starts them on each machine."""

    def __init__(self, dsn: str, count: int, tmp: Path):
        self.procs = []
        self.logs = []
        for i in range(count):
            log = (tmp / f"worker{i}.log").open("w")
            self.logs.append(log)
            self.procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "linkprospector",
                        "worker",
                        "--db",
                        dsn,
                        "--concurrency",
                        "1",
                    ],
                    cwd=ROOT,
                    env=WORKER_ENV,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )  # fmt: skip
            )

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in self.logs:
            log.close()


def prepare(dsn: str, tmp: Path) -> None:
    """The schema a first run creates (workers refuse a database without it)."""
    result = subprocess.run(
        [sys.executable, "-m", "linkprospector", "worker", "--db", dsn, "--create-schema"],
        cwd=ROOT, env=WORKER_ENV, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def pull(dsn: str, db: Path) -> sqlite_utils.Database:
    result = subprocess.run(
        [sys.executable, "-m", "linkprospector", "pull", "--from", dsn, "--db", str(db)],
        cwd=ROOT, env=WORKER_ENV, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return sqlite_utils.Database(db)


# -- shards ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("http://www.example.co.uk/x", "https://shop.example.co.uk/y"),
        ("http://blog.example.com/", "http://EXAMPLE.com:8080/z"),
        ("http://a.b.c.example.org/", "http://example.org/"),
    ],
)
def test_every_host_of_a_domain_is_in_one_shard(a, b):
    for shards in (1, 2, 7, 64):
        assert shard_of_url(a, shards) == shard_of_url(b, shards)


def test_shards_are_stable_across_processes_and_spread():
    code = (
        "from linkprospector.store.shards import shard_of_domain as s; print(s('example.com', 97))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert int(other.stdout) == shard_of_domain("example.com", 97)
    groups = group_by_shard([f"http://site{i}.com/" for i in range(400)], 4)
    assert sorted(groups) == [0, 1, 2, 3]
    assert all(60 < len(urls) < 140 for urls in groups.values())


# -- end to end ----------------------------------------------------------------------------


@pytest.fixture()
def core_web():
    from tests.webs import core_web as build

    sites, options = build()
    with LocalWeb(sites, **options) as web:
        yield web


def test_sharded_run_gives_the_same_verdicts_as_sqlite(tmp_path, postgres, core_web):
    for sub in ("one", "many"):
        (tmp_path / sub).mkdir()
    local = run_crawl(tmp_path / "one", core_web, args={"seeds": "http://hub.test/"})
    assert local.returncode == 0, local.stderr[-2000:]
    expected = {url: (row["verdict"], row["reason"]) for url, row in local.targets().items()}
    assert len(expected) == len(CORE_TARGETS)
    core_web.reset_failures()
    core_web.most_open.clear()

    dsn = postgres.new_database()
    prepare(dsn, tmp_path)
    workers = Workers(dsn, 3, tmp_path)
    try:
        run = run_crawl(
            tmp_path / "many",
            core_web,
            args={"seeds": "http://hub.test/"},
            settings={"LINKPROSPECTOR_DB": dsn, "LINKPROSPECTOR_SHARDS": "6"},
            timeout=240,
        )
    finally:
        workers.stop()
    assert run.returncode == 0, run.stderr[-3000:]
    assert "finished:" in run.stderr and "targets checked" in run.stderr
    pulled = pull(dsn, tmp_path / "pulled.db")
    got = {row["url"]: (row["verdict"], row["reason"]) for row in pulled["targets"].rows}
    assert got == expected
    # the data contract's views answer on PostgreSQL too
    with psycopg.connect(dsn) as conn:
        dead = conn.execute("SELECT count(*) FROM dead_links").fetchone()[0]
        prospects = conn.execute("SELECT url FROM prospects").fetchall()
    assert dead == local.db.execute("SELECT count(*) FROM dead_links").fetchone()[0] > 0
    assert ("http://hub.test/resources/",) in prospects
    assert max(core_web.most_open.values()) <= 2, core_web.most_open
    # export, report and summary read the server database as they read the pulled copy
    home = str(tmp_path / "pulled.db")
    scratch = tmp_path / "scratch"  # no command makes a temporary copy
    scratch.mkdir()
    env = {"TMPDIR": str(scratch)}
    summary = _cli("summary", "--db", dsn, env=env)
    assert summary.stdout == _cli("summary", "--db", home).stdout
    assert "note: do-not-contact list:" in summary.stderr  # which file counted
    for db, name in ((dsn, "direct"), (home, "copy")):
        out = tmp_path / name
        exported = _cli("export", "--db", db, "--format", "csv", "--out", str(out), env=env)
        assert exported.returncode == 0, exported.stderr
        shown = f"{db}&password=hunter2" if db == dsn else db  # trust auth ignores it
        reported = _cli("report", "--db", shown, "--out", str(out / "report.html"), env=env)
        assert reported.returncode == 0, reported.stderr
    assert not list(scratch.iterdir())  # every temporary copy removed
    for sheet in (tmp_path / "copy").glob("*.csv"):
        assert (tmp_path / "direct" / sheet.name).read_bytes() == sheet.read_bytes(), sheet.name
    page = (tmp_path / "direct" / "report.html").read_text()
    assert "hub.test/resources/" in page and "hunter2" not in page and "password=***" in page
    # a teammate's status is written on the server, and every machine's export shows it
    marked = _cli("status", "set", "hub.test", "contacted", "--db", dsn)
    assert marked.returncode == 0, marked.stderr
    listed = _cli("status", "list", "--db", dsn)
    assert "hub.test" in listed.stdout and "contacted" in listed.stdout
    pulled_status = pull(dsn, tmp_path / "again.db")["outreach"].get(("hub.test", "", ""))
    assert pulled_status["status"] == "contacted"


N_TARGETS = 48


def slow_web() -> LocalWeb:
    targets = [f"http://t{i}.test/page" for i in range(N_TARGETS)]
    hub = Site(
        "slowhub.test",
        routes={"/": page("Useful resources and links", ul([(u, f"r{i}") for i, u in
                                                            enumerate(targets)]))},
    )  # fmt: skip
    sites = [
        Site(f"t{i}.test", routes={"/page": Route(body=page("T", "ok"), delay=0.4)})
        for i in range(N_TARGETS)
    ]
    return LocalWeb([hub, *sites])


def _checks(dsn: str) -> int:
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT count(*) FROM checks").fetchone()[0]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def test_a_killed_worker_loses_nothing_and_checks_nothing_twice(tmp_path, postgres):
    dsn = postgres.new_database()
    prepare(dsn, tmp_path)
    with slow_web() as web:
        workers = Workers(dsn, 2, tmp_path)
        settings = {
            "LINKPROSPECTOR_DB": dsn,
            "LINKPROSPECTOR_SHARDS": "4",
            "CONCURRENT_REQUESTS": "2",
        }
        host_map = tmp_path / "hosts.json"
        import json

        host_map.write_text(json.dumps(web.host_map))
        from tests.conftest import TEST_SETTINGS

        cmd = [sys.executable, "-m", "scrapy", "crawl", "resource_pages", "-a",
               "seeds=http://slowhub.test/"]  # fmt: skip
        for key, value in {**TEST_SETTINGS, "LINKPROSPECTOR_HOST_MAP": str(host_map),
                           **settings}.items():  # fmt: skip
            cmd += ["-s", f"{key}={value}"]
        crawl = subprocess.Popen(
            cmd, cwd=ROOT, env=WORKER_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        try:
            victim = workers.procs[0]
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not (_checks(dsn) >= 3 and _children(victim.pid)):
                time.sleep(0.2)
            children = _children(victim.pid)
            assert children, "the worker never ran a job"
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=10)
            time.sleep(1.0)
            for child in children:  # the parent-death signal ended its Scrapy child
                assert not Path(f"/proc/{child}").exists() or _zombie(child)
            _, stderr = crawl.communicate(timeout=240)
        finally:
            if crawl.poll() is None:
                crawl.kill()
            workers.stop()
    assert crawl.returncode == 0, stderr[-3000:]
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT target_url, count(*) FROM checks GROUP BY target_url"
        ).fetchall()
        verdicts = conn.execute("SELECT verdict, count(*) FROM targets GROUP BY 1").fetchall()
    assert len(rows) == N_TARGETS and all(n == 1 for _, n in rows)
    assert dict(verdicts) == {"live": N_TARGETS}


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True


def _sharded(tmp: Path, web: LocalWeb, dsn: str, seeds: str, **settings: str):
    tmp.mkdir(exist_ok=True)
    return run_crawl(
        tmp,
        web,
        args={"seeds": seeds, "recheck": "all"},
        settings={"LINKPROSPECTOR_DB": dsn, "LINKPROSPECTOR_SHARDS": "3", **settings},
        timeout=240,
    )


def test_a_429_hosts_back_off_holds_in_the_next_job(tmp_path, postgres):
    urls = [f"http://busy.test/p{i}" for i in range(12)]
    hub = Site("busyhub.test", routes={"/": page("Useful links", ul([(u, u) for u in urls]))})
    busy = Site(
        "busy.test",
        routes={
            f"/p{i}": Route(body=page("P", "ok"), delay=0.15, fail_first=1, fail_status=429,
                            retry_after="1")
            for i in range(12)
        },
    )  # fmt: skip
    dsn = postgres.new_database()
    prepare(dsn, tmp_path)
    with LocalWeb([hub, busy]) as web:
        workers = Workers(dsn, 2, tmp_path)
        try:
            first = _sharded(tmp_path / "first", web, dsn, "http://busyhub.test/")
            assert first.returncode == 0, first.stderr[-3000:]
            web.most_open.clear()  # the 429s are spent: busy.test answers 200 from now on
            second = _sharded(tmp_path / "second", web, dsn, "http://busyhub.test/")
        finally:
            workers.stop()
    assert second.returncode == 0, second.stderr[-3000:]
    with psycopg.connect(dsn) as conn:
        runs = conn.execute("SELECT max(run_id) FROM checks").fetchone()[0]
        verdicts = conn.execute(
            "SELECT verdict, count(*) FROM checks WHERE run_id = %s GROUP BY 1", [runs]
        ).fetchall()
        spacing = conn.execute("SELECT spacing FROM host_backoff WHERE host = 'busy.test'")
        spacing = spacing.fetchone()[0]
    assert dict(verdicts) == {"live": 12}
    # the second run's job started from the first's back-off: one request at a time
    assert web.most_open["busy.test"] == 1
    assert spacing > 0


def test_a_worker_whose_network_fails_stops_the_run_with_nothing_dead(tmp_path, postgres):
    live = [f"http://site{i}.test/article" for i in range(20)]
    hub = Site("cuthub.test", routes={"/": page("Links", ul([(u, u) for u in live]))})
    sites = [Site(f"site{i}.test", default=Route(body=page("A", "ok"))) for i in range(20)]
    dsn = postgres.new_database()
    prepare(dsn, tmp_path)
    with LocalWeb([hub, *sites]) as web:
        workers = Workers(dsn, 1, tmp_path)
        try:
            run = _sharded(
                tmp_path / "cut",
                web,
                dsn,
                "http://cuthub.test/",
                TWISTED_DNS_RESOLVER="tests.webs_hostile.CuttableResolver",
                LINKPROSPECTOR_TEST_CUT_AFTER="4",
            )
            workers.procs[0].wait(timeout=30)  # it stops taking jobs by itself
        finally:
            workers.stop()
    assert run.returncode == 4, run.stderr[-3000:]
    assert "LOCAL NETWORK OUTAGE" in run.stderr
    assert workers.procs[0].returncode == 4
    with psycopg.connect(dsn) as conn:
        dead = conn.execute("SELECT count(*) FROM targets WHERE verdict = 'dead'").fetchone()[0]
        status = conn.execute("SELECT status FROM runs").fetchone()[0]
    assert dead == 0 and status == "network_down"


# -- bad input -------------------------------------------------------------------------------


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "linkprospector", *args],
        cwd=ROOT, env={**WORKER_ENV, **(env or {})}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_unreachable_database_is_one_line(tmp_path):
    result = _cli("worker", "--db", f"postgresql://nobody@/nodb?host={tmp_path}&port=1")
    assert result.returncode == 2
    assert result.stderr.startswith("linkprospector: error: cannot connect to PostgreSQL")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = _cli("worker", "--db", "mysql://x/y")
    assert result.returncode == 2 and "postgresql://" in result.stderr
    for command in ("report", "export", "summary"):
        result = _cli(command, "--db", f"postgresql://nobody@/nodb?host={tmp_path}&port=1")
        assert result.returncode == 2, command
        assert result.stderr.startswith("linkprospector: error: cannot connect to PostgreSQL")
        assert len(result.stderr.strip().splitlines()) == 1


def test_missing_or_foreign_schema_is_refused(tmp_path, postgres):
    dsn = postgres.new_database()
    result = _cli("worker", "--db", dsn)
    assert result.returncode == 2 and "no linkprospector schema" in result.stderr
    assert "Traceback" not in result.stderr
    prepare(dsn, tmp_path)
    with psycopg.connect(dsn) as conn:  # as an older or newer version would have left it
        conn.execute("UPDATE linkprospector_meta SET value = 'older' WHERE key = 'schema'")
    result = _cli("worker", "--db", dsn)
    assert result.returncode == 2 and "same version on every machine" in result.stderr
    result = _cli("pull", "--from", dsn, "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2 and not (tmp_path / "x.db").exists()


def test_nightly_run_on_many_machines_and_its_report(tmp_path, postgres, core_web):
    dsn = postgres.new_database()
    prepare(dsn, tmp_path)
    import json

    from tests.conftest import TEST_SETTINGS

    host_map = tmp_path / "hosts.json"
    host_map.write_text(json.dumps(core_web.host_map))
    settings = "\n".join(
        f'{key} = "{value}"'
        for key, value in {**TEST_SETTINGS, "LINKPROSPECTOR_HOST_MAP": str(host_map),
                           "LINKPROSPECTOR_SHARDS": "4"}.items()
    )  # fmt: skip
    config = tmp_path / "niche.toml"
    config.write_text(
        f'log_dir = "logs"\n[crawl]\nseeds = ["http://hub.test/"]\n'
        f'[report]\nout = "niche-report.html"\n[settings]\n{settings}\n'
    )
    workers = Workers(dsn, 2, tmp_path)
    try:
        run = _cli("nightly", "--config", str(config), "--db", dsn)
    finally:
        workers.stop()
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "on many machines" in run.stdout and "nightly run finished cleanly" in run.stdout
    pulled = sqlite_utils.Database(tmp_path / "niche-pulled.db")
    verdicts = {row["url"]: row["verdict"] for row in pulled["targets"].rows}
    assert verdicts == {url: verdict for url, verdict, *_ in CORE_TARGETS}
    assert "hub.test/resources/" in (tmp_path / "niche-report.html").read_text()
    # a table the workers cannot do is refused before anything runs
    # a [crawl] of another spider cannot be split over the workers: refused before it runs
    config.write_text(config.read_text().replace("[crawl]\n", '[crawl]\nspider = "my_site"\n'))
    refused = _cli("nightly", "--config", str(config), "--db", dsn)
    assert refused.returncode == 2 and "[crawl] runs resource_pages" in refused.stderr
    assert "Traceback" not in refused.stderr
