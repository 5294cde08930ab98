"""Backlink sheets for the outreach export: added when the database holds a ``backlinks``
crawl. *Backlinks* (every referring page × my URL), *Lost links* (with why), *Toxic
candidates* (score and reasons, best first), *Anchor texts* (audit classes)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

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
    audit = _AnchorAudit(rows, mine)
    toxic = sorted(
        (r for r in rows if (r["toxic_score"] or 0) > 0),
        key=lambda r: (-r["toxic_score"], r["source_url"]),
    )
    return [
        sheet_of("Backlinks", "backlinks.csv", LINK_COLUMNS, rows),
        sheet_of("Lost links", "lost_links.csv", LINK_COLUMNS,
                 [r for r in rows if r["state"] == "lost"]),
        sheet_of("Toxic candidates", "toxic_candidates.csv", LINK_COLUMNS, toxic),
        sheet_of("Anchor texts", "anchor_texts.csv", ANCHOR_COLUMNS, audit.anchor_rows),
    ]  # fmt: skip


@dataclass
class _AnchorAudit:
    """Anchor texts of the live links by audit class, counted in referring domains."""

    rows: list[dict]
    mine: str | None

    @cached_property
    def site(self) -> str:
        """Whose links these are: ``--mine``, else the site of the first linked URL."""
        first_target = self.rows[0]["target_url"]
        return self.mine or (site_of(first_target) if first_target else "")

    @cached_property
    def anchor_rows(self) -> list[dict]:
        counts: dict[tuple[str, str], list] = {}
        for row in self.rows:
            if row["state"] != "live":
                continue
            anchor = row["anchor_text"] or ""
            cls = classify_anchor(anchor, row["kind"] or "text", self.site, AnchorRules())
            entry = counts.setdefault((anchor, cls), [set(), 0])
            entry[0].add(site_of(row["source_url"]))
            entry[1] += 1
        return sorted(
            ({"anchor": a, "class": c, "domains": len(d), "links": n}
             for (a, c), (d, n) in counts.items()),
            key=lambda r: (-r["domains"], r["anchor"]),
        )  # fmt: skip
