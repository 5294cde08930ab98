"""The Wayback Machine's documented APIs as data: the query URLs, and what their JSON
answers say (pure; no network).

CDX server (https://github.com/internetarchive/wayback/tree/master/wayback-cdx-server):
``/cdx/search/cdx?url=…&output=json&to=…&filter=statuscode:200&limit=-N`` answers a list
of rows whose first row names the fields (``urlkey, timestamp, original, mimetype,
statuscode, digest, length``); a negative limit asks for the last N captures up to ``to``.
Availability API (https://archive.org/help/wayback_api.php): ``/wayback/available?url=…
&timestamp=…`` answers ``{"archived_snapshots": {"closest": {"available": true, "url": …,
"timestamp": …, "status": "200"}}}``, the capture closest to the timestamp on either side.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlencode

from linkprospector.clock import parse_time

#: Captures asked of the CDX server per dead URL (newest first up to the cut-off).
CDX_LIMIT = 5


@dataclass(frozen=True, order=True)
class Capture:
    """One archived copy of a URL: when (``YYYYMMDDhhmmss``) and of which URL."""

    timestamp: str
    original: str

    def view_url(self, base: str) -> str:
        """Where a person sees the capture (with the archive's toolbar)."""
        return f"{base.rstrip('/')}/web/{self.timestamp}/{self.original}"

    def raw_url(self, base: str) -> str:
        """The archived page as it was served (``id_``: without the archive's rewriting)."""
        return f"{base.rstrip('/')}/web/{self.timestamp}id_/{self.original}"

    @property
    def date(self) -> str:
        """ISO date of the capture (``2019-04-02``)."""
        t = self.timestamp
        return f"{t[0:4]}-{t[4:6]}-{t[6:8]}" if len(t) >= 8 else t


def wayback_timestamp(moment: datetime) -> str:
    """``YYYYMMDDhhmmss`` of a time, as both APIs take it."""
    return moment.strftime("%Y%m%d%H%M%S")


def cdx_query_url(base: str, url: str, before: str, limit: int = CDX_LIMIT) -> str:
    """The CDX query for the last ``limit`` captures of ``url`` answered 200, up to ``before``."""
    query = urlencode(
        {"url": url, "output": "json", "to": before, "filter": "statuscode:200",
         "limit": f"-{limit}"},
        quote_via=quote,
        safe=":/",
    )  # fmt: skip
    return f"{base.rstrip('/')}/cdx/search/cdx?{query}"


def availability_query_url(base: str, url: str, timestamp: str) -> str:
    """The availability query for the capture of ``url`` closest to ``timestamp``."""
    query = urlencode({"url": url, "timestamp": timestamp}, quote_via=quote, safe=":/")
    return f"{base.rstrip('/')}/wayback/available?{query}"


class WaybackAnswerError(ValueError):
    """An answer that is not what the API documents."""


def parse_cdx(body: str) -> list[Capture]:
    """Captures in a CDX JSON answer, newest first (an empty answer: no capture)."""
    if not body.strip():
        return []
    try:
        rows = json.loads(body)
    except ValueError:
        raise WaybackAnswerError("the CDX answer is not JSON") from None
    if not isinstance(rows, list) or (rows and not isinstance(rows[0], list)):
        raise WaybackAnswerError("the CDX answer is not a list of rows")
    if not rows:
        return []
    header = [str(name) for name in rows[0]]
    if "timestamp" not in header or "original" not in header:
        raise WaybackAnswerError("the CDX answer names no timestamp/original fields")
    at, orig = header.index("timestamp"), header.index("original")
    status = header.index("statuscode") if "statuscode" in header else None
    captures = {
        Capture(str(row[at]), str(row[orig]))
        for row in rows[1:]
        if isinstance(row, list)
        and len(row) == len(header)
        and str(row[at]).isdigit()
        and (status is None or str(row[status]) == "200")
    }
    return sorted(captures, reverse=True)


def parse_availability(body: str) -> list[Capture]:
    """The closest capture in an availability answer (``[]`` when none is available)."""
    try:
        data = json.loads(body)
    except ValueError:
        raise WaybackAnswerError("the availability answer is not JSON") from None
    if not isinstance(data, dict):
        raise WaybackAnswerError("the availability answer is not an object")
    closest = (data.get("archived_snapshots") or {}).get("closest") or {}
    if not closest.get("available") or str(closest.get("status", "200")) != "200":
        return []
    timestamp = str(closest.get("timestamp") or "")
    url = str(closest.get("url") or "")
    marker = f"/web/{timestamp}/"
    original = url.split(marker, 1)[1] if marker in url else str(data.get("url") or "")
    return [Capture(timestamp, original)] if timestamp.isdigit() and original else []


def captures_before(captures: list[Capture], cutoff: str) -> list[Capture]:
    """The captures made before ``cutoff`` (a wayback timestamp), newest first: a later
    one may show the domain parked or taken over by someone else."""
    width = len(cutoff)
    return sorted((c for c in captures if c.timestamp[:width] <= cutoff), reverse=True)


def lookup_cutoff(last_live_at: str | None, first_dead_at: str | None, checked_at: str) -> str:
    """The wayback timestamp captures must precede: when the link was last seen working,
    else (never seen working by us) when it was first seen dead, else its last check."""
    moment = last_live_at or first_dead_at or checked_at
    return wayback_timestamp(parse_time(moment))
