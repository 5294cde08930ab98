"""The SQLite schema: tables, views and the migrations that build them, in order.

The tables and views named in DESIGN.md's data contract are created here and must keep
their names and columns; new columns and tables come in new migrations at the end.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("linkprospector")

DEAD_LINKS_SQL = """
SELECT l.source_url, l.target_url, l.anchor_text, t.reason, t.status,
       l.source_site, l.rel, t.final_url, t.checked_at
FROM links l JOIN targets t ON t.url = l.target_url
WHERE t.verdict = 'dead'
ORDER BY l.target_url, l.source_url
"""

PROSPECTS_SQL = """
SELECT url, site, title, resource_score, resource_reasons, outbound_links, fetched_at
FROM pages WHERE is_resource = 1
ORDER BY resource_score DESC, url
"""


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["runs"].create(
        {
            "id": int,
            "spider": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "args": str,
            "stats": str,
            "pages": int,
            "targets_checked": int,
            "dead": int,
        },
        pk="id",
    )
    db["pages"].create(
        {
            "url": str,
            "site": str,
            "title": str,
            "status": int,
            "is_resource": int,
            "resource_score": float,
            "resource_reasons": str,
            "outbound_links": int,
            "role": str,
            "rendered": int,
            "first_seen": str,
            "fetched_at": str,
            "run_id": int,
        },
        pk="url",
    )
    db["links"].create(
        {
            "source_url": str,
            "target_url": str,
            "anchor_text": str,
            "rel": str,
            "kind": str,
            "placement": str,
            "source_site": str,
            "target_site": str,
            "rendered": int,
            "first_seen": str,
            "last_seen": str,
            "run_id": int,
        },
        pk=("source_url", "target_url"),
    )
    db["targets"].create(
        {
            "url": str,
            "host": str,
            "verdict": str,
            "reason": str,
            "status": int,
            "final_url": str,
            "checked_at": str,
            "evidence": str,
            "requests": int,
            "first_seen": str,
            "run_id": int,
        },
        pk="url",
    )
    db["contacts"].create(
        {"site": str, "kind": str, "value": str, "source_url": str, "label": str},
        pk=("site", "kind", "value"),
    )
    db["links"].create_index(["target_url"])
    db["pages"].create_index(["site"])
    db["targets"].create_index(["verdict"])
    db.create_view("dead_links", DEAD_LINKS_SQL, replace=True)
    db.create_view("prospects", PROSPECTS_SQL, replace=True)


# -: outreach (status per site/opportunity, value of dead targets) --------------


@migrations()
def m003_hosts(db: sqlite_utils.Database) -> None:
    """``hosts``: one row per host with a whole-domain verdict (parked or for sale)."""
    db["hosts"].create(
        {
            "host": str,
            "parked": int,
            "parked_signature": str,
            "parked_url": str,
            "checked_at": str,
            "run_id": int,
        },
        pk="host",
        if_not_exists=True,
    )
    db["targets"].create_index(["host"], if_not_exists=True)


# -: nightly history (checks, target state, confirmation, removed links) --------

#: dead_links with the confirmation state appended (the first five columns stay).
DEAD_TARGETS_SQL = """
SELECT t.url AS target_url, t.host, t.reason, t.status,
       count(DISTINCT l.source_site) AS referring_domains,
       count(DISTINCT l.source_url) AS referring_pages,
       group_concat(DISTINCT l.anchor_text) AS anchor_texts,
       'https://web.archive.org/web/2*/' || t.url AS wayback_url,
       t.first_seen, t.checked_at
FROM targets t JOIN links l ON l.target_url = t.url
WHERE t.verdict = 'dead'
GROUP BY t.url
ORDER BY referring_domains DESC, referring_pages DESC, t.url
"""


@migrations()
def m004_outreach(db: sqlite_utils.Database) -> None:
    """Outreach status (never touched by crawls) and the ranked ``dead_targets`` view."""
    db["outreach"].create(
        {
            "site": str,
            "page_url": str,  # '' for a status of the whole site
            "target_url": str,  # '' unless the status is for one broken-link opportunity
            "status": str,
            "note": str,
            "contacted_at": str,
            "updated_at": str,
        },
        pk=("site", "page_url", "target_url"),
        not_null={"site", "page_url", "target_url", "status"},
        defaults={"page_url": "", "target_url": "", "status": "new"},
        if_not_exists=True,
    )
    db["contacts"].create_index(["site"], if_not_exists=True)
    db.create_view("dead_targets", DEAD_TARGETS_SQL, replace=True)


# -: hosts (whole-domain verdicts: parked / for-sale domains) ------------------


DEAD_LINKS_HISTORY_SQL = """
SELECT l.source_url, l.target_url, l.anchor_text, t.reason, t.status,
       l.source_site, l.rel, t.final_url, t.checked_at,
       t.confirmed, t.first_dead_at, t.consecutive_failures
