"""What the dead page was, from a loopback server that speaks the
Wayback Machine's CDX and availability JSON. The capture used is the last one before the
link was last seen working; a later one of the domain parked is never used; lookups are
stored, resumable, polite, skipped when switched off or when the archive is unreachable."""

from __future__ import annotations

import time

import pytest

from linkprospector.config import Config
from linkprospector.crawl.wayback_lookup import look_up_dead_pages
from linkprospector.demo.localweb import LocalWeb
from linkprospector.demo.wayback_standin import HOST, WaybackStandIn
from linkprospector.store.storage import SQLiteStore, open_store
from tests.webs import page

NOW = "2026-12-03T10:00:00+00:00"
FORUM = "http://tomatotalk.test/"
GUIDE = "http://pests.test/aphids-organic"
NEW = "http://fresh.test/never-archived-in-time"
NOTHING = "http://nothing.test/ever"
LIVE = "http://alive.test/"

FORUM_2018 = page(
    "Tomato Talk – the forum for tomato growers",
    "<h1>Tomato Talk</h1><p>Heirloom tomato varieties, sowing and saving seed.</p>"
    "<h2>Popular threads</h2><p>Brandywine or Cherokee Purple? Growers compare notes.</p>",
)
PARKED_2024 = page(
    "tomatotalk.test - This domain may be for sale!",
    "<h1>tomatotalk.test</h1><p>This domain may be for sale! "
    "<a href='/buy?domain=tomatotalk.test'>Buy this domain</a>.</p>",
)
GUIDE_2019 = (
    '<html lang="en"><head><title>Organic aphid control | Pest Notes</title>'
    '<meta name="description" content="Soap sprays and ladybirds."></head>'
    "<body><main><h1>Organic aphid control</h1><p>Aphids can be controlled without "
    "chemicals.</p></main></body></html>"
)


@pytest.fixture
def archive():
    standin = WaybackStandIn()
    standin.add(FORUM, "20180603120000", FORUM_2018)
    standin.add(FORUM, "20240115090000", PARKED_2024)  # after it was parked: skipped
    standin.add(GUIDE, "20190412083000", GUIDE_2019)
    standin.add(NEW, "20261202000000", GUIDE_2019)  # only after the link was last live
    with LocalWeb([standin.site()]) as web:
        yield standin, web


def database(path, dsn: str | None = None) -> SQLiteStore:
    """The dead targets a crawl would have stored, in a SQLite file (or a server database)."""
    if dsn:
        from linkprospector.store.server_store import open_server_store

        store = open_server_store(dsn, create=True)
    else:
        store = open_store(path)
    db = store.db  # the rows a crawl would have written
    targets = [
        # seen dead since November: captures up to then count
        (FORUM, "dead", "parked", None, "2026-11-20T10:00:00+00:00"),
        (GUIDE, "dead", "http_404", "2026-10-01T00:00:00+00:00", "2026-11-01T00:00:00+00:00"),
        (NEW, "dead", "http_404", "2026-11-30T00:00:00+00:00", "2026-12-01T00:00:00+00:00"),
        (NOTHING, "dead", "dns", None, "2026-11-01T00:00:00+00:00"),
        (LIVE, "live", "ok", NOW, None),
    ]
    for url, verdict, reason, live, dead in targets:
        db["targets"].insert({"url": url, "host": url.split("/")[2], "verdict": verdict,
                              "reason": reason, "checked_at": NOW, "last_live_at": live,
                              "first_dead_at": dead})  # fmt: skip
        db["links"].insert({"source_url": "http://links.test/", "target_url": url,
                            "anchor_text": "a link"})  # fmt: skip
    db["targets"].insert({"url": "http://orphan.test/", "host": "orphan.test", "verdict": "dead",
                          "reason": "http_404", "checked_at": NOW})  # fmt: skip
    return store


def config(web: LocalWeb, **overrides) -> Config:
    settings = {
        "LINKPROSPECTOR_WAYBACK_URL": f"http://{HOST}",
        "LINKPROSPECTOR_HOST_MAP": web.host_map,
        "LINKPROSPECTOR_WAYBACK_DELAY": 0,
        "LINKPROSPECTOR_RETRY_AFTER_MAX": 0.1,
        **overrides,
    }
    return Config.from_settings(settings)


def now():
    from linkprospector import clock

    return clock.parse_time(NOW)


