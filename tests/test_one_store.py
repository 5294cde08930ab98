"""one component owns a crawl's database connection. Spiders,
middlewares and pipelines ask CrawlStore.of(crawler); none opens the database itself."""

from __future__ import annotations

import ast
import re

import pytest
from scrapy.utils.test import get_crawler

from linkprospector.middlewares.replay import FreshPageReplayDownloaderMiddleware
from linkprospector.store.crawl_store import CrawlStore
from pipelines.parked_hosts import ParkedHostsPipeline
from pipelines.sqlite import SQLitePipeline
from spiders.resource_pages import ResourcePagesSpider
from tests.conftest import ROOT

OPENERS = {"open_db", "Store", "Database"}


@pytest.mark.parametrize("room", ["spiders", "pipelines", "linkprospector/middlewares"])
def test_no_crawl_component_opens_the_database(room):
    calls = []
    for path in (ROOT / room).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                value = getattr(node.func, "value", None)
                if name == "connect" and getattr(value, "id", "") == "sqlite3":
                    name = "sqlite3.connect"
                if name in OPENERS or name == "sqlite3.connect":
                    calls.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}()")
    assert not calls, calls


def test_every_component_of_a_crawl_shares_one_connection(tmp_path):
    crawler = get_crawler(
        ResourcePagesSpider, settings_dict={"LINKPROSPECTOR_DB": str(tmp_path / "one.db")}
    )
    crawler.spider = ResourcePagesSpider(seeds="http://a.test/")
    crawler.spider.crawler = crawler
    store = CrawlStore.of(crawler)
    assert CrawlStore.of(crawler) is store
    pipeline = SQLitePipeline.from_crawler(crawler)
    pipeline.open_spider()
    parked = ParkedHostsPipeline.from_crawler(crawler)
    replay = FreshPageReplayDownloaderMiddleware.from_crawler(crawler)
    assert pipeline.store.db is store.db is crawler.spider.database()
    assert parked.crawler is replay.crawler is crawler
    assert store.opened == 1
    other = get_crawler(settings_dict={"LINKPROSPECTOR_DB": str(tmp_path / "one.db")})
    assert CrawlStore.of(other) is not store  # one store per crawl, not per process
    store.close()


#: Rooms that reach the database only through the store interface (store/interface.py).
NO_SQL_ROOMS = [
    "linkprospector/outreach",
    "linkprospector/cli",
    "linkprospector/nightly",
    "pipelines",
    "spiders",
]
#: Calls that talk SQL, or sqlite-utils' table verbs.
SQL_CALLS = {"execute", "executemany", "executescript", "query", "rows_where", "upsert",
             "upsert_all", "insert", "insert_all", "delete_where"}  # fmt: skip
SQL_TEXT = re.compile(
    r"\bSELECT\b.+\bFROM\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|"
    r"\bDELETE\s+FROM\b|\bCREATE\s+(?:TABLE|VIEW|INDEX)\b",
    re.DOTALL,
)


def sql_found(path, root=ROOT) -> list[str]:
    """Where a module talks SQL: SQL calls, SQL text, ``db["table"]`` access."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in SQL_CALLS:
                found.append(f"{where} .{node.func.attr}()")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL_TEXT.search(node.value):
                found.append(f"{where} SQL text {node.value[:40]!r}")
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            holder = node.value
            name = getattr(holder, "id", None) or getattr(holder, "attr", None)
            if name in {"db", "database", "conn"} and isinstance(node.slice.value, str):
                found.append(f"{where} {name}[{node.slice.value!r}]")
    return found


@pytest.mark.parametrize("room", NO_SQL_ROOMS)
def test_no_sql_outside_the_store(room):
    """Every read and write of the database goes through store/ (one interface a second
    backend can implement); these rooms hold no SQL."""
    found = [hit for path in sorted((ROOT / room).rglob("*.py")) for hit in sql_found(path)]
    assert not found, found


@pytest.mark.parametrize(
    "source",
    [
        'db.execute("SELECT url FROM targets")',
        'rows = list(database.query("select 1"))',
        'db["outreach"].upsert(row, pk="site")',
        'text = "UPDATE hosts SET parked = 0 WHERE host = ?"',
        'sql = """SELECT count(*)\n FROM pages"""',
    ],
)
def test_the_sql_finder_sees_each_kind_of_sql(tmp_path, source):
    path = tmp_path / "probe.py"
    path.write_text(source + "\n", encoding="utf-8")
    assert sql_found(path, tmp_path)


def test_the_sql_finder_leaves_plain_words_alone(tmp_path):
    path = tmp_path / "probe.py"
    path.write_text('help = "Select the rows to update from the list"\nx = d["key"]\n')
    assert sql_found(path, tmp_path) == []


def test_the_sqlite_store_implements_every_operation_of_the_interface():
    """A second backend implements ``Store``; the SQLite one shows it can be done: every
    operation exists with the interface's parameters."""
    import inspect

    from linkprospector.store.interface import Store
    from linkprospector.store.storage import SQLiteStore

    names = [n for n, v in vars(Store).items() if callable(v) and not n.startswith("_")]
    assert len(names) > 30
    for name in names:
        wanted = inspect.signature(getattr(Store, name)).parameters
        found = inspect.signature(getattr(SQLiteStore, name)).parameters
        assert list(found) == list(wanted), name
