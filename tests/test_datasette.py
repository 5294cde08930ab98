"""part 3: a real Datasette (installed by the `datasette` extra) serves the demo
database with the project's metadata, started by the README's command
(`linkprospector datasette --db output/demo.db`); every facet and every canned query
answers over the JSON API with the rows SQLite gives for the same SQL."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from linkprospector.cli.datasette import metadata_for
from tests.conftest import ROOT
from tests.demo_db import CLI


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base: str, path: str, **params: str):
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        return json.load(response)


@pytest.fixture(scope="module")
def served(demo):
    port = free_port()
    log = open(demo.folder / "datasette.log", "w+")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [*CLI, "datasette", "--db", "output/demo.db", "--port", str(port)],
        cwd=demo.folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            get(base, "/-/versions.json")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                log.seek(0)
                pytest.fail("datasette did not start: " + log.read()[-2000:])
            time.sleep(0.2)
    yield base, demo
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture
def conn(demo):
    connection = sqlite3.connect(demo.db)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def test_it_is_a_real_datasette_with_our_metadata(served):
    base, demo = served
    versions = get(base, "/-/versions.json")
    assert versions["datasette"]["version"].startswith(("0.", "1."))
    metadata = get(base, "/-/metadata.json")
    assert set(metadata["databases"]) == {"demo"}
    assert metadata["databases"]["demo"] == metadata_for(demo.db)["databases"]["demo"]


def test_every_facet_answers_with_sqlites_counts(served, conn):
    base, demo = served
    tables = metadata_for(demo.db)["databases"]["demo"]["tables"]
    checked = 0
    for table, settings in tables.items():
        facets = settings.get("facets", [])
        if not facets:
            continue
        data = get(base, f"/demo/{table}.json", _size="0")
        assert not data.get("facets_timed_out"), table
        results = data["facet_results"]
        results = results.get("results", results)  # 1.x nests them
        for column in facets:
            expected = dict(
                tuple(row)
                for row in conn.execute(
                    f"SELECT [{column}], count(*) FROM [{table}] WHERE [{column}] IS NOT NULL "
                    "GROUP BY 1 ORDER BY 2 DESC LIMIT 30"
                ).fetchall()
            )
            shown = {row["value"]: row["count"] for row in results[column]["results"]}
            assert shown == expected, (table, column)
            checked += 1
    assert checked >= 15


def test_every_canned_query_answers_with_sqlites_rows(served, conn):
    base, demo = served
    queries = metadata_for(demo.db)["databases"]["demo"]["queries"]
    site = conn.execute("SELECT site FROM contacts ORDER BY site LIMIT 1").fetchone()[0]
    non_empty = 0
    for name, query in queries.items():
        params = {"site": site} if ":site" in query["sql"] else {}
        rows = get(base, f"/demo/{name}.json", _shape="array", **params)
        expected = [dict(row) for row in conn.execute(query["sql"], params).fetchall()]
        assert rows == expected, name
        non_empty += bool(rows)
    assert len(queries) >= 6 and non_empty >= 4


def test_without_datasette_installed_it_is_one_line(demo):
    code = (
        "import importlib.util, sys; real = importlib.util.find_spec; "
        "importlib.util.find_spec = lambda n, *a: None if n == 'datasette' else real(n, *a); "
        "from linkprospector.cli.main import main; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "datasette", "--db", "output/demo.db"],
        cwd=demo.folder, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("linkprospector: error: Datasette is not installed")
    assert len(proc.stderr.strip().splitlines()) == 1
