"""Backlinks over runs: new, lost (suspected, then confirmed by a
check at least 20 h later), recovered, changed; three real crawls with the web changing."""

from __future__ import annotations

import psycopg
import pytest
import sqlite_utils

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.judge.backlink_history import next_backlink_state
from linkprospector.reading.backlink_check import FoundLink, judge_backlinks
from tests.backlink_web import KEEP, MINE, article
from tests.conftest import run_crawl

GUIDE = "http://mysite.test/guide/"
T0, T1, T2 = "2026-11-01T02:00:00+00:00", "2026-11-01T03:00:00+00:00", "2026-11-02T04:00:00+00:00"


def row(state: str, at: str, anchor: str = "guide", rel: str = "") -> dict:
    return {"state": state, "checked_at": at, "anchor_text": anchor, "rel": rel}


@pytest.mark.parametrize(
    ("prev", "now", "transition", "confirmed"),
    [
        (None, row("live", T0), "new", 0),
        (None, row("lost", T0), "lost_suspected", 0),
        ({**row("live", T0)}, row("lost", T1), "lost_suspected", 0),
        ({**row("lost", T0), "lost_since": T0, "confirmed": 0}, row("lost", T1), None, 0),  # 1 h: not yet
        ({**row("lost", T1), "lost_since": T0, "confirmed": 0}, row("lost", T2), "lost", 1),  # 26 h
        ({**row("lost", T2), "lost_since": T0, "confirmed": 1}, row("lost", T2), None, 1),
        ({**row("lost", T1), "lost_since": T0, "confirmed": 0}, row("live", T2), "recovered", 0),
        ({**row("live", T0)}, row("live", T1, anchor="other words"), "changed", 0),
        ({**row("live", T0)}, row("live", T1, rel="nofollow"), "changed", 0),
        ({**row("live", T0)}, row("live", T1), None, 0),
        ({**row("lost", T0), "lost_since": T0, "confirmed": 0}, row("unknown", T1), None, 0),
    ],
)  # fmt: skip
def test_transitions(prev, now, transition, confirmed):
    history, got = next_backlink_state(prev, now, confirm_hours=20)
    assert (got, history["confirmed"]) == (transition, confirmed)


@pytest.mark.parametrize(
    ("claimed_anchor", "claimed_rel", "anchor", "rel", "transition"),
    [
        (None, None, "the best guide", "", "new"),  # a list without anchors or rel
        ("the best guide", "", "the best guide", "", "new"),
        ("The  Best Guide", "", "the best guide", "", "new"),  # case and spaces: the same
        ("the best guide", "", "a fine guide", "", "changed"),
        ("the best guide", None, "a fine guide", "", "changed"),
        ("", None, "a fine guide", "", "new"),  # the export gave no anchor
        ("the best guide", "ugc", "the best guide", "", "changed"),  # rel flag dropped
        (None, "nofollow sponsored", "x", "sponsored nofollow", "new"),
    ],
)
def test_the_first_check_is_compared_with_the_exports_claim(
    claimed_anchor, claimed_rel, anchor, rel, transition
):
    now = {
        **row("live", T0, anchor, rel),
        "claimed_anchor": claimed_anchor,
        "claimed_rel": claimed_rel,
    }
    assert next_backlink_state(None, now, confirm_hours=20)[1] == transition


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        ([("image", "My Site logo"), ("text", "the best guide")], ("text", "the best guide")),
        ([("text", "the best guide"), ("image", "logo")], ("text", "the best guide")),
        ([("text", "first"), ("text", "second")], ("text", "first")),
        ([("image", "logo"), ("image", "banner")], ("image", "logo")),
    ],
)
def test_a_page_linking_twice_to_one_url_is_one_link(links, expected):
    found = [FoundLink(GUIDE, anchor, "", "content", kind) for kind, anchor in links]
    states = judge_backlinks("http://a.test/p", "http://a.test/p", "live", "", found, [])
    assert [(s.state, s.link.kind, s.link.anchor_text) for s in states] == [("live", *expected)]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_three_runs(tmp_path, request, database):
    """Three nights of a backlinks crawl; the same on a server database (a page first
    stored without a link, then found linking, is one row moved: the server deletes)."""
    dsn = request.getfixturevalue("postgres").new_database() if database != "sqlite" else None
    links = tmp_path / "links.txt"
    links.write_text("http://stays.test/p\nhttp://goes.test/p\nhttp://back.test/p\n")
    stays = Site("stays.test", routes={"/p": Route(body=article(KEEP))})
    goes = Site("goes.test", routes={"/p": Route(body=article(KEEP))})
    back = Site("back.test", routes={"/p": Route(body=article(KEEP))})
    db = tmp_path / "bl.db"

    def night(now: str):
        settings = {"LINKPROSPECTOR_NOW": now, **({"LINKPROSPECTOR_DB": dsn} if dsn else {})}
        result = run_crawl(tmp_path, web, spider="backlinks", db_path=db,
                           args={"site": MINE, "links": str(links)}, settings=settings)  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stderr

    with LocalWeb([stays, goes, back]) as web:
        first = night(T0)
        goes.routes["/p"] = Route(body=article("gone"))
        back.routes["/p"] = Route(body=article("gone for now"))
        stays.routes["/p"] = Route(body=article(KEEP.replace("the best guide", "a fine guide")))
        second = night(T1)
        back.routes["/p"] = Route(body=article(KEEP))
        third = night(T2)
    for log in (first, second, third):
        assert "Traceback" not in log and "ERROR" not in log
    assert "backlink changes in run 1: 3 new, 0 lost (confirmed), 0 lost (suspected" in first
    assert (
        "run 2: 0 new, 0 lost (confirmed), 2 lost (suspected, confirmed by a later run), 0 recovered, 1 changed"
        in second
    )
    assert (
        "run 3: 0 new, 1 lost (confirmed), 0 lost (suspected, confirmed by a later run), 1 recovered, 0 changed"
        in third
    )
    if dsn:
        with psycopg.connect(dsn) as conn:
            rows = conn.execute(
                "SELECT run_id, source_url, transition FROM backlink_checks"
            ).fetchall()
    else:
        rows = (
            sqlite_utils.Database(db)
            .execute("SELECT run_id, source_url, transition FROM backlink_checks")
            .fetchall()
        )
    by = {(run_id, source): transition for run_id, source, transition in rows}
    assert (
        by[(2, "http://goes.test/p")] == "lost_suspected"
        and by[(3, "http://goes.test/p")] == "lost"
    )
    assert (
        by[(3, "http://back.test/p")] == "recovered" and by[(2, "http://stays.test/p")] == "changed"
    )