@pytest.mark.parametrize("database_kind", ["sqlite", "postgresql"])
def test_the_last_capture_before_the_link_died_and_never_the_parked_one(
    archive, tmp_path, request, database_kind
):
    standin, web = archive
    dsn = request.getfixturevalue("postgres").new_database() if database_kind != "sqlite" else None
    store = database(tmp_path / "w.db", dsn)
    summary = look_up_dead_pages(store, config(web), now())
    assert (summary.found, summary.none, summary.failed, summary.skipped) == (2, 2, 0, "")
    captures = store.load_captures()
    assert set(captures) == {FORUM, GUIDE, NEW, NOTHING}  # not the live one, not the orphan
    forum = captures[FORUM]
    assert forum["state"] == "found" and forum["capture_date"] == "2018-06-03"
    assert forum["capture_url"] == f"http://{HOST}/web/20180603120000/{FORUM}"
    assert forum["title"] == "Tomato Talk – the forum for tomato growers"
    assert "Popular threads" in forum["headings"] and "Brandywine" in forum["text"]
    assert forum["skipped"].startswith("20240115090000: parked")
    guide = captures[GUIDE]
    assert (guide["title"], guide["description"], guide["lang"]) == (
        "Organic aphid control | Pest Notes",
        "Soap sprays and ladybirds.",
        "en",
    )
    assert guide["cutoff"] == "20261001000000"  # when it was last seen working
    assert captures[NEW]["state"] == "none"  # its only capture is from after
    assert captures[NOTHING]["state"] == "none" and captures[NOTHING]["cutoff"] == "20261101000000"
    asked = [a for a in standin.asked if a.startswith("/cdx/")]
    assert all("output=json" in a and "filter=statuscode:200" in a and "&to=" in a for a in asked)
    store.close()


def test_resumable_nothing_asked_twice(archive, tmp_path):
    standin, web = archive
    store = database(tmp_path / "w.db")
    look_up_dead_pages(store, config(web), now(), limit=2)
    assert len(store.load_captures()) == 2
    look_up_dead_pages(store, config(web), now())
    assert len(store.load_captures()) == 4
    before = len(standin.asked)
    again = look_up_dead_pages(store, config(web), now())
    assert (again.found, again.none, len(standin.asked)) == (0, 0, before)


def test_the_availability_api_when_the_cdx_server_fails(archive, tmp_path):
    standin, web = archive
    standin.cdx_broken = True
    store = database(tmp_path / "w.db")
    look_up_dead_pages(store, config(web), now())
    captures = store.load_captures()
    assert captures[GUIDE]["state"] == "found" and captures[GUIDE]["capture_date"] == "2019-04-12"
    # the availability API's closest capture of the forum is the parked one: never used
    assert captures[FORUM]["state"] == "none" and "parked" in captures[FORUM]["skipped"]
    assert any(a.startswith("/wayback/available?") for a in standin.asked)


def test_an_archive_having_a_bad_day_is_tried_again_next_time(archive, tmp_path):
    standin, web = archive
    standin.down = True
    store = database(tmp_path / "w.db")
    summary = look_up_dead_pages(store, config(web), now())
    assert summary.failed == 4 and "tried again next time" in summary.line()
    standin.down = False
    assert look_up_dead_pages(store, config(web), now()).found == 2


def test_polite_requests_are_spaced(archive, tmp_path):
    standin, web = archive
    store = database(tmp_path / "w.db")
    look_up_dead_pages(store, config(web, LINKPROSPECTOR_WAYBACK_DELAY=0.15), now())
    gaps = [b - a for a, b in zip(standin.times, standin.times[1:], strict=False)]
    assert len(gaps) >= 5 and min(gaps) >= 0.14


def test_switched_off_asks_nothing(archive, tmp_path):
    standin, web = archive
    store = database(tmp_path / "w.db")
    summary = look_up_dead_pages(store, config(web, LINKPROSPECTOR_WAYBACK=False), now())
    assert summary.line() == "wayback: skipped (switched off by LINKPROSPECTOR_WAYBACK)"
    assert standin.asked == [] and store.load_captures() == {}


def test_offline_is_skipped_in_one_line_and_nothing_is_stored(tmp_path):
    store = database(tmp_path / "w.db")
    with LocalWeb([], refused_hosts=["archive.down.test"]) as web:
        started = time.monotonic()
        summary = look_up_dead_pages(
            store, config(web, LINKPROSPECTOR_WAYBACK_URL="http://archive.down.test"), now()
        )
    assert time.monotonic() - started < 5
    line = summary.line()
    assert line.startswith("wayback: skipped (the Wayback Machine at http://archive.down.test "
                           "cannot be reached")  # fmt: skip
    assert "\n" not in line and store.load_captures() == {}
