"""End-to-end: `scrapy crawl resource_pages` over the hostile loopback web."""

from __future__ import annotations

import json
import re
import time

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from tests.conftest import run_crawl
from tests.webs_hostile import HOSTILE_TARGETS, hostile_web, huge_web

DEADLINE = 90  # seconds the whole hostile crawl may take (bomb, drip, traps included)
PROBE_PATH = re.compile(r"/[a-z]{16}$")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    sites, options = hostile_web()
    with LocalWeb(sites, **options) as web:
        tmp = tmp_path_factory.mktemp("hostile")
        started = time.monotonic()
        result = run_crawl(tmp, web, args={"seeds": "http://hostile-hub.test/"}, timeout=DEADLINE)
        elapsed = time.monotonic() - started
        yield result, list(web.hits), elapsed, list(web.errors)


def test_run_finishes_cleanly_within_deadline(hostile):
    result, _hits, elapsed, errors = hostile
    assert result.returncode == 0, result.stderr[-3000:]
    assert elapsed < DEADLINE
    assert "Traceback" not in result.stderr
    assert "finished (finished)" in result.stderr
    assert not errors


@pytest.mark.parametrize(("url", "verdict", "reason"), HOSTILE_TARGETS)
def test_each_hostile_target_verdict(hostile, url, verdict, reason):
    result, *_ = hostile
    row = result.targets()[url]
    assert (row["verdict"], row["reason"]) == (verdict, reason), row["evidence"]


def _evidence(result, url: str) -> dict:
    return json.loads(result.targets()[url]["evidence"])


def test_soft_404_probe_once_per_host_and_evidence(hostile):
    result, hits, *_ = hostile
    probes = [(h, p) for _m, h, p in hits if PROBE_PATH.search(p)]
    probed_hosts = [h for h, _p in probes]
    # A deep URL sent home needs no probe; a page whose words say "missing" is judged
    # against the host's answer to a nonsense URL, once per host however many
    # targets the host has. A deep page with a short main content asks too (dan.com's
    # "Buy now"), and stays live: the host answers every path with it and a success.
    assert sorted(probed_hosts) == ["catchall.test", "dan.com", "honest.test", "softcontent.test"]
    about = _evidence(result, "http://dan.com/about")["soft_404"]
    assert about == {**about, "dead": False, "signals": ["short_main"]}
    assert about["basis"] == "one_page_everywhere"
    soft = _evidence(result, "http://softcontent.test/guides/old-article")["soft_404"]
    assert soft["dead"] is True and soft["signals"] == ["not_found_text"]
    assert soft["basis"] == "probe_same_content" and soft["probe"]["status"] == 200
    home = _evidence(result, "http://softhome.test/blog/2019/deleted-post")["soft_404"]
    assert home["basis"] == "redirect_home" and home["signals"] == ["redirect_home"]
    moved = _evidence(result, "http://honest.test/old-section/page")["soft_404"]
    assert moved["basis"] == "redirect_home" and "probe" not in moved
    honest = _evidence(result, "http://honest.test/articles/fixing-404-not-found-errors")
    assert honest["soft_404"]["basis"] == "unlike_not_found" and honest["soft_404"]["dead"] is False
    assert honest["soft_404"]["probe"]["status"] == 404


def test_unsuspicious_targets_are_not_probed(hostile):
    _result, hits, *_ = hostile
    for host in ("live.test", "endless.test", "binary.test", "badenc.test", "bot404.test"):
        assert not [p for _m, h, p in hits if h == host and PROBE_PATH.search(p)], host


def test_parked_is_a_whole_domain_verdict(hostile):
    result, *_ = hostile
    hosts = {row["host"]: row for row in result.db["hosts"].rows}
    assert set(hosts) == {
        "parked-sedo.test",
        "forsale.test",
        "caf-parked.test",
        "sold-redirect.test",
    }
    assert hosts["parked-sedo.test"]["parked"] == 1
    assert hosts["parked-sedo.test"]["parked_signature"] == "sedo"
    assert hosts["sold-redirect.test"]["parked_signature"] == "redirect:dan.com"
    assert hosts["forsale.test"]["parked_signature"] == "for_sale_text"
    evidence = _evidence(result, "http://sold-redirect.test/old/page")
    assert evidence["chain"][-1][2].startswith("http://dan.com/")
    assert evidence["parked_host"] == "sold-redirect.test"
    assert _evidence(result, "http://short.test/x")["parked_host"] == "forsale.test"
    # the 404 on a parked domain got the domain's verdict, with the reason in its evidence
    pdf = _evidence(result, "http://parked-sedo.test/old.pdf")
    assert pdf.get("host_parked") == "sedo" or pdf.get("parked") == "host:sedo", pdf
    dead = {row["target_url"]: row["reason"] for row in result.db["dead_links"].rows}
    assert dead["http://parked-sedo.test/seeds/heirloom"] == "parked"
    # every parked verdict, the host's too, is in the check history (one verdict path)
    checks = {
        (row["target_url"], row["reason"]) for row in result.db["checks"].rows
        if row["target_url"].startswith("http://parked-sedo.test/")
    }  # fmt: skip
    targets = {row["url"] for row in result.db["targets"].rows if row["host"] == "parked-sedo.test"}
    assert {(url, "parked") for url in targets} <= checks


