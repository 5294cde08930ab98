"""Outreach status per site or per opportunity, kept in the ``outreach`` table.

Crawls never write this table, so re-crawls never reset a status. A status row is keyed
by (site, page_url, target_url): ``page_url`` and ``target_url`` empty for the whole site,
``target_url`` empty for a resource-page prospect, both set for one broken-link
opportunity. The most specific row wins; without one a row is ``new``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from linkprospector import clock
from linkprospector.outreach.spreadsheet_safety import unescape_csv_cell
from linkprospector.reading.urls import site_of

STATUSES = ("new", "contacted", "replied", "won", "lost", "do_not_contact")
#: Statuses that mean the site has been written to.
CONTACTED = frozenset({"contacted", "replied", "won", "lost"})

# Column headers shared by the export (writer) and import-status (reader).
SITE = "Site"
PAGE_URL = "Page URL"
PROSPECT_URL = "URL"
DEAD_URL = "Dead URL"
STATUS = "Status"
NOTE = "Note"


class StatusError(ValueError):
    """Bad status input; the message is one line for the user."""


@dataclass(frozen=True)
class StatusKey:
    """What a status is about: a site, a prospect page, or one broken-link opportunity."""

    site: str
    page_url: str = ""
    target_url: str = ""


@dataclass(frozen=True)
class StatusChange:
    key: StatusKey
    status: str
    note: str | None = None  # None: keep the stored note


def parse_status(text: str) -> str:
    """A status from user text ('Do not contact', 'REPLIED', 'do-not-contact', ...)."""
    status = re.sub(r"[\s\-]+", "_", (text or "").strip().lower())
    if status not in STATUSES:
        raise StatusError(f"unknown status {text!r} (one of: {', '.join(STATUSES)})")
    return status


def normalise_site(text: str) -> str:
    """The site (registrable domain) of a URL or host name typed by a user."""
    text = (text or "").strip()
    if not text:
        raise StatusError("empty site")
    site = site_of(text if "://" in text else f"http://{text}")
    if not site:
        raise StatusError(f"not a site or URL: {text!r}")
    return site


def statuses_by_key(rows: Iterable[dict]) -> dict[StatusKey, dict]:
    """Stored status rows by key."""
    return {StatusKey(row["site"], row["page_url"], row["target_url"]): row for row in rows}


def effective_status(statuses: dict[StatusKey, dict], key: StatusKey) -> str:
    """The status of ``key``: its own row, else its site's row, else ``new``."""
    for candidate in (key, StatusKey(key.site)):
        row = statuses.get(candidate)
        if row is not None:
            return row["status"]
    return "new"


def stored_note(statuses: dict[StatusKey, dict], key: StatusKey) -> str:
    row = statuses.get(key)
    return (row or {}).get("note") or ""


def excluded_sites(
    statuses: dict[StatusKey, dict], now: datetime, contacted_days: int
) -> dict[str, str]:
    """Sites to leave out of new exports, with the reason: ``do_not_contact`` anywhere on
    the site, or contacted less than ``contacted_days`` days before ``now``."""
    since = now - timedelta(days=contacted_days)
    excluded: dict[str, str] = {}
    for key, row in statuses.items():
        if row["status"] == "do_not_contact":
            excluded[key.site] = "do_not_contact"
        elif (
            contacted_days > 0
            and row.get("contacted_at")
            and clock.parse_time(row["contacted_at"]) > since
        ):
            excluded.setdefault(key.site, "contacted")
    return excluded


def status_row(
    key: StatusKey, status: str, now: datetime, old: dict | None, note: str | None = None
) -> dict:
    """The row to store for ``key`` (``old``: the row stored for it, if any);
    ``contacted_at`` is set the first time a contacted status is stored."""
    status = parse_status(status)
    old = old or {}
    contacted_at = old.get("contacted_at")
    if status in CONTACTED and not contacted_at:
        contacted_at = clock.iso(now)
    elif status == "new":
        contacted_at = None
    return {
        "site": key.site,
        "page_url": key.page_url,
        "target_url": key.target_url,
        "status": status,
        "note": old.get("note") if note is None else note,
        "contacted_at": contacted_at,
        "updated_at": clock.iso(now),
    }


@dataclass(frozen=True)
class StatusBook:
    """The stored statuses as an export reads them: per key, and the sites left out."""

    rows: dict[StatusKey, dict]
    excluded: dict[str, str]

    @classmethod
    def of(
        cls, rows: Iterable[dict], now: datetime, contacted_days: int, all_sites: bool
    ) -> StatusBook:
        by_key = statuses_by_key(rows)
        return cls(by_key, {} if all_sites else excluded_sites(by_key, now, contacted_days))

    def status_of(self, key: StatusKey) -> str:
        return effective_status(self.rows, key)

    def note_of(self, key: StatusKey) -> str:
        return stored_note(self.rows, key)


def status_changes(
    rows: Iterable[tuple[str, dict[str, str]]], statuses: dict[StatusKey, dict]
) -> list[StatusChange]:
    """The changes an edited export asks for: rows whose status or note differ from what
    is stored. ``rows`` are (where, {header: text}); raises StatusError on bad rows."""
    changes: dict[StatusKey, StatusChange] = {}
    for where, row in rows:
        status_text = (row.get(STATUS) or "").strip()
        if not status_text:
            continue
        try:
            status = parse_status(status_text)
            site = normalise_site(row.get(SITE) or row.get(PAGE_URL) or row.get(PROSPECT_URL))
        except StatusError as exc:
            raise StatusError(f"{where}: {exc}") from None
        page = (row.get(PAGE_URL) or row.get(PROSPECT_URL) or "").strip()
        key = StatusKey(site, page, (row.get(DEAD_URL) or "").strip())
        note = (row.get(NOTE) or "").strip()
        if status != effective_status(statuses, key) or note != stored_note(statuses, key):
            changes[key] = StatusChange(key, status, note)
    return list(changes.values())


def read_status_file(path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """Rows of an edited export (XLSX: every sheet with a Status column; CSV: the file),
    as (where, {header: text}). Raises StatusError for unreadable files."""
    if not path.is_file():
        raise StatusError(f"no such file: {path}")
    if path.suffix.lower() == ".xlsx":
        yield from _xlsx_rows(path)
    elif path.suffix.lower() == ".csv":
        yield from _csv_rows(path)
    else:
        raise StatusError(f"not an .xlsx or .csv file: {path}")


def _xlsx_rows(path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    from zipfile import BadZipFile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise StatusError(f"cannot read workbook {path}: {exc}") from None
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = [_text(v) for v in next(rows, ())]
            if STATUS not in header:
                continue
            for number, values in enumerate(rows, start=2):
                yield (
                    f"{sheet.title!r} row {number}",
                    dict(zip(header, map(_text, values), strict=False)),
                )
    finally:
        workbook.close()


def _csv_rows(path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if STATUS not in (reader.fieldnames or []):
                raise StatusError(f"{path} has no {STATUS!r} column")
            for number, row in enumerate(reader, start=2):
                yield (
                    f"{path.name} row {number}",
                    {k: unescape_csv_cell(v or "") for k, v in row.items() if k},
                )
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise StatusError(f"cannot read {path}: {exc}") from None


def _text(value: object) -> str:
    return "" if value is None else str(value)
