"""A name resolver for link checking: concurrent, cached (also negatively), guarded.

Installed by Scrapy through ``TWISTED_DNS_RESOLVER``. It

* resolves in the reactor thread pool with a timeout, coalescing concurrent lookups
  of one name, so hundreds of dead hostnames never serialise the crawl;
* caches answers, NXDOMAIN answers too (temporary failures only briefly);
* drops loopback/private/link-local addresses unless ``LINKPROSPECTOR_ALLOW_PRIVATE``
  (judged on the resolved address, so DNS tricks don't get through);
* serves a host map (``LINKPROSPECTOR_HOST_MAP``) mapping names to ``IP:PORT`` or to
  ``None`` (NXDOMAIN), which the tests and the offline demo use.

Why a name failed is kept in :attr:`failures`, so a check can tell NXDOMAIN (dead)
from a DNS timeout or a refused private address (unknown).
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from twisted.internet import defer
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import IHostnameResolver, IHostResolution
from twisted.internet.threads import deferToThreadPool
from zope.interface import implementer

from linkprospector.config import Config
from linkprospector.crawl.netguard import address_allowed, parse_networks
from linkprospector.judge.network_health import environment_proxy_hosts

NXDOMAIN, TEMPORARY, TIMEOUT, PRIVATE = "nxdomain", "temporary", "timeout", "private_address"
#: getaddrinfo errors that definitely mean "this name does not exist".
DEFINITIVE_GAI_ERRORS = frozenset(
    code for code in (getattr(socket, n, None) for n in ("EAI_NONAME", "EAI_NODATA")) if code
)

Address = tuple[str, int | None]


def load_host_map(value: Any) -> dict[str, str | None]:
    """Host map from a dict, a JSON string or a path to a JSON file."""
    if not value:
        return {}
    if isinstance(value, dict):
        return {str(k).lower(): v for k, v in value.items()}
    text = str(value)
    if not text.lstrip().startswith("{"):
        text = Path(text).read_text(encoding="utf-8")
    return {str(k).lower(): v for k, v in json.loads(text).items()}


def lookup_host_map(host_map: dict[str, str | None], host: str) -> tuple[bool, Address | None]:
    """(found, address) for ``host`` in a host map; ``address`` None means NXDOMAIN."""
    labels = host.split(".")
    for key in [host] + ["*." + ".".join(labels[i:]) for i in range(1, len(labels))] + ["*"]:
        if key in host_map:
            value = host_map[key]
            if value is None:
                return True, None
            ip, _, port = str(value).rpartition(":") if ":" in str(value) else (value, "", "")
            return True, (ip.strip("[]"), int(port) if port else None)
    return False, None


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str):
        self.name = name

    def cancel(self) -> None:  # pragma: no cover - Twisted never calls it for us
        pass


@implementer(IHostnameResolver)
class LinkProspectorResolver:
    """Concurrent, caching, private-address-guarding resolver (see module docstring)."""

    def __init__(
        self,
        reactor: Any,
        *,
        host_map: dict[str, str | None] | None = None,
        allow_private: bool = False,
        allowed_networks: str = "",
        trusted_hosts: frozenset[str] = frozenset(),
        timeout: float = 10.0,
        cache_size: int = 50_000,
        positive_ttl: float = 3600.0,
        negative_ttl: float = 3600.0,
        temporary_ttl: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.reactor = reactor
        self.host_map = host_map or {}
        self.allow_private = allow_private
        self.allowed_networks = parse_networks(allowed_networks)
        #: names whose private addresses are allowed: the environment's proxies
        self.trusted_hosts = trusted_hosts
        self.timeout = timeout
        self.cache_size = cache_size
        self.ttl = {None: positive_ttl, NXDOMAIN: negative_ttl}
        self.temporary_ttl = temporary_ttl
        self.clock = clock
        self.failures: dict[str, str] = {}
        self.lookups = 0
        self._cache: OrderedDict[str, tuple[float, list[Address], str | None]] = OrderedDict()
        self._pending: dict[str, list[defer.Deferred]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> LinkProspectorResolver:
        s = crawler.settings
        config = Config.of(crawler)
        return cls(
            reactor,
            host_map=load_host_map(config.host_map),
            allow_private=config.allow_private,
            allowed_networks=config.allowed_networks,
            trusted_hosts=environment_proxy_hosts(),
            timeout=s.getfloat("DNS_TIMEOUT", 10.0),
            cache_size=s.getint("DNSCACHE_SIZE", 50_000),
        )

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    # IHostnameResolver
    def resolveHostName(  # noqa: N802 - Twisted's interface name
        self,
        resolutionReceiver: Any,
        hostName: str,  # noqa: N803
        portNumber: int = 0,  # noqa: N803
        addressTypes: Any = None,  # noqa: N803
        transportSemantics: str = "TCP",  # noqa: N803
    ) -> IHostResolution:
        resolution = _Resolution(hostName)
        resolutionReceiver.resolutionBegan(resolution)

        def deliver(addresses: list[Address]) -> None:
            for ip, port in addresses:
                kind = IPv6Address if ":" in ip else IPv4Address
                resolutionReceiver.addressResolved(kind("TCP", ip, port or portNumber))
            resolutionReceiver.resolutionComplete()

        self.resolve(hostName).addCallback(deliver)
        return resolution

    def resolve(self, host: str) -> defer.Deferred:
        """Allowed addresses of ``host`` (empty list on any failure; see :attr:`failures`)."""
        host = host.lower().rstrip(".")
        cached = self._cache.get(host)
        if cached and cached[0] > self.clock():
            self._cache.move_to_end(host)
            return defer.succeed(self._guard(host, cached[1], cached[2]))
        d: defer.Deferred = defer.Deferred()
        if host in self._pending:
            self._pending[host].append(d)
            return d
        self._pending[host] = [d]
        self._lookup(host).addBoth(self._finish, host)
        return d

    def forget(self, host: str) -> None:
        """Drop ``host`` from the cache: its next lookup asks again (outage checks)."""
        self._cache.pop(host.lower().rstrip("."), None)

    def failure_kind(self, host: str) -> str | None:
        """Why ``host`` last failed to resolve (nxdomain, temporary, timeout, private_address)."""
        return self.failures.get(host.lower().rstrip("."))

    def _lookup(self, host: str) -> defer.Deferred:
        if _is_ip_literal(host):
            return defer.succeed(([(host, None)], None))
        found, address = lookup_host_map(self.host_map, host)
        if found:
            return defer.succeed(([address], None) if address else ([], NXDOMAIN))
        self.lookups += 1
        d = deferToThreadPool(self.reactor, self.reactor.getThreadPool(), _getaddrinfo, host)
        d.addTimeout(self.timeout, self.reactor, onTimeoutCancel=lambda *_: ([], TIMEOUT))
        return d

    def _finish(self, result: Any, host: str) -> None:
        addresses, failure = result if isinstance(result, tuple) else ([], TEMPORARY)
        ttl = self.ttl.get(failure, self.temporary_ttl)
        self._cache[host] = (self.clock() + ttl, addresses, failure)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        guarded = self._guard(host, addresses, failure)
        for waiter in self._pending.pop(host, []):
            waiter.callback(guarded)

    def _guard(self, host: str, addresses: list[Address], failure: str | None) -> list[Address]:
        private_ok = self.allow_private or host in self.trusted_hosts
        allowed = [a for a in addresses if address_allowed(a[0], private_ok, self.allowed_networks)]
        if addresses and not allowed:
            failure = PRIVATE
        if failure:
            self.failures[host] = failure
        else:
            self.failures.pop(host, None)
        return allowed


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _getaddrinfo(host: str) -> tuple[list[Address], str | None]:
    """Blocking lookup, run in a worker thread."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return [], NXDOMAIN if exc.errno in DEFINITIVE_GAI_ERRORS else TEMPORARY
    except (UnicodeError, OSError):
        return [], NXDOMAIN
    seen: list[Address] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = (str(sockaddr[0]), None)
        if address not in seen:
            seen.append(address)
    return seen, None
