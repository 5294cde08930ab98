"""The top of the prospect ranking as the report and ``summary`` show it: one row per
pitch (do-not-contact and cool-down applied), best first, with the score's reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from linkprospector.config import Config
from linkprospector.outreach.do_not_contact import DncList
from linkprospector.outreach.export_prospects import ranking_notes
from linkprospector.outreach.ranking import AUTHORITY_LABEL, excluded_for_outreach, rank_prospects
from linkprospector.store.prospect_store import RankingRows

REPORT_ROWS = 50
RANKED_HEADERS = ["#", "Page", "Site", "Score", "Relevance", "Authority", "Reasons", "Also"]


def top_ranked(
    rows: RankingRows, config: Config, now: datetime, dnc: DncList, limit: int
) -> tuple[list[dict], list[str]]:
    """The best ``limit`` pitches as dicts, and the notes that go with them."""
    ranking = rank_prospects(rows, config, now, dnc)
    by_url = ranking.by_url()
    found = []
    for number, pitch in enumerate(ranking.plan.pitches[:limit], start=1):
        p = by_url[pitch.best.url]
        also = [o.url for o in pitch.others] + [s for s in pitch.sites if s != p.site]
        found.append(
            {
                "rank": number,
                "url": p.url,
                "site": p.site,
                "title": p.title,
                "score": p.score,
                "relevance": p.signals.relevance,
                "authority": p.signals.authority,
                "reasons": "; ".join(p.reasons),
                "also": ", ".join(also),
            }
        )
    return found, ranking_notes(ranking)


def ranked_summary_lines(
    ranking_rows: RankingRows, config: Config, now: datetime, dnc: DncList, top: int
) -> list[str]:
    """``summary``'s list of the best pitches, each with its reasons."""
    rows, notes = top_ranked(ranking_rows, config, now, dnc, top)
    lines = [f"top prospects by prospect score (0-100; {AUTHORITY_LABEL}):"]
    for row in rows:
        lines.append(f"  {row['score']:5.1f}  {row['url']}  {row['title'][:50]!r}")
        lines.append(f"         {row['reasons']}")
        if row["also"]:
            lines.append(f"         also: {row['also']}")
    if not rows:
        lines.append("  (none yet)")
    lines += [f"  note: {n}" for n in notes if not n.startswith("Authority is")]
    return lines


@dataclass
class ReportRanking:
    """What the prospect ranking adds: the best pitches, their notes, and the sites on
    the do-not-contact list (never shown)."""

    ranked: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)


def report_ranking(rows: RankingRows, config: Config, now: datetime, dnc: DncList) -> ReportRanking:
    """The ranking of the stored prospects, none of the do-not-contact list's sites."""
    blocked = set(excluded_for_outreach(rows.contacts, dnc))
    ranked, notes = top_ranked(rows, config, now, dnc, REPORT_ROWS)
    return ReportRanking(ranked, notes, blocked)
