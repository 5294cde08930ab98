"""Outreach exports: the database as sheets people can work down (XLSX or CSV).

Sheets: broken-link opportunities (one row per linking page x dead target), resource-page
prospects, dead targets ranked by referring domains, guest-post pages, and the competitor
and backlink sheets. The rows come from the store (``Store.export_rows``) in one read;
files are written by ``sheet_writers.py``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from linkprospector.config import DEFAULTS, Config
from linkprospector.judge.history import confirmation_due, confirmation_text, shown_time
from linkprospector.judge.opportunity import TargetValue, rank_targets, target_values
from linkprospector.outreach.do_not_contact import DncList
from linkprospector.outreach.export_backlinks import backlink_sheets
from linkprospector.outreach.export_competitors import competitor_sheets
from linkprospector.outreach.export_guest_posts import guest_post_sheet
from linkprospector.outreach.export_pitches import pitches_sheet
from linkprospector.outreach.export_prospects import never_exported, ranked_sheet, ranking_notes
from linkprospector.outreach.pitches import Pitch
from linkprospector.outreach.ranking import Ranking, rank_prospects
from linkprospector.outreach.sheet_model import Column, Row, Sheet
from linkprospector.outreach.statuses import (
    DEAD_URL,
    NOTE,
    PAGE_URL,
    PROSPECT_URL,
    SITE,
    STATUS,
    StatusBook,
    StatusKey,
)
from linkprospector.reading.contacts import Contact, pick_best_contact
from linkprospector.store.interface import ExportQuery, ExportRows
from linkprospector.store.prospect_store import RankingRows

#: Order in which a site's contacts are listed in the "All contacts" cell.
CONTACT_ORDER = {"email": 0, "contact_page": 1, "social": 2, "about_page": 3, "author": 4}


@dataclass
class ExportOptions:
    now: datetime
    min_score: float = 0.0
    since_run: int | None = None
    one_per_site: bool = False
    confirmed_only: bool = False  # leave out dead links not confirmed yet
    confirm_hours: float = DEFAULTS.confirm_hours
    all_sites: bool = False
    contacted_days: int = 30
    mine: str | None = None  # your own domain, for the link-intersect sheet
    dnc: DncList = field(default_factory=DncList)  # the do-not-contact list, read once
    config: Config | None = None  # the prospect score's settings

    @property
    def query(self) -> ExportQuery:
        """What the store reads for these options."""
        return ExportQuery(self.min_score, self.since_run, self.confirmed_only, self.mine)


def confirmed_text(row: Row) -> str:
    """The Confirmed cell of a dead target's row (its stored confirmation state)."""
    return confirmation_text(
        row["confirmed"], row["confirmed_at"], row["first_dead_at"],
        row["consecutive_failures"], confirm_hours=row["confirm_hours"],
    )  # fmt: skip


# Who to write to, and the two columns the user fills in (read back by import-status).
OUTREACH_COLUMNS = [
    Column("Best contact", "url", 32, "best_contact"),
    Column("All contacts", "text", 50, "all_contacts"),
    Column(STATUS, "status", 15, "outreach_status"),
    Column(NOTE, "text", 30, "note"),
]
BROKEN_COLUMNS = [
    Column(PAGE_URL, "url", 50, "source_url"),
    Column("Page title", "text", 40, "title"),
    Column(SITE, "text", 22, "site"),
    Column(DEAD_URL, "url", 50, "target_url"),
    Column("Anchor text", "text", 30, "anchor_text"),
    Column("Reason", "text", 14, "reason"),
    Column("HTTP status", "number", 8, "status"),
    Column("Confirmed", "text", 44, lambda r: confirmed_text(r)),
    Column("Referring domains", "number", 10, lambda r: r["value"].referring_domains),
    Column("Wayback", "url", 40, lambda r: r["value"].wayback_url),
    *OUTREACH_COLUMNS,
    Column("First seen", "text", 20, "first_seen"),
    Column("Last checked", "text", 20, "checked_at"),
]
PROSPECT_COLUMNS = [
    Column(PROSPECT_URL, "url", 50, "url"),
    Column("Title", "text", 40, "title"),
    Column(SITE, "text", 22, "site"),
    Column("Score", "number", 7, "resource_score"),
    Column("Reasons", "text", 45, "resource_reasons"),
    Column("Outbound links", "number", 9, "outbound_links"),
    Column("Dead links on it", "number", 9, "dead_links"),
    *OUTREACH_COLUMNS,
    Column("First seen", "text", 20, "first_seen"),
]
TARGET_COLUMNS = [
    Column(DEAD_URL, "url", 50, "url"),
    Column("Host", "text", 22, "host"),
    Column("Reason", "text", 14, "reason"),
    Column("HTTP status", "number", 8, "status"),
    Column("Confirmed", "text", 44, lambda r: confirmed_text(r)),
    Column("Referring domains", "number", 10, lambda r: r["value"].referring_domains),
    Column("Referring pages", "number", 10, lambda r: r["value"].referring_pages),
    Column("Anchor texts", "text", 45, lambda r: "; ".join(r["value"].anchor_texts())),
    Column("Wayback", "url", 40, lambda r: r["value"].wayback_url),
    Column("First seen", "text", 20, "first_seen"),
    Column("Last checked", "text", 20, "checked_at"),
]


