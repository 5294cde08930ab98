"""Migrations for prospect ranking and outreach hygiene (m030-m039): the text and date
of each page, the niche, an append-only outreach history, and loaded domain ranks."""

from __future__ import annotations

import sqlite_utils

from linkprospector.store.schema import migrations


@migrations()
def m030_ranking(db: sqlite_utils.Database) -> None:
    """Page text and dates (for relevance and freshness), the niche, status events (who
    changed which status when: never updated, only appended) and external domain ranks."""
    pages = db["pages"]
    for column in ("body_text", "last_modified", "dated"):
        if column not in pages.columns_dict:
            pages.add_column(column, str)
    db["niche"].create(
        {"name": str, "keywords": str, "pages": str, "updated_at": str},
        pk="name",
        if_not_exists=True,
    )
    db["outreach_events"].create(
        {
            "id": int,
            "site": str,
            "page_url": str,
            "target_url": str,
            "status": str,
            "note": str,
            "by": str,
            "at": str,
        },
        pk="id",
        not_null={"site", "status", "at"},
        if_not_exists=True,
    )
    db["outreach_events"].create_index(["site", "at"], if_not_exists=True)
    # Statuses stored before this history existed are its first events.
    db.execute(
        "INSERT INTO outreach_events (site, page_url, target_url, status, note, by, at) "
        "SELECT site, page_url, target_url, status, note, '', coalesce(updated_at, '') "
        "FROM outreach WHERE NOT EXISTS (SELECT 1 FROM outreach_events)"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS outreach_events_append_only "
        "BEFORE UPDATE ON outreach_events BEGIN "
        "SELECT RAISE(ABORT, 'outreach_events is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS outreach_events_no_delete "
        "BEFORE DELETE ON outreach_events BEGIN "
        "SELECT RAISE(ABORT, 'outreach_events is append-only'); END"
    )
    db["domain_ranks"].create(
        {
            "name": str,
            "harmonic_pos": int,
            "harmonic_val": float,
            "pr_pos": int,
            "pr_val": float,
            "rank": float,  # 0-100
            "source": str,
            "loaded_at": str,
        },
        pk="name",
        if_not_exists=True,
    )
