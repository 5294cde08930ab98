"""Outreach exports: the database as sheets people can work down (XLSX or CSV).

Three sheets: broken-link opportunities (one row per linking page x dead target),
resource-page prospects, and dead targets ranked by referring domains. Every text cell
goes through ``spreadsheet_safety``: written as a string in XLSX, escaped in CSV.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from linkprospector.config import DEFAULTS
from linkprospector.judge.history import confirmation_due, confirmation_text
from linkprospector.judge.opportunity import rank_targets, target_values, wayback_url
from linkprospector.outreach.export_guest_posts import guest_post_sheet
from linkprospector.outreach.sheet_model import Column, Sheet
from linkprospector.outreach.spreadsheet_safety import cell_text, csv_cell, is_formula_like
from linkprospector.outreach.statuses import (
    DEAD_URL,
    NOTE,
    PAGE_URL,
    PROSPECT_URL,
    SITE,
    STATUS,
    STATUSES,
    StatusKey,
    effective_status,
    excluded_sites,
    load_statuses,
    stored_note,
)
from linkprospector.reading.contacts import Contact, pick_best_contact

#: Order in which a site's contacts are listed in the "All contacts" cell.
CONTACT_ORDER = {"email": 0, "contact_page": 1, "social": 2, "about_page": 3, "author": 4}
#: Excel ignores longer hyperlink targets.
MAX_HYPERLINK = 2079


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
    """The three sheets and notes for the user (what was left out, and why)."""
    notes: list[str] = []
    since = _run_start(db, options.since_run) if options.since_run is not None else None
    dead_filter = "t.verdict = 'dead'"
    confirmed, suspected, due = dead_target_counts(db, options.confirm_hours)
    if options.confirmed_only:
        dead_filter += " AND coalesce(t.confirmed, 0) = 1"
        if suspected:
            notes.append(
                f"confirmed dead links only: {suspected} suspected dead target(s) left out"
            )

    def confirmed_cell(state: tuple) -> str:
        return confirmation_text(*state, confirm_hours=options.confirm_hours)

    statuses = load_statuses(db)
    excluded = (
        {} if options.all_sites else excluded_sites(statuses, options.now, options.contacted_days)
    )
    contacts = _contacts_by_site(db)
    values = target_values(
        db.execute(
            f"SELECT l.target_url, l.source_url, l.source_site, l.anchor_text "
            f"FROM links l JOIN targets t ON t.url = l.target_url WHERE {dead_filter}"
        ).fetchall()
    )
    left_out: set[str] = set()

    broken = Sheet("Broken links", "broken_links.csv", BROKEN_COLUMNS)
    params: list = [options.min_score]
    where = f"{dead_filter} AND coalesce(p.resource_score, 0) >= ?"
    if since:
        where += " AND l.first_seen >= ?"
        params.append(since)
    rows = db.execute(
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
            -values[r[3]].referring_domains,
            -values[r[3]].referring_pages,
            r[3],
            -r[9],
            r[0],
        )
    )
    seen_sites: set[str] = set()
    for page, title, site, target, anchor, reason, status, first, checked, _s, *conf in rows:
        if site in excluded:
            left_out.add(site)
            continue
        if options.one_per_site and site in seen_sites:
            continue
        seen_sites.add(site)
        key = StatusKey(site, page, target)
        best, everything = contacts.get(site, (None, ""))
        broken.rows.append(
            [
                page,
                title or "",
                site,
                target,
                anchor or "",
                reason,
                status,
                confirmed_cell(conf),
                values[target].referring_domains,
                wayback_url(target),
                best,
                everything,
                effective_status(statuses, key),
                stored_note(statuses, key),
                first,
                checked,
            ]
        )

    prospects = Sheet("Prospects", "prospects.csv", PROSPECT_COLUMNS)
    params = [options.min_score]
    where = "p.is_resource = 1 AND p.resource_score >= ?"
    if since:
        where += " AND p.first_seen >= ?"
        params.append(since)
    seen_sites = set()
    for url, title, site, score, reasons, outbound, dead, first in db.execute(
        f"""SELECT p.url, p.title, p.site, p.resource_score, p.resource_reasons,
                   p.outbound_links,
                   (SELECT count(*) FROM links l JOIN targets t ON t.url = l.target_url
                    WHERE l.source_url = p.url AND {dead_filter}),
                   p.first_seen
            FROM pages p WHERE {where}
            ORDER BY p.resource_score DESC, p.url""",
        params,
    ).fetchall():
        if site in excluded:
            left_out.add(site)
            continue
        if options.one_per_site and site in seen_sites:
            continue
        seen_sites.add(site)
        key = StatusKey(site, url)
        best, everything = contacts.get(site, (None, ""))
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
                effective_status(statuses, key),
                stored_note(statuses, key),
                first,
            ]
        )

    targets = Sheet("Dead targets", "dead_targets.csv", TARGET_COLUMNS)
    info = {
        row[0]: row
        for row in db.execute(
            f"SELECT t.url, t.host, t.reason, t.status, t.first_seen, t.checked_at, "
            f"{CONFIRMATION} FROM targets t WHERE {dead_filter}"
        ).fetchall()
    }
    for value in rank_targets(values.values()):
        url, host, reason, status, first, checked, *conf = info[value.url]
        if since and (first or "") < since:
            continue
        targets.rows.append(
            [
                url,
                host,
                reason,
                status,
                confirmed_cell(conf),
                value.referring_domains,
                value.referring_pages,
                "; ".join(value.anchor_texts()),
                value.wayback_url,
                first,
                checked,
            ]
        )
    guests = guest_post_sheet(db, contacts, statuses, excluded, left_out)  # issue 14
    if left_out:
        notes.append(
            f"left out {len(left_out)} site(s) marked do_not_contact or contacted in the "
            f"last {options.contacted_days} days (--all-sites includes them)"
        )
    from linkprospector.outreach.export_competitors import competitor_sheets  # issue 7

    extra, extra_notes = competitor_sheets(db, options.mine)
    return [broken, prospects, targets, guests, *extra], notes + extra_notes


def write_xlsx(sheets: list[Sheet], path: Path) -> None:
    """One worksheet per sheet: frozen bold header, filters, clickable links, widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    workbook.remove(workbook.active)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="305496")
    link_font = Font(color="0563C1", underline="single")
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.name)
        ws.append([c.header for c in sheet.columns])
        for cell in ws[1]:
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(vertical="center")
        for values in sheet.rows:
            ws.append([None] * len(sheet.columns))
            row = ws.max_row
            for index, (column, value) in enumerate(
                zip(sheet.columns, values, strict=True), start=1
            ):
                cell = ws.cell(row=row, column=index)
                _fill_cell(cell, column, value, link_font)
        last = get_column_letter(len(sheet.columns))
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 1)}"
        for index, column in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = _width(sheet, index - 1)
            if column.kind == "status" and sheet.rows:
                letter = get_column_letter(index)
                validation = DataValidation(
                    type="list", formula1=f'"{",".join(STATUSES)}"', allow_blank=True
                )
                validation.add(f"{letter}2:{letter}{ws.max_row}")
                ws.add_data_validation(validation)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    workbook.close()


