"""The store interface on PostgreSQL answers as the SQLite store does.

A real server (tests/pg_server.py) and real databases: the bundled sample web crawled by
the demo and the competitor demo into SQLite, that file copied to the server, then every
read of the interface asked of both, and the same commands run on both, as users run
them (statuses, the niche, domain ranks, pitch statuses, exports, the report).
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
import sqlite_utils
from click.testing import CliRunner

from linkprospector.cli.main import cli
from linkprospector.store.interface import ExportQuery
from linkprospector.store.pg_store import PgStore
from linkprospector.store.server_store import ServerStore
from linkprospector.store.shards import shard_of_url
from linkprospector.store.storage import SQLiteStore
from tests.conftest import ROOT
from tests.pg_server import PostgresServer

RANKS = Path(__file__).parent / "fixtures" / "ranks" / "cc-domain-ranks-head.txt"
NOW = "2026-12-01T09:00:00+00:00"


@pytest.fixture(scope="module")
def postgres():
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The sample web crawled for real: resource pages, dead links, competitors, pitches."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    for command in (["demo"], ["demo-competitors", "--keep"]):
        done = subprocess.run(
            [sys.executable, "-m", "linkprospector", *command, "--db", str(db)],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
    return db


def on_server(postgres: PostgresServer, sqlite_file: Path) -> str:
    """A new server database holding everything in ``sqlite_file``."""
    dsn = postgres.new_database()
    pg = PgStore.open(dsn, create=True)
    try:
        copied = pg.copy_from_sqlite(str(sqlite_file), lambda url: shard_of_url(url, 8))
    finally:
        pg.close()
    assert copied["targets"] > 30 and copied["my_pages"] > 0 and copied["links"] > 100
    return dsn


def plain(value):
    """Rows as compared: dataclasses as dicts; a comma list of distinct anchors as a set
    (SQLite joins them in the order met, PostgreSQL in sorted order)."""
    if dataclasses.is_dataclass(value):
        return plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {
            key: sorted(item.split(","))
            if key in ("anchors", "anchor_texts") and item
            else plain(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def test_every_read_of_the_interface_answers_the_same(postgres, demo_db):
    dsn = on_server(postgres, demo_db)
    lite, server = SQLiteStore(demo_db), ServerStore(dsn)
    try:
        sites = lite.competitor_sites()
        assert sites  # the competitor demo crawled competitors
        reads = [
            ("export_rows", (ExportQuery(),)),
            ("export_rows", (ExportQuery(min_score=0.5, confirmed_only=True, mine="mysite.test"),)),
            ("dead_counts", ()),
            ("report_rows", (10, 5)),
            ("summary_rows", (10,)),
            ("summary_rows", (5, [sites[0], "greenthumbguide.test"])),
            ("ranking_rows", ()),
            ("known_names", ()),
            ("competitor_sites", ()),
            ("competitor_broken_links", (sites,)),
            ("competitor_dead_pages", (sites,)),
            ("competitor_profile", (sites, 10)),
            ("link_intersect", ("mysite.test", sites, 1)),
            ("status_rows", ()),
            ("load_my_pages", ()),
            ("my_sites", ()),
            ("dead_targets_to_look_up", ()),
            ("opportunities", ()),
            ("anchors_and_sentences", ()),
            ("contacts_of_sites", ()),
            ("changes", ()),
            ("latest_run_args", ("resource_pages",)),
            ("host_targets", ("tomatotalk.test",)),
            ("page_fetched_at", ("http://greenthumbguide.test/resources/",)),
            ("page_links_to", ("http://greenthumbguide.test/resources/", sites)),
        ]
        dead = [row["url"] for row in lite.export_rows(ExportQuery()).dead_targets]
        reads.append(("check_history", (dead,)))
        for name, args in reads:
            want, got = getattr(lite, name)(*args), getattr(server, name)(*args)
            assert plain(got) == plain(want), name
        report = lite.report_rows(10, 5)
        assert report.top_dead and report.prospects and report.competitor_dead  # not empty
        # the data contract's views, row for row
        for view in ("dead_links", "confirmed_dead_links", "prospects", "guest_posts"):
            want = [list(r) for r in lite.db.execute(f"SELECT * FROM {view}").fetchall()]
            got = [list(r) for r in server.db.execute(f"SELECT * FROM {view}").fetchall()]
            assert got == want and (want or view == "guest_posts"), view
    finally:
        lite.close()
        server.close()


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.output


def test_the_same_commands_leave_the_same_rows(postgres, demo_db, tmp_path, monkeypatch):
    """What people write (statuses, the niche, ranks, pitch statuses) and read back."""
    monkeypatch.setenv("LINKPROSPECTOR_NOW", NOW)
    # one do-not-contact list for both (beside a file by default; a server names it)
    monkeypatch.setenv("LINKPROSPECTOR_DNC_FILE", str(tmp_path / "dnc.txt"))
    local = tmp_path / "local.db"
    shutil.copy(demo_db, local)
    dsn = on_server(postgres, demo_db)
    lite = sqlite_utils.Database(demo_db)
    page, target = lite.execute(
        "SELECT source_url, target_url FROM dead_links ORDER BY 1, 2 LIMIT 1"
    ).fetchone()
    site = lite.execute("SELECT site FROM pages WHERE url = ?", [page]).fetchone()[0]
    lite.close()
    hidden = "urbanveggiepatch.test" if site != "urbanveggiepatch.test" else "seedsaverscircle.test"
    (tmp_path / "dnc.txt").write_text(f"{hidden}\n")
    outputs: dict[str, list[str]] = {}
    for db in (str(local), dsn):
        said = outputs.setdefault(db, [])
        said.append(_run("status", "set", site, "contacted", "--by", "ana", "--db", db))
        said.append(_run("status", "set", site, "replied", "--page", page, "--target", target,
                         "--note", "asked for the new URL", "--by", "ben", "--db", db))  # fmt: skip
        said.append(_run("niche", "set", "tomato, seeds, allotment", "--db", db))
        said.append(_run("ranks", "load", RANKS, "--all", "--db", db))
        said.append(_run("pitch-status", "sent", "--page", page, "--target", target,
                         "--note", "first mail", "--db", db))  # fmt: skip
        for read in (
            ("status", "list"), ("status", "history"), ("niche", "show"), ("summary",),
            ("pitch",), ("competitors-report",), ("intersect", "--mine", "mysite.test"),
        ):  # fmt: skip
            said.append(_run(*read, "--db", db))
        out = tmp_path / ("server" if db == dsn else "local")
        _run("export", "--format", "csv", "--out", out, "--db", db)
        _run("report", "--out", out / "report.html", "--db", db)
    note = f"note: do-not-contact list: {tmp_path / 'dnc.txt'}\n"  # a server names its list
    assert sum(note in said for said in outputs[dsn]) == 1  # the summary says it
    for got, want in zip(outputs[dsn], outputs[str(local)], strict=True):
        assert got.replace(note, "") == want
    for sheet in sorted((tmp_path / "local").glob("*.csv")):
        assert (tmp_path / "server" / sheet.name).read_bytes() == sheet.read_bytes(), sheet.name
    pitches = (tmp_path / "server" / "pitches.csv").read_text()
    assert f"\nsent,{page},{target}," in pitches and "first mail" in pitches
    for sheet in ("broken_links", "ranked_prospects", "prospects"):
        assert hidden not in (tmp_path / "server" / f"{sheet}.csv").read_text()
    # the rows themselves, table by table (the server numbers its own ids)
    server = ServerStore(dsn)
    home = sqlite_utils.Database(local)
    try:
        for table in ("outreach", "outreach_events", "niche", "domain_ranks", "pitch_status"):
            columns = [c.name for c in home[table].columns if c.name != "id"]
            order = ", ".join(columns)
            want = home.execute(f"SELECT {order} FROM {table} ORDER BY {order}").fetchall()
            got = server.db.execute(f"SELECT {order} FROM {table} ORDER BY {order}").fetchall()
            assert [tuple(r) for r in got] == [tuple(r) for r in want] and want, table
    finally:
        server.close()
        home.close()


def test_a_server_database_is_closed_by_with_and_keeps_no_files(postgres, demo_db, tmp_path):
    dsn = on_server(postgres, demo_db)
    with ServerStore(dsn) as store:
        assert store.name == dsn and store.dead_counts().confirmed > 0
    with pytest.raises(psycopg.OperationalError):
        store.server.conn.execute("SELECT 1")
    started = datetime(2026, 12, 1, tzinfo=UTC).isoformat()
    with ServerStore(dsn) as store:  # a run's bookkeeping, as a crawl does it
        run = store.start_run("resource_pages", {"seeds": "x"}, started)
        store.finish_run(run, "finished", started, {"linkprospector/pages": 3})
        assert store.run_started_at(run) == started
        assert run > max(r["id"] for r in sqlite_utils.Database(demo_db)["runs"].rows)
