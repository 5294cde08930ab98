"""Copies between PostgreSQL and SQLite: a shard job's replica (pull the shard's state,
push what the job wrote, keyed by run and URL) and a whole database brought home."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import sqlite_utils

from linkprospector.store.pg_schema import SHARD_COLUMN, Table
from linkprospector.store.storage import Store, StoreError, open_db

BATCH = 1000


def replica_run(db: sqlite_utils.Database) -> int | None:
    """The run a shard job's crawl started in its replica (None: not started yet)."""
    row = db.execute("SELECT max(id) FROM runs").fetchone()
    return None if not row or row[0] is None else int(row[0])


class ReplicaCopies:
    """The copying half of the PostgreSQL store (``conn`` and ``tables`` come from it)."""

    conn: Any
    tables: dict[str, Table]

    # -- shard replicas ----------------------------------------------------------------

    def pull_targets(self, db: sqlite_utils.Database, urls: list[str]) -> int:
        """Copy the stored state of ``urls`` into a job's SQLite replica (run ids dropped:
        the replica's own run is the only one it knows)."""
        table = self.tables["targets"]
        names = table.column_names
        copied = 0
        for start in range(0, len(urls), BATCH):
            chunk = urls[start : start + BATCH]
            rows = self.conn.execute(
                f"SELECT {', '.join(names)} FROM targets WHERE url = ANY(%s)", [chunk]
            ).fetchall()
            records = [dict(zip(names, row, strict=True)) | {"run_id": None} for row in rows]
            if records:
                db["targets"].insert_all(records, pk="url", replace=True)
                copied += len(records)
        self.conn.commit()
        return copied

    def pull_pages(self, db: sqlite_utils.Database, shard: int) -> int:
        """Copy a shard's pages and their links into a job's replica (fresh pages replay)."""
        copied = 0
        for name, pk in (("pages", "url"), ("links", ("source_url", "target_url"))):
            table = self.tables[name]
            names = table.column_names
            cursor = self.conn.execute(
                f"SELECT {', '.join(names)} FROM {name} WHERE shard = %s", [shard]
            )
            while rows := cursor.fetchmany(BATCH):
                records = [dict(zip(names, row, strict=True)) | {"run_id": None} for row in rows]
                db[name].insert_all(records, pk=pk, replace=True)
                copied += len(records)
        self.conn.commit()
        return copied

    def push(
        self,
        db: sqlite_utils.Database,
        local_run: int,
        run_id: int,
        shard_of: Callable[[str], int],
        tables: Iterable[str],
        after_check: int = 0,
    ) -> int:
        """Copy the replica's rows of its run ``local_run`` into run ``run_id``, in one
        transaction; returns the highest check id copied (for the next incremental push)."""
        last = after_check
        with self.conn.transaction():
            for name in tables:
                table = self.tables[name]
                rows = list(_local_rows(db, table, local_run, after_check))
                if name == "checks" and rows:
                    last = max(last, max(row.pop("__id") for row in rows))
                records = [self._for_pg(name, row, local_run, run_id, shard_of) for row in rows]
                self._upsert(table, records)
            if "removed_links" in tables:
                self.conn.execute(
                    "DELETE FROM links l USING removed_links r WHERE r.run_id = %s "
                    "AND l.source_url = r.source_url AND l.target_url = r.target_url "
                    "AND l.run_id IS DISTINCT FROM %s",
                    [run_id, run_id],
                )
        return last

    def _for_pg(
        self, name: str, row: dict, local_run: int, run_id: int, shard_of: Callable[[str], int]
    ) -> dict:
        if "run_id" in row and row["run_id"] == local_run:
            row["run_id"] = run_id
        if name in SHARD_COLUMN:
            row["shard"] = shard_of(row.get(SHARD_COLUMN[name]) or "")
        if name == "links":
            row["target_shard"] = shard_of(row.get("target_url") or "")
        return row

    def _upsert(self, table: Table, records: list[dict]) -> None:
        if not records:
            return
        names = list(records[0])
        marks = ", ".join(["%s"] * len(names))
        update = ", ".join(f"{n} = excluded.{n}" for n in names if n not in table.key)
        sql = (
            f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks}) "
            f"ON CONFLICT ({', '.join(table.key)}) DO "
            + (f"UPDATE SET {update}" if update else "NOTHING")
        )
        with self.conn.cursor() as cursor:
            cursor.executemany(sql, [[r.get(n) for n in names] for r in records])

    # -- back home -----------------------------------------------------------------------

    def copy_to_sqlite(self, path: str, run_id: int | None = None) -> dict[str, int]:
        """Copy every mirrored table (or one run's rows and the state they need) into the
        SQLite database at ``path``, created and migrated as usual."""
        store = Store(path)
        copied: dict[str, int] = {}
        try:
            for name, table in self.tables.items():
                names = [n for n in table.column_names if not (name == "checks" and n == "id")]
                where, params = "", []
                if run_id is not None and name in ("runs", "checks", "removed_links"):
                    where = " WHERE id = %s" if name == "runs" else " WHERE run_id = %s"
                    params = [run_id]
                cursor = self.conn.execute(f"SELECT {', '.join(names)} FROM {name}{where}", params)
                count = 0
                with store.db.atomic():
                    while rows := cursor.fetchmany(BATCH):
                        records = [dict(zip(names, row, strict=True)) for row in rows]
                        pk = table.key
                        store.db[name].upsert_all(records, pk=pk[0] if len(pk) == 1 else pk)
                        count += len(records)
                copied[name] = count
            self.conn.commit()
        finally:
            store.close()
        return copied

    def copy_from_sqlite(self, path: str, shard_of: Callable[[str], int]) -> dict[str, int]:
        """Copy every table of the SQLite database at ``path`` into this one, which must be
        empty (two files' run ids, events and imports would collide), in one transaction;
        ``id`` sequences move past the copied ids: a machine's database moved to a server."""
        source = open_db(path)  # an older file is migrated first, as any command does
        copied: dict[str, int] = {}
        try:
            with self.conn.transaction():
                self._refuse_if_holding_rows()
                for name, table in self.tables.items():
                    if name not in source.table_names():
                        continue
                    have = {c.name for c in source[name].columns}
                    names = [n for n in table.column_names if n in have]
                    if name == "checks":  # keyed by (run, target) here: the server numbers it
                        names = [n for n in names if n != "id"]
                    cursor = source.execute(f"SELECT {', '.join(names)} FROM [{name}]")
                    count = 0
                    while rows := cursor.fetchmany(BATCH):
                        records = [dict(zip(names, row, strict=True)) for row in rows]
                        if name in SHARD_COLUMN:
                            for record in records:
                                record["shard"] = shard_of(record.get(SHARD_COLUMN[name]) or "")
                                if name == "links":
                                    record["target_shard"] = shard_of(record["target_url"] or "")
                        self._upsert(table, records)
                        count += len(records)
                    copied[name] = count
                    if table.serial:
                        self.conn.execute(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"coalesce((SELECT max(id) FROM {name}), 0) + 1, false)"
                        )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read database {path}: {exc}") from None
        finally:
            source.close()
        return copied

    def _refuse_if_holding_rows(self) -> None:
        held = [
            name
            for name in self.tables
            if self.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {name})").fetchone()[0]
        ]
        if held:
            raise StoreError(
                f"the server database already holds rows ({', '.join(held[:4])}"
                f"{', …' if len(held) > 4 else ''}): push moves a SQLite database into an "
                "empty one; run crawls on the server instead (LINKPROSPECTOR_DB=postgresql://…)"
            )


def _local_rows(
    db: sqlite_utils.Database, table: Table, local_run: int, after_check: int
) -> Iterator[dict]:
    """The replica's rows a job made: its run's rows (contacts have no run: all of them)."""
    names = table.column_names
    if table.name == "checks":
        select = [n for n in names if n != "id"]
        cursor = db.execute(
            f"SELECT id, {', '.join(select)} FROM checks WHERE run_id = ? AND id > ?",
            [local_run, after_check],
        )
        for row in cursor:
            yield {"__id": row[0], **dict(zip(select, row[1:], strict=True))}
        return
    if table.name == "targets" and after_check:
        cursor = db.execute(
            f"SELECT {', '.join(names)} FROM targets WHERE run_id = ? AND url IN "
            "(SELECT target_url FROM checks WHERE run_id = ? AND id > ?)",
            [local_run, local_run, after_check],
        )
    elif "run_id" in names:
        cursor = db.execute(
            f"SELECT {', '.join(names)} FROM {table.name} WHERE run_id = ?", [local_run]
        )
    else:
        cursor = db.execute(f"SELECT {', '.join(names)} FROM {table.name}")
    for row in cursor:
        yield dict(zip(names, row, strict=True))