def write_csv(sheets: list[Sheet], directory: Path, bom: bool = False) -> list[Path]:
    """One UTF-8 CSV per sheet in ``directory`` (with a byte-order mark for Excel if asked)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet in sheets:
        path = directory / sheet.filename
        with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.header for c in sheet.columns])
            for values in sheet.rows:
                writer.writerow(
                    [
                        "" if v is None else v if isinstance(v, int | float) else csv_cell(v)
                        for v in values
                    ]
                )
        written.append(path)
    return written


def _fill_cell(cell, column: Column, value, link_font) -> None:  # noqa: ANN001 - openpyxl
    if value is None or value == "":
        return
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
        return
    text = cell_text(value)
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if is_formula_like(text):
        cell.quotePrefix = True  # and stays text when someone edits the cell
    target = _link_target(text) if column.kind == "url" else None
    if target:
        cell.hyperlink = target
        cell.font = link_font


def _link_target(text: str) -> str | None:
    if len(text) > MAX_HYPERLINK:
        return None
    if text.startswith(("http://", "https://")):
        return text
    if "@" in text and " " not in text and "/" not in text:
        return f"mailto:{text}"
    return None


def _width(sheet: Sheet, index: int) -> float:
    column = sheet.columns[index]
    longest = max([len(str(row[index] or "")) for row in sheet.rows[:500]] + [0])
    return float(max(len(column.header) + 3, min(longest + 2, column.width), 6))


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
