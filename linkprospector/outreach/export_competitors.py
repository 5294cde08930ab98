"""Competitor sheets for the outreach export (issue 7): added when the database holds a
``competitors`` crawl. The link-intersect sheet needs the user's own domain (``--mine``)."""

from __future__ import annotations

import sqlite_utils

from linkprospector.outreach.sheet_model import Column, Sheet
from linkprospector.store import competitor_queries as analysis

INTERSECT_COLUMNS = [
    Column("Rank", "number", 6),
    Column("Page URL", "url", 50),
    Column("Title", "text", 40),
    Column("Site", "text", 22),
    Column("Resource page", "text", 9),
    Column("Score", "number", 7),
    Column("Competitors linked", "number", 10),
    Column("Competitors", "text", 40),
    Column("Competitor URLs", "text", 50),
    Column("Site links to you elsewhere", "text", 10),
]
BROKEN_COLUMNS = [
    Column("Competitor", "text", 22),
    Column("Competitor page", "url", 50),
    Column("Dead URL", "url", 50),
    Column("Anchor text", "text", 30),
    Column("Placement", "text", 9),
    Column("Rel", "text", 9),
    Column("Reason", "text", 14),
    Column("HTTP status", "number", 8),
    Column("Competitors linking", "number", 10),
    Column("Last checked", "text", 20),
]
DEAD_PAGE_COLUMNS = [
    Column("Competitor", "text", 22),
    Column("Dead page", "url", 50),
    Column("Reason", "text", 14),
    Column("HTTP status", "number", 8),
    Column("Inlinks", "number", 8),
    Column("From their pages", "number", 8),
    Column("From other sites", "number", 8),
    Column("Referring sites", "number", 8),
    Column("Anchor texts", "text", 45),
    Column("Last checked", "text", 20),
]
PROFILE_COLUMNS = [
    Column("Competitor", "text", 22),
    Column("Rank", "number", 6),
    Column("Linked domain", "text", 28),
    Column("Links", "number", 7),
    Column("Pages", "number", 7),
    Column("Distinct URLs", "number", 7),
    Column("Dead URLs", "number", 7),
    Column("Top anchors", "text", 50),
]


def competitor_sheets(
    db: sqlite_utils.Database, mine: str | None = None, top: int = 20
) -> tuple[list[Sheet], list[str]]:
    """Link intersect (with ``mine``), competitors' broken links, dead pages and link
    profile; no sheets when no ``competitors`` crawl is in the database."""
    sites = analysis.competitor_sites(db)
    if not sites:
        return [], []
    sheets: list[Sheet] = []
    notes: list[str] = []
    if mine:
        intersect = Sheet("Link intersect", "link_intersect.csv", INTERSECT_COLUMNS)
        for r in analysis.link_intersect(db, mine, sites):
            intersect.rows.append(
                [
                    r["rank"],
                    r["url"],
                    r["title"] or "",
                    r["site"],
                    _yes_no(r["is_resource"]),
                    r["resource_score"],
                    r["competitors_linked"],
                    r["competitors"].replace(",", ", "),
                    r["competitor_urls"],
                    _yes_no(r["site_links_to_mine"]),
                ]
            )
        sheets.append(intersect)
    else:
        notes.append("no link-intersect sheet: give your own domain with --mine")
    notes.append("competitor sheets list every dead verdict, confirmed or not")
    broken = Sheet("Competitor broken links", "competitor_broken_links.csv", BROKEN_COLUMNS)
    broken.rows = [
        [
            r["competitor"],
            r["source_url"],
            r["target_url"],
            r["anchor_text"] or "",
            r["placement"] or "",
            r["rel"] or "",
            r["reason"],
            r["status"],
            r["competitors_linking"],
            r["checked_at"],
        ]
        for r in analysis.broken_outbound_links(db, sites)
    ]
    dead = Sheet("Competitor dead pages", "competitor_dead_pages.csv", DEAD_PAGE_COLUMNS)
    dead.rows = [
        [
            r["competitor"],
            r["url"],
            r["reason"],
            r["status"],
            r["inlinks"],
            r["internal_inlinks"],
            r["external_inlinks"],
            r["referring_sites"],
            r["anchors"],
            r["checked_at"],
        ]
        for r in analysis.dead_pages(db, sites)
    ]
    profile = Sheet("Competitor link profile", "competitor_link_profile.csv", PROFILE_COLUMNS)
    profile.rows = [
        [
            r["competitor"],
            r["rank"],
            r["domain"],
            r["links"],
            r["pages"],
            r["targets"],
            r["dead_targets"],
            r["top_anchors"],
        ]
        for r in analysis.outbound_profile(db, sites, top=top)
    ]
    return [*sheets, broken, dead, profile], notes


def _yes_no(value: object) -> str:
    return "yes" if value else "no"