FROM links l JOIN targets t ON t.url = l.target_url
WHERE t.verdict = 'dead'{extra}
ORDER BY l.target_url, l.source_url
"""


@migrations()
def m005_history(db: sqlite_utils.Database) -> None:
    """Check history, target state for recheck/confirmation, removed links, run changes."""
    from linkprospector.judge.history import failure_class

    targets = db["targets"]
    for column, kind, default in (
        ("last_checked", str, None),
        ("first_dead_at", str, None),
        ("consecutive_failures", int, 0),
        ("failure_class", str, None),
        ("last_live_at", str, None),
        ("confirmed", int, 0),
        ("confirmed_at", str, None),
        ("recovered_at", str, None),
    ):
        if column not in targets.columns_dict:
            targets.add_column(column, kind, not_null_default=default)
    db.execute("UPDATE targets SET last_checked = checked_at WHERE last_checked IS NULL")
    db.execute("UPDATE targets SET last_live_at = checked_at WHERE verdict = 'live'")
    for url, verdict, reason, checked_at in db.execute(
        "SELECT url, verdict, reason, checked_at FROM targets WHERE verdict = 'dead'"
    ).fetchall():
        db.execute(
            "UPDATE targets SET first_dead_at = ?, consecutive_failures = 1, failure_class = ? "
            "WHERE url = ?",
            [checked_at, failure_class(verdict, reason), url],
        )
    db["checks"].create(
        {
            "id": int,
            "run_id": int,
            "target_url": str,
            "checked_at": str,
            "verdict": str,
            "reason": str,
            "status": int,
            "failure_class": str,
            "confirmed": int,
            "transition": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db["checks"].create_index(["run_id", "target_url"], unique=True, if_not_exists=True)
    db["checks"].create_index(["target_url"], if_not_exists=True)
    # The checks made before this version are history too.
    db.execute(
        "INSERT OR IGNORE INTO checks (run_id, target_url, checked_at, verdict, reason, status, "
        "failure_class, confirmed) SELECT coalesce(run_id, 0), url, checked_at, verdict, reason, "
        "status, failure_class, 0 FROM targets"
    )
    db["removed_links"].create(
        {
            "run_id": int,
            "source_url": str,
            "target_url": str,
            "anchor_text": str,
            "removed_at": str,
            "target_verdict": str,
            "target_confirmed": int,
        },
        pk=("run_id", "source_url", "target_url"),
        if_not_exists=True,
    )
    for column in ("pid", "changes"):
        if column not in db["runs"].columns_dict:
            db["runs"].add_column(column, int if column == "pid" else str)
    db["targets"].create_index(["last_checked"], if_not_exists=True)
    db.create_view("dead_links", DEAD_LINKS_HISTORY_SQL.format(extra=""), replace=True)
    db.create_view(
        "confirmed_dead_links",
        DEAD_LINKS_HISTORY_SQL.format(extra=" AND t.confirmed = 1"),
        replace=True,
    )


@migrations()
def m006_page_links(db: sqlite_utils.Database) -> None:
    """A page's internal links (JSON), so a fresh page can be replayed, not re-fetched."""
    if "internal_links" not in db["pages"].columns_dict:
        db["pages"].add_column("internal_links", str)


GUEST_POSTS_SQL = """
SELECT url, site, title, guest_post_score AS score, guest_post_reasons AS reasons
FROM pages WHERE prospect_kind = 'guest_post'
ORDER BY guest_post_score DESC, url
"""


@migrations()
def m007_discovery(db: sqlite_utils.Database) -> None:
    """prospect kinds (resource pages, guest-post pages), the query that found a
    seed, and the searches made (so a window of days spends no quota on repeats)."""
    pages = db["pages"]
    for column, kind in (
        ("prospect_kind", str),
        ("guest_post_score", float),
        ("guest_post_reasons", str),
        ("found_by", str),
    ):
        if column not in pages.columns_dict:
            pages.add_column(column, kind)
    db.execute("UPDATE pages SET prospect_kind = 'resource' WHERE is_resource = 1")
    db["searches"].create(
        {
            "id": int,
            "provider": str,
            "query": str,
            "keyword": str,
            "kind": str,
            "searched_at": str,
            "pages": int,
            "result_urls": str,  # JSON list, in rank order
            "run_id": int,
        },
        pk="id",
        if_not_exists=True,
    )
    db["searches"].create_index(["provider", "query", "searched_at"], if_not_exists=True)
    db.create_view("guest_posts", GUEST_POSTS_SQL, replace=True)


BACKLINKS_SQL = """
SELECT source_url, target_url, anchor_text, rel, placement, state, reason,
       toxic_score, toxic_reasons
FROM backlink_links ORDER BY state = 'live', source_url, target_url
"""


@migrations()
def m008_backlinks(db: sqlite_utils.Database) -> None:
    """referring pages' links to my site, as last checked."""
    db["backlink_links"].create(
        {
            "source_url": str,
            "target_url": str,
            "anchor_text": str,
            "rel": str,
            "placement": str,
            "kind": str,
            "state": str,
            "reason": str,
            "page_verdict": str,
            "page_reason": str,
            "page_status": int,
            "checked_at": str,
            "first_seen": str,
            "run_id": int,
            "toxic_score": int,
            "toxic_reasons": str,
        },
        pk=("source_url", "target_url"),
        if_not_exists=True,
    )
    db.create_view("backlinks", BACKLINKS_SQL, replace=True)


@migrations()
def m009_backlink_history(db: sqlite_utils.Database) -> None:
    """a row per backlink and run, and the confirmation state of lost links."""
    for column, kind in (("lost_since", str), ("confirmed", int), ("transition", str)):
        if column not in db["backlink_links"].columns_dict:
            db["backlink_links"].add_column(column, kind)
    db["backlink_checks"].create(
        {
            "run_id": int,
            "source_url": str,
            "target_url": str,
            "checked_at": str,
            "state": str,
            "reason": str,
            "anchor_text": str,
            "rel": str,
            "confirmed": int,
            "transition": str,
        },
        pk=("run_id", "source_url", "target_url"),
        if_not_exists=True,
    )
