"""A host that never answers costs one timeout, not a queue of them:
timeouts are not retried within a run (the next run checks them again), and a host that
keeps timing out gets its other targets judged without waiting again."""

from __future__ import annotations

import json

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from tests.conftest import run_crawl
from tests.webs import page, ul

HANG_SINGLE = [f"http://hang{i}.test/page" for i in range(4)]
HANG_MANY = [f"http://hang-many.test/p{i}" for i in range(12)]
LIVE = [f"http://fine{i}.test/" for i in range(10)]


@pytest.fixture(scope="module")
def hang_crawl(tmp_path_factory):
    hub = Site(
        "hang-hub.test",
        routes={"/": page("Links", ul([(u, u) for u in [*HANG_SINGLE, *HANG_MANY, *LIVE]]))},
    )
    fine = [Site(f"fine{i}.test", default=Route(body=page("Fine", "ok"))) for i in range(10)]
    hosts = ["hang-many.test", *(f"hang{i}.test" for i in range(4))]
    with LocalWeb([hub, *fine], blackhole_hosts=hosts) as web:
        result = run_crawl(
            tmp_path_factory.mktemp("hang"), web, args={"seeds": "http://hang-hub.test/"}
        )
        yield result, web.blackhole_connections


def test_hanging_targets_are_unknown_timeout_after_one_attempt(hang_crawl):
    result, _ = hang_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    rows = result.targets()
    for url in HANG_SINGLE + HANG_MANY:
        assert (rows[url]["verdict"], rows[url]["reason"]) == ("unknown", "timeout")
    for url in HANG_SINGLE:
        assert json.loads(rows[url]["evidence"])["attempts"] == 1
    assert all(rows[url]["verdict"] == "live" for url in LIVE)


def test_each_hanging_host_costs_at_most_its_concurrent_slots(hang_crawl):
    result, connections = hang_crawl
    # one connection per single-URL host (no retry); the 12-URL host its two concurrent
    # slots and at most one more (sent when the first timed out, before the second did),
    # then its remaining targets are judged without a request
    assert connections <= len(HANG_SINGLE) + 3, connections
    stats = json.loads(next(iter(result.db["runs"].rows))["stats"])
    assert "linkprospector/check/retry/timeout" not in stats
