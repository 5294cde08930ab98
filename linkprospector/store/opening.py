"""Opening the store a command names: a SQLite file, or a PostgreSQL database (the same
operations, run on the server)."""

from __future__ import annotations

from pathlib import Path

from linkprospector.store.storage import SQLiteStore, StoreError, open_store


def open_existing(path: str) -> SQLiteStore:
    """The store a command names: an existing SQLite file or a postgresql:// URL whose
    schema this version wrote; else StoreError."""
    if "://" in path:
        from linkprospector.store.server_store import open_server_store

        return open_server_store(path)
    if not Path(path).is_file():
        raise StoreError(f"no database at {path} (run a crawl first)")
    return open_store(path)


def open_store_at(path: str | Path) -> SQLiteStore:
    """The store a step of a run writes: a SQLite file (created and migrated), or a
    postgresql:// database (its schema created or upgraded first); else StoreError."""
    if "://" in str(path):
        from linkprospector.store.server_store import open_server_store

        return open_server_store(str(path), create=True)
    return open_store(path)
