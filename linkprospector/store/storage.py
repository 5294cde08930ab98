"""The SQLite store (sqlite-utils): ``SQLiteStore`` implements ``interface.Store`` from
parts, one module each (the crawl's writes here; exports, report, outreach statuses,
backlinks beside). The schema and its migrations are in ``schema.py``."""

from __future__ import annotations

import json
import socket
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Self

import sqlite_utils

from linkprospector.judge.history import RunChanges
from linkprospector.judge.verdicts import PARKED
from linkprospector.store import (
    history_store,
    schema_backlinks,  # noqa: F401 - registers m010-m019
    schema_pitch,  # noqa: F401 - registers m020-m029 (pitches)
    schema_ranking,  # noqa: F401 (registers m030-m039)
    schema_runs,  # noqa: F401 (registers m040-m049)
)
from linkprospector.store.backlink_imports import BacklinkImportStore
from linkprospector.store.backlink_store import BacklinkStore
from linkprospector.store.competitor_queries import CompetitorQueries
from linkprospector.store.export_queries import ExportQueries
from linkprospector.store.interface import StoreError
from linkprospector.store.outreach_store import OutreachStatuses
from linkprospector.store.pitch_store import PitchStore
from linkprospector.store.prospect_store import RankingQueries
from linkprospector.store.report_queries import ReportQueries
from linkprospector.store.schema import migrations
from linkprospector.store.upserts import upsert_keeping_first_seen

DEFAULT_DB = "output/linkprospector.db"


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


class CrawlWrites:
    """Opening a database, and a crawl's writes: runs and batches of rows."""

    def __init__(self, path: str | Path, name: str | None = None):
        self.path = Path(path)
        self.name = name or str(path)  # where the rows come from, as people are shown it
        self.db = open_db(self.path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
            upsert_keeping_first_seen(self.db["pages"], pages, "url")
            upsert_keeping_first_seen(self.db["links"], links, ("source_url", "target_url"))
            upsert_keeping_first_seen(self.db["targets"], targets, "url")
            if contacts:
                self.db["contacts"].upsert_all(
                    contacts, pk=("site", "kind", "value"), batch_size=500
                )

    def write_batch(
        self,
        run_id: int | None,
        confirm_hours: float,
        *,
        pages: Iterable[dict] = (),
        links: Iterable[dict] = (),
        targets: Iterable[dict] = (),
        contacts: Iterable[dict] = (),
    ) -> None:
        """One batch of a crawl in one transaction: the targets through the check history
        (confirmation, first dead), then every row."""
        with self.db.atomic():
            targets = history_store.apply_checks(self.db, list(targets), run_id, confirm_hours)
            self.write(pages=pages, links=links, targets=targets, contacts=contacts)

    def set_run_pid(self, run_id: int, pid: int) -> None:
        """The process running ``run_id`` and its machine (a killed run is told from a
        running one)."""
        with self.db.atomic():
            self.db["runs"].update(run_id, {"pid": pid, "machine": socket.gethostname()})

    def record_search(self, search: dict, run_id: int | None) -> None:
        """Remember one search, so it is not repeated within the window."""
        row = {**search, "result_urls": json.dumps(list(search["result_urls"])), "run_id": run_id}
        with self.db.atomic():
            self.db["searches"].insert(row)

    # -- the check history (rules in judge/history.py, applied in history_store.py)

    def mark_stale_runs(self, now: str) -> int:
        return history_store.mark_stale_runs(self.db, now)

    def record_removed_links(self, run_id: int, now: str) -> int:
        return history_store.record_removed_links(self.db, run_id, now)

    def record_changes(self, run_id: int, counts: dict[str, int]) -> RunChanges:
        """Compute and store what run ``run_id`` changed."""
        changes = history_store.compute_changes(self.db, run_id, counts)
        history_store.store_changes(self.db, changes)
        return changes

    def changes(self, run_id: int | None = None) -> RunChanges | None:
        """What run ``run_id`` (default: the latest) changed; None: no such run."""
        return history_store.load_changes(self.db, run_id)

    # -- parked hosts

    def host_targets(self, host: str) -> list[dict]:
        """Stored targets on ``host`` not yet judged parked."""
        return list(
            self.db.query(
                "SELECT url, status, evidence FROM targets WHERE host = ? AND reason IS NOT ?",
                [host, PARKED],
            )
        )

    def save_parked_hosts(
        self,
        rows: list[dict],
        unparked: Iterable[str],
        judged: list[dict],
        run_id: Any,
        confirm_hours: float,
    ) -> None:
        """In one transaction: the parked hosts, the hosts seen answering without the
        signature, and the targets on parked hosts judged again (through the check
        history like any check; each keeps the time of its own last check)."""
        with self.db.atomic():
            if rows:
                self.db["hosts"].upsert_all(rows, pk="host")
            for host in unparked:
                self.db.execute("UPDATE hosts SET parked = 0 WHERE host = ?", [host])
            for row in history_store.apply_checks(self.db, judged, run_id, confirm_hours):
                row.pop("checked_at")
                self.db["targets"].update(row.pop("url"), row)


class SQLiteStore(
    CrawlWrites,
    ExportQueries,
    ReportQueries,
    OutreachStatuses,
    BacklinkStore,
    BacklinkImportStore,
    CompetitorQueries,
    RankingQueries,
    PitchStore,
):
    """The SQLite implementation of ``interface.Store``: one database, every operation."""


Store = SQLiteStore  # the name the crawl components knew it by


def open_store(path: str | Path) -> SQLiteStore:
    """The store at ``path`` (created and migrated), or StoreError."""
    return SQLiteStore(path)
