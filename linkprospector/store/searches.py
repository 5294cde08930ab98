"""Searches remembered in SQLite: what was asked, when, and what came back, so
a search is not repeated within the window and its results still seed later crawls."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import sqlite_utils

from linkprospector import clock


def remembered_searches(
    db: sqlite_utils.Database | None, provider: str, now: datetime, window_days: float
) -> dict[str, list[str]]:
    """``{query: result URLs}`` of the searches made on ``provider`` within the window."""
    if window_days <= 0 or db is None:
        return {}
    since = clock.iso(now - timedelta(days=window_days))
    found: dict[str, list[str]] = {}
    for query, urls in db.execute(
        "SELECT query, result_urls FROM searches WHERE provider = ? AND searched_at >= ? "
        "ORDER BY searched_at",
        [provider, since],
    ).fetchall():
        try:
            found[query] = [u for u in json.loads(urls or "[]") if isinstance(u, str)]
        except ValueError:
            continue
    return found
