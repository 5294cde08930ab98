"""The resolver's pure parts and its private-address guard (no network)."""

from __future__ import annotations

import pytest
from twisted.internet import defer

from linkprospector.crawl.netguard import address_allowed, is_private_address, parse_networks
from linkprospector.crawl.resolver import (
    NXDOMAIN,
    PRIVATE,
    LinkProspectorResolver,
    load_host_map,
    lookup_host_map,
)

HOST_MAP = {
    "shop.test": "127.0.0.1:8081",
    "*.wild.test": "127.0.0.1:9000",
    "gone.test": None,
    "v6.test": "[::1]:8082",
    "*": None,
}


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("shop.test", (True, ("127.0.0.1", 8081))),
        ("a.b.wild.test", (True, ("127.0.0.1", 9000))),
        ("gone.test", (True, None)),
        ("v6.test", (True, ("::1", 8082))),
        ("anything.else", (True, None)),
    ],
)
def test_lookup_host_map(host, expected):
    assert lookup_host_map(HOST_MAP, host) == expected


def test_lookup_without_fallback_is_not_found():
    assert lookup_host_map({"a.test": "127.0.0.1:1"}, "b.test") == (False, None)


def test_load_host_map_from_json_text_and_file(tmp_path):
    path = tmp_path / "hosts.json"
    path.write_text('{"Shop.Test": "127.0.0.1:1"}')
    assert load_host_map(str(path)) == {"shop.test": "127.0.0.1:1"}
    assert load_host_map('{"a.test": null}') == {"a.test": None}
    assert load_host_map(None) == {}


@pytest.mark.parametrize(
    ("ip", "private"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),
        ("::1", True),
        ("fe80::1", True),
        ("::ffff:127.0.0.1", True),
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("93.184.216.34", False),
        ("2606:4700::1111", False),
        ("not an ip", True),
    ],
)
def test_is_private_address(ip, private):
    assert is_private_address(ip) is private


def test_allowed_networks_open_a_hole_only_where_asked():
    nets = parse_networks("127.0.0.1/32, 10.9.0.0/16")
    assert address_allowed("127.0.0.1", False, nets)
    assert address_allowed("10.9.3.4", False, nets)
    assert not address_allowed("127.0.0.2", False, nets)
    assert address_allowed("127.0.0.2", True, ())
    assert address_allowed("8.8.8.8", False, ())


def _resolve(resolver: LinkProspectorResolver, host: str) -> list:
    results: list = []
    d: defer.Deferred = resolver.resolve(host)
    d.addCallback(results.append)
    assert results, "host-map lookups answer synchronously"
    return results[0]


def test_guard_refuses_private_addresses_and_says_why():
    resolver = LinkProspectorResolver(None, host_map=HOST_MAP, allow_private=False)
    assert _resolve(resolver, "shop.test") == []
    assert resolver.failure_kind("shop.test") == PRIVATE
    assert _resolve(resolver, "gone.test") == []
    assert resolver.failure_kind("gone.test") == NXDOMAIN
    # IP literals are judged on the address too
    assert _resolve(resolver, "10.0.0.1") == []
    assert resolver.failure_kind("10.0.0.1") == PRIVATE


def test_allow_private_lets_mapped_hosts_through_and_caches():
    resolver = LinkProspectorResolver(None, host_map=HOST_MAP, allow_private=True)
    assert _resolve(resolver, "shop.test") == [("127.0.0.1", 8081)]
    assert resolver.failure_kind("shop.test") is None
    assert _resolve(resolver, "SHOP.test.") == [("127.0.0.1", 8081)]
    assert resolver.lookups == 0  # the host map never touches real DNS


def test_the_environments_proxy_may_have_a_private_address():
    """A corporate proxy at 10.x must stay reachable while other private hosts do not."""
    resolver = LinkProspectorResolver(
        None,
        host_map={**HOST_MAP, "proxy.corp": "10.1.2.3:3128"},
        allow_private=False,
        trusted_hosts=frozenset({"proxy.corp", "10.0.0.1"}),
    )
    assert _resolve(resolver, "proxy.corp") == [("10.1.2.3", 3128)]
    assert _resolve(resolver, "10.0.0.1") == [("10.0.0.1", None)]
    assert _resolve(resolver, "shop.test") == []  # still refused
    assert resolver.failure_kind("shop.test") == PRIVATE
