"""The store interface on a PostgreSQL database: the same operations and queries as the
SQLite store, run on the server through ``pg_database.PgDatabase``.

``open_server_store(url)`` is what a command gets for ``--db postgresql://…``: exports,
the report and the summary read the server's tables directly, and outreach statuses,
backlink imports, the niche, domain ranks and pitches are written there, for every
machine and every teammate to see. Crawls on many machines write through shard jobs
(``cluster/``), each on a private SQLite replica pushed back by (run, URL).
"""

from __future__ import annotations

from linkprospector.store.interface import StoreError
from linkprospector.store.pg_database import PgDatabase
from linkprospector.store.storage import SQLiteStore


class ServerStore(SQLiteStore):
    """``interface.Store`` on PostgreSQL (its queries are the SQLite store's, translated)."""

    def __init__(self, dsn: str, create: bool = False):  # noqa: D107 - no SQLite file
        from linkprospector.store.pg_store import PgStore, safe_dsn

        self.path = None  # type: ignore[assignment]  # no file: a server
        self.name = safe_dsn(dsn)
        self.server = PgStore.open(dsn, create=create)
        self.server.conn.autocommit = True
        columns = {name: t.column_names for name, t in self.server.tables.items()}
        self.db = PgDatabase(self.server.conn, columns)  # type: ignore[assignment]

    def close(self) -> None:
        self.server.close()


def open_server_store(dsn: str, create: bool = False) -> ServerStore:
    """The store on the PostgreSQL database at ``dsn`` (its schema must be this version's
    unless ``create``), or StoreError in one line."""
    from linkprospector.store.pg_store import is_postgres_url, safe_dsn

    if not is_postgres_url(dsn):
        raise StoreError(f"--db must be a SQLite file or a postgresql:// URL, got {safe_dsn(dsn)}")
    return ServerStore(dsn, create=create)
