"""The store interface on PostgreSQL answers as the SQLite store does.

A real server (tests/pg_server.py) and real databases: the bundled sample web crawled by
the demo and the competitor demo into SQLite, that file copied to the server, then every
read of the interface asked of both, and the same commands run on both, as users run
them (statuses, the niche, domain ranks, pitch statuses, exports, the report).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
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
from linkprospector.demo.localweb import LocalWeb
from linkprospector.store.interface import ExportQuery, StoreError
from linkprospector.store.pg_database import translate
from linkprospector.store.server_store import ServerStore
from linkprospector.store.storage import SQLiteStore
from tests.backlink_web import MINE, ahrefs_export
from tests.backlink_web import sites as backlink_sites
from tests.conftest import ROOT, run_crawl
from tests.pg_server import PostgresServer
from tests.webs_competitors import COMPETITOR_DOMAINS, competitor_web

RANKS = Path(__file__).parent / "fixtures" / "ranks" / "cc-domain-ranks-head.txt"
NOW = "2026-12-01T09:00:00+00:00"


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


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.output


def on_server(postgres: PostgresServer, sqlite_file: Path) -> str:
    """A new server database holding everything in ``sqlite_file`` (``linkprospector
    push``, as a user moves a machine's database to the server)."""
    dsn = postgres.new_database()
    said = _run("push", "--db", sqlite_file, "--to", dsn)
    assert said.startswith(f"copied into {dsn}: ") and " my_pages" in said
    with psycopg.connect(dsn) as conn:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("targets", "links", "my_pages", "checks", "runs")
        }
    lite = sqlite_utils.Database(sqlite_file)
    assert counts == {table: lite[table].count for table in counts}, counts
    assert counts["targets"] > 30 and counts["my_pages"] > 0
    return dsn


