"""SQLite reads and writes of the ``outreach`` table: the statuses people set (crawls
never write it, so a re-crawl never resets one)."""

from __future__ import annotations

import sqlite_utils

from linkprospector.clock import parse_time
from linkprospector.store.prospect_store import append_status_event

STATUS_KEY = ("site", "page_url", "target_url")


class OutreachStatuses:
    """The outreach table (a part of ``SQLiteStore``)."""

    db: sqlite_utils.Database

    def status_rows(self, newest_first: bool = False) -> list[dict]:
        """Every stored status row (newest first: by ``updated_at``, then site)."""
        order = (
            "updated_at DESC, site, page_url, target_url"
            if newest_first
            else "site, page_url, target_url"
        )
        return list(self.db["outreach"].rows_where(order_by=order))

    def status_row(self, site: str, page_url: str, target_url: str) -> dict | None:
        """The row stored for exactly this key, or None."""
        where = " AND ".join(f"{column} = ?" for column in STATUS_KEY)
        rows = self.db["outreach"].rows_where(where, [site, page_url, target_url])
        return next(iter(rows), None)

    def save_statuses(self, rows: list[dict], by: str = "") -> None:
        """Store status rows in one transaction (a row per key); each also appends a line
        to the outreach history (who, when), which is never rewritten: a site written to
        three times shows three ``contacted`` lines."""
        with self.db.atomic():
            for row in rows:
                self.db["outreach"].upsert(row, pk=STATUS_KEY)
                append_status_event(
                    self.db, row["site"], row["page_url"], row["target_url"], row["status"],
                    row["note"], by, parse_time(row["updated_at"]),
                )  # fmt: skip
