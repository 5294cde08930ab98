"""A split network is not plausible: the configured canary (an intranet host) answers while
every public name answers NXDOMAIN. Table tests of the rule in judge/network_health.py, and
crawls on loopback where the test controls the resolver (LINKPROSPECTOR_HOST_MAP)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from linkprospector.demo.localweb import LocalWeb, Site
from linkprospector.judge.network_health import (
    DEFAULT_CANARY_URLS,
    EXIT_NETWORK_DOWN,
    LONG_LIVED_URLS,
    long_lived_to_try,
    needs_more_evidence,
    split_network,
)
from tests.conftest import run_crawl
from tests.test_verdicts_outage import REAL_WORLD
from tests.webs import page, ul

OTHERS = long_lived_to_try(["http://intranet.test/"])


def test_the_long_lived_names_are_the_references_and_more_stable_domains():
    assert set(DEFAULT_CANARY_URLS) < set(LONG_LIVED_URLS)
    domains = {urlsplit(url).hostname.split(".")[-2] for url in LONG_LIVED_URLS}
    assert len(domains) == len(LONG_LIVED_URLS) >= 10  # distinct operators
    assert long_lived_to_try(DEFAULT_CANARY_URLS) == LONG_LIVED_URLS[len(DEFAULT_CANARY_URLS) :]


@pytest.mark.parametrize(
    ("failing", "split"),
    [
        (len(OTHERS), True),  # every public name NXDOMAIN: the resolver lies
        (len(OTHERS) // 2 + 1, True),  # most of them
        (len(OTHERS) // 2, False),  # half answer: the network is up, the web is dying
        (1, False),
        (0, False),
    ],
)
def test_split_network(failing, split):
    results = {url: ("dns" if i < failing else None) for i, url in enumerate(OTHERS)}
    why = split_network(results)
    assert (why is not None) is split
    if split:
        failed = [urlsplit(url).hostname for url in OTHERS[:failing]]
        assert all(f"{name} (dns)" in why for name in failed)
        assert f"{failing} of {len(OTHERS)} long-lived public names fail" in why


@pytest.mark.parametrize(
    ("failed", "judged", "wait"),
    [
        (1, 1, True),  # the first check failed: wait for the others in flight
        (5, 8, True),
        (4, 8, False),  # half of them answer: nothing implausible is building up
        (0, 3, False),
        (19, 20, False),  # enough domains: the share itself decides now
        (30, 40, False),
    ],
)
def test_needs_more_evidence(failed, judged, wait):
    assert needs_more_evidence(failed, judged) is wait


def test_nothing_tried_is_no_split():
    assert split_network({}) is None


# -- crawls ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def intranet_web():
    docs = Site(
        "docs.intranet.test",
        routes={"/": page("Useful links", ul([(u, u.split("/")[2]) for u in REAL_WORLD]))},
    )
    with LocalWeb([docs]) as web:
        yield web


def test_canary_answers_but_every_public_name_is_nxdomain(intranet_web, tmp_path):
    """The configured canary is the loopback web's own host (an intranet canary); the
    resolver answers NXDOMAIN for every public name: exit 4, nothing dead, the names said."""
    result = run_crawl(tmp_path, intranet_web, args={"seeds": "http://docs.intranet.test/"})
    assert result.returncode == EXIT_NETWORK_DOWN, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "LOCAL NETWORK OUTAGE" in result.stderr
    assert "long-lived public names fail, so the resolver or a firewall lies" in result.stderr
    assert "so that public names resolve and answer" in result.stderr
    for url in LONG_LIVED_URLS:
        assert f"{urlsplit(url).hostname} (dns)" in result.stderr
    rows = result.targets()
    assert rows and not [url for url, row in rows.items() if row["verdict"] == "dead"]
    assert {row["reason"] for row in rows.values()} == {"network_down"}


def test_canary_answers_and_a_firewall_refuses_every_public_address(intranet_web, tmp_path):
    """Names resolve, connections to anything but the intranet are refused: the same."""
    host_map = {**intranet_web.host_map, "*": f"127.0.0.1:{intranet_web.refused_port}"}
    hosts = tmp_path / "firewall.json"
    hosts.write_text(json.dumps(host_map))
    result = run_crawl(
        tmp_path,
        None,
        args={"seeds": "http://docs.intranet.test/"},
        settings={"LINKPROSPECTOR_HOST_MAP": str(hosts)},
    )
    assert result.returncode == EXIT_NETWORK_DOWN, result.stderr[-3000:]
    assert "www.python.org (refused)" in result.stderr
    assert not [url for url, row in result.targets().items() if row["verdict"] == "dead"]