def test_push_refuses_what_is_not_a_database_in_one_line(postgres, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    dsn = postgres.new_database()
    for args in (
        ("push", "--db", junk, "--to", dsn),
        ("push", "--db", tmp_path / "missing.db", "--to", dsn),
        ("push", "--db", junk, "--to", "mysql://x/y"),
    ):
        result = CliRunner().invoke(cli, [str(a) for a in args])
        assert result.exit_code == 2, (args, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("linkprospector: error: "), lines
    with psycopg.connect(dsn) as conn:  # nothing half-written
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


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


@pytest.mark.parametrize(
    ("sqlite", "server"),
    [
        ("SELECT [url] FROM [pages] WHERE site = ?", 'SELECT "url" FROM "pages" WHERE site = %s'),
        ("x IS NOT ? AND y IS ?", "x IS DISTINCT FROM %s AND y IS NOT DISTINCT FROM %s"),
        ("title LIKE ? OR t NOT LIKE 'a%'", "title ILIKE %s OR t NOT ILIKE 'a%%'"),
        ("CAST(n AS REAL) / 2", "CAST(n AS DOUBLE PRECISION) / 2"),
        # nothing inside a string literal is touched but the '%' psycopg reads
        ("note = 'is ? like [x] AS REAL 50%'", "note = 'is ? like [x] AS REAL 50%%'"),
        ("s = 'it''s ?' AND t = ?", "s = 'it''s ?' AND t = %s"),
        ("INSERT OR IGNORE INTO t (a) VALUES (?)", "INSERT INTO t (a) VALUES (%s)"),
        ("a.likes = 1 AND unlike = 2", "a.likes = 1 AND unlike = 2"),
        # NULLs sort where SQLite puts them: first ascending, last descending
        (
            "SELECT a FROM t ORDER BY a, b DESC, c NULLS LAST LIMIT ?",
            "SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST, c NULLS LAST LIMIT %s",
        ),
        (
            "SELECT * FROM (SELECT a FROM t ORDER BY f(a, 'x,y')) AS s ORDER BY s.a = 'l', 1",
            "SELECT * FROM (SELECT a FROM t ORDER BY f(a, 'x,y') NULLS FIRST) AS s "
            "ORDER BY s.a = 'l' NULLS FIRST, 1 NULLS FIRST",
        ),
        (
            "SELECT unlimited FROM t ORDER BY offsets",
            "SELECT unlimited FROM t ORDER BY offsets NULLS FIRST",
        ),
    ],
)
def test_sqlite_spelling_is_turned_into_postgresql(sqlite, server):
    assert translate(sqlite) == server


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
        # a teammate edits the sheet's Status and Note columns and reads them back in
        sheet = out / "broken_links.csv"
        with open(sheet, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        rows[0]["Status"], rows[0]["Note"] = "won", "linked on the 3rd"
        edited = tmp_path / f"edited-{out.name}.csv"
        with open(edited, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        imported = _run("import-status", edited, "--by", "cy", "--db", db)
        said.append(imported.replace(str(edited), "the edited sheet"))
        said.append(_run("status", "history", "--db", db))
        _run("report", "--out", out / "report.html", "--db", db)
    note = f"note: do-not-contact list: {tmp_path / 'dnc.txt'}\n"  # a server names its list
    assert sum(note in said for said in outputs[dsn]) == 1  # the summary says it
    for got, want in zip(outputs[dsn], outputs[str(local)], strict=True):
        assert got.replace(note, "") == want
    assert "imported 1 status change(s)" in outputs[dsn][-2]
    assert "linked on the 3rd" in outputs[dsn][-1]
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


# -- a crawl of one machine written straight to the server ---------------------------------


def _crawl_both(tmp_path, postgres, spider, args, make_web, nights=("2026-11-01",)):
    """The same crawl into SQLite and into a new server database, each on a fresh web,
    once a night for each of ``nights``."""
    dsn = postgres.new_database()
    results = {}
    for name, db in (("local", str(tmp_path / "local" / "crawl.db")), ("server", dsn)):
        (tmp_path / name).mkdir()
        for night in nights:
            sites, options = make_web()
            with LocalWeb(sites, **options) as web:
                result = run_crawl(
                    tmp_path / name, web, spider=spider, args=args(tmp_path / name),
                    settings={"LINKPROSPECTOR_DB": db, "LINKPROSPECTOR_NOW": f"{night}T02:00:00Z"},
                )  # fmt: skip
            assert result.returncode == 0, result.stderr[-3000:]
            results[name] = result
    return str(tmp_path / "local" / "crawl.db"), dsn, results


def test_a_competitors_crawl_on_the_server_reports_as_on_sqlite(tmp_path, postgres):
    local, dsn, results = _crawl_both(
        tmp_path, postgres, "competitors", lambda _: {"domains": COMPETITOR_DOMAINS},
        competitor_web, nights=("2026-11-01", "2026-11-03"),
    )  # fmt: skip
    assert "Traceback" not in results["server"].stderr and "ERROR" not in results["server"].stderr
    with psycopg.connect(dsn) as conn:
        pages = conn.execute("SELECT count(*) FROM pages WHERE role = 'competitor'").fetchone()
        shards = conn.execute("SELECT count(DISTINCT shard) FROM links").fetchone()
    assert pages[0] == sqlite_utils.Database(local)["pages"].count > 5
    assert shards[0] > 1  # each row carries the shard its domain falls in
    for read in (("competitors-report",), ("intersect", "--mine", "mysite.test"), ("changes",)):
        assert _run(*read, "--db", dsn) == _run(*read, "--db", local), read
    assert "confirmed" in _run("changes", "--db", dsn)  # the second night confirmed them
    lite, server = SQLiteStore(local), ServerStore(dsn)
    try:
        state = ("url", "verdict", "reason", "confirmed", "first_dead_at", "consecutive_failures")
        want = sorted(tuple(row[k] for k in state) for row in lite.db["targets"].rows)
        got = sorted(tuple(row[k] for k in state) for row in server.db["targets"].rows)
        assert got == want and any(row[3] == 1 for row in want)
        checks = "SELECT run_id, target_url, verdict, transition FROM checks ORDER BY 1, 2"
        assert [tuple(r) for r in server.db.execute(checks).fetchall()] == [
            tuple(r) for r in lite.db.execute(checks).fetchall()
        ]
    finally:
        lite.close()
        server.close()


def test_a_backlinks_crawl_on_the_server_reports_as_on_sqlite(tmp_path, postgres):
    def args(folder: Path) -> dict:
        export = folder / "ahrefs.tsv"
        export.write_bytes(ahrefs_export())
        return {"site": MINE, "links": str(export)}

    local, dsn, _ = _crawl_both(
        tmp_path, postgres, "backlinks", args,
        lambda: (backlink_sites(), {"refused_hosts": ["refused.test"]}),
    )  # fmt: skip
    for read in (("backlinks-report", "--format", "csv"), ("anchors",)):
        assert _run(*read, "--db", dsn) == _run(*read, "--db", local), read
    files = {}
    for name, db in (("local", local), ("server", dsn)):
        _run("disavow", "--out", tmp_path / f"{name}.txt", "--min-score", "10", "--db", db)
        lines = (tmp_path / f"{name}.txt").read_text().splitlines()
        files[name] = [line for line in lines if not line.startswith("#")]
    assert files["server"] == files["local"] and any("domain:" in x for x in files["local"])
    states = _run("backlinks-report", "--format", "csv", "--db", dsn)
    assert ",lost," in states and ",live," in states


def test_a_nightly_competitors_table_runs_here_on_the_server(tmp_path, postgres):
    """[competitors] on a PostgreSQL database: crawled on this machine, written to the
    server, in the report made from the copy brought home."""
    from tests.demo_db import cli as cli_process
    from tests.demo_db import nightly_config

    dsn = postgres.new_database()
    sites, options = competitor_web()
    with LocalWeb(sites, **options) as web:
        tables = (
            f'log_dir = "logs"\n[competitors]\ndomains = "{COMPETITOR_DOMAINS}"\n'
            '[report]\nout = "rivals.html"'
        )
        config = nightly_config(tmp_path, web, tables, name="rivals.toml")
        run = cli_process("nightly", "--config", str(config), "--db", dsn, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "[competitors] competitors: run 1, finished" in run.stdout
    with psycopg.connect(dsn) as conn:
        spiders = conn.execute("SELECT spider, status FROM runs").fetchall()
        pages = conn.execute("SELECT count(*) FROM pages WHERE role = 'competitor'").fetchone()
    assert spiders == [("competitors", "finished")] and pages[0] > 5
    page = (tmp_path / "rivals.html").read_text()
    assert "rival-two.test" in page  # the competitors' dead pages, in the report


def test_a_database_without_the_schema_or_for_datasette_is_one_line(postgres, tmp_path):
    dsn = postgres.new_database()  # empty: no linkprospector schema
    for args in (("export", "--out", tmp_path / "x.xlsx"), ("status", "list"), ("niche", "show"),
                 ("summary",), ("datasette",)):  # fmt: skip
        result = CliRunner().invoke(cli, [*map(str, args), "--db", dsn])
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1, (args, result.output)
        datasette = args[0] == "datasette"
        expected = "Datasette reads SQLite" if datasette else "no linkprospector schema"
        assert expected in lines[0], lines
    assert not (tmp_path / "x.xlsx").exists()


def test_with_sqlite_nothing_of_the_server_is_imported(demo_db, tmp_path):
    """The embedded default needs no PostgreSQL driver: a crawl's pipelines and the
    commands that read a SQLite file import neither psycopg nor Procrastinate."""
    script = f"""
import sys
from click.testing import CliRunner
import pipelines.sqlite, pipelines.backlinks, spiders.resource_pages, spiders.competitors
from linkprospector.cli.main import cli
for args in (["summary"], ["export", "--format", "csv", "--out", {str(tmp_path)!r}],
             ["status", "list"], ["report", "--out", {str(tmp_path / "r.html")!r}]):
    result = CliRunner().invoke(cli, [*args, "--db", {str(demo_db)!r}])
    assert result.exit_code == 0, result.output
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("psycopg", "procrastinate")
                or m.startswith(("linkprospector.store.pg_", "linkprospector.store.server_")))
print(loaded)
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_a_nightly_niche_and_pitch_run_on_the_server(postgres, demo_db, tmp_path):
    """[niche], [pitch] and [report] on a PostgreSQL database: every step writes and reads
    the server (a copy comes home afterwards, for Datasette)."""
    dsn = on_server(postgres, demo_db)
    config = tmp_path / "garden.toml"
    (tmp_path / "do-not-contact.txt").write_text("urbanveggiepatch.test\n")  # beside the copy
    config.write_text(
        'log_dir = "logs"\n[niche]\nkeywords = ["tomato", "seeds"]\n'
        '[pitch]\nwayback = false\n[report]\nout = "garden.html"\n'
    )
    run = subprocess.run(
        [sys.executable, "-m", "linkprospector", "nightly", "--config", str(config),
         "--db", f"{dsn}&password=hunter2"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "[niche] 2 keyword(s)" in run.stdout and "hunter2" not in run.stdout + run.stderr
    assert "dead URLs with a good replacement on your site:" in run.stdout
    assert "tomato, seeds" in _run("niche", "show", "--db", dsn)  # on the server
    with psycopg.connect(dsn) as conn:
        replacements = conn.execute("SELECT count(*) FROM replacements").fetchone()[0]
    assert replacements > 0
    page = (tmp_path / "garden.html").read_text()
    assert "mygardenjournal.test" in page and "hunter2" not in page  # the pitches, ranked
    assert "urbanveggiepatch.test" not in page  # on the list beside the copy
    pulled = sqlite_utils.Database(tmp_path / "garden-pulled.db")
    assert pulled["niche"].count == 1 and pulled["replacements"].count == replacements


def test_a_nightly_discovery_table_runs_here_on_the_server(postgres, tmp_path):
    """[discovery] on a PostgreSQL database: searched and crawled on this machine, written
    to the server, whose export lists the guest-post page found."""
    from tests.demo_db import cli as cli_process
    from tests.demo_db import nightly_config
    from tests.search_web import SearchServer, search_web

    dsn = postgres.new_database()
    server = SearchServer()
    with search_web(server) as web:
        config = nightly_config(
            tmp_path, web,
            '[discovery]\nkeywords = ["home brewing"]\nprovider = "searxng"\n'
            'searxng_url = "http://searx.test"\npages_per_query = 1\nwindow_days = 3\n'
            'resource_footprints = ["intitle:resources"]\nguest_footprints = [\'"write for us"\']\n'
            'mine = "mine.test"',
        )  # fmt: skip
        run = cli_process("nightly", "--config", str(config), "--db", dsn, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "[discovery] resource_pages: run 1, finished" in run.stdout
    assert len(server.asked) == 2  # one query per footprint, remembered on the server
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT count(*) FROM searches").fetchone()[0] == 2
    _run("export", "--db", dsn, "--format", "csv", "--out", tmp_path / "sheets")
    with open(tmp_path / "sheets" / "guest_posts.csv", encoding="utf-8", newline="") as sheet:
        rows = list(csv.DictReader(sheet))
    assert [r["URL"] for r in rows] == ["http://brewblog.test/write-for-us/"]
    assert rows[0]["Found by"] == '"home brewing" "write for us"'


def test_a_page_found_linking_later_is_one_backlink_on_both_databases(postgres, tmp_path):
    """A listed page without the link is stored with no target; when a later night finds
    the link, that row gives way to the link's (a delete, on the server too)."""
    from linkprospector.demo.localweb import Route, Site
    from tests.backlink_web import KEEP, MINE, article

    dsn = postgres.new_database()
    links = tmp_path / "links.txt"
    links.write_text("http://later.test/p\n")
    reports = {}
    for name, db in (("sqlite", str(tmp_path / "bl.db")), ("server", dsn)):
        later = Site("later.test", routes={"/p": Route(body=article("no link yet"))})
        with LocalWeb([later]) as web:
            nights = (("2026-11-01", article("no link yet")), ("2026-11-02", article(KEEP)))
            for night, body in nights:
                later.routes["/p"] = Route(body=body)
                result = run_crawl(
                    tmp_path, web, spider="backlinks", args={"site": MINE, "links": str(links)},
                    settings={"LINKPROSPECTOR_DB": db, "LINKPROSPECTOR_NOW": f"{night}T02:00:00Z"},
                )  # fmt: skip
                assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        reports[name] = _run("backlinks-report", "--format", "csv", "--db", db)
    assert reports["server"] == reports["sqlite"]
    rows = list(csv.DictReader(io.StringIO(reports["server"])))
    assert [(r["source_url"], r["state"]) for r in rows] == [("http://later.test/p", "live")]


def test_the_server_keeps_sqlites_rules_and_the_users_own_views(postgres, demo_db):
    dsn = on_server(postgres, demo_db)
    with psycopg.connect(dsn, autocommit=True) as conn:  # a teammate's view on ours
        conn.execute("CREATE VIEW team_top AS SELECT url FROM prospects")
    with ServerStore(dsn, create=True) as store:  # every crawl opens it so
        # SQLite's defaults and NOT NULLs
        store.db.execute("INSERT INTO outreach (site) VALUES (?)", ["fresh.test"])
        row = store.status_row("fresh.test", "", "")
        assert row is not None and row["status"] == "new"
        with pytest.raises(StoreError, match="null value"):
            store.db.execute("INSERT INTO outreach (page_url) VALUES ('x')")
        # the status history is append-only, as in SQLite
        store.save_statuses(
            [
                {
                    "site": "fresh.test",
                    "page_url": "",
                    "target_url": "",
                    "status": "contacted",
                    "note": None,
                    "updated_at": NOW,
                }
            ],  # fmt: skip
            by="ana",
        )
        assert store.status_events("fresh.test")
        with pytest.raises(StoreError, match="append-only"):
            store.db.execute("UPDATE outreach_events SET status = 'won'")
        with pytest.raises(StoreError, match="append-only"):
            store.db.execute("DELETE FROM outreach_events")
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT count(*) FROM team_top").fetchone()[0] > 0
    # a second database pushed on top would mix two numberings of runs: refused
    again = CliRunner().invoke(cli, ["push", "--db", str(demo_db), "--to", dsn])
    assert again.exit_code == 2 and "already holds rows" in again.output
    assert len(again.output.strip().splitlines()) == 1
    # a password in the URL is never shown
    shown = f"{dsn}&password=hunter2"
    for args in (("changes", "--run", "999"), ("pitch", "--target", "http://nothing.test/")):
        result = CliRunner().invoke(cli, [*args, "--db", shown])
        assert result.exit_code == 2 and "hunter2" not in result.output, result.output
        assert "password=***" in result.output


def test_a_killed_crawl_is_marked_by_the_next_on_its_machine_only(postgres, monkeypatch):
    """On a shared server a run marked running may be another machine's, alive: only the
    runs of this machine whose process is gone are marked killed."""
    import socket

    from linkprospector.store import history_store

    # run ids other tests' in-process crawls left behind are not this database's runs
    monkeypatch.setattr(history_store, "RUNS_OF_THIS_PROCESS", set())

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a pid no process has any more
    here = socket.gethostname()
    with ServerStore(postgres.new_database(), create=True) as store:
        runs = {}
        for name, machine, pid in (("killed", here, gone.pid), ("elsewhere", "other-host",
                                   gone.pid), ("alive", here, os.getpid())):  # fmt: skip
            runs[name] = store.start_run("competitors", {"name": name}, NOW)
            store.db["runs"].update(runs[name], {"pid": pid, "machine": machine})
        assert store.mark_stale_runs(NOW) == 1
        status = {name: store.db["runs"].get(run)["status"] for name, run in runs.items()}
    assert status == {"killed": "killed", "elsewhere": "running", "alive": "running"}
