"""Is our own network working? Pure rules for the outage guard (no Scrapy, no I/O).

A name that does not resolve or a refused connection is a ``dead`` verdict only when the
network is proven to work with references *independent of the crawl*: a sandbox, a
captive portal, filtering DNS or a firewall answer NXDOMAIN or refuse for every public
name while a local seed site answers fine, so the seed site proves nothing.
"""

from __future__ import annotations

import math
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

#: Stable public names run by different operators; only resolved and connected to (TCP),
#: never sent an HTTP request.
DEFAULT_CANARY_URLS = (
    "https://www.google.com/",
    "https://www.cloudflare.com/",
    "https://www.wikipedia.org/",
    "https://github.com/",
)
#: Very stable public names, up for decades under different operators (besides the
#: references above). When NXDOMAIN or refusals hit an implausible share of the crawl's
#: domains, these are tried too: most of them failing while the configured canary (an
#: intranet host, say) answers means the resolver or firewall lies, not that the web died.
LONG_LIVED_URLS = (
    *DEFAULT_CANARY_URLS,
    "https://www.python.org/",
    "https://www.debian.org/",
    "https://www.iana.org/",
    "https://www.mozilla.org/",
    "https://www.w3.org/",
    "https://www.microsoft.com/",
    "https://www.apple.com/",
    "https://www.amazon.com/",
)
#: Distinct registrable domains with a verdict before the failure share is judged.
PLAUSIBILITY_MIN_DOMAINS = 20
#: Share of those domains failing with NXDOMAIN or refused that is implausible.
PLAUSIBILITY_MAX_SHARE = 0.5
#: Exit code of ``scrapy crawl`` and ``linkprospector nightly`` when the network was down.
EXIT_NETWORK_DOWN = 4


def parse_canary_urls(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """Canary URLs from a setting (comma-separated or a list); the built-in set when empty.

    Raises ValueError naming the first entry that is not an http(s) URL with a host.
    """
    if not value:
        return DEFAULT_CANARY_URLS
    items = value.split(",") if isinstance(value, str) else list(value)
    urls = tuple(item.strip() for item in items if item and item.strip())
    if not urls:
        return DEFAULT_CANARY_URLS
    for url in urls:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            raise ValueError(f"not a URL: {url!r}") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL with a host: {url!r}")
    return urls


def needed_successes(references: int) -> int:
    """How many references must answer to prove the network: at least half, at least one."""
    return max(1, math.ceil(references / 2))


def network_proven(results: Mapping[str, str | None]) -> bool:
    """True when enough references answered (``results``: URL -> None or the problem)."""
    ok = sum(1 for problem in results.values() if problem is None)
    return ok >= needed_successes(len(results))


def long_lived_to_try(canaries: Iterable[str]) -> tuple[str, ...]:
    """The long-lived references not already among the canaries."""
    known = set(canaries)
    return tuple(url for url in LONG_LIVED_URLS if url not in known)


def split_network(long_lived: Mapping[str, str | None]) -> str | None:
    """Why the network is split (the canary answers, long-lived names do not), or None.

    ``long_lived``: URL -> None or the problem, for the names tried besides the canaries.
    """
    if not long_lived or network_proven(long_lived):
        return None
    failed = [
        f"{urlsplit(url).hostname} ({problem})" for url, problem in long_lived.items() if problem
    ]
    return (
        f"the canary answers but {len(failed)} of {len(long_lived)} long-lived public names "
        "fail, so the resolver or a firewall lies: " + ", ".join(failed)
    )


def needs_more_evidence(failed_domains: int, judged_domains: int) -> bool:
    """Too few domains judged to tell, and most of them failed: a failure should wait for
    the checks still on their way before a canary alone may prove it (a resolver that lies
    about public names looks like this from the first check on)."""
    return (
        judged_domains < PLAUSIBILITY_MIN_DOMAINS
        and failed_domains > PLAUSIBILITY_MAX_SHARE * judged_domains
    )


def failures_implausible(failed_domains: int, judged_domains: int) -> bool:
    """NXDOMAIN/refused on an implausible share of distinct registrable domains?"""
    return (
        judged_domains >= PLAUSIBILITY_MIN_DOMAINS
        and failed_domains > PLAUSIBILITY_MAX_SHARE * judged_domains
    )


@dataclass(frozen=True)
class Proxy:
    """An HTTP(S) proxy from the environment: where to connect to reach a host."""

    host: str
    port: int


def proxy_for(url: str, proxies: Mapping[str, str] | None = None) -> Proxy | None:
    """The environment's proxy for ``url`` (``https_proxy``, ``http_proxy``, ``no_proxy``)."""
    parts = urlsplit(url)
    if proxies is None:
        proxies = urllib.request.getproxies()
        if parts.hostname and urllib.request.proxy_bypass(parts.hostname):
            return None
    elif parts.hostname and _bypassed(parts.hostname, proxies.get("no", "")):
        return None
    value = proxies.get(parts.scheme)
    if not value:
        return None
    if "://" not in value:
        value = "http://" + value
    try:
        proxy = urlsplit(value)
        port = proxy.port or (443 if proxy.scheme == "https" else 80)
    except ValueError:
        return None
    return Proxy(proxy.hostname, port) if proxy.hostname else None


def environment_proxy_hosts(proxies: Mapping[str, str] | None = None) -> frozenset[str]:
    """Host names (or addresses) of the HTTP(S) proxies set in the environment: the
    crawler connects to them even where they have private addresses (a corporate proxy)."""
    proxies = urllib.request.getproxies() if proxies is None else proxies
    hosts = set()
    for scheme in ("http", "https"):
        value = proxies.get(scheme)
        if not value:
            continue
        try:
            host = urlsplit(value if "://" in value else "http://" + value).hostname
        except ValueError:
            continue
        if host:
            hosts.add(host.lower())
    return frozenset(hosts)


def _bypassed(host: str, no_proxy: str) -> bool:
    host = host.lower()
    for entry in (e.strip().lower().lstrip(".") for e in no_proxy.split(",")):
        if entry == "*" or (entry and (host == entry or host.endswith("." + entry))):
            return True
    return False


def outage_report(
    why: str,
    tried: Mapping[str, str | None],
    failures: Mapping[str, int],
    failed_domains: int,
    judged_domains: int,
    split: bool = False,
) -> str:
    """The one block a person reads when the network was found down (``split``: the
    canary answered, long-lived public names did not)."""
    lines = ["LOCAL NETWORK OUTAGE: the network could not be proven to work (" + why + ")."]
    lines.append("  references tried (name lookup, then a TCP connection; no HTTP request):")
    for url, problem in tried.items():
        lines.append(f"    {url}: {'ok' if problem is None else problem}")
    if failures:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(failures.items()))
        lines.append(f"  failing checks held: {counts}")
    if judged_domains:
        lines.append(
            f"  {failed_domains} of {judged_domains} registrable domains failed with "
            "NXDOMAIN or a refused connection"
        )
    lines.append(
        "  nothing was stored dead from network errors: those targets are unknown/network_down"
    )
    if split:
        lines.append(
            f"  the crawl stops (exit code {EXIT_NETWORK_DOWN}); fix the resolver, VPN, proxy "
            "or firewall so that public names resolve and answer"
        )
    else:
        lines.append(
            f"  the crawl stops (exit code {EXIT_NETWORK_DOWN}); fix the network, or set "
            "LINKPROSPECTOR_CANARY_URL to URLs this machine must always reach"
        )
    return "\n".join(lines)
