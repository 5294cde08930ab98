"""The PostgreSQL store: the tables of many machines' runs, written idempotently.

A shard's job works on a private SQLite replica (the embedded store and every rule that
goes with it, unchanged): ``pull_*`` copies the shard's state from PostgreSQL into it,
``push`` copies what the job's crawl wrote back, keyed by (run, URL) so a retried job
writes nothing twice. ``copy_to_sqlite`` brings a whole database home (Datasette reads
SQLite); every command's reads and writes run on the server through
``server_store.ServerStore``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from linkprospector.store.pg_replica import ReplicaCopies
from linkprospector.store.pg_schema import (
    PG_TYPES,
    Schema,
    Table,
    create_statements,
    fingerprint,
    sqlite_schema,
    view_statements,
)
from linkprospector.store.storage import StoreError

BATCH = 1000
SCHEMA_KEY = "schema"


def is_postgres_url(value: str | None) -> bool:
    return bool(value) and str(value).startswith(("postgresql://", "postgres://"))


def connect(dsn: str) -> Any:
    """A psycopg connection, or StoreError with one line saying why not."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "a PostgreSQL database needs the 'cluster' extra: pip install 'linkprospector[cluster]'"
        ) from None
    try:
        return psycopg.connect(dsn, connect_timeout=10)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"cannot connect to PostgreSQL ({safe_dsn(dsn)}): {first}") from None


def safe_dsn(dsn: str) -> str:
    """The DSN without a password (in the user part or the query), for messages and pages."""
    dsn = re.sub(r"(?i)([?&]password=)[^&]*", r"\1***", dsn)
    head, sep, tail = dsn.partition("@")
    if sep and ":" in head.split("//", 1)[-1]:
        scheme, _, user = head.partition("//")
        return f"{scheme}//{user.split(':', 1)[0]}:***@{tail}"
    return dsn


