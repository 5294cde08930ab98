"""The store interface on a PostgreSQL database: the same operations and queries as the
SQLite store, run on the server through ``pg_database.PgDatabase``.

``open_server_store(url)`` is what a command gets for ``--db postgresql://…``: exports,
the report and the summary read the server's tables directly, and outreach statuses,
backlink imports, the niche, domain ranks and pitches are written there, for every
machine and every teammate to see. Crawls on many machines write through shard jobs
(``cluster/``), each on a private SQLite replica pushed back by (run, URL).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable

from linkprospector.store import history_store
from linkprospector.store.interface import StoreError
from linkprospector.store.pg_database import PgDatabase
from linkprospector.store.storage import SQLiteStore


class ServerStore(SQLiteStore):
    """``interface.Store`` on PostgreSQL (its queries are the SQLite store's, translated)."""

    def __init__(self, dsn: str, create: bool = False, shards: int = 0):
        from linkprospector.store.pg_store import PgStore, safe_dsn

        self.shards = shards  # a run's shard count (0: the default for this machine)
        self._shards: int | None = None
        self.path = None  # type: ignore[assignment]  # no file: a server
        self.name = safe_dsn(dsn)
        self.server = PgStore.open(dsn, create=create)
        self.server.conn.autocommit = True
        columns = {name: t.column_names for name, t in self.server.tables.items()}
        self.db = PgDatabase(self.server.conn, columns)  # type: ignore[assignment]

    def close(self) -> None:
        self.server.close()

    # -- a crawl of one machine (competitors, backlinks, your site) written to the server

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
        """The SQLite store's batch, each row with the shard that owns it (as a sharded
        run's job writes it), so a later run on many machines finds it in its shard."""
        shard = self._shard_of
        pages = [{**row, "shard": shard(row["url"])} for row in pages]
        links = [
            {**row, "shard": shard(row["source_url"]), "target_shard": shard(row["target_url"])}
            for row in links
        ]
        contacts = [{**row, "shard": shard(row.get("source_url") or "")} for row in contacts]
        targets = list(targets)  # shard added after the check history (its own columns)
        with self.db.atomic():
            targets = history_store.apply_checks(self.db, targets, run_id, confirm_hours)
            targets = [{**row, "shard": shard(row["url"])} for row in targets]
            self.write(pages=pages, links=links, targets=targets, contacts=contacts)

    def mark_stale_runs(self, now: str) -> int:
        """Runs of this machine still marked running whose process is gone: ``killed``.
        Another machine's run is left alone: its process may be alive there."""
        rows = self.db.execute(
            "SELECT id, pid FROM runs WHERE status = 'running' AND machine = ?",
            [socket.gethostname()],
        ).fetchall()
        gone = [run_id for run_id, pid in rows if not _alive(pid)]
        return history_store.mark_stale_runs(self.db, now, only=gone) if gone else 0

    def _shard_of(self, url: str) -> int:
        from linkprospector.store.shards import default_shards, shard_of_url

        if self._shards is None:
            self._shards = self.shards or default_shards()
        return shard_of_url(url, self._shards)


def _alive(pid: int | None) -> bool:
    """Whether process ``pid`` runs on this machine (no pid: never started, so gone)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def open_server_store(dsn: str, create: bool = False, shards: int = 0) -> ServerStore:
    """The store on the PostgreSQL database at ``dsn`` (its schema must be this version's
    unless ``create``), or StoreError in one line."""
    from linkprospector.store.pg_store import is_postgres_url, safe_dsn

    if not is_postgres_url(dsn):
        raise StoreError(f"--db must be a SQLite file or a postgresql:// URL, got {safe_dsn(dsn)}")
    return ServerStore(dsn, create=create, shards=shards)
