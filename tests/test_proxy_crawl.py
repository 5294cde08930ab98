"""End to end behind real proxies (squid, tinyproxy from the distribution's packages): the
proxy's own error pages are the network failures they stand for, judged like a direct
crawl's, and a proxy that loses its DNS or its upstream mid-run stops the crawl (exit 4)
with nothing stored dead."""

from __future__ import annotations

import json
import threading

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.judge.network_health import EXIT_NETWORK_DOWN
from linkprospector.outreach.evidence_text import why_dead
from tests.conftest import run_crawl
from tests.proxies import Squid, Tinyproxy
from tests.webs import page, ul

LIVE_HOSTS = [f"live{i}.test" for i in range(4)]
GONE_HOSTS = ["gone0.test", "gone1.test"]
REFUSING = "down0.test"
#: The proxy's answers arrive after its own lookups and connects: give checks time.
SLOW = {"LINKPROSPECTOR_CHECK_TIMEOUT": "5", "DOWNLOAD_TIMEOUT": "6"}


def _targets(web: LocalWeb) -> list[str]:
    port = web.port
    return [
        *(f"http://{host}:{port}/page" for host in LIVE_HOSTS),
        *(f"http://{host}:{port}/missing" for host in LIVE_HOSTS[:2]),
        *(f"http://{host}:{port}/page" for host in GONE_HOSTS),
        f"http://{REFUSING}:{web.refused_port}/page",
    ]


@pytest.fixture(scope="module")
def proxied_web():
    sites = [Site(host, routes={"/page": page("Page", "content")}) for host in LIVE_HOSTS]
    hub = Site("hub.test", routes={})
    with LocalWeb([hub, *sites], refused_hosts=[REFUSING], nxdomain_hosts=GONE_HOSTS) as web:
        targets = _targets(web)
        hub.routes["/"] = page("Links", ul([(u, u) for u in targets]))
        yield web, targets


def _crawl(tmp_path, web, *, proxy=None, canary=None, settings=None):
    all_settings = {**SLOW, **(settings or {})}
    if canary:
        all_settings["LINKPROSPECTOR_CANARY_URL"] = canary
    return run_crawl(
        tmp_path,
        web,
        args={"seeds": f"http://hub.test:{web.port}/", "depth": "0"},
        settings=all_settings,
        env=proxy.env if proxy else None,
    )


def _verdicts(result, targets):
    rows = result.targets()
    return {url: (rows[url]["verdict"], rows[url]["reason"]) for url in targets}


@pytest.fixture(scope="module")
def direct(proxied_web, tmp_path_factory):
    web, targets = proxied_web
    result = _crawl(tmp_path_factory.mktemp("direct"), web)
    assert result.returncode == 0, result.stderr[-3000:]
    return _verdicts(result, targets)


def test_the_direct_crawl_is_the_reference(direct, proxied_web):
    web, _ = proxied_web
    expected = {
        **{f"http://{h}:{web.port}/page": ("live", "ok") for h in LIVE_HOSTS},
        **{f"http://{h}:{web.port}/missing": ("dead", "http_404") for h in LIVE_HOSTS[:2]},
        **{f"http://{h}:{web.port}/page": ("dead", "dns") for h in GONE_HOSTS},
        f"http://{REFUSING}:{web.refused_port}/page": ("dead", "refused"),
    }
    assert direct == expected


def _assert_like_direct(result, direct, targets, proxy_words):
    assert result.returncode == 0, result.stderr[-3000:]
    assert _verdicts(result, targets) == direct
    rows = result.targets()
    stats = json.loads(list(result.db["runs"].rows)[-1]["stats"])
    assert not [key for key in stats if key.startswith("linkprospector/check/retry/http_5")]
    for url in targets:
        if rows[url]["reason"] in ("dns", "refused"):
            evidence = json.loads(rows[url]["evidence"])
            assert evidence["chain"] == []  # the proxy's page is not the site's answer
            assert proxy_words in evidence["proxy"]
            text = why_dead(rows[url]["reason"], rows[url]["status"], rows[url]["evidence"])
            assert "the proxy answered, not the site" in text and proxy_words in text


def test_through_squid_the_verdicts_are_the_direct_ones(proxied_web, direct, tmp_path):
    web, targets = proxied_web
    names = [*LIVE_HOSTS, "hub.test", "network-canary.test", REFUSING]
    with Squid(tmp_path / "squid", names) as squid:
        result = _crawl(
            tmp_path, web, proxy=squid, canary=f"http://network-canary.test:{web.port}/"
        )
    _assert_like_direct(result, direct, targets, "squid: ERR_")
    gone = json.loads(result.targets()[targets[6]]["evidence"])
    assert gone["proxy"] == "squid: ERR_READ_ERROR 0"  # squid 5.7's answer to NXDOMAIN
    refused = json.loads(result.targets()[targets[-1]]["evidence"])
    assert refused["proxy"] == "squid: ERR_CONNECT_FAIL 111"


