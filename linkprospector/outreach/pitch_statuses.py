"""A pitch's outreach status (not_sent, sent, replied, won, declined), kept in
``pitch_status`` by (linking page, dead target): crawls never write it, so re-crawls
never reset it. Setting one also sets the opportunity's outreach status (``outreach``
table), so exports leave out sites pitched recently as they do for other outreach.

"won" is checked against the crawl: the next crawl of the linking page must find a link
to the user's site on it; when a link seen there once is gone, the pitch says so.
"""

from __future__ import annotations

import re
from datetime import datetime

import sqlite_utils

from linkprospector import clock
from linkprospector.judge.history import shown_time
from linkprospector.outreach.statuses import StatusKey, set_status
from linkprospector.reading.urls import site_of
from linkprospector.store.pitch_store import (
    load_pitch_statuses,
    my_sites,
    page_fetched_at,
    page_links_to,
    save_pitch_status,
)

PITCH_STATUSES = ("not_sent", "sent", "replied", "won", "declined")
#: The outreach status each pitch status means for the opportunity.
OUTREACH_STATUS = {"not_sent": "new", "sent": "contacted", "replied": "replied",
                   "won": "won", "declined": "lost"}  # fmt: skip


class PitchStatusError(ValueError):
    """Bad status input; one line for the user."""


def parse_pitch_status(text: str) -> str:
    status = re.sub(r"[\s\-]+", "_", (text or "").strip().lower())
    if status not in PITCH_STATUSES:
        raise PitchStatusError(
            f"unknown pitch status {text!r} (one of: {', '.join(PITCH_STATUSES)})"
        )
    return status


def set_pitch_status(
    db: sqlite_utils.Database,
    page_url: str,
    target_url: str,
    status: str,
    now: datetime,
    note: str | None = None,
    replacement_url: str = "",
) -> None:
    status = parse_pitch_status(status)
    old = load_pitch_statuses(db).get((page_url, target_url)) or {}
    row = {
        "page_url": page_url,
        "target_url": target_url,
        "status": status,
        "note": old.get("note") if note is None else note,
        "replacement_url": replacement_url or old.get("replacement_url") or "",
        "updated_at": clock.iso(now),
        "won_at": (old.get("won_at") or clock.iso(now)) if status == "won" else None,
        "link_seen_at": old.get("link_seen_at") if status == "won" else None,
    }
    with db.atomic():
        save_pitch_status(db, row)
        set_status(db, StatusKey(site_of(page_url), page_url, target_url),
                   OUTREACH_STATUS[status], now, note)  # fmt: skip


def won_check(db: sqlite_utils.Database, status_row: dict, sites: list[str]) -> str:
    """Whether a won pitch's link is on the page, as the crawls saw it."""
    page = status_row["page_url"]
    links = page_links_to(db, page, sites)
    fetched = page_fetched_at(db, page) or ""
    won_at = status_row.get("won_at") or ""
    if links:
        return f"confirmed: the page links to {links[0]} (crawled {shown_time(fetched)})"
    if status_row.get("link_seen_at") and fetched > status_row["link_seen_at"]:
        return (
            f"LINK GONE: your link was on the page on {shown_time(status_row['link_seen_at'])} "
            f"but not when it was crawled on {shown_time(fetched)}"
        )
    if fetched and fetched > won_at:
        return f"not found: the page was crawled on {shown_time(fetched)} without a link to you"
    return "waiting for the next crawl of the page"


def refresh_won_links(db: sqlite_utils.Database) -> list[str]:
    """Record when a won link was seen; lines for won links that disappeared or never came."""
    sites = my_sites(db)
    lines = []
    for row in load_pitch_statuses(db).values():
        if row["status"] != "won":
            continue
        check = won_check(db, row, sites)
        if check.startswith("confirmed"):
            fetched = page_fetched_at(db, row["page_url"])
            if fetched and fetched != row.get("link_seen_at"):
                save_pitch_status(db, {**row, "link_seen_at": fetched})
        elif not check.startswith("waiting"):
            lines.append(f"won pitch on {row['page_url']}: {check}")
    return lines
