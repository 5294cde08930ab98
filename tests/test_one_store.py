"""Issue 12, point 3: one component owns a crawl's database connection. Spiders,
middlewares and pipelines ask CrawlStore.of(crawler); none opens the database itself."""

from __future__ import annotations

import ast

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
