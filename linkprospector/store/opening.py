"""Opening the store a command names: a SQLite file, or a server database pulled into a
temporary copy for a command that only reads."""

from __future__ import annotations

from pathlib import Path

from linkprospector.store.storage import SQLiteStore, StoreError, open_store


def open_existing(path: str, *, read_only: bool = False) -> SQLiteStore:
    """The store a command names: an existing SQLite file, or (for a command that only
    reads) a postgresql:// URL, pulled into a temporary copy; else StoreError."""
    if "://" in path:
        from linkprospector.store.pg_store import open_pulled_store, safe_dsn

        if not read_only:
            raise StoreError(
                f"this command works on a SQLite file, not {safe_dsn(path)}: copy the run with "
                "`linkprospector pull --from URL --db FILE` (export, report and summary read a "
                "postgresql:// URL directly)"
            )
        return open_pulled_store(path)
    if not Path(path).is_file():
        raise StoreError(f"no database at {path} (run a crawl first)")
    return open_store(path)
