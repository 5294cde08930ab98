"""End-to-end: a local outage (resolver cut mid-crawl, unreachable canary) never makes a
live link dead; the crawl says so loudly and exits non-zero."""

from __future__ import annotations

import json

import pytest

from linkprospector.localweb import LocalWeb, Route, Site
from tests.conftest import run_crawl
from tests.webs import page, ul

LIVE = [f"http://site{i}.test/article" for i in range(30)]
GONE = "http://really-gone.test/"
RECHECK_ALL = {"LINKPROSPECTOR_RECHECK_LIVE_DAYS": "0", "LINKPROSPECTOR_RECHECK_FAILED_DAYS": "0"}
CUT = {
    **RECHECK_ALL,
    "TWISTED_DNS_RESOLVER": "tests.webs_hostile.CuttableResolver",
    "LINKPROSPECTOR_TEST_CUT_AFTER": "8",
}


@pytest.fixture(scope="module")
def outage_web():
    hub = Site(
        "outage-hub.test",
        routes={"/": page("Links and resources", ul([(u, u) for u in [*LIVE, GONE]]))},
    )
    sites = [
        hub,
        *(Site(f"site{i}.test", default=Route(body=page("Article", "ok"))) for i in range(30)),
    ]
    with LocalWeb(sites, nxdomain_hosts=["really-gone.test"]) as web:
        yield web


@pytest.fixture(scope="module")
def two_runs(outage_web, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("outage")
    seeds = {"seeds": "http://outage-hub.test/"}
    first = run_crawl(tmp, outage_web, args=seeds, settings=RECHECK_ALL)
    first_rows = first.targets()
    before = {url: row["verdict"] for url, row in first_rows.items()}
    second = run_crawl(tmp, outage_web, args=seeds, settings=CUT)
    return first, first_rows, before, second


def test_healthy_run_gives_dead_only_for_the_gone_host(two_runs):
    first, first_rows, before, _ = two_runs
    assert first.returncode == 0, first.stderr[-3000:]
    assert before[GONE] == "dead"
    assert first_rows[GONE]["reason"] == "dns"
    assert all(before[url] == "live" for url in LIVE)
    assert "OUTAGE" not in first.stderr


def test_resolver_cut_mid_crawl_marks_nothing_dead(two_runs):
    _, _, before, second = two_runs
    assert second.returncode == 1, second.stderr[-3000:]
    assert "LOCAL NETWORK OUTAGE" in second.stderr
    assert "Traceback" not in second.stderr
    after = second.targets()
    previously_live = [url for url, verdict in before.items() if verdict == "live"]
    assert len(previously_live) == 30
    assert not [url for url in previously_live if after[url]["verdict"] == "dead"]
    down = [url for url, row in after.items() if row["reason"] == "network_down"]
    assert down, "the cut should have hit some targets"
    for url in down:
        assert after[url]["verdict"] == "unknown"
        assert json.loads(after[url]["evidence"])["error"] == "network_down"
    run = list(second.db["runs"].rows)[-1]
    assert run["status"] == "interrupted"
    assert json.loads(run["stats"])["finish_reason"] == "network_down"


def test_unreachable_canary_stops_the_crawl(outage_web, tmp_path):
    result = run_crawl(
        tmp_path,
        outage_web,
        args={"seeds": "http://outage-hub.test/"},
        settings={"LINKPROSPECTOR_CANARY_URL": "http://canary.test/"},
    )
    assert result.returncode == 1
    assert "LOCAL NETWORK OUTAGE" in result.stderr and "canary.test" in result.stderr
    assert not [url for url, row in result.targets().items() if row["verdict"] == "dead"]


def test_reachable_canary_lets_dead_verdicts_through(outage_web, tmp_path):
    result = run_crawl(
        tmp_path,
        outage_web,
        args={"seeds": "http://outage-hub.test/"},
        settings={"LINKPROSPECTOR_CANARY_URL": "http://site0.test/"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.targets()[GONE]["verdict"] == "dead"
