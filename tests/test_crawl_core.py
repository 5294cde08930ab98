"""End-to-end: `scrapy crawl resource_pages` over the loopback web, asserted row by row."""

from __future__ import annotations

import pytest

from tests.conftest import run_crawl
from tests.webs import CORE_TARGETS


@pytest.fixture(scope="module")
def core_crawl(core_localweb, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("core")
    core_localweb.reset_hits()
    result = run_crawl(tmp, core_localweb, args={"seeds": "http://hub.test/"})
    hits = list(core_localweb.hits)
    return result, hits


def test_crawl_exits_cleanly_with_progress_and_summary(core_crawl):
    result, _ = core_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    assert "progress:" in result.stderr
    assert "finished (finished)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("url", "verdict", "reason", "gets"), CORE_TARGETS)
def test_each_target_verdict_and_request_count(
    core_crawl, core_localweb, url, verdict, reason, gets
):
    result, hits = core_crawl
    row = result.targets()[url]
    assert (row["verdict"], row["reason"]) == (verdict, reason), row["evidence"]
    host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
    assert sum(1 for m, h, p in hits if h == host and p == path) == gets


def test_no_target_checked_twice_and_nothing_extra(core_crawl):
    result, _ = core_crawl
    assert set(result.targets()) == {url for url, *_ in CORE_TARGETS}


def test_robots_disallowed_pages_never_fetched(core_crawl):
    result, hits = core_crawl
    assert not [h for h in hits if h[2].startswith("/private/")]
    assert not [h for h in hits if h[1] == "secret-target.test"]
    # robots.txt is read for the crawled site only, never for checked targets
    assert {h for _m, h, p in hits if p == "/robots.txt"} == {"hub.test"}


def test_redirect_chain_recorded(core_crawl):
    result, _ = core_crawl
    targets = result.targets()
    assert targets["http://redir.test/old"]["final_url"] == "http://redir.test/new"
    assert targets["http://chain.test/a"]["final_url"] == "http://chain.test/c"
    assert targets["http://chain.test/a"]["status"] == 404
    assert '"http://chain.test/b"' in targets["http://chain.test/a"]["evidence"]


def test_pages_links_and_views(core_crawl):
    result, _ = core_crawl
    db = result.db
    pages = {row["url"]: row for row in db["pages"].rows}
    assert set(pages) == {
        "http://hub.test/",
        "http://hub.test/resources/",
        "http://hub.test/blog/post-1",
        "http://hub.test/blog/post-1?page=2",
    }
    assert pages["http://hub.test/resources/"]["is_resource"] == 1
    assert pages["http://hub.test/blog/post-1"]["is_resource"] == 0
    prospects = [row["url"] for row in db["prospects"].rows]
    assert prospects[0] == "http://hub.test/resources/"
    links = list(db["links"].rows_where("source_url = ?", ["http://hub.test/blog/post-1"]))
    assert {row["target_url"] for row in links} == {
        "http://live.test/page",
        "http://gone.test/missing",
    }
    assert next(r for r in links if r["target_url"] == "http://live.test/page")["anchor_text"] == (
        "this guide"
    )
    dead = {(r["source_url"], r["target_url"], r["reason"]) for r in db["dead_links"].rows}
    assert ("http://hub.test/blog/post-1", "http://gone.test/missing", "http_404") in dead
    assert ("http://hub.test/resources/", "http://loop.test/a", "redirect_loop") in dead
    runs = list(db["runs"].rows)
    assert len(runs) == 1 and runs[0]["status"] == "finished"


def test_rerun_adds_no_duplicate_rows(core_localweb, tmp_path):
    first = run_crawl(tmp_path, core_localweb, args={"seeds": "http://hub.test/"})
    assert first.returncode == 0, first.stderr[-2000:]
    counts = {t: first.db[t].count for t in ("pages", "links", "targets")}
    second = run_crawl(tmp_path, core_localweb, args={"seeds": "http://hub.test/"})
    assert second.returncode == 0, second.stderr[-2000:]
    assert {t: second.db[t].count for t in ("pages", "links", "targets")} == counts
    assert second.db["runs"].count == 2


def test_head_mode_falls_back_to_get(core_localweb, tmp_path):
    core_localweb.reset_hits()
    result = run_crawl(
        tmp_path,
        core_localweb,
        args={"seeds": "http://hub.test/"},
        settings={"LINKPROSPECTOR_CHECK_METHOD": "HEAD"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    targets = result.targets()
    assert (targets["http://headhostile.test/"]["verdict"]) == "live"
    methods = [m for m, h, p in core_localweb.hits if h == "headhostile.test"]
    assert methods == ["HEAD", "GET"]
    live_methods = [m for m, h, p in core_localweb.hits if h == "live.test" and p == "/"]
    assert live_methods == ["HEAD"]
