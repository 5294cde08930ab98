"""A pitch's outreach status (not_sent, sent, replied, won, declined), kept in
``pitch_status`` by (linking page, dead target): crawls never write it, so re-crawls
never reset it. Setting one also sets the opportunity's outreach status (``outreach``
table), so exports leave out sites pitched recently as they do for other outreach.

"won" is checked against the crawl: the next crawl of the linking page must find a link
to the user's site on it; when a link seen there once is gone, the pitch says so.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path
from zipfile import BadZipFile

from linkprospector import clock
from linkprospector.judge.history import shown_time
from linkprospector.outreach.spreadsheet_safety import unescape_csv_cell
from linkprospector.outreach.statuses import StatusKey, status_row
from linkprospector.reading.urls import site_of
from linkprospector.store.interface import Store

PITCH_STATUSES = ("not_sent", "sent", "replied", "won", "declined")
#: The outreach status each pitch status means for the opportunity.
OUTREACH_STATUS = {"not_sent": "new", "sent": "contacted", "replied": "replied",
                   "won": "won", "declined": "lost"}  # fmt: skip


class PitchStatusError(ValueError):
    """Bad status input; one line for the user."""


def parse_pitch_status(text: str) -> str:
    status = re.sub(r"[\s\-]+", "_", (text or "").strip().lower())
    if status not in PITCH_STATUSES:
        raise PitchStatusError(
            f"unknown pitch status {text!r} (one of: {', '.join(PITCH_STATUSES)})"
        )
    return status


def set_pitch_status(
    store: Store,
    page_url: str,
    target_url: str,
    status: str,
    now: datetime,
    note: str | None = None,
    replacement_url: str = "",
) -> None:
    """Store a pitch's status and the opportunity's outreach status it means (with its
    line in the outreach history), in one transaction."""
    status = parse_pitch_status(status)
    old = store.load_pitch_statuses().get((page_url, target_url)) or {}
    row = {
        "page_url": page_url,
        "target_url": target_url,
        "status": status,
        "note": old.get("note") if note is None else note,
        "replacement_url": replacement_url or old.get("replacement_url") or "",
        "updated_at": clock.iso(now),
        "won_at": (old.get("won_at") or clock.iso(now)) if status == "won" else None,
        "link_seen_at": old.get("link_seen_at") if status == "won" else None,
    }
    key = StatusKey(site_of(page_url), page_url, target_url)
    stored = store.status_row(key.site, key.page_url, key.target_url)
    store.save_pitch_and_outreach_status(
        row, [status_row(key, OUTREACH_STATUS[status], now, stored, note)]
    )


def won_check(store: Store, status_row: dict, sites: list[str]) -> str:
    """Whether a won pitch's link is on the page, as the crawls saw it."""
    page = status_row["page_url"]
    links = store.page_links_to(page, sites)
    fetched = store.page_fetched_at(page) or ""
    won_at = status_row.get("won_at") or ""
    if links:
        return f"confirmed: the page links to {links[0]} (crawled {shown_time(fetched)})"
    if status_row.get("link_seen_at") and fetched > status_row["link_seen_at"]:
        return (
            f"LINK GONE: your link was on the page on {shown_time(status_row['link_seen_at'])} "
            f"but not when it was crawled on {shown_time(fetched)}"
        )
    if fetched and fetched > won_at:
        return f"not found: the page was crawled on {shown_time(fetched)} without a link to you"
    return "waiting for the next crawl of the page"


def refresh_won_links(store: Store) -> list[str]:
    """Record when a won link was seen; lines for won links that disappeared or never came."""
    sites = store.my_sites()
    lines = []
    for row in store.load_pitch_statuses().values():
        if row["status"] != "won":
            continue
        check = won_check(store, row, sites)
        if check.startswith("confirmed"):
            fetched = store.page_fetched_at(row["page_url"])
            if fetched and fetched != row.get("link_seen_at"):
                store.save_pitch_status({**row, "link_seen_at": fetched})
        elif not check.startswith("waiting"):
            lines.append(f"won pitch on {row['page_url']}: {check}")
    return lines


#: Headers of the Pitches sheet read back by ``pitch-status --from``.
PAGE, TARGET, STATUS, NOTE = "Linking page", "Dead URL", "Pitch status", "Note"


def read_pitch_sheet(path: Path) -> list[tuple[str, dict[str, str]]]:
    """Rows of an edited Pitches sheet (the workbook's, or pitches.csv) as (where, row)."""
    if not path.is_file():
        raise PitchStatusError(f"no such file: {path}")
    if path.suffix.lower() == ".csv":
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                return [
                    (f"{path.name} row {n}", _csv_row(r)) for n, r in enumerate(reader, start=2)
                ]
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise PitchStatusError(f"cannot read {path}: {exc}") from None
    if path.suffix.lower() != ".xlsx":
        raise PitchStatusError(f"not an .xlsx or .csv file: {path}")
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise PitchStatusError(f"cannot read workbook {path}: {exc}") from None
    try:
        if "Pitches" not in workbook.sheetnames:
            raise PitchStatusError(f"{path} has no Pitches sheet")
        rows = workbook["Pitches"].iter_rows(values_only=True)
        header = ["" if v is None else str(v) for v in next(rows, ())]
        return [
            (f"'Pitches' row {n}", dict(zip(header, ("" if v is None else str(v) for v in values),
                                            strict=False)))
            for n, values in enumerate(rows, start=2)
        ]  # fmt: skip
    finally:
        workbook.close()


def pitch_status_changes(
    rows: list[tuple[str, dict[str, str]]], stored: dict[tuple[str, str], dict]
) -> list[tuple[str, str, str, str]]:
    """(page, target, status, note) for rows whose status or note differ from the stored
    ones; PitchStatusError naming the row for a bad one."""
    changes = {}
    for where, row in rows:
        text = (row.get(STATUS) or "").strip()
        page, target = (row.get(PAGE) or "").strip(), (row.get(TARGET) or "").strip()
        if not text or not page or not target:
            continue
        try:
            status = parse_pitch_status(text)
        except PitchStatusError as exc:
            raise PitchStatusError(f"{where}: {exc}") from None
        note = (row.get(NOTE) or "").strip()
        old = stored.get((page, target)) or {}
        if status != (old.get("status") or "not_sent") or note != (old.get("note") or ""):
            changes[(page, target)] = (page, target, status, note)
    return list(changes.values())


def _csv_row(row: dict) -> dict[str, str]:
    return {k: unescape_csv_cell(v or "") for k, v in row.items() if isinstance(k, str)}
