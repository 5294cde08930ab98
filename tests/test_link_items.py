"""A page's links travel as one PageLinksItem; single LinkItems are still understood.

The middleware and the pipeline run here with a real Crawler and a real SQLite file.
"""

from __future__ import annotations

import sqlite_utils
from scrapy import Request
from scrapy.utils.test import get_crawler

from linkprospector import settings as project_settings
from linkprospector.items import LinkItem, PageItem, PageLinksItem
from linkprospector.middlewares.outbound import OutboundLinkSpiderMiddleware
from pipelines.sqlite import SQLitePipeline
from spiders.resource_pages import ResourcePagesSpider

SOURCE = "http://hub.test/resources"


def link(target: str, kind: str = "outbound") -> LinkItem:
    return LinkItem(SOURCE, target, anchor_text=target[-5:], kind=kind, source_site="hub.test")


def crawler_for(tmp_path):
    settings = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    settings["LINKPROSPECTOR_DB"] = str(tmp_path / "items.db")
    crawler = get_crawler(ResourcePagesSpider, settings)
    crawler.spider = crawler._create_spider(seeds="http://hub.test/", render="never")
    return crawler


def test_middleware_schedules_one_check_per_new_outbound_target(tmp_path):
    crawler = crawler_for(tmp_path)
    middleware = OutboundLinkSpiderMiddleware.from_crawler(crawler)
    page_links = PageLinksItem(
        SOURCE,
        [
            link("http://a.test/1"),
            link("http://hub.test/about", kind="internal"),
            link("http://b.test/2"),
            link("http://a.test/1"),  # the same target twice on the page
        ],
    )
    single = link("http://c.test/3")
    again = link("http://b.test/2")  # already scheduled from the page
    output = list(middleware.process_spider_output(None, [page_links, single, again]))
    requests = [o for o in output if isinstance(o, Request)]
    assert [r.url for r in requests] == ["http://a.test/1", "http://b.test/2", "http://c.test/3"]
    assert output[0] is page_links and single in output and again in output
    assert crawler.stats.get_value("linkprospector/targets/scheduled") == 3


def test_pipeline_stores_every_link_of_a_page_and_single_links(tmp_path):
    crawler = crawler_for(tmp_path)
    pipeline = SQLitePipeline.from_crawler(crawler)
    pipeline.open_spider()
    links = [link(f"http://t{i}.test/") for i in range(700)]  # more than one batch
    pipeline.process_item(PageItem(SOURCE, "hub.test", title="Resources"))
    pipeline.process_item(PageLinksItem(SOURCE, links))
    pipeline.process_item(link("http://single.test/"))
    pipeline.spider_closed("finished")
    db = sqlite_utils.Database(tmp_path / "items.db")
    stored = {row["target_url"] for row in db["links"].rows}
    assert stored == {item.target_url for item in links} | {"http://single.test/"}
    assert {row["run_id"] for row in db["links"].rows} == {1}
    assert db["pages"].get(SOURCE)["title"] == "Resources"
