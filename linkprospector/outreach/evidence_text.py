"""Why a target was judged dead, in words, from the evidence stored with its verdict.

``targets.evidence`` is the JSON the verdict was made from (the status chain, findings
such as a parking signature or the soft-404 signals and probe). Pure: text in, text out.
"""

from __future__ import annotations

import json
from typing import Any


def why_dead(reason: str | None, status: int | None, evidence: str | None) -> str:
    """One line: the status chain, then what matched (signature, soft-404 basis, probe)."""
    try:
        data = json.loads(evidence or "{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    parts = []
    chain = _chain(data.get("chain"))
    if chain:
        parts.append(chain)
    if data.get("error") and data.get("proxy"):
        # the proxy's own error page: what it stands for, and that the site never answered
        parts.append(f"error {data['error']} (the proxy answered, not the site: {data['proxy']})")
    elif data.get("error"):
        detail = str(data.get("detail") or "")[:120]
        parts.append(f"error {data['error']}" + (f" ({detail})" if detail else ""))
    if data.get("parked"):
        host = data.get("parked_host")
        parts.append(f"parking signature {data['parked']}" + (f" on {host}" if host else ""))
    if data.get("host_parked"):
        parts.append(f"host parked ({data['host_parked']})")
    soft = data.get("soft_404")
    if isinstance(soft, dict):
        signals = ", ".join(map(str, soft.get("signals") or []))
        parts.append(
            f"soft-404: {soft.get('basis') or 'signals'}" + (f" [{signals}]" if signals else "")
        )
        probe = soft.get("probe")
        if isinstance(probe, dict) and probe.get("url"):
            parts.append(f"probe {probe.get('url')} answered {probe.get('status')}")
    if data.get("tls"):
        parts.append(f"TLS: {data['tls']}")
    if not parts:
        parts.append(f"HTTP {status}" if status else (reason or "dead"))
    return "; ".join(parts)


def _chain(chain: Any) -> str:
    if not isinstance(chain, list):
        return ""
    hops = []
    for hop in chain[:12]:
        if isinstance(hop, list | tuple) and len(hop) == 3:
            method, status, url = hop
            hops.append(f"{method} {status} {url}")
    return " → ".join(hops)
