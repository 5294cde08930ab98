"""The Wayback step: what each dead page was, from its last archived capture made before
the link was last seen working (or first seen dead).

Resumable: every finished lookup is stored at once (``found`` or ``none``) and never
repeated; a lookup that failed is tried again next time. Polite: one request at a time,
``LINKPROSPECTOR_WAYBACK_DELAY`` seconds apart. Never blocks a crawl: it runs after the
crawls (``linkprospector wayback``, or the nightly ``[pitch]`` step), stops at the first
sign the archive is unreachable, and does nothing when ``LINKPROSPECTOR_WAYBACK`` is off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.crawl.wayback_client import WaybackClient, WaybackUnreachable
from linkprospector.judge.page_summary import summarize_page
from linkprospector.judge.signatures import parked_signature
from linkprospector.reading.wayback import (
    Capture,
    WaybackAnswerError,
    availability_query_url,
    captures_before,
    cdx_query_url,
    lookup_cutoff,
    parse_availability,
    parse_cdx,
)
from linkprospector.store.interface import Store

#: Captures opened per dead URL at most (newest first) to find one that is not parked.
CAPTURES_TRIED = 3


@dataclass
class LookupSummary:
    found: int = 0
    none: int = 0
    failed: int = 0
    skipped: str = ""  # why nothing (more) was looked up
    lines: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.skipped and not (self.found or self.none or self.failed):
            return f"wayback: skipped ({self.skipped})"
        text = f"wayback: {self.found} capture(s) found, {self.none} dead page(s) with no capture"
        if self.failed:
            text += f", {self.failed} lookup(s) failed (tried again next time)"
        return text + (f"; stopped: {self.skipped}" if self.skipped else "")


def look_up_dead_pages(
    store: Store,
    config: Config,
    now: datetime,
    limit: int | None = None,
    client: WaybackClient | None = None,
) -> LookupSummary:
    """Look up every dead target not looked up yet; store what each one was."""
    summary = LookupSummary()
    if not config.wayback:
        summary.skipped = "switched off by LINKPROSPECTOR_WAYBACK"
        return summary
    client = client or WaybackClient(
        config.wayback_url, config.host_map, delay=config.wayback_delay,
        timeout=config.check_timeout, retry_after_max=config.retry_after_max,
    )  # fmt: skip
    for target in store.dead_targets_to_look_up(limit):
        cutoff = lookup_cutoff(
            target["last_live_at"], target["first_dead_at"], target["checked_at"]
        )
        row = {"target_url": target["url"], "cutoff": cutoff, "looked_up_at": clock.iso(now)}
        try:
            row.update(_look_up(client, target["url"], cutoff))
        except WaybackUnreachable as exc:
            summary.skipped = str(exc)
            break
        except WaybackAnswerError as exc:
            row.update(state="error", error=str(exc))
        store.save_capture(row)
        state = row["state"]
        summary.found += state == "found"
        summary.none += state == "none"
        summary.failed += state == "error"
    return summary


def _look_up(client: WaybackClient, url: str, cutoff: str) -> dict:
    base = client.base
    answer = client.get(cdx_query_url(base, url, cutoff))
    if answer.status == 200:
        captures = parse_cdx(answer.body)
    else:  # the CDX server refused or failed: the availability API as a second source
        fallback = client.get(availability_query_url(base, url, cutoff))
        if fallback.status != 200:
            return {"state": "error", "error": f"the archive answered {answer.status}"}
        captures = parse_availability(fallback.body)
    skipped = []
    for capture in captures_before(captures, cutoff)[:CAPTURES_TRIED]:
        page = client.get(capture.raw_url(base))
        if page.status != 200:
            skipped.append(f"{capture.timestamp}: HTTP {page.status}")
            continue
        parked = parked_signature(page.body, capture.original)
        summary = summarize_page(page.body)
        if parked or summary.empty:
            skipped.append(
                f"{capture.timestamp}: {'parked (' + parked + ')' if parked else 'empty'}"
            )
            continue
        return {**_found(capture, base, summary), "skipped": "; ".join(skipped)}
    return {"state": "none", "skipped": "; ".join(skipped), "error": ""}


def _found(capture: Capture, base: str, summary) -> dict:
    return {
        "state": "found",
        "capture_url": capture.view_url(base),
        "capture_date": capture.date,
        "title": summary.title,
        "description": summary.description,
        "headings": "\n".join(summary.headings),
        "text": summary.text,
        "lang": summary.lang,
        "error": "",
    }
