"""The *Pitches* sheet: one row per opportunity (linking page × dead target)
with the best replacement on the user's site, the draft pitch and its proof."""

from __future__ import annotations

from collections.abc import Collection

import sqlite_utils

from linkprospector.config import DEFAULTS
from linkprospector.judge.pitch_template import DEFAULT_TEMPLATE
from linkprospector.outreach.pitches import build_pitches
from linkprospector.outreach.sheet_model import Column, Sheet

PITCH_COLUMNS = [
    Column("Pitch status", "text", 12),
    Column("Linking page", "url", 45),
    Column("Dead URL", "url", 45),
    Column("Anchor", "text", 25),
    Column("Replacement", "url", 45),
    Column("Score", "number", 7),
    Column("Matched words", "text", 30),
    Column("Other candidates", "text", 45),
    Column("Contact", "url", 30),
    Column("Contact name", "text", 18),
    Column("Pitch", "text", 80),
    Column("Proof", "text", 80),
    Column("Won check", "text", 40),
    Column("Note", "text", 30),
]


def pitches_sheet(
    db: sqlite_utils.Database,
    template: str = DEFAULT_TEMPLATE,
    min_score: float = DEFAULTS.pitch_min_score,
    excluded: Collection[str] = frozenset(),
) -> Sheet:
    """Pitches with a replacement first (by score), then the ones without; none on the
    ``excluded`` (do-not-contact) sites. Sites contacted recently stay: their sent pitches
    are tracked here."""
    sheet = Sheet("Pitches", "pitches.csv", PITCH_COLUMNS)
    pitches = build_pitches(db, template, min_score=min_score, excluded=excluded)
    pitches.sort(
        key=lambda p: (
            p.replacement is None,
            -(p.replacement or {}).get("score", 0),
            p.target_url,
            p.page_url,
        )
    )
    for p in pitches:
        best = p.replacement or {}
        sheet.rows.append([
            p.status, p.page_url, p.target_url, p.anchor, p.replacement_cell,
            best.get("score", ""), best.get("matched", ""),
            "; ".join(f"{a['url']} ({a['score']})" for a in p.alternatives),
            p.contact, p.contact_name, p.text, "\n".join(p.proof), p.won, p.note,
        ])  # fmt: skip
    return sheet
