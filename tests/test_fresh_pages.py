"""Fresh pages are replayed from the database, not fetched again (the recheck policy)."""

from __future__ import annotations

from tests.conftest import run_crawl

DAY1 = "2026-11-20T02:00:00+00:00"
DAY1_LATER = "2026-11-20T08:00:00+00:00"
DAY2 = "2026-11-21T02:00:00+00:00"


def hub_page_fetches(web) -> list[str]:
    return [p for _m, h, p in web.hits if h == "hub.test" and p != "/robots.txt"]


def test_fresh_pages_are_replayed_and_due_pages_fetched(core_localweb, tmp_path):
    seeds = {"seeds": "http://hub.test/"}
    core_localweb.reset_hits()
    first = run_crawl(tmp_path, core_localweb, args=seeds, settings={"LINKPROSPECTOR_NOW": DAY1})
    assert first.returncode == 0, first.stderr[-2000:]
    fetched_first = hub_page_fetches(core_localweb)
    assert len(fetched_first) == 4
    links_before = {(r["source_url"], r["target_url"]) for r in first.db["links"].rows}
    pages_before = {r["url"]: r["fetched_at"] for r in first.db["pages"].rows}

    # Six hours later: every page is fresh, so none is fetched; their links are replayed
    # (failed targets are not due either, so nothing is requested at all).
    core_localweb.reset_hits()
    core_localweb.reset_failures()
    second = run_crawl(
        tmp_path, core_localweb, args=seeds, settings={"LINKPROSPECTOR_NOW": DAY1_LATER}
    )
    assert second.returncode == 0, second.stderr[-2000:]
    assert hub_page_fetches(core_localweb) == []
    assert "4 known pages are still fresh" in second.stderr
    assert {(r["source_url"], r["target_url"]) for r in second.db["links"].rows} == links_before
    assert {r["url"]: r["fetched_at"] for r in second.db["pages"].rows} == pages_before

    # A day later the pages are due again; recheck=all forces them at any time.
    core_localweb.reset_hits()
    core_localweb.reset_failures()
    third = run_crawl(tmp_path, core_localweb, args=seeds, settings={"LINKPROSPECTOR_NOW": DAY2})
    assert third.returncode == 0, third.stderr[-2000:]
    assert sorted(hub_page_fetches(core_localweb)) == sorted(fetched_first)
    # failed targets are due after a day: the replay path must not hide them
    assert [p for _m, h, p in core_localweb.hits if h == "gone.test"]

    core_localweb.reset_hits()
    core_localweb.reset_failures()
    forced = run_crawl(
        tmp_path,
        core_localweb,
        args={**seeds, "recheck": "all"},
        settings={"LINKPROSPECTOR_NOW": DAY2},
    )
    assert forced.returncode == 0, forced.stderr[-2000:]
    assert sorted(hub_page_fetches(core_localweb)) == sorted(fetched_first)


def test_replayed_pages_still_lead_to_due_targets(core_localweb, tmp_path):
    seeds = {"seeds": "http://hub.test/"}
    first = run_crawl(tmp_path, core_localweb, args=seeds, settings={"LINKPROSPECTOR_NOW": DAY1})
    assert first.returncode == 0, first.stderr[-2000:]
    # pages fresh for 2 days, failed targets due after 6 hours: links come from the replay
    core_localweb.reset_hits()
    core_localweb.reset_failures()
    second = run_crawl(
        tmp_path,
        core_localweb,
        args=seeds,
        settings={
            "LINKPROSPECTOR_NOW": DAY2,
            "LINKPROSPECTOR_RECRAWL_PAGES_DAYS": "2",
        },
    )
    assert second.returncode == 0, second.stderr[-2000:]
    assert hub_page_fetches(core_localweb) == []
    assert sorted(p for _m, h, p in core_localweb.hits if h == "gone.test") == [
        "/missing",
        "/removed",
    ]
    assert not [h for _m, h, _p in core_localweb.hits if h == "live.test"]  # live: still fresh
