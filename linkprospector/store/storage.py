"""The SQLite store (sqlite-utils): opening (and migrating) a database, batched writes,
runs. The schema and its migrations are in ``schema.py``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlite_utils

from linkprospector.judge.backlink_history import next_backlink_state
from linkprospector.store import (
    schema_backlinks,  # noqa: F401 - registers m010-m019
    schema_pitch,  # noqa: F401 - registers m020-m029 (pitches)
    schema_ranking,  # noqa: F401 (registers m030-m039)
)
from linkprospector.store.schema import migrations

DEFAULT_DB = "output/linkprospector.db"


class StoreError(Exception):
    """The database cannot be used; the message is one line for the user."""


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating and migrating) the database at ``path``, or raise StoreError."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"database path is a directory: {path}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.execute("PRAGMA busy_timeout = 10000")
        db.enable_wal()
        migrations.apply(db)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot use database {path}: {exc}") from None
    return db


def check_writable(path: str | Path) -> None:
    """Raise StoreError unless the database at ``path`` can be created and written."""
    db = open_db(path)
    try:
        with db.atomic():
            db.execute("CREATE TABLE IF NOT EXISTS _write_probe (x)")
            db.execute("DROP TABLE _write_probe")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot write database {path}: {exc}") from None
    finally:
        db.close()


class Store:
    """Batched writes of crawl results to one database."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = open_db(self.path)

    def close(self) -> None:
        self.db.close()

    def start_run(self, spider: str, args: dict[str, Any], started_at: str) -> int:
        """Insert a ``runs`` row and return its id."""
        with self.db.atomic():
            table = self.db["runs"].insert(
                {
                    "spider": spider,
                    "started_at": started_at,
                    "status": "running",
                    "args": json.dumps(args, sort_keys=True, default=str),
                }
            )
        return int(table.last_pk)

    def finish_run(self, run_id: int, status: str, finished_at: str, stats: dict) -> None:
        """Record how a run ended, with its stats."""
        counts = {
            "pages": stats.get("linkprospector/pages", 0),
            "targets_checked": stats.get("linkprospector/targets/checked", 0),
            "dead": stats.get("linkprospector/verdict/dead", 0),
        }
        with self.db.atomic():
            self.db["runs"].update(
                run_id,
                {
                    "status": status,
                    "finished_at": finished_at,
                    "stats": json.dumps(stats, sort_keys=True, default=str),
                    **counts,
                },
            )

    def write(
        self,
        *,
        pages: Iterable[dict] = (),
        links: Iterable[dict] = (),
        targets: Iterable[dict] = (),
        contacts: Iterable[dict] = (),
    ) -> None:
        """Write one batch in one transaction (first_seen kept from the first write)."""
        pages, links, targets, contacts = list(pages), list(links), list(targets), list(contacts)
        with self.db.atomic():
            _upsert_keeping_first_seen(self.db["pages"], pages, "url")
            _upsert_keeping_first_seen(self.db["links"], links, ("source_url", "target_url"))
            _upsert_keeping_first_seen(self.db["targets"], targets, "url")
            if contacts:
                self.db["contacts"].upsert_all(
                    contacts, pk=("site", "kind", "value"), batch_size=500
                )

    def record_search(self, search: dict, run_id: int | None) -> None:
        """Remember one search (issue 14), so it is not repeated within the window."""
        row = {**search, "result_urls": json.dumps(list(search["result_urls"])), "run_id": run_id}
        with self.db.atomic():
            self.db["searches"].insert(row)

    def record_backlink(
        self, row: dict, run_id: int | None, now: str, confirm_hours: float
    ) -> list[str]:
        """Store one referring page × my URL as checked now, with its history (issue 13);
        returns the transitions (new, lost, lost_suspected, recovered, changed).

        A page of a list without targets that no longer links to the site (target "")
        applies to every link stored for it; a link found again on such a page takes over
        the history of the page's "" row."""
        table = self.db["backlink_links"]
        source = row["source_url"]
        if not row["target_url"]:
            stored = list(table.rows_where("source_url = ? AND target_url != ''", [source]))
            if stored:
                return [
                    t
                    for old in stored
                    for t in self.record_backlink(
                        {**row, "target_url": old["target_url"],
                         **{k: old[k] for k in ("anchor_text", "rel", "placement", "kind")}},
                        run_id, now, confirm_hours,
                    )
                ]  # fmt: skip
        where = "source_url = ? AND target_url = ?"
        prev = next(table.rows_where(where, [source, row["target_url"]]), None)
        if prev is None and row["target_url"]:
            prev = next(table.rows_where("source_url = ? AND target_url = ''", [source]), None)
            if prev is not None:
                table.delete((source, ""))
        history, transition = next_backlink_state(prev, row, confirm_hours)
        # first_seen: the export's date when it gives one, else this check's time
        full = {**row, **history, "transition": transition, "run_id": run_id,
                "first_seen": row.get("first_seen") or now}  # fmt: skip
        with self.db.atomic():
            _upsert_keeping_first_seen(table, [full], ("source_url", "target_url"))
            self.db["backlink_checks"].upsert(
                {"run_id": run_id or 0, "source_url": source, "target_url": row["target_url"],
                 "checked_at": row["checked_at"], "state": row["state"], "reason": row["reason"],
                 "anchor_text": row["anchor_text"], "rel": row["rel"],
                 "confirmed": history["confirmed"], "transition": transition},
                pk=("run_id", "source_url", "target_url"),
            )  # fmt: skip
        return [transition] if transition else []

    def flag_repeated_anchors(self, site: str, min_domains: int, weight: int) -> int:
        """The toxic signal no single page shows: one exact-match commercial anchor on many
        referring domains. Adds its reason and weight to those live links; returns them."""
        from linkprospector.judge.anchors import AnchorRules, classify_anchor
        from linkprospector.judge.toxic import repeated_anchors
        from linkprospector.reading.urls import site_of

        rows = self.db.execute(
            "SELECT source_url, target_url, anchor_text, kind, toxic_score, toxic_reasons "
            "FROM backlink_links WHERE state = 'live'"
        ).fetchall()

        def commercial(anchor: str, kind: str) -> bool:
            cls = classify_anchor(anchor, kind or "text", site, AnchorRules())
            return cls in ("other", "exact_match", "partial_match")

        found = repeated_anchors(
            [(site_of(r[0]), r[2] or "", r[3]) for r in rows], min_domains, commercial
        )
        flagged = 0
        with self.db.atomic():
            for source, target, anchor, _kind, score, reasons in rows:
                n = found.get(" ".join((anchor or "").lower().split()))
                why = f"the same anchor {anchor!r} on {n} referring domains" if n else ""
                if not n or why in (reasons or ""):
                    continue
                self.db["backlink_links"].update(
                    (source, target),
                    {"toxic_score": min(100, (score or 0) + weight),
                     "toxic_reasons": "; ".join(filter(None, [reasons, why]))},
                )  # fmt: skip
                flagged += 1
        return flagged

    def flag_sitewide_links(self, weight: int) -> int:
        """The same link in the footer or sidebar of several pages of one referring domain:
        a sitewide link. Adds the reason and weight to those live links; returns them."""
        from linkprospector.reading.urls import site_of

        rows = self.db.execute(
            "SELECT source_url, target_url, placement, toxic_score, toxic_reasons "
            "FROM backlink_links WHERE state = 'live' AND placement IN ('footer', 'sidebar')"
        ).fetchall()
        pages: dict[tuple[str, str, str], int] = {}
        for source, target, placement, *_ in rows:
            key = (site_of(source), target, placement)
            pages[key] = pages.get(key, 0) + 1
        flagged = 0
        with self.db.atomic():
            for source, target, placement, score, reasons in rows:
                domain = site_of(source)
                n = pages[(domain, target, placement)]
                why = f"sitewide: the same link in the {placement} of {n} pages of {domain}"
                if n < 2 or why in (reasons or ""):
                    continue
                self.db["backlink_links"].update(
                    (source, target),
                    {"toxic_score": min(100, (score or 0) + weight),
                     "toxic_reasons": "; ".join(filter(None, [reasons, why]))},
                )  # fmt: skip
                flagged += 1
        return flagged


