"""The *Pitches* sheet: one row per opportunity (linking page × dead target) with the best
replacement on the user's site, the draft pitch and its proof."""

from __future__ import annotations

from collections.abc import Callable

from linkprospector.outreach.pitches import Pitch
from linkprospector.outreach.sheet_model import Column, Sheet


def _best(field: str) -> Callable[[Pitch], object]:
    """The best replacement's ``field`` ('' without one)."""
    return lambda p: (p.replacement or {}).get(field, "")


def _others(alternatives: list[dict]) -> str:
    return "; ".join(f"{a['url']} ({a['score']})" for a in alternatives)


PITCH_COLUMNS = [
    Column("Pitch status", "text", 12, lambda p: p.status),
    Column("Linking page", "url", 45, lambda p: p.page_url),
    Column("Dead URL", "url", 45, lambda p: p.target_url),
    Column("Anchor", "text", 25, lambda p: p.anchor),
    Column("Replacement", "url", 45, lambda p: p.replacement_cell),
    Column("Score", "number", 7, _best("score")),
    Column("Matched words", "text", 30, _best("matched")),
    Column("Other candidates", "text", 45, lambda p: _others(p.alternatives)),
    Column("Contact", "url", 30, lambda p: p.contact),
    Column("Contact name", "text", 18, lambda p: p.contact_name),
    Column("Pitch", "text", 80, lambda p: p.text),
    Column("Proof", "text", 80, lambda p: "\n".join(p.proof)),
    Column("Won check", "text", 40, lambda p: p.won),
    Column("Note", "text", 30, lambda p: p.note),
]


def pitches_sheet(pitches: list[Pitch]) -> Sheet:
    """Pitches with a replacement first (by score), then the ones without (the pitches as
    ``build_pitches`` made them: no do-not-contact site among them; sites contacted
    recently stay, their sent pitches are tracked here)."""
    sheet = Sheet("Pitches", "pitches.csv", PITCH_COLUMNS)
    ordered = sorted(
        pitches,
        key=lambda p: (
            p.replacement is None,
            -(p.replacement or {}).get("score", 0),
            p.target_url,
            p.page_url,
        ),
    )
    for pitch in ordered:
        sheet.add(pitch)
    return sheet