@dataclass
class Export:
    """A built export: its sheets, notes for the user, and the dead-targets line."""

    sheets: list[Sheet]
    notes: list[str]
    dead_line: str


def build_export(
    rows: ExportRows,
    options: ExportOptions,
    ranking_rows: RankingRows | None = None,
    pitches: list[Pitch] | None = None,
) -> Export:
    """The sheets and notes for the user (what was left out, and why); ``ranking_rows``
    add the Ranked prospects sheet and keep the do-not-contact list's sites off every
    sheet; ``pitches`` (``outreach/pitches.build_pitches``) add the Pitches sheet.
    Raises DncError for a broken do-not-contact file."""
    c = _Export(options, rows, ranking_rows)
    sheets = [ranked_sheet(c.ranking, c.statuses.rows)] if ranking_rows is not None else []
    sheets += [
        broken_links_sheet(c),
        prospects_sheet(c),
        dead_targets_sheet(c),
        guest_post_sheet(rows.guest_posts, c.outreach_cells),
    ]
    competitors, competitor_notes = competitor_sheets(rows.competitors, options.mine)
    sheets += competitors + backlink_sheets(rows.backlinks, options.mine)
    if pitches is not None:  # sites contacted recently stay: their sent pitches are here
        sheets.append(pitches_sheet([p for p in pitches if p.site not in c.never]))
    ranked_notes = ranking_notes(c.ranking) if ranking_rows is not None else []
    return Export(sheets, c.notes + competitor_notes + ranked_notes, c.dead_line)


@dataclass
class _Export:
    """What every sheet of one export shares; derived data is worked out on first use."""

    options: ExportOptions
    rows: ExportRows
    ranking_rows: RankingRows | None
    left_out: set[str] = field(default_factory=set)

    @cached_property
    def ranking(self) -> Ranking:
        """The prospect ranking: its cool-down is the contacted-days window (--all-sites
        lifts it, never the do-not-contact list)."""
        o = self.options
        cool_down = 0 if o.all_sites else o.contacted_days
        config = replace(o.config or DEFAULTS, contacted_days=cool_down)
        return rank_prospects(self.ranking_rows, config, o.now, o.dnc)

    @cached_property
    def never(self) -> dict[str, str]:
        """Sites no sheet may list: the do-not-contact list's."""
        if self.ranking_rows is None:
            return {}
        return never_exported(self.ranking_rows.contacts, self.options.dnc)

    @cached_property
    def values(self) -> dict[str, TargetValue]:
        """Who links to each dead target, and with what words."""
        return target_values(self.rows.dead_links)

    @cached_property
    def ranked(self) -> list[TargetValue]:
        """The dead targets, best recreation targets first."""
        return rank_targets(self.values.values())

    @cached_property
    def statuses(self) -> StatusBook:
        o = self.options
        return StatusBook.of(self.rows.statuses, o.now, o.contacted_days, o.all_sites)

    @cached_property
    def contacts(self) -> dict[str, tuple[str | None, str]]:
        return contacts_by_site(self.rows.contacts)

    @property
    def notes(self) -> list[str]:
        """What was left out, and why (once the sheets are built)."""
        notes = []
        suspected = self.rows.dead_counts.suspected
        if self.options.confirmed_only and suspected:
            notes.append(
                f"confirmed dead links only: {suspected} suspected dead target(s) left out"
            )
        by_status = self.left_out - self.never.keys()
        if by_status:
            notes.append(
                f"left out {len(by_status)} site(s) marked do_not_contact or contacted in "
                f"the last {self.options.contacted_days} days (--all-sites includes them)"
            )
        listed = self.left_out & self.never.keys()
        if listed:
            notes.append(
                f"left out {len(listed)} site(s) on the do-not-contact list (never exported)"
            )
        return notes

    @property
    def dead_line(self) -> str:
        """How many dead targets are confirmed and suspected, and when confirmation is due."""
        counts, hours = self.rows.dead_counts, self.options.confirm_hours
        line = f"dead targets: {counts.confirmed} confirmed, {counts.suspected} suspected"
        if counts.suspected:
            due = confirmation_due(counts.first_suspected_at, hours).isoformat()
            line += (
                " (left out: --confirmed-only)"
                if self.options.confirmed_only
                else f" (marked in the Confirmed column; a run after {shown_time(due)} can "
                "confirm the first)"
            )
        return line

    def judged(self, row: dict, target: str) -> dict:
        """``row`` with what its columns read: the target's value, the confirmation rule."""
        return {**row, "value": self.values[target], "confirm_hours": self.options.confirm_hours}

    def outreach_cells(self, site: str, key: StatusKey) -> dict | None:
        """The contact and status cells of a row on ``site``; None (and the site noted as
        left out) when the site is not to be contacted now."""
        if site in self.statuses.excluded or site in self.never:
            self.left_out.add(site)
            return None
        best, everything = self.contacts.get(site, (None, ""))
        return {
            "best_contact": best,
            "all_contacts": everything,
            "outreach_status": self.statuses.status_of(key),
            "note": self.statuses.note_of(key),
        }