def _upsert_keeping_first_seen(table: sqlite_utils.db.Table, rows: list[dict], pk: Any) -> None:
    """Insert new rows with ``first_seen``; update existing rows without touching it.

    One prepared ``INSERT … ON CONFLICT DO UPDATE`` per batch (``executemany``): the
    crawl writes a row per link and per target, and sqlite-utils' generic upsert
    (insert-ignore, then upsert) cost twice as much on the benchmark's hot path.
    """
    if not rows:
        return
    keys = (pk,) if isinstance(pk, str) else tuple(pk)
    by_columns: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        by_columns.setdefault(tuple(row), []).append(row)
    for columns, group in by_columns.items():
        updates = [c for c in columns if c not in keys and c != "first_seen"]
        sql = "INSERT INTO [{}] ({}) VALUES ({}) ON CONFLICT ({}) DO {}".format(
            table.name,
            ", ".join(f"[{c}]" for c in columns),
            ", ".join("?" for _ in columns),
            ", ".join(f"[{k}]" for k in keys),
            "UPDATE SET " + ", ".join(f"[{c}] = excluded.[{c}]" for c in updates)
            if updates
            else "NOTHING",
        )
        table.db.conn.executemany(sql, [[_sql_value(row[c]) for c in columns] for row in group])


def _sql_value(value: Any) -> Any:
    """Values as SQLite stores them (containers as JSON text, like sqlite-utils)."""
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, default=str)
    return value
