"""Backlink sheets for the outreach export: added when the database holds a ``backlinks``
crawl. *Backlinks* (every referring page × my URL), *Lost links* (with why), *Toxic
candidates* (score and reasons, best first), *Anchor texts* (audit classes)."""

from __future__ import annotations

from linkprospector.judge.anchors import AnchorRules, classify_anchor
from linkprospector.outreach.sheet_model import Column, Sheet, sheet_of
from linkprospector.reading.urls import site_of

LINK_COLUMNS = [
    Column("Referring page", "url", 50, "source_url"),
    Column("My URL", "url", 45, "target_url"),
    Column("Anchor text", "text", 30, "anchor_text"),
    Column("Rel", "text", 10, "rel"),
    Column("Placement", "text", 11, "placement"),
    Column("Kind", "text", 7, "kind"),
    Column("State", "text", 8, "state"),
    Column("Reason", "text", 14, "reason"),
    Column("Toxic score", "number", 8, "toxic_score"),
    Column("Toxic reasons", "text", 50, "toxic_reasons"),
    Column("Last checked", "text", 20, "checked_at"),
]
ANCHOR_COLUMNS = [
    Column("Anchor text", "text", 40, "anchor"),
    Column("Class", "text", 14, "class"),
    Column("Referring domains", "number", 10, "domains"),
    Column("Links", "number", 8, "links"),
]


def backlink_sheets(rows: list[dict], mine: str | None = None) -> list[Sheet]:
    """The four sheets, or none when no backlinks crawl is in the database."""
    if not rows:
        return []
    every = sheet_of("Backlinks", "backlinks.csv", LINK_COLUMNS, rows)
    lost = sheet_of(
        "Lost links", "lost_links.csv", LINK_COLUMNS, [r for r in rows if r["state"] == "lost"]
    )
    toxic = sheet_of(
        "Toxic candidates", "toxic_candidates.csv", LINK_COLUMNS,
        sorted((r for r in rows if (r["toxic_score"] or 0) > 0),
               key=lambda r: (-r["toxic_score"], r["source_url"])),
    )  # fmt: skip
    first_target = rows[0]["target_url"]
    site = mine or (site_of(first_target) if first_target else "")
    counts: dict[tuple[str, str], list] = {}
    for row in rows:
        if row["state"] != "live":
            continue
        anchor = row["anchor_text"] or ""
        cls = classify_anchor(anchor, row["kind"] or "text", site, AnchorRules())
        entry = counts.setdefault((anchor, cls), [set(), 0])
        entry[0].add(site_of(row["source_url"]))
        entry[1] += 1
    anchors = sheet_of(
        "Anchor texts", "anchor_texts.csv", ANCHOR_COLUMNS,
        sorted(
            ({"anchor": a, "class": c, "domains": len(d), "links": n}
             for (a, c), (d, n) in counts.items()),
            key=lambda r: (-r["domains"], r["anchor"]),
        ),
    )  # fmt: skip
    return [every, lost, toxic, anchors]
