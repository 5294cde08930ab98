"""End-to-end: a local outage (resolver cut mid-crawl, unreachable canary) never makes a
live link dead; the crawl says so loudly and exits non-zero."""

from __future__ import annotations

import json
import socketserver
import threading
from urllib.parse import urlsplit

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.judge.network_health import EXIT_NETWORK_DOWN, LONG_LIVED_URLS
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
    assert second.returncode == EXIT_NETWORK_DOWN, second.stderr[-3000:]
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
        evidence = json.loads(after[url]["evidence"])
        # not attempted once the network was down, or held: the error seen (dns, refused)
        # stays in the evidence with the guard's finding beside it
        assert evidence["error"] == "network_down" or (
            evidence["error"] in ("dns", "refused") and evidence["network_down"]
        )
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
    assert result.returncode == EXIT_NETWORK_DOWN
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


# -- networks that lie ---------------------------------------------

#: Real-world names a documentation page links to; none is on the loopback web.
REAL_WORLD = [
    "https://github.com/scrapy/scrapy",
    "https://en.wikipedia.org/wiki/Link_rot",
    "https://docs.python.org/3/library/urllib.parse.html",
    "https://llvm.org/docs/",
    "https://www.rust-lang.org/learn",
    "https://developer.mozilla.org/en-US/docs/Web/HTML",
    "https://www.sqlite.org/lang.html",
    "https://pypi.org/project/Scrapy/",
    "https://www.debian.org/releases/",
    "https://kernel.org/doc/html/latest/",
    "https://www.gnu.org/software/make/manual/",
    "https://nodejs.org/en/docs",
    "https://go.dev/doc/",
    "https://www.postgresql.org/docs/",
    "https://www.apache.org/licenses/",
    "https://www.w3.org/TR/html52/",
    "https://stackoverflow.com/questions/tagged/scrapy",
    "https://www.bbc.co.uk/news",
    "https://www.lemonde.fr/",
    "https://www.spiegel.de/",
    "https://example.com/",
    "https://www.nasa.gov/",
]


@pytest.fixture(scope="module")
def docs_web():
    docs = Site(
        "docs.intranet.test",
        routes={
            "/": page("Useful links", ul([(u, u.split("/")[2]) for u in REAL_WORLD])),
        },
    )
    with LocalWeb([docs]) as web:
        yield web


def _assert_network_down(result, *, problem: str) -> None:
    assert result.returncode == EXIT_NETWORK_DOWN, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "LOCAL NETWORK OUTAGE" in result.stderr
    # the block names what was tried and how it failed
    for name in ("www.google.com", "www.cloudflare.com", "www.wikipedia.org", "github.com"):
        assert f"https://{name}/: {problem}" in result.stderr
    assert f"exit code {EXIT_NETWORK_DOWN}" in result.stderr
    rows = result.targets()
    assert not [url for url, row in rows.items() if row["verdict"] == "dead"]


def test_resolver_that_answers_nxdomain_for_every_public_name(docs_web, tmp_path):
    """Only the local site resolves (a sandbox, a captive portal): zero dead, exit 4."""
    result = run_crawl(
        tmp_path,
        docs_web,
        args={"seeds": "http://docs.intranet.test/"},
        settings={"LINKPROSPECTOR_CANARY_URL": ""},  # the built-in public references
    )
    _assert_network_down(result, problem="dns")


def test_firewall_that_refuses_every_connection(docs_web, tmp_path):
    """Names resolve, every connection but the local site's is refused: zero dead."""
    host_map = {
        **docs_web.host_map,
        "*": f"127.0.0.1:{docs_web.refused_port}",
    }
    host_map.pop("network-canary.test")
    hosts = tmp_path / "firewall.json"
    hosts.write_text(json.dumps(host_map))
    result = run_crawl(
        tmp_path,
        None,
        args={"seeds": "http://docs.intranet.test/"},
        settings={"LINKPROSPECTOR_CANARY_URL": "", "LINKPROSPECTOR_HOST_MAP": str(hosts)},
    )
    _assert_network_down(result, problem="refused")


