"""The part of sqlite-utils' ``Database`` the store's queries use, on a PostgreSQL
connection: so the one set of queries in ``store/`` runs on either database.

SQLite's spelling is turned into PostgreSQL's here, in one place (``?`` placeholders,
``[name]`` quoting, ``INSERT OR REPLACE``/``OR IGNORE``, ``IS [NOT] ?``, ``LIKE``'s ASCII
case-folding, ``REAL``). What has no spelling to turn (``group_concat``, two-argument
``round`` on a float, scalar ``max``/``min``) is a function the schema creates on the
server (``pg_schema.COMPAT_FUNCTIONS``). Values are written as SQLite stores them
(containers as JSON text, booleans as 0/1, datetimes as ISO text) and read back as it
returns them (a ``sum`` of integers is an integer, not a ``Decimal``; a comparison is 1
or 0).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.adapt import Loader

from linkprospector.store.interface import StoreError

_LITERAL = re.compile(r"'(?:[^']|'')*'")
_MASK = re.compile("\x01(\\d+)\x02")  # where a literal was set aside
_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(REPLACE|IGNORE)\s+INTO\s+(\w+)\s*", re.I)
_BRACKETS = re.compile(r"\[([A-Za-z_][A-Za-z_0-9]*)\]")
_IS_PARAM = re.compile(r"\bIS\s+(NOT\s+)?\?", re.I)
_LIKE = re.compile(r"(?<![\w.])(NOT\s+)?LIKE\b", re.I)
_REAL = re.compile(r"\bAS\s+REAL\b", re.I)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.I)
_CLAUSE_END = re.compile(r"\b(LIMIT|OFFSET)\b", re.I)
_NULLS = re.compile(r"\bNULLS\s+(FIRST|LAST)\s*$", re.I)
_DESC = re.compile(r"\bDESC\s*$", re.I)


def translate(sql: str, params: bool = True) -> str:
    """SQLite's spelling of a statement in PostgreSQL's (``params``: with ``%s``
    placeholders and ``%`` doubled, as psycopg wants when it is given parameters)."""
    return _translate(sql, params)[0]


@lru_cache(maxsize=512)
def _translate(sql: str, params: bool = True) -> tuple[str, str | None, str | None]:
    """(PostgreSQL text, 'replace'/'ignore' for INSERT OR …, its table). String literals
    are set aside first and put back as written ('%' doubled for psycopg)."""
    literals: list[str] = []

    def set_aside(found: re.Match) -> str:
        literals.append(found.group(0))
        return f"\x01{len(literals) - 1}\x02"

    sql = _LITERAL.sub(set_aside, sql)
    mode = table = None
    found = _INSERT_OR.match(sql)
    if found:
        mode, table = found.group(1).lower(), found.group(2)
        sql = f"INSERT INTO {table} " + sql[found.end() :]
    sql = _BRACKETS.sub(r'"\1"', sql)
    sql = _IS_PARAM.sub(
        lambda m: "IS DISTINCT FROM ?" if m.group(1) else "IS NOT DISTINCT FROM ?", sql
    )
    sql = _LIKE.sub(lambda m: f"{m.group(1) or ''}ILIKE", sql)
    sql = _REAL.sub("AS DOUBLE PRECISION", sql)
    sql = _nulls_as_in_sqlite(sql)
    if params:
        sql = sql.replace("%", "%%").replace("?", "%s")

    def put_back(found: re.Match) -> str:
        literal = literals[int(found.group(1))]
        return literal.replace("%", "%%") if params else literal

    return _MASK.sub(put_back, sql), mode, table


def _nulls_as_in_sqlite(sql: str) -> str:
    """Every sort key with SQLite's place for NULLs (first ascending, last descending;
    PostgreSQL's default is the reverse), so both list rows alike."""
    out, at = [], 0
    for found in _ORDER_BY.finditer(sql):
        if found.start() < at:
            continue
        start = found.end()
        depth, end, keys, key_start = 0, len(sql), [], start
        for index in range(start, len(sql)):
            char = sql[index]
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    end = index
                    break
                depth -= 1
            elif char == "," and depth == 0:
                keys.append(sql[key_start:index])
                key_start = index + 1
            elif depth == 0 and (char == ";" or _CLAUSE_END.match(sql, index)):
                end = index  # the clause ends: ';', LIMIT or OFFSET
                break
        keys.append(sql[key_start:end])
        placed = []
        for key in keys:
            stripped = key.rstrip()
            if not stripped.strip() or _NULLS.search(stripped):
                placed.append(key)
            else:
                nulls = " NULLS LAST" if _DESC.search(stripped) else " NULLS FIRST"
                placed.append(stripped + nulls + key[len(stripped) :])
        out.append(sql[at:start] + ",".join(placed))
        at = end
    out.append(sql[at:])
    return "".join(out)


