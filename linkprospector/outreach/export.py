"""Outreach exports: the database as sheets people can work down (XLSX or CSV).

Sheets: broken-link opportunities (one row per linking page x dead target), resource-page
prospects, dead targets ranked by referring domains, guest-post pages, and the competitor
sheets. Files are written by ``sheet_writers.py``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from linkprospector.config import DEFAULTS, Config
from linkprospector.judge.history import confirmation_due, confirmation_text
from linkprospector.judge.opportunity import rank_targets, target_values, wayback_url
from linkprospector.judge.pitch_template import DEFAULT_TEMPLATE
from linkprospector.outreach.export_backlinks import backlink_sheets
from linkprospector.outreach.export_guest_posts import guest_post_sheet
from linkprospector.outreach.export_prospects import never_exported
from linkprospector.outreach.sheet_model import Column, Sheet
from linkprospector.outreach.statuses import (
    DEAD_URL,
    NOTE,
    PAGE_URL,
    PROSPECT_URL,
    SITE,
    STATUS,
    StatusKey,
    effective_status,
    excluded_sites,
    load_statuses,
    stored_note,
)
from linkprospector.reading.contacts import Contact, pick_best_contact

#: Order in which a site's contacts are listed in the "All contacts" cell.
CONTACT_ORDER = {"email": 0, "contact_page": 1, "social": 2, "about_page": 3, "author": 4}


class ExportError(Exception):
    """The export cannot be made; the message is one line for the user."""


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
    mine: str | None = None  # issue 7: your own domain, for the link-intersect sheet
    db_path: str = DEFAULTS.db  # the do-not-contact file sits beside it
    config: Config | None = None  # the prospect score's settings
    pitch_template: str = DEFAULT_TEMPLATE  # the text of the pitch template
    pitch_min_score: float = DEFAULTS.pitch_min_score


# Who to write to, and the two columns the user fills in (read back by import-status).
OUTREACH_COLUMNS = [
    Column("Best contact", "url", 32),
    Column("All contacts", "text", 50),
    Column(STATUS, "status", 15),
    Column(NOTE, "text", 30),
]
BROKEN_COLUMNS = [
    Column(PAGE_URL, "url", 50),
    Column("Page title", "text", 40),
    Column(SITE, "text", 22),
    Column(DEAD_URL, "url", 50),
    Column("Anchor text", "text", 30),
    Column("Reason", "text", 14),
    Column("HTTP status", "number", 8),
    Column("Confirmed", "text", 44),
    Column("Referring domains", "number", 10),
    Column("Wayback", "url", 40),
    *OUTREACH_COLUMNS,
    Column("First seen", "text", 20),
    Column("Last checked", "text", 20),
]
PROSPECT_COLUMNS = [
    Column(PROSPECT_URL, "url", 50),
    Column("Title", "text", 40),
    Column(SITE, "text", 22),
    Column("Score", "number", 7),
    Column("Reasons", "text", 45),
    Column("Outbound links", "number", 9),
    Column("Dead links on it", "number", 9),
    *OUTREACH_COLUMNS,
    Column("First seen", "text", 20),
]
TARGET_COLUMNS = [
    Column(DEAD_URL, "url", 50),
    Column("Host", "text", 22),
    Column("Reason", "text", 14),
    Column("HTTP status", "number", 8),
    Column("Confirmed", "text", 44),
    Column("Referring domains", "number", 10),
    Column("Referring pages", "number", 10),
    Column("Anchor texts", "text", 45),
    Column("Wayback", "url", 40),
    Column("First seen", "text", 20),
    Column("Last checked", "text", 20),
]


#: Confirmation state of target ``t``: confirmed, confirmed_at, first_dead_at, failures.
CONFIRMATION = "coalesce(t.confirmed, 0), t.confirmed_at, t.first_dead_at, t.consecutive_failures"


def dead_target_counts(db: sqlite_utils.Database, confirm_hours: float) -> tuple[int, int, str]:
    """(confirmed, suspected, when the earliest suspected one can be confirmed)."""
    confirmed, suspected, first_dead = db.execute(
        "SELECT sum(coalesce(confirmed, 0) = 1), sum(coalesce(confirmed, 0) = 0), "
        "min(CASE WHEN coalesce(confirmed, 0) = 0 THEN first_dead_at END) "
        "FROM targets WHERE verdict = 'dead'"
    ).fetchone()
    due = confirmation_due(first_dead, confirm_hours).isoformat() if first_dead else ""
    return confirmed or 0, suspected or 0, due


def build_sheets(
    db: sqlite_utils.Database, options: ExportOptions
) -> tuple[list[Sheet], list[str]]:
    """The sheets and notes for the user (what was left out, and why)."""
    notes: list[str] = []
    since = _run_start(db, options.since_run) if options.since_run is not None else None
    dead_filter = "t.verdict = 'dead'"
    _, suspected, _ = dead_target_counts(db, options.confirm_hours)
    if options.confirmed_only:
        dead_filter += " AND coalesce(t.confirmed, 0) = 1"
        if suspected:
            notes.append(
                f"confirmed dead links only: {suspected} suspected dead target(s) left out"
            )

    statuses = load_statuses(db)
    excluded = (
        {} if options.all_sites else excluded_sites(statuses, options.now, options.contacted_days)
    )
    ranked, ranked_notes = _ranked(db, options, statuses)
    never = never_exported(db, options.config or DEFAULTS, options.db_path)
    excluded.update(never)
    contacts = _contacts_by_site(db)
    values = target_values(
        db.execute(
            f"SELECT l.target_url, l.source_url, l.source_site, l.anchor_text "
            f"FROM links l JOIN targets t ON t.url = l.target_url WHERE {dead_filter}"
        ).fetchall()
    )
    c = _Export(db, options, dead_filter, since, statuses, excluded, contacts, values, set())
    broken, prospects, targets = broken_links_sheet(c), prospects_sheet(c), dead_targets_sheet(c)
    left_out = c.left_out

    guests = guest_post_sheet(db, contacts, statuses, excluded, left_out)  # issue 14
    if left_out - never.keys():
        notes.append(
            f"left out {len(left_out - never.keys())} site(s) marked do_not_contact or "
            f"contacted in the last {options.contacted_days} days (--all-sites includes them)"
        )
    if left_out & never.keys():
        notes.append(
            f"left out {len(left_out & never.keys())} site(s) on the do-not-contact list "
            "(never exported)"
        )
    from linkprospector.outreach.export_competitors import competitor_sheets  # issue 7

    extra, extra_notes = competitor_sheets(db, options.mine)
    extra += backlink_sheets(db, options.mine)  # issue 13
    from linkprospector.outreach.export_pitches import pitches_sheet

    extra.append(pitches_sheet(db, options.pitch_template, options.pitch_min_score, never))
    return [ranked, broken, prospects, targets, guests, *extra], notes + extra_notes + ranked_notes


def _ranked(db: sqlite_utils.Database, options: ExportOptions, statuses: dict) -> tuple:
    """The Ranked prospects sheet and its notes (the cool-down is the
    contacted-days window; --all-sites lifts it, never the do-not-contact list)."""
    from dataclasses import replace

    from linkprospector.outreach.export_prospects import ranked_sheet, ranking_notes
    from linkprospector.outreach.ranking import rank_prospects

    config = replace(
        options.config or DEFAULTS,
        contacted_days=0 if options.all_sites else options.contacted_days,
    )
    ranking = rank_prospects(db, config, options.now, options.db_path)
    return ranked_sheet(ranking, statuses), ranking_notes(ranking)


@dataclass
class _Export:
    """What every sheet of one export shares."""

    db: sqlite_utils.Database
    options: ExportOptions
    dead_filter: str  # SQL over targets ``t``: the dead targets exported
    since: str | None
    statuses: dict
    excluded: dict
    contacts: dict[str, tuple[str | None, str]]
    values: dict
    left_out: set[str]

    def confirmed_cell(self, state: tuple) -> str:
        return confirmation_text(*state, confirm_hours=self.options.confirm_hours)


def broken_links_sheet(c: _Export) -> Sheet:
    """One row per linking page × dead URL, best opportunities first."""
    broken = Sheet("Broken links", "broken_links.csv", BROKEN_COLUMNS)
    params: list = [c.options.min_score]
    where = f"{c.dead_filter} AND coalesce(p.resource_score, 0) >= ?"
    if c.since:
        where += " AND l.first_seen >= ?"
        params.append(c.since)
    rows = c.db.execute(
        f"""SELECT l.source_url, p.title, coalesce(p.site, l.source_site) AS site,
                   l.target_url, l.anchor_text, t.reason, t.status, l.first_seen,
                   t.checked_at, coalesce(p.resource_score, 0), {CONFIRMATION}
            FROM links l JOIN targets t ON t.url = l.target_url
            LEFT JOIN pages p ON p.url = l.source_url
            WHERE {where}""",
        params,
    ).fetchall()
    # Dead URLs ranked by value (as in the dead-targets sheet), then their best linking pages.
    rows.sort(
        key=lambda r: (
            -c.values[r[3]].referring_domains,
            -c.values[r[3]].referring_pages,
            r[3],
            -r[9],
            r[0],
        )
    )
    seen_sites: set[str] = set()
    for page, title, site, target, anchor, reason, status, first, checked, _s, *conf in rows:
        if site in c.excluded:
            c.left_out.add(site)
            continue
        if c.options.one_per_site and site in seen_sites:
            continue
        seen_sites.add(site)
        key = StatusKey(site, page, target)
        best, everything = c.contacts.get(site, (None, ""))
        broken.rows.append(
            [
                page,
                title or "",
                site,
                target,
                anchor or "",
                reason,
                status,
                c.confirmed_cell(conf),
                c.values[target].referring_domains,
                wayback_url(target),
                best,
                everything,
                effective_status(c.statuses, key),
                stored_note(c.statuses, key),
                first,
                checked,
            ]
        )

    return broken


def prospects_sheet(c: _Export) -> Sheet:
    """Resource pages, best first, with contacts and status."""
    prospects = Sheet("Prospects", "prospects.csv", PROSPECT_COLUMNS)
    params = [c.options.min_score]
    where = "p.is_resource = 1 AND p.resource_score >= ?"
    if c.since:
        where += " AND p.first_seen >= ?"
        params.append(c.since)
    seen_sites = set()
    for url, title, site, score, reasons, outbound, dead, first in c.db.execute(
        f"""SELECT p.url, p.title, p.site, p.resource_score, p.resource_reasons,
                   p.outbound_links,
                   (SELECT count(*) FROM links l JOIN targets t ON t.url = l.target_url
                    WHERE l.source_url = p.url AND {c.dead_filter}),
                   p.first_seen
            FROM pages p WHERE {where}
            ORDER BY p.resource_score DESC, p.url""",
        params,
    ).fetchall():
        if site in c.excluded:
            c.left_out.add(site)
            continue
        if c.options.one_per_site and site in seen_sites:
            continue
        seen_sites.add(site)
        key = StatusKey(site, url)
        best, everything = c.contacts.get(site, (None, ""))
        prospects.rows.append(
            [
                url,
                title or "",
                site,
                score,
                reasons or "",
                outbound,
                dead,
                best,
                everything,
                effective_status(c.statuses, key),
                stored_note(c.statuses, key),
                first,
            ]
        )

    return prospects


def dead_targets_sheet(c: _Export) -> Sheet:
    """Dead URLs ranked by referring domains."""
    targets = Sheet("Dead targets", "dead_targets.csv", TARGET_COLUMNS)
    info = {
        row[0]: row
        for row in c.db.execute(
            f"SELECT t.url, t.host, t.reason, t.status, t.first_seen, t.checked_at, "
            f"{CONFIRMATION} FROM targets t WHERE {c.dead_filter}"
        ).fetchall()
    }
    for value in rank_targets(c.values.values()):
        url, host, reason, status, first, checked, *conf = info[value.url]
        if c.since and (first or "") < c.since:
            continue
        targets.rows.append(
            [
                url,
                host,
                reason,
                status,
                c.confirmed_cell(conf),
                value.referring_domains,
                value.referring_pages,
                "; ".join(value.anchor_texts()),
                value.wayback_url,
                first,
                checked,
            ]
        )
    return targets


def _contacts_by_site(db: sqlite_utils.Database) -> dict[str, tuple[str | None, str]]:
    """Per site: (best contact, every contact joined with '; ')."""
    by_site: dict[str, list[Contact]] = defaultdict(list)
    for site, kind, value, label in db.execute(
        "SELECT site, kind, value, coalesce(label, '') FROM contacts ORDER BY site, kind, value"
    ).fetchall():
        by_site[site].append(Contact(kind, value, label))
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


def _run_start(db: sqlite_utils.Database, run_id: int) -> str:
    row = db.execute("SELECT started_at FROM runs WHERE id = ?", [run_id]).fetchone()
    if row is None:
        raise ExportError(f"no run {run_id} in this database (see the runs table)")
    return row[0]