@dataclass
class PgStore(ReplicaCopies):
    """One connection to the PostgreSQL store."""

    conn: Any
    schema: Schema

    @property
    def tables(self) -> dict[str, Table]:
        return self.schema.tables

    @classmethod
    def open(cls, dsn: str, create: bool = False) -> PgStore:
        """Open the store; ``create`` builds or upgrades the schema, otherwise it must match."""
        store = cls(connect(dsn), sqlite_schema())
        try:
            if create:
                store.create_schema()
            else:
                store.check_schema()
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    # -- schema ------------------------------------------------------------------------

    def create_schema(self) -> None:
        """Create the tables and views, add columns new code brings, record the fingerprint;
        nothing when the database already holds this version's schema."""
        expected = fingerprint(self.schema)
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(726354)")  # one migrator at a time
            if self._stored_fingerprint() == expected:
                return
            for statement in create_statements(self.schema):
                self.conn.execute(statement)
            for table in self.tables.values():
                have = self._columns(table.name)
                rules = dict(table.rules)
                for name, kind in table.columns:
                    if name not in have:
                        pg_type = PG_TYPES.get(kind, PG_TYPES["TEXT"]) + rules.get(name, "")
                        self.conn.execute(f"ALTER TABLE {table.name} ADD COLUMN {name} {pg_type}")
            for statement in view_statements(self.schema):
                self.conn.execute(statement)
            self.conn.execute(
                "INSERT INTO linkprospector_meta (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [SCHEMA_KEY, expected],
            )

    def _stored_fingerprint(self) -> str | None:
        found = self.conn.execute(
            "SELECT to_regclass('linkprospector_meta') IS NOT NULL"
        ).fetchone()[0]
        if not found:
            return None
        row = self.conn.execute(
            "SELECT value FROM linkprospector_meta WHERE key = %s", [SCHEMA_KEY]
        ).fetchone()
        return row[0] if row else None

    def check_schema(self) -> None:
        """Raise StoreError unless the database holds the schema this code writes."""
        found = self._stored_fingerprint()
        self.conn.commit()
        if found is None:
            raise StoreError(
                "the PostgreSQL database has no linkprospector schema yet: start a run "
                "(scrapy crawl … -s LINKPROSPECTOR_DB=postgresql://…) or `linkprospector worker "
                "--create-schema` first"
            )
        expected = fingerprint(self.schema)
        if found != expected:
            raise StoreError(
                f"the PostgreSQL schema ({found}) is not the one this linkprospector writes "
                f"({expected}): run the same version on every machine"
            )

    def _columns(self, table: str) -> set[str]:
        rows = self.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table]
        ).fetchall()
        return {row[0] for row in rows}

    # -- runs --------------------------------------------------------------------------

    def start_run(self, spider: str, args: dict, started_at: str, shards: int) -> int:
        with self.conn.transaction():
            row = self.conn.execute(
                "INSERT INTO runs (spider, started_at, status, args, shards) "
                "VALUES (%s, %s, 'running', %s, %s) RETURNING id",
                [spider, started_at, json.dumps(args, default=str), shards],
            ).fetchone()
        return int(row[0])

    def finish_run(self, run_id: int, status: str, finished_at: str, stats: dict) -> None:
        counts = self.run_counts(run_id)
        with self.conn.transaction():
            self.conn.execute(
                "UPDATE runs SET status = %s, finished_at = %s, stats = %s, pages = %s, "
                "targets_checked = %s, dead = %s WHERE id = %s",
                [
                    status,
                    finished_at,
                    json.dumps(stats, default=str),
                    counts["pages"],
                    counts["checked"],
                    counts["dead"],
                    run_id,
                ],
            )

    def run_counts(self, run_id: int) -> dict[str, int]:
        """Pages crawled, targets checked and dead in one run, and check transitions."""
        one = self.conn.execute
        counts = {
            "pages": one("SELECT count(*) FROM pages WHERE run_id = %s", [run_id]).fetchone()[0],
            "checked": one("SELECT count(*) FROM checks WHERE run_id = %s", [run_id]).fetchone()[0],
            "dead": one(
                "SELECT count(*) FROM checks WHERE run_id = %s AND verdict = 'dead'", [run_id]
            ).fetchone()[0],
            "links": one("SELECT count(*) FROM links WHERE run_id = %s", [run_id]).fetchone()[0],
        }
        for transition, n in one(
            "SELECT coalesce(transition, ''), count(*) FROM checks WHERE run_id = %s GROUP BY 1",
            [run_id],
        ).fetchall():
            if transition:
                counts[f"transition/{transition}"] = n
        self.conn.commit()
        return counts

    def due_targets(self, run_id: int, shard: int) -> list[str]:
        """Outbound targets linked in this run whose shard is ``shard`` and not checked yet
        in this run (a retried job does not check twice)."""
        rows = self.conn.execute(
            "SELECT DISTINCT l.target_url FROM links l WHERE l.run_id = %s "
            "AND l.target_shard = %s AND l.kind = 'outbound' AND NOT EXISTS "
            "(SELECT 1 FROM checks c WHERE c.run_id = %s AND c.target_url = l.target_url) "
            "ORDER BY 1",
            [run_id, shard, run_id],
        ).fetchall()
        self.conn.commit()
        return [row[0] for row in rows]

    def record_job(
        self, run_id: int, phase: str, shard: int, status: str, message: str, worker: str, at: str
    ) -> None:
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO shard_jobs (run_id, phase, shard, status, message, worker, "
                "finished_at) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (run_id, phase, "
                "shard) DO UPDATE SET status = excluded.status, message = excluded.message, "
                "worker = excluded.worker, finished_at = excluded.finished_at",
                [run_id, phase, shard, status, message, worker, at],
            )

    def job_messages(self, run_id: int) -> list[tuple[str, int, str, str]]:
        """(phase, shard, status, message) of a run's finished jobs."""
        rows = self.conn.execute(
            "SELECT phase, shard, status, coalesce(message, '') FROM shard_jobs "
            "WHERE run_id = %s ORDER BY phase, shard",
            [run_id],
        ).fetchall()
        self.conn.commit()
        return [tuple(row) for row in rows]

    def shards_with_targets(self, run_id: int) -> list[int]:
        rows = self.conn.execute(
            "SELECT DISTINCT target_shard FROM links WHERE run_id = %s AND kind = 'outbound' "
            "ORDER BY 1",
            [run_id],
        ).fetchall()
        self.conn.commit()
        return [int(row[0]) for row in rows]

    def load_backoff(self, shard: int, run_id: int) -> dict[str, dict]:
        """A shard's hosts under 429 back-off, and this run's hanging hosts."""
        rows = self.conn.execute(
            "SELECT host, spacing, CASE WHEN run_id = %s THEN timeouts ELSE 0 END "
            "FROM host_backoff WHERE shard = %s AND (spacing > 0 OR run_id = %s)",
            [run_id, shard, run_id],
        ).fetchall()
        self.conn.commit()
        return {
            host: {"spacing": spacing or 0, "timeouts": timeouts}
            for host, spacing, timeouts in rows
        }

    def save_backoff(
        self, state: dict[str, dict], shard_of: Callable[[str], int], run_id: int, now: str
    ) -> None:
        records = [
            [host, shard_of(f"http://{host}/"), float(entry.get("spacing") or 0),
             int(entry.get("timeouts") or 0), run_id, now]
            for host, entry in state.items()
        ]  # fmt: skip
        if not records:
            return
        with self.conn.transaction(), self.conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO host_backoff (host, shard, spacing, timeouts, run_id, updated_at) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (host) DO UPDATE SET "
                "spacing = excluded.spacing, timeouts = excluded.timeouts, "
                "run_id = excluded.run_id, updated_at = excluded.updated_at",
                records,
            )
