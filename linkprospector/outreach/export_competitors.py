"""Competitor sheets for the outreach export: added when the database holds a
``competitors`` crawl. The link-intersect sheet needs the user's own domain (``--mine``)."""

from __future__ import annotations

from linkprospector.outreach.sheet_model import Column, Sheet, sheet_of
from linkprospector.store.interface import CompetitorRows

INTERSECT_COLUMNS = [
    Column("Rank", "number", 6, "rank"),
    Column("Page URL", "url", 50, "url"),
    Column("Title", "text", 40, lambda r: r["title"] or ""),
    Column("Site", "text", 22, "site"),
    Column("Resource page", "text", 9, lambda r: _yes_no(r["is_resource"])),
    Column("Score", "number", 7, "resource_score"),
    Column("Competitors linked", "number", 10, "competitors_linked"),
    Column("Competitors", "text", 40, lambda r: r["competitors"].replace(",", ", ")),
    Column("Competitor URLs", "text", 50, "competitor_urls"),
    Column("Site links to you elsewhere", "text", 10, lambda r: _yes_no(r["site_links_to_mine"])),
]
BROKEN_COLUMNS = [
    Column("Competitor", "text", 22, "competitor"),
    Column("Competitor page", "url", 50, "source_url"),
    Column("Dead URL", "url", 50, "target_url"),
    Column("Anchor text", "text", 30, lambda r: r["anchor_text"] or ""),
    Column("Placement", "text", 9, lambda r: r["placement"] or ""),
    Column("Rel", "text", 9, lambda r: r["rel"] or ""),
    Column("Reason", "text", 14, "reason"),
    Column("HTTP status", "number", 8, "status"),
    Column("Competitors linking", "number", 10, "competitors_linking"),
    Column("Last checked", "text", 20, "checked_at"),
]
DEAD_PAGE_COLUMNS = [
    Column("Competitor", "text", 22, "competitor"),
    Column("Dead page", "url", 50, "url"),
    Column("Reason", "text", 14, "reason"),
    Column("HTTP status", "number", 8, "status"),
    Column("Inlinks", "number", 8, "inlinks"),
    Column("From their pages", "number", 8, "internal_inlinks"),
    Column("From other sites", "number", 8, "external_inlinks"),
    Column("Referring sites", "number", 8, "referring_sites"),
    Column("Anchor texts", "text", 45, "anchors"),
    Column("Last checked", "text", 20, "checked_at"),
]
PROFILE_COLUMNS = [
    Column("Competitor", "text", 22, "competitor"),
    Column("Rank", "number", 6, "rank"),
    Column("Linked domain", "text", 28, "domain"),
    Column("Links", "number", 7, "links"),
    Column("Pages", "number", 7, "pages"),
    Column("Distinct URLs", "number", 7, "targets"),
    Column("Dead URLs", "number", 7, "dead_targets"),
    Column("Top anchors", "text", 50, "top_anchors"),
]


def competitor_sheets(
    rows: CompetitorRows, mine: str | None = None
) -> tuple[list[Sheet], list[str]]:
    """Link intersect (with ``mine``), competitors' broken links, dead pages and link
    profile; no sheets when no ``competitors`` crawl is in the database."""
    if not rows.sites:
        return [], []
    sheets: list[Sheet] = []
    notes: list[str] = []
    if mine:
        sheets.append(
            sheet_of("Link intersect", "link_intersect.csv", INTERSECT_COLUMNS, rows.intersect)
        )
    else:
        notes.append("no link-intersect sheet: give your own domain with --mine")
    notes.append("competitor sheets list every dead verdict, confirmed or not")
    sheets += [
        sheet_of("Competitor broken links", "competitor_broken_links.csv", BROKEN_COLUMNS,
                 rows.broken),
        sheet_of("Competitor dead pages", "competitor_dead_pages.csv", DEAD_PAGE_COLUMNS,
                 rows.dead_pages),
        sheet_of("Competitor link profile", "competitor_link_profile.csv", PROFILE_COLUMNS,
                 rows.profile),
    ]  # fmt: skip
    return sheets, notes


def _yes_no(value: object) -> str:
    return "yes" if value else "no"
