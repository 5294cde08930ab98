"""Backlink sheets for the outreach export (issue 13): added when the database holds a
``backlinks`` crawl. *Backlinks* (every referring page × my URL), *Lost links* (with why),
*Toxic candidates* (score and reasons, best first), *Anchor texts* (audit classes)."""

from __future__ import annotations

import sqlite_utils

from linkprospector.judge.anchors import AnchorRules, classify_anchor
from linkprospector.outreach.sheet_model import Column, Sheet
from linkprospector.reading.urls import site_of

LINK_COLUMNS = [
    Column("Referring page", "url", 50),
    Column("My URL", "url", 45),
    Column("Anchor text", "text", 30),
    Column("Rel", "text", 10),
    Column("Placement", "text", 11),
    Column("Kind", "text", 7),
    Column("State", "text", 8),
    Column("Reason", "text", 14),
    Column("Toxic score", "number", 8),
    Column("Toxic reasons", "text", 50),
    Column("Last checked", "text", 20),
]
ANCHOR_COLUMNS = [
    Column("Anchor text", "text", 40),
    Column("Class", "text", 14),
    Column("Referring domains", "number", 10),
    Column("Links", "number", 8),
]
_SELECT = """SELECT b.source_url, b.target_url, b.anchor_text, b.rel, b.placement, l.kind,
                    b.state, b.reason, b.toxic_score, b.toxic_reasons, l.checked_at
             FROM backlinks b JOIN backlink_links l
               ON l.source_url = b.source_url AND l.target_url = b.target_url"""


def backlink_sheets(db: sqlite_utils.Database, mine: str | None = None) -> list[Sheet]:
    """The four sheets, or none when no backlinks crawl is in the database."""
    rows = db.execute(_SELECT + " ORDER BY b.source_url, b.target_url").fetchall()
    if not rows:
        return []
    every = Sheet("Backlinks", "backlinks.csv", LINK_COLUMNS, [list(r) for r in rows])
    lost = Sheet("Lost links", "lost_links.csv", LINK_COLUMNS,
                 [list(r) for r in rows if r[6] == "lost"])  # fmt: skip
    toxic = Sheet(
        "Toxic candidates", "toxic_candidates.csv", LINK_COLUMNS,
        sorted(([*r] for r in rows if (r[8] or 0) > 0), key=lambda r: (-r[8], r[0])),
    )  # fmt: skip
    site = mine or (site_of(rows[0][1]) if rows[0][1] else "")
    counts: dict[tuple[str, str], list] = {}
    for source, _target, anchor, _rel, _placement, kind, state, *_ in rows:
        if state != "live":
            continue
        cls = classify_anchor(anchor or "", kind or "text", site, AnchorRules())
        entry = counts.setdefault((anchor or "", cls), [set(), 0])
        entry[0].add(site_of(source))
        entry[1] += 1
    anchors = Sheet(
        "Anchor texts", "anchor_texts.csv", ANCHOR_COLUMNS,
        sorted(
            ([a, c, len(d), n] for (a, c), (d, n) in counts.items()), key=lambda r: (-r[2], r[0])
        ),
    )  # fmt: skip
    return [every, lost, toxic, anchors]
