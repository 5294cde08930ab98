"""SQLite reads and writes of the ``outreach`` table: the statuses people set (crawls
never write it, so a re-crawl never resets one)."""

from __future__ import annotations

import sqlite_utils

STATUS_KEY = ("site", "page_url", "target_url")


class OutreachStatuses:
    """The outreach table (a part of ``SQLiteStore``)."""

    db: sqlite_utils.Database

    def status_rows(self, newest_first: bool = False) -> list[dict]:
        """Every stored status row (newest first: by ``updated_at``, then site)."""
        order = "updated_at DESC, site" if newest_first else None
        return list(self.db["outreach"].rows_where(order_by=order))

    def status_row(self, site: str, page_url: str, target_url: str) -> dict | None:
        """The row stored for exactly this key, or None."""
        where = " AND ".join(f"{column} = ?" for column in STATUS_KEY)
        rows = self.db["outreach"].rows_where(where, [site, page_url, target_url])
        return next(iter(rows), None)

    def save_statuses(self, rows: list[dict]) -> None:
        """Store status rows in one transaction (a row per key)."""
        with self.db.atomic():
            for row in rows:
                self.db["outreach"].upsert(row, pk=STATUS_KEY)
