"""Politeness counts every request: the loopback web records the
requests open per host at once (LocalWeb.most_open); a rate-limiting host answers 429 to
a request that comes while another is open, two hosts accept and never answer, a big
ordinary host has many URLs, and the hub serves robots.txt."""

from __future__ import annotations

import json
import time

import pytest

from linkprospector.demo.localweb import LocalWeb, RequestInfo, Route, Site
from tests.conftest import run_crawl
from tests.webs import page, ul

RATE = [f"http://ratelimited.test/item/{i}" for i in range(40)]
BIG = [f"http://big.test/page/{i}" for i in range(40)]
HANG = [f"http://slowpoke{k}.test/p/{i}" for k in range(2) for i in range(8)]


def rate_limited(web_ref: list) -> Route:
    """429 (Retry-After: 2) to a request that comes while another one is open."""

    def handler(info: RequestInfo) -> Route:
        time.sleep(0.05)
        if web_ref[0].open_requests(info.host) > 1:
            return Route(status=429, body="slow down", headers={"Retry-After": "2"})
        return Route(body=page("item", "ok"))

    return Route(handler=handler)


@pytest.fixture(scope="module")
def polite_crawl(tmp_path_factory):
    web_ref: list = []
    hub = Site(
        "polite-hub.test",
        robots="User-agent: *\nAllow: /\n",
        routes={"/": page("Resources", ul([(u, u) for u in [*RATE, *BIG, *HANG]]))},
    )
    sites = [
        hub,
        Site("ratelimited.test", default=rate_limited(web_ref)),
        Site("big.test", default=Route(body=page("ok", "ok"), delay=0.05)),
        # accept, read the request, never answer (until the client gives up)
        *(Site(f"slowpoke{k}.test", default=Route(hang=30)) for k in range(2)),
    ]
    with LocalWeb(sites) as web:
        web_ref.append(web)
        result = run_crawl(
            tmp_path_factory.mktemp("polite"), web, args={"seeds": "http://polite-hub.test/"}
        )
        hits = {host: web.count(host) for host in web.most_open}
        yield result, dict(web.most_open), hits, dict(web.request_starts)


def test_no_host_ever_has_more_than_two_requests_open(polite_crawl):
    result, most_open, _, _ = polite_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    answering = {h: n for h, n in most_open.items() if not h.startswith("slowpoke")}
    assert max(answering.values()) <= 2, most_open  # robots.txt and the hub included
    assert most_open["big.test"] == 2  # the cap is used, not just respected


def test_a_rate_limited_host_ends_live_after_backing_off(polite_crawl):
    result, _, hits, _ = polite_crawl
    rows = result.targets()
    assert [u for u in RATE if rows[u]["verdict"] != "live"] == []
    # it answered 429 a few times before we slowed down, not once per URL
    assert hits["ratelimited.test"] <= len(RATE) + 5, hits
    stats = json.loads(next(iter(result.db["runs"].rows))["stats"])
    # throttled on its first 429s (again after each recovery, never more than a few times)
    assert 1 <= stats["linkprospector/politeness/throttled_hosts"] <= 3
    assert stats["linkprospector/politeness/rate_limited"] <= 5


def test_hanging_hosts_get_no_third_request_at_once(polite_crawl):
    result, _, hits, starts = polite_crawl
    rows = result.targets()
    for k in range(2):
        host = f"slowpoke{k}.test"
        # two at once, then at most one more while the second runs out its timeout
        assert hits[host] <= 3, hits
        # (the server cannot see the client give up at once: it tells by the start
        # times that no third request came before one of the first two timed out)
        times = sorted(starts[host])
        assert all(later - first >= 0.9 for first, later in zip(times, times[2:], strict=False)), (
            times
        )
    assert all((rows[u]["verdict"], rows[u]["reason"]) == ("unknown", "timeout") for u in HANG)