def test_firewall_found_mid_run_holds_every_refused_target(docs_web, tmp_path):
    """The references pass at start and fail once the targets are refused: the held
    refusals become unknown/network_down, none dead."""
    resolver_map = {**docs_web.host_map, "*": f"127.0.0.1:{docs_web.refused_port}"}
    hosts = tmp_path / "firewall.json"
    hosts.write_text(json.dumps(resolver_map))
    result = run_crawl(
        tmp_path,
        None,
        args={"seeds": "http://docs.intranet.test/"},
        settings={
            **CUT,
            "LINKPROSPECTOR_TEST_CUT_AFTER": "3",  # the canary's second lookup fails
            "LINKPROSPECTOR_HOST_MAP": str(hosts),
        },
    )
    assert result.returncode == EXIT_NETWORK_DOWN, result.stderr[-3000:]
    rows = result.targets()
    assert not [url for url, row in rows.items() if row["verdict"] == "dead"]
    held = [row for row in rows.values() if row["reason"] == "network_down"]
    assert held and all(row["verdict"] == "unknown" for row in held)


@pytest.fixture(scope="module")
def many_dead_web():
    gone = [f"http://gone{i}.test/page" for i in range(24)]
    live = [f"http://fine{i}.test/" for i in range(4)]
    hub = Site("dead-hub.test", routes={"/": page("Links", ul([(u, u) for u in gone + live]))})
    fine = [Site(f"fine{i}.test", default=Route(body=page("Fine", "ok"))) for i in range(4)]
    with LocalWeb([hub, *fine], nxdomain_hosts=[f"gone{i}.test" for i in range(24)]) as web:
        yield web, gone, live


def test_implausible_share_of_nxdomain_is_checked_and_then_stands(many_dead_web, tmp_path):
    """24 of 28 domains NXDOMAIN is implausible: the guard checks the references again;
    they answer, so the verdicts stand (a real dead-link graveyard)."""
    web, gone, live = many_dead_web
    # the resolver answers for long-lived public names: the web really is a graveyard
    hosts = tmp_path / "resolver.json"
    reachable = {urlsplit(url).hostname: f"127.0.0.1:{web.port}" for url in LONG_LIVED_URLS}
    hosts.write_text(json.dumps({**web.host_map, **reachable}))
    result = run_crawl(
        tmp_path,
        web,
        args={"seeds": "http://dead-hub.test/"},
        settings={"LINKPROSPECTOR_HOST_MAP": str(hosts)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = result.targets()
    assert all(rows[url]["verdict"] == "dead" for url in gone)
    assert all(rows[url]["verdict"] == "live" for url in live)
    stats = json.loads(list(result.db["runs"].rows)[-1]["stats"])
    assert stats["linkprospector/outage/implausible"] == 1
    assert stats["linkprospector/outage/health_checks"] >= 2


def test_guard_switched_off_says_what_it_risks(many_dead_web, tmp_path):
    web, _, _ = many_dead_web
    result = run_crawl(
        tmp_path,
        web,
        args={"seeds": "http://dead-hub.test/"},
        settings={"LINKPROSPECTOR_OUTAGE_GUARD": "0"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "OUTAGE GUARD OFF" in result.stderr
    assert "turn live links dead" in result.stderr


class ConnectProxy:
    """A loopback HTTP proxy that answers CONNECT with ``status`` and records the tunnels
    asked for (it never opens them: the health check sends no request through)."""

    def __init__(self, status: int):
        self.status = status
        self.tunnels: list[str] = []
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                line = self.rfile.readline().decode("latin-1")
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                proxy.tunnels.append(line.split()[1] if len(line.split()) > 1 else line)
                self.wfile.write(f"HTTP/1.1 {proxy.status} Whatever\r\n\r\n".encode())

        return Handler

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("status", [200, 502])
def test_health_check_goes_through_the_environments_proxy(docs_web, tmp_path, status):
    """Local DNS resolves no public name, the proxy does: the check asks the proxy."""
    proxy = ConnectProxy(status)
    try:
        result = run_crawl(
            tmp_path,
            docs_web,
            args={"seeds": "http://docs.intranet.test/", "depth": "0"},
            settings={"LINKPROSPECTOR_CANARY_URL": "https://www.wikipedia.org/"},
            env={"https_proxy": f"http://127.0.0.1:{proxy.port}", "no_proxy": ""},
        )
    finally:
        proxy.close()
    assert "www.wikipedia.org:443" in proxy.tunnels
    if status == 200:
        assert "LOCAL NETWORK OUTAGE" not in result.stderr, result.stderr[-3000:]
    else:
        assert result.returncode == EXIT_NETWORK_DOWN, result.stderr[-3000:]
        assert "CONNECT answered 'HTTP/1.1 502" in result.stderr
