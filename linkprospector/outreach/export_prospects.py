"""The *Ranked prospects* sheet: one row per pitch (the owner's best page by the prospect
score), the owner's other pages and domains listed in the row, the score's reasons, the
outreach history (times contacted) and the status columns ``import-status`` reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from linkprospector.outreach.do_not_contact import DncList
from linkprospector.outreach.ranking import (
    AUTHORITY_LABEL,
    RankedProspect,
    Ranking,
    excluded_for_outreach,
)
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


@dataclass(frozen=True)
class RankedRow:
    """One row of the sheet: a pitch (the owner's best page and the rest of the owner) with
    its rank and outreach status."""

    rank: int
    best: RankedProspect  # the owner's best page, scored
    others: str  # the owner's other pages and domains, one cell
    shared_emails: str
    times_contacted: int
    status: str
    note: str


def _signal(field: str) -> Callable[[RankedRow], Any]:
    """The best page's prospect-score signal ``field``."""
    return lambda r: getattr(r.best.signals, field)


def _dead_link_domains(r: RankedRow) -> Any:
    # Only meaningful next to the dead URL it counts the referring domains of.
    return r.best.signals.dead_link_domains if r.best.best_dead_target else None


RANKED_COLUMNS = [
    Column("Rank", "number", 6, lambda r: r.rank),
    Column(PROSPECT_URL, "url", 50, lambda r: r.best.url),
    Column("Title", "text", 36, lambda r: r.best.title),
    Column(SITE, "text", 22, lambda r: r.best.site),
    Column("Kind", "text", 12, lambda r: r.best.kind.replace("_", " ")),
    Column("Prospect score", "number", 9, lambda r: r.best.score),
    Column("Reasons", "text", 60, lambda r: "; ".join(r.best.reasons)),
    Column("Relevance", "number", 9, _signal("relevance")),
    Column("Matched words", "text", 30, lambda r: ", ".join(r.best.signals.matched)),
    Column("Authority (crawl)", "number", 9, _signal("authority")),
    Column("Referring domains", "number", 9, _signal("referring_domains")),
    Column("Referring domains (host)", "number", 9, _signal("host_referring_domains")),
    Column("Best dead URL", "url", 40, lambda r: r.best.best_dead_target),
    Column("Dead URL referring domains", "number", 9, _dead_link_domains),
    Column("Resource score", "number", 8, _signal("resource")),
    Column("Dated", "text", 11, _signal("dated")),
    Column("Best contact", "url", 32, lambda r: r.best.best_contact),
    Column("Other pages of this owner", "text", 50, lambda r: r.others),
    Column("Shared contact", "text", 28, lambda r: r.shared_emails),
    Column("Times contacted", "number", 8, lambda r: r.times_contacted),
    Column("Last contacted", "text", 11, lambda r: r.best.last_pitched),
    Column(STATUS, "status", 15, lambda r: r.status),
    Column(NOTE, "text", 30, lambda r: r.note),
]


def ranked_sheet(ranking: Ranking, statuses: dict) -> Sheet:
    """The pitches of ``ranking``, best first (hygiene already applied)."""
    sheet = Sheet("Ranked prospects", "ranked_prospects.csv", RANKED_COLUMNS)
    by_url = ranking.by_url()
    for number, pitch in enumerate(ranking.plan.pitches, start=1):
        p = by_url[pitch.best.url]
        others = [f"{o.url} ({o.score:.0f})" for o in pitch.others]
        other_sites = [site for site in pitch.sites if site != p.site]
        if other_sites:
            others.append("same owner: " + ", ".join(other_sites))
        key = StatusKey(p.site, p.url)
        sheet.add(
            RankedRow(
                rank=number,
                best=p,
                others="; ".join(others),
                shared_emails=", ".join(pitch.shared_emails),
                times_contacted=max(
                    (p.times_pitched, *(by_url[o.url].times_pitched for o in pitch.others))
                ),
                status=effective_status(statuses, key),
                note=stored_note(statuses, key),
            )
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


def never_exported(contacts: dict[str, list[tuple[str, str, str]]], dnc: DncList) -> dict:
    """Sites that no sheet may list (the do-not-contact list), for ``build_export``."""
    return excluded_for_outreach(contacts, dnc)