def sql_value(value: Any) -> Any:
    """A Python value as SQLite (through sqlite-utils) would store it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, default=str)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


@contextmanager
def _as_store_error() -> Iterator[None]:
    """A server error as the store's one-line StoreError (as SQLite's are caught)."""
    try:
        yield
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise StoreError(f"PostgreSQL: {first}") from exc


class _SQLiteNumber(Loader):
    """``numeric`` read as SQLite returns it: an integer when written without a point
    (a ``sum`` of integers), else a float (an ``avg``)."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        return int(text) if text.lstrip("-").isdigit() else float(text)


class _SQLiteTruth(Loader):
    """A comparison's result read as SQLite gives it: 1 or 0, not True or False."""

    def load(self, data: Any) -> int:
        return 1 if bytes(data) == b"t" else 0


class PgDatabase:
    """A psycopg connection (autocommit; ``atomic`` opens a transaction or savepoint)
    answering the calls the store makes of a sqlite-utils database."""

    runs_python_functions = False  # SQLite runs registered Python functions; a server does not

    def __init__(self, conn: Any, columns: dict[str, list[str]]):
        self.raw = conn
        conn.adapters.register_loader("numeric", _SQLiteNumber)
        conn.adapters.register_loader("bool", _SQLiteTruth)
        self._keys: dict[str, tuple[str, ...]] | None = None
        self.columns = columns  # each table's SQLite columns (the server adds shard columns)

    # -- what sqlite-utils' Database offers -----------------------------------------------

    @property
    def conn(self) -> PgDatabase:  # ``table.db.conn.executemany`` in upserts.py
        return self

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        text = self._statement(sql)
        with _as_store_error():
            return self.raw.execute(text, [sql_value(v) for v in params or ()])

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        text = self._statement(sql)
        with _as_store_error(), self.raw.cursor() as cursor:
            cursor.executemany(text, [[sql_value(v) for v in row] for row in rows])

    def query(self, sql: str, params: Sequence[Any] | None = None) -> Iterator[dict]:
        cursor = self.execute(sql, params)
        if cursor.description is None:
            return
        names = [column.name for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def atomic(self) -> Any:
        return self.raw.transaction()

    def __getitem__(self, name: str) -> PgTable:
        return PgTable(self, name)

    def close(self) -> None:
        self.raw.close()

    # -- the schema the translation needs --------------------------------------------------

    def key_of(self, table: str) -> tuple[str, ...]:
        if self._keys is None:
            rows = self.raw.execute(
                "SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints "
                "tc JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = "
                "tc.constraint_name AND kcu.table_schema = tc.table_schema WHERE "
                "tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() "
                "ORDER BY tc.table_name, kcu.ordinal_position"
            ).fetchall()
            keys: dict[str, tuple[str, ...]] = {}
            for name, column in rows:
                keys[name] = (*keys.get(name, ()), column)
            self._keys = keys
        if table not in self._keys:
            raise StoreError(f"the PostgreSQL database has no table {table}")
        return self._keys[table]

    def columns_of(self, table: str) -> list[str]:
        if table not in self.columns:
            raise StoreError(f"the PostgreSQL database has no table {table}")
        return self.columns[table]

    def _statement(self, sql: str) -> str:
        text, mode, table = _translate(sql)
        if mode is None:
            return text
        if mode == "ignore":
            return f"{text} ON CONFLICT DO NOTHING"
        key = self.key_of(table)
        columns = _insert_columns(text) or self.columns_of(table)  # no list: every column
        update = [c for c in columns if c not in key]
        return f"{text} ON CONFLICT ({', '.join(key)}) DO " + (
            "UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in update)
            if update
            else "NOTHING"
        )


def _insert_columns(text: str) -> list[str]:
    found = re.search(r"INSERT INTO \w+\s*\(([^)]*)\)", text)
    return [c.strip().strip('"') for c in found.group(1).split(",")] if found else []


def _keys(pk: Any) -> tuple[str, ...]:
    return (pk,) if isinstance(pk, str) else tuple(pk)


class PgTable:
    """One table, with sqlite-utils' ``Table`` methods the store calls."""

    def __init__(self, db: PgDatabase, name: str):
        self.db = db
        self.name = name
        self.last_pk: Any = None

    @property
    def pks(self) -> list[str]:
        return list(self.db.key_of(self.name))

    @property
    def columns_dict(self) -> dict[str, type]:
        """Column name -> Python type, as sqlite-utils gives it (the SQLite columns)."""
        return {name: str for name in self.db.columns_of(self.name)}

    @property
    def rows(self) -> Iterator[dict]:
        return self.rows_where()

    def rows_where(
        self,
        where: str | None = None,
        where_args: Sequence[Any] | None = None,
        order_by: str | None = None,
        select: str = "*",
        limit: int | None = None,
    ) -> Iterator[dict]:
        if select == "*":  # the row as SQLite has it, without the server's shard columns
            select = ", ".join(f'"{c}"' for c in self.db.columns_of(self.name))
        sql = f"SELECT {select} FROM {self.name}"
        if where:
            sql += f" WHERE {where}"
        if order_by:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.db.query(sql, where_args)

    def get(self, pk_values: Any) -> dict:
        key = self.pks
        values = [pk_values] if not isinstance(pk_values, list | tuple) else list(pk_values)
        where = " AND ".join(f"{column} = ?" for column in key)
        row = next(self.rows_where(where, values), None)
        if row is None:
            raise LookupError(f"no row {pk_values!r} in {self.name}")
        return row

    def delete(self, pk_values: Any) -> PgTable:
        key = self.pks
        values = [pk_values] if not isinstance(pk_values, list | tuple) else list(pk_values)
        where = " AND ".join(f"{column} = ?" for column in key)
        self.db.execute(f"DELETE FROM {self.name} WHERE {where}", values)
        return self

    def update(self, pk_values: Any, updates: dict) -> PgTable:
        if not updates:
            return self
        key = self.pks
        values = [pk_values] if not isinstance(pk_values, list | tuple) else list(pk_values)
        sets = ", ".join(f'"{column}" = ?' for column in updates)
        where = " AND ".join(f"{column} = ?" for column in key)
        done = self.db.execute(
            f"UPDATE {self.name} SET {sets} WHERE {where}", [*updates.values(), *values]
        )
        if done.rowcount == 0:  # as sqlite-utils: no such row is an error
            raise LookupError(f"no row {pk_values!r} in {self.name}")
        return self

    def insert(self, row: dict, pk: Any = None, replace: bool = False) -> PgTable:
        key = _keys(pk) if pk else self.pks
        columns = list(row)
        sql = self._insert_sql(columns, key, "replace" if replace else None)
        with _as_store_error():
            returned = self.db.raw.execute(
                sql + f" RETURNING {', '.join(key)}", [sql_value(row[c]) for c in columns]
            ).fetchone()
        self.last_pk = returned[0] if returned and len(key) == 1 else returned
        return self

    def insert_all(
        self,
        rows: Iterable[dict],
        pk: Any = None,
        replace: bool = False,
        batch_size: int = 1000,
    ) -> PgTable:
        return self._write(
            rows, _keys(pk) if pk else self.pks, "replace" if replace else None, batch_size
        )

    def upsert(self, row: dict, pk: Any = None) -> PgTable:
        return self.upsert_all([row], pk=pk)

    def upsert_all(self, rows: Iterable[dict], pk: Any = None, batch_size: int = 1000) -> PgTable:
        return self._write(rows, _keys(pk) if pk else self.pks, "upsert", batch_size)

    def _write(
        self, rows: Iterable[dict], key: tuple[str, ...], mode: str | None, batch_size: int
    ) -> PgTable:
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                self._write_batch(batch, key, mode)
                batch = []
        self._write_batch(batch, key, mode)
        return self

    def _write_batch(self, rows: list[dict], key: tuple[str, ...], mode: str | None) -> None:
        by_columns: dict[tuple[str, ...], list[dict]] = {}
        for row in rows:
            by_columns.setdefault(tuple(row), []).append(row)
        for columns, group in by_columns.items():
            sql = self._insert_sql(list(columns), key, mode)
            with _as_store_error(), self.db.raw.cursor() as cursor:
                cursor.executemany(sql, [[sql_value(r[c]) for c in columns] for r in group])

    def _insert_sql(self, columns: list[str], key: tuple[str, ...], mode: str | None) -> str:
        quoted = ", ".join(f'"{c}"' for c in columns)
        sql = f"INSERT INTO {self.name} ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})"
        if mode is None:
            return sql
        if mode == "replace":  # the whole row replaced: columns not given go back to default
            others = [c for c in self.db.columns_of(self.name) if c not in key]
            sets = [
                f'"{c}" = excluded."{c}"' if c in columns else f'"{c}" = DEFAULT' for c in others
            ]
        else:  # upsert: the given columns change, the rest stay
            sets = [f'"{c}" = excluded."{c}"' for c in columns if c not in key]
        target = ", ".join(key)
        return f"{sql} ON CONFLICT ({target}) DO " + (
            "UPDATE SET " + ", ".join(sets) if sets else "NOTHING"
        )
