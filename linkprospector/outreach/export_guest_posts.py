"""The *Guest posts* sheet: pages that invite guest posts, best first, with the query that
found them, contacts and outreach status (read back by ``import-status``)."""

from __future__ import annotations

from collections.abc import Callable

from linkprospector.outreach.sheet_model import Column, Sheet
from linkprospector.outreach.statuses import NOTE, PROSPECT_URL, SITE, STATUS, StatusKey

GUEST_POST_COLUMNS = [
    Column(PROSPECT_URL, "url", 50, "url"),
    Column("Title", "text", 40, "title"),
    Column(SITE, "text", 22, "site"),
    Column("Score", "number", 7, "score"),
    Column("Reasons", "text", 55, "reasons"),
    Column("Found by", "text", 35, "found_by"),
    Column("Best contact", "url", 32, "best_contact"),
    Column("All contacts", "text", 50, "all_contacts"),
    Column(STATUS, "status", 15, "outreach_status"),
    Column(NOTE, "text", 30, "note"),
    Column("First seen", "text", 20, "first_seen"),
]


def guest_post_sheet(
    rows: list[dict], outreach_cells: Callable[[str, StatusKey], dict | None]
) -> Sheet:
    """One row per guest-post page (view ``guest_posts``, best first); ``outreach_cells``
    gives a row's contact and status cells, or None for a site not to contact now."""
    sheet = Sheet("Guest posts", "guest_posts.csv", GUEST_POST_COLUMNS)
    for row in rows:
        cells = outreach_cells(row["site"], StatusKey(row["site"], row["url"]))
        if cells is not None:
            sheet.add({**row, **cells})
    return sheet
