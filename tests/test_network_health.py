"""Table tests for the outage guard's pure rules (linkprospector/judge/network_health.py)."""

from __future__ import annotations

import pytest

from linkprospector.judge.network_health import (
    DEFAULT_CANARY_URLS,
    Proxy,
    environment_proxy_hosts,
    failures_implausible,
    needed_successes,
    network_proven,
    outage_report,
    parse_canary_urls,
    proxy_for,
)
from linkprospector.reading.urls import registrable_domain


def test_default_references_are_run_by_different_operators():
    domains = {registrable_domain(url.split("/")[2]) for url in DEFAULT_CANARY_URLS}
    assert len(domains) == len(DEFAULT_CANARY_URLS) >= 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, DEFAULT_CANARY_URLS),
        ("", DEFAULT_CANARY_URLS),
        (" , ", DEFAULT_CANARY_URLS),
        ("https://intranet.example/", ("https://intranet.example/",)),
        ("http://a.test/, https://b.test:8443/x", ("http://a.test/", "https://b.test:8443/x")),
        (["http://a.test/"], ("http://a.test/",)),
    ],
)
def test_parse_canary_urls(value, expected):
    assert parse_canary_urls(value) == expected


@pytest.mark.parametrize("value", ["www.google.com", "ftp://x.test/", "http://", "http://a:99999/"])
def test_parse_canary_urls_rejects(value):
    with pytest.raises(ValueError):
        parse_canary_urls(value)


@pytest.mark.parametrize(("n", "needed"), [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3)])
def test_needed_successes(n, needed):
    assert needed_successes(n) == needed


@pytest.mark.parametrize(
    ("results", "proven"),
    [
        ({"a": None}, True),
        ({"a": "dns"}, False),
        ({"a": None, "b": "dns", "c": "dns", "d": "refused"}, False),
        ({"a": None, "b": None, "c": "dns", "d": "refused"}, True),
        ({"a": "dns", "b": "dns", "c": "dns", "d": "dns"}, False),
    ],
)
def test_network_proven(results, proven):
    assert network_proven(results) is proven


@pytest.mark.parametrize(
    ("failed", "judged", "implausible"),
    [(0, 0, False), (19, 19, False), (10, 20, False), (11, 20, True), (687, 728, True)],
)
def test_failures_implausible(failed, judged, implausible):
    assert failures_implausible(failed, judged) is implausible


@pytest.mark.parametrize(
    ("url", "proxies", "expected"),
    [
        ("https://www.google.com/", {}, None),
        ("https://www.google.com/", {"https": "http://proxy.corp:3128"}, Proxy("proxy.corp", 3128)),
        ("https://www.google.com/", {"https": "proxy.corp:8080"}, Proxy("proxy.corp", 8080)),
        ("http://a.test/", {"https": "http://p:1"}, None),
        ("http://a.test/", {"http": "http://p"}, Proxy("p", 80)),
        ("https://x.google.com/", {"https": "http://p:1", "no": ".google.com"}, None),
        ("https://google.com/", {"https": "http://p:1", "no": "google.com,b"}, None),
        ("https://github.com/", {"https": "http://p:1", "no": "google.com"}, Proxy("p", 1)),
        ("https://github.com/", {"https": "http://p:1", "no": "*"}, None),
        ("https://github.com/", {"https": "http://p:notaport"}, None),
    ],
)
def test_proxy_for(url, proxies, expected):
    assert proxy_for(url, proxies) == expected


def test_outage_report_says_what_was_tried_and_what_failed():
    text = outage_report(
        "unreachable: https://a.test/ (dns)",
        {"https://a.test/": "dns", "https://b.test/": None},
        {"dns": 687, "refused": 3},
        690,
        728,
    )
    assert text.startswith("LOCAL NETWORK OUTAGE")
    assert "https://a.test/: dns" in text and "https://b.test/: ok" in text
    assert "687 dns, 3 refused" in text
    assert "690 of 728 registrable domains" in text
    assert "nothing was stored dead" in text and "exit code 4" in text


@pytest.mark.parametrize(
    ("proxies", "hosts"),
    [
        ({}, frozenset()),
        ({"https": "http://proxy.corp:3128"}, frozenset({"proxy.corp"})),
        ({"http": "10.0.0.5:8080", "https": "http://10.0.0.5:8080"}, frozenset({"10.0.0.5"})),
        ({"ftp": "http://ftp-proxy:21", "no": "localhost"}, frozenset()),
        ({"https": "http://[bad"}, frozenset()),
    ],
)
def test_environment_proxy_hosts(proxies, hosts):
    assert environment_proxy_hosts(proxies) == hosts
