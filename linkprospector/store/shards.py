"""Which shard a URL belongs to: all hosts of one registrable domain share a shard."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable

from linkprospector.reading.urls import host_of, registrable_domain


def shard_of_domain(domain: str, shards: int) -> int:
    """``hash(registrable domain) mod shards``, stable across processes and machines.

    Python's ``hash`` is salted per process, so a digest is used instead.
    """
    if shards < 1:
        raise ValueError("shards must be at least 1")
    digest = hashlib.blake2b(domain.lower().encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % shards


def domain_of_url(url: str) -> str:
    """The registrable domain of a URL (an IP literal or unknown suffix stays the host)."""
    host = host_of(url)
    return registrable_domain(host) or host


def shard_of_url(url: str, shards: int) -> int:
    return shard_of_domain(domain_of_url(url), shards)


def group_by_shard(urls: Iterable[str], shards: int) -> dict[int, list[str]]:
    """URLs grouped by shard, each group in the order given; empty shards left out."""
    groups: dict[int, list[str]] = {}
    for url in urls:
        groups.setdefault(shard_of_url(url, shards), []).append(url)
    return groups


def default_shards() -> int:
    """Enough shards to spread a run over a few machines' cores."""
    return max(4, 4 * (os.cpu_count() or 1))
