"""The *Guest posts* sheet (issue 14): pages that invite guest posts, best first, with the
query that found them, contacts and outreach status (read back by ``import-status``)."""

from __future__ import annotations

import sqlite_utils

from linkprospector.outreach.sheet_model import Column, Sheet
from linkprospector.outreach.statuses import (
    NOTE,
    PROSPECT_URL,
    SITE,
    STATUS,
    StatusKey,
    effective_status,
    stored_note,
)

GUEST_POST_COLUMNS = [
    Column(PROSPECT_URL, "url", 50),
    Column("Title", "text", 40),
    Column(SITE, "text", 22),
    Column("Score", "number", 7),
    Column("Reasons", "text", 55),
    Column("Found by", "text", 35),
    Column("Best contact", "url", 32),
    Column("All contacts", "text", 50),
    Column(STATUS, "status", 15),
    Column(NOTE, "text", 30),
    Column("First seen", "text", 20),
]


def guest_post_sheet(
    db: sqlite_utils.Database,
    contacts: dict[str, tuple[str | None, str]],
    statuses: dict,
    excluded: dict,
    left_out: set[str],
    min_score: float = 0.0,
) -> Sheet:
    """One row per guest-post page (view ``guest_posts``), sites not to contact left out."""
    sheet = Sheet("Guest posts", "guest_posts.csv", GUEST_POST_COLUMNS)
    for url, title, site, score, reasons, found_by, first in db.execute(
        """SELECT g.url, g.title, g.site, g.score, g.reasons, p.found_by, p.first_seen
           FROM guest_posts g JOIN pages p ON p.url = g.url
           WHERE g.score >= ? ORDER BY g.score DESC, g.url""",
        [min_score],
    ).fetchall():
        if site in excluded:
            left_out.add(site)
            continue
        key = StatusKey(site, url)
        best, everything = contacts.get(site, (None, ""))
        sheet.rows.append(
            [url, title or "", site, score, reasons or "", found_by or "", best, everything,
             effective_status(statuses, key), stored_note(statuses, key), first]
        )  # fmt: skip
    return sheet