def test_bot_walls_labelled_and_not_retried(hostile):
    result, hits, *_ = hostile
    assert _evidence(result, "http://cf-challenge.test/article")["challenge"] == "cloudflare"
    assert _evidence(result, "http://datadome.test/product/1")["challenge"] == "datadome"
    # a 503 challenge is not retried like an ordinary 503
    assert sum(1 for _m, h, _p in hits if h == "cf-wait.test") == 1
    # 429 is retried, then blocked
    assert result.targets()["http://always429.test/"]["requests"] == 3


def test_bot_filtered_404_confirmed_with_browser_headers(hostile):
    result, hits, *_ = hostile
    evidence = _evidence(result, "http://bot404.test/members")
    assert evidence["bot_filter"] == "cloudflare"
    assert evidence["confirm"]["status"] == 200
    assert evidence["chain"] == [["GET", 404, "http://bot404.test/members"]]
    gone = _evidence(result, "http://cdn404.test/really-gone")
    assert gone["confirm"]["status"] == 404
    assert sum(1 for _m, h, _p in hits if h == "cdn404.test") == 2
    # an honest 404 without bot-filter signs costs no second request
    assert sum(1 for _m, h, p in hits if h == "honest.test" and p == "/missing") == 1


def test_hostile_bodies_recorded_with_evidence(hostile):
    result, *_ = hostile
    assert "maxsize" in _evidence(result, "http://bomb.test/")["detail"].lower()
    drip = result.targets()["http://drip.test/"]
    assert drip["requests"] <= 3
    redirect = _evidence(result, "http://ftp-redirect.test/")
    assert redirect["error"] == "bad_redirect" and "ftp://" in redirect["detail"]


def test_hostile_pages_survive_and_traps_are_refused(hostile):
    result, hits, *_ = hostile
    pages = {row["url"]: row for row in result.db["pages"].rows}
    for url in (
        "http://hostile-hub.test/",
        "http://hostile-hub.test/resources/",
        "http://hostile-hub.test/latin",
        "http://hostile-hub.test/badurls",
    ):
        assert url in pages, url
    assert pages["http://hostile-hub.test/resources/"]["is_resource"] == 1
    # ever-deeper paths and the endless calendar stop early
    trap = [p for _m, h, p in hits if h == "hostile-hub.test" and p.startswith("/trap/")]
    assert 0 < len(trap) <= 5
    calendar = [p for _m, h, p in hits if h == "hostile-hub.test" and p.startswith("/calendar")]
    assert len(calendar) <= 20
    stats = json.loads(result.db["runs"].get(1)["stats"])
    assert any(key.startswith("linkprospector/skipped/") for key in stats)
    # absurd and invalid URLs are counted with a reason; valid ones survive; hrefs no
    # browser can follow are broken links, stored as such and never requested
    assert any(key.startswith("linkprospector/skipped_links/") for key in stats), stats
    rows = list(
        result.db["links"].rows_where("source_url = ?", ["http://hostile-hub.test/badurls"])
    )
    assert {r["target_url"] for r in rows if r["kind"] == "outbound"} == {"http://live.test/"}
    invalid = {r["target_url"] for r in rows if r["kind"] == "invalid"}
    assert {"http://[::1", "http://exa mple.com/x", "http://live.test:99999/"} <= invalid
    targets = result.targets()
    assert all(
        (targets[url]["verdict"], targets[url]["reason"]) == ("dead", "invalid_url")
        for url in invalid
    )
    assert not any(r["target_url"].startswith("gopher:") for r in rows)


def test_huge_link_page_survives(tmp_path):
    """20,000 links on one page: the run finishes, the page and its targets are stored."""
    sites, options = huge_web()
    with LocalWeb(sites, **options) as web:
        started = time.monotonic()
        result = run_crawl(tmp_path, web, args={"seeds": "http://huge-hub.test/"}, timeout=120)
        elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    assert elapsed < 120
    pages = {row["url"] for row in result.db["pages"].rows}
    assert {"http://huge-hub.test/archive", "http://huge-hub.test/about"} <= pages
    targets = result.targets()
    assert targets["http://live.test/about"]["verdict"] == "live"
    assert targets["http://gone.test/"]["reason"] == "dns"
    assert sum(1 for url in targets if url.startswith("http://live.test/p")) == 200
    calendar = [p for _m, h, p in web.hits if p.startswith("/calendar")]
    assert len(calendar) <= 20


def test_check_deadline_cuts_a_slow_drip(tmp_path):
    """A server dripping one byte a second is cut by the per-check deadline, not waited for."""
    hub = Site("drip-hub.test", routes={"/": Route(body='<a href="http://drip.test/">d</a>')})
    sites = [hub, Site("drip.test", default=Route.slow_drip(interval=1.0))]
    with LocalWeb(sites) as web:
        started = time.monotonic()
        result = run_crawl(
            tmp_path,
            web,
            args={"seeds": "http://drip-hub.test/"},
            settings={
                "LINKPROSPECTOR_CHECK_TIMEOUT": "30",
                "DOWNLOAD_TIMEOUT": "30",
                "LINKPROSPECTOR_CHECK_DEADLINE": "3",
            },
        )
        elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    row = result.targets()["http://drip.test/"]
    assert (row["verdict"], row["reason"]) == ("unknown", "timeout"), row["evidence"]
    assert elapsed < 25