def broken_links_sheet(c: _Export) -> Sheet:
    """One row per linking page × dead URL, best opportunities first."""
    broken = Sheet("Broken links", "broken_links.csv", BROKEN_COLUMNS)
    # Dead URLs ranked by value (as in the dead-targets sheet), then their best linking pages.
    rows = sorted(
        c.rows.broken_links,
        key=lambda r: (
            -c.values[r["target_url"]].referring_domains,
            -c.values[r["target_url"]].referring_pages,
            r["target_url"],
            -r["resource_score"],
            r["source_url"],
        ),
    )
    seen_sites: set[str] = set()
    for row in rows:
        site = row["site"]
        cells = c.outreach_cells(site, StatusKey(site, row["source_url"], row["target_url"]))
        if cells is None or (c.options.one_per_site and site in seen_sites):
            continue
        seen_sites.add(site)
        broken.add({**c.judged(row, row["target_url"]), **cells})
    return broken


def prospects_sheet(c: _Export) -> Sheet:
    """Resource pages, best first, with contacts and status."""
    prospects = Sheet("Prospects", "prospects.csv", PROSPECT_COLUMNS)
    seen_sites: set[str] = set()
    for row in c.rows.prospects:
        site = row["site"]
        cells = c.outreach_cells(site, StatusKey(site, row["url"]))
        if cells is None or (c.options.one_per_site and site in seen_sites):
            continue
        seen_sites.add(site)
        prospects.add({**row, **cells})
    return prospects


def dead_targets_sheet(c: _Export) -> Sheet:
    """Dead URLs ranked by referring domains."""
    targets = Sheet("Dead targets", "dead_targets.csv", TARGET_COLUMNS)
    info = {row["url"]: row for row in c.rows.dead_targets}
    since = c.rows.since
    for value in c.ranked:
        row = info[value.url]
        if since and (row["first_seen"] or "") < since:
            continue
        targets.add(c.judged(row, value.url))
    return targets


def contacts_by_site(rows: list[dict]) -> dict[str, tuple[str | None, str]]:
    """Per site: (best contact, every contact joined with '; ')."""
    by_site: dict[str, list[Contact]] = defaultdict(list)
    for row in rows:
        by_site[row["site"]].append(Contact(row["kind"], row["value"], row["label"]))
    result = {}
    for site, found in by_site.items():
        best = pick_best_contact(found)
        ordered = sorted(
            found,
            key=lambda c: (CONTACT_ORDER.get(c.kind, 9), c.label != "personal", c.value),
        )
        everything = "; ".join(_describe(c) for c in ordered)
        result[site] = (best.value if best else None, everything)
    return result


def _describe(contact: Contact) -> str:
    if contact.kind == "email":
        return contact.value
    if contact.kind == "social":
        return f"{contact.label}: {contact.value}" if contact.label else contact.value
    return f"{contact.kind.replace('_', ' ')}: {contact.value}"
