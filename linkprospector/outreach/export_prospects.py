"""The *Ranked prospects* sheet: one row per pitch (the owner's best page by the prospect
score), the owner's other pages and domains listed in the row, the score's reasons, the
outreach history (times contacted) and the status columns ``import-status`` reads."""

from __future__ import annotations

from pathlib import Path

from linkprospector.config import Config
from linkprospector.outreach.ranking import AUTHORITY_LABEL, Ranking, excluded_for_outreach
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

RANKED_COLUMNS = [
    Column("Rank", "number", 6),
    Column(PROSPECT_URL, "url", 50),
    Column("Title", "text", 36),
    Column(SITE, "text", 22),
    Column("Kind", "text", 12),
    Column("Prospect score", "number", 9),
    Column("Reasons", "text", 60),
    Column("Relevance", "number", 9),
    Column("Matched words", "text", 30),
    Column("Authority (crawl)", "number", 9),
    Column("Referring domains", "number", 9),
    Column("Referring domains (host)", "number", 9),
    Column("Best dead URL", "url", 40),
    Column("Dead URL referring domains", "number", 9),
    Column("Resource score", "number", 8),
    Column("Dated", "text", 11),
    Column("Best contact", "url", 32),
    Column("Other pages of this owner", "text", 50),
    Column("Shared contact", "text", 28),
    Column("Times contacted", "number", 8),
    Column("Last contacted", "text", 11),
    Column(STATUS, "status", 15),
    Column(NOTE, "text", 30),
]


def ranked_sheet(ranking: Ranking, statuses: dict) -> Sheet:
    """The pitches of ``ranking``, best first (hygiene already applied)."""
    sheet = Sheet("Ranked prospects", "ranked_prospects.csv", RANKED_COLUMNS)
    by_url = ranking.by_url()
    for number, pitch in enumerate(ranking.plan.pitches, start=1):
        p = by_url[pitch.best.url]
        s = p.signals
        others = [f"{o.url} ({o.score:.0f})" for o in pitch.others]
        other_sites = [site for site in pitch.sites if site != p.site]
        if other_sites:
            others.append("same owner: " + ", ".join(other_sites))
        key = StatusKey(p.site, p.url)
        sheet.rows.append(
            [
                number,
                p.url,
                p.title,
                p.site,
                p.kind.replace("_", " "),
                p.score,
                "; ".join(p.reasons),
                s.relevance,
                ", ".join(s.matched),
                s.authority,
                s.referring_domains,
                s.host_referring_domains,
                p.best_dead_target,
                s.dead_link_domains if p.best_dead_target else None,
                s.resource,
                s.dated,
                p.best_contact,
                "; ".join(others),
                ", ".join(pitch.shared_emails),
                max((p.times_pitched, *(by_url[o.url].times_pitched for o in pitch.others))),
                p.last_pitched,
                effective_status(statuses, key),
                stored_note(statuses, key),
            ]
        )
    return sheet


def ranking_notes(ranking: Ranking) -> list[str]:
    """What the user should know about the ranked sheet: hidden and left-out prospects."""
    notes = list(ranking.notes)
    if ranking.niche is None or ranking.niche.empty:
        notes.append(
            "no niche described (linkprospector niche set …, -a niche=…, or [niche] in the "
            "nightly config): prospects are ranked without relevance"
        )
    if ranking.hidden:
        notes.append(
            f"{len(ranking.hidden)} prospect(s) hidden as off-niche "
            "(relevance under LINKPROSPECTOR_RELEVANCE_MIN)"
        )
    left_out = ranking.plan.left_out
    # Listed entries are counted, never named: the list itself is not for sharing.
    blocked = sum(1 for why in left_out.values() if why.startswith("do not contact"))
    cooling = sorted({why for why in left_out.values() if not why.startswith("do not contact")})
    if blocked:
        notes.append(f"ranked prospects: {blocked} site(s) on the do-not-contact list left out")
    if cooling:
        notes.append("ranked prospects: not pitched again yet: " + "; ".join(cooling[:5]))
    notes.append(f"Authority is {AUTHORITY_LABEL}, not a web-wide index")
    return notes


def never_exported(
    contacts: dict[str, list[tuple[str, str, str]]], config: Config, db_path: str | Path
) -> dict:
    """Sites that no sheet may list (the do-not-contact list), for ``build_export``."""
    return excluded_for_outreach(contacts, config, db_path)