def test_through_tinyproxy_the_verdicts_are_the_direct_ones(proxied_web, direct, tmp_path):
    web, targets = proxied_web
    with Tinyproxy(tmp_path / "tinyproxy", [*LIVE_HOSTS, "hub.test"], web.port) as proxy:
        result = _crawl(tmp_path, web, proxy=proxy, canary=f"http://localhost:{web.port}/")
    _assert_like_direct(result, direct, targets, "tinyproxy: 500 Unable to connect")


# -- a proxy failing mid-run -------------------------------------------------------------

MANY = [f"site{i}.test" for i in range(30)]


def _web_that_breaks(break_it) -> tuple[LocalWeb, list[str]]:
    """A hub linking 30 slow live hosts; serving the hub starts ``break_it`` 0.5 s later."""
    started = threading.Event()

    def hub(_info):
        if not started.is_set():
            started.set()
            threading.Timer(0.5, break_it).start()
        return Route(body=page("Links", ul([(u, u) for u in targets])))

    sites = [Site(h, default=Route(body=page("Fine", "ok"), delay=0.3)) for h in MANY]
    web = LocalWeb([Site("hub.test", routes={"/": Route(handler=hub)}), *sites])
    web.start()
    targets = [f"http://{host}:{web.port}/article" for host in MANY]
    return web, targets


def _assert_stopped_with_nothing_dead(result, targets, failed_as):
    assert result.returncode == EXIT_NETWORK_DOWN, result.stderr[-3000:]
    assert "LOCAL NETWORK OUTAGE" in result.stderr
    assert "Traceback" not in result.stderr
    rows = result.targets()
    assert not [url for url, row in rows.items() if row["verdict"] == "dead"]
    assert not [url for url, row in rows.items() if row["reason"].startswith("http_5")]
    failed = [url for url in targets if url in rows and rows[url]["verdict"] != "live"]
    assert failed, "the proxy broke mid-run: some checks must have failed"
    reasons = {rows[url]["reason"] for url in failed}
    # checks made once the guard found the network down are network_down too
    assert failed_as in reasons and reasons <= {failed_as, "network_down"}
    return rows, failed


MID_RUN = {**SLOW, "CONCURRENT_REQUESTS": "4"}


def test_squid_losing_its_dns_mid_run_stops_the_crawl(tmp_path):
    holder: dict[str, Squid] = {}
    web, targets = _web_that_breaks(lambda: holder["squid"].lose_dns())
    try:
        names = [*MANY, "hub.test", "network-canary.test"]
        with Squid(tmp_path / "squid", names) as squid:
            holder["squid"] = squid
            result = _crawl(
                tmp_path,
                web,
                proxy=squid,
                canary=f"http://network-canary.test:{web.port}/",
                settings=MID_RUN,
            )
    finally:
        web.stop()
    # held name failures: squid answers ERR_READ_ERROR for names it cannot resolve
    _assert_stopped_with_nothing_dead(result, targets, "network_down")
    assert "network-canary.test" in result.stderr


def test_tinyproxy_losing_its_upstream_mid_run_stops_the_crawl(tmp_path):
    holder: dict[str, LocalWeb] = {}
    web, targets = _web_that_breaks(lambda: holder["web"].stop())
    holder["web"] = web
    try:
        with Tinyproxy(tmp_path / "tinyproxy", [*MANY, "hub.test"], web.port) as proxy:
            result = _crawl(
                tmp_path, web, proxy=proxy, canary=f"http://localhost:{web.port}/", settings=MID_RUN
            )
    finally:
        web.stop()
    rows, failed = _assert_stopped_with_nothing_dead(result, targets, "proxy_error")
    seen = [url for url in failed if rows[url]["reason"] == "proxy_error"]
    evidence = json.loads(rows[seen[0]]["evidence"])
    assert evidence["proxy"] == "tinyproxy: 502 Unable to connect to upstream proxy"
    assert "CONNECT answered 'HTTP/1.1 500 Unable to connect'" in result.stderr


def test_https_targets_through_tinyproxy_are_judged_from_its_tunnel_refusal(tmp_path):
    """An https target is reached through a CONNECT tunnel; tinyproxy refusing to open it
    ("500 Unable to connect") is the same failure as for http."""
    hub = Site("hub.test", routes={})
    with LocalWeb([hub], refused_hosts=[REFUSING], nxdomain_hosts=GONE_HOSTS) as web:
        targets = [
            f"https://{GONE_HOSTS[0]}:{web.port}/page",
            f"https://{REFUSING}:{web.refused_port}/page",
        ]
        hub.routes["/"] = page("Links", ul([(u, u) for u in targets]))
        with Tinyproxy(tmp_path / "tinyproxy", ["hub.test"], web.port) as proxy:
            result = _crawl(tmp_path, web, proxy=proxy, canary=f"http://localhost:{web.port}/")
    assert result.returncode == 0, result.stderr[-3000:]
    assert _verdicts(result, targets) == {
        targets[0]: ("dead", "dns"),
        targets[1]: ("dead", "refused"),
    }
    evidence = json.loads(result.targets()[targets[0]]["evidence"])
    assert evidence["proxy"] == "proxy: CONNECT 500 unable to connect"
