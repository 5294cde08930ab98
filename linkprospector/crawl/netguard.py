"""Which addresses the crawler may connect to: pure functions."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(value: str | Iterable[str] | None) -> tuple[IPNetwork, ...]:
    """Parse a comma-separated (or iterable) list of CIDR networks."""
    if not value:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in items if item.strip())


def is_private_address(ip: str) -> bool:
    """True for loopback, private, link-local, multicast, reserved or unspecified addresses."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return True
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return not addr.is_global or addr.is_multicast


def address_allowed(ip: str, allow_private: bool, allowed: tuple[IPNetwork, ...] = ()) -> bool:
    """May the crawler connect to ``ip``?"""
    if allow_private or not is_private_address(ip):
        return True
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    return any(addr in net for net in allowed if net.version == addr.version)
