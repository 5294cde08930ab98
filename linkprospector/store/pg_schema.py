"""The PostgreSQL store's schema: every SQLite table, mirrored column for column (plus the
shard that owns each row of a crawl's tables), and the data contract's views.

The columns come from the SQLite schema itself, so a migration added there reaches
PostgreSQL without a second list to keep in step. A ``linkprospector_meta`` row records the
schema's fingerprint: a worker whose code expects another schema refuses to run.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

#: Keys a table has on the server where they differ from SQLite's primary key: a sharded
#: job's check is keyed by (run, target), so a retried job writes nothing twice.
KEY_OVERRIDES: dict[str, tuple[str, ...]] = {"checks": ("run_id", "target_url")}
#: Tables whose rows belong to one shard (the shard of the URL in the named column).
SHARD_COLUMN = {
    "pages": "url",
    "links": "source_url",
    "targets": "url",
    "contacts": "source_url",
    "hosts": "host",
    "checks": "target_url",
    "removed_links": "source_url",
}
#: Tables the store pages through by SQLite's ``rowid``: the server numbers them too.
ROWID_TABLES = {"backlink_claims"}
#: SQLite's types on the server. Text compares and sorts byte by byte, as in SQLite.
PG_TYPES = {
    "INTEGER": "BIGINT",
    "REAL": "DOUBLE PRECISION",
    "FLOAT": "DOUBLE PRECISION",
    "TEXT": 'TEXT COLLATE "C"',
}
#: What the store's SQL calls that PostgreSQL spells otherwise or lacks: SQLite's
#: ``group_concat`` (one or two arguments), ``sum`` of comparisons and
#: ``round(real, digits)``.
COMPAT_FUNCTIONS = [
    "CREATE OR REPLACE FUNCTION lp_concat(acc text, value text, sep text) RETURNS text "
    "LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN value IS NULL THEN acc "
    "WHEN acc IS NULL THEN value ELSE acc || sep || value END $$",
    "CREATE OR REPLACE FUNCTION lp_concat(acc text, value text) RETURNS text "
    "LANGUAGE sql IMMUTABLE AS $$ SELECT lp_concat(acc, value, ',') $$",
    "DO $$ BEGIN CREATE AGGREGATE group_concat(text, text) (SFUNC = lp_concat, STYPE = text); "
    "EXCEPTION WHEN duplicate_function THEN NULL; END $$",
    "DO $$ BEGIN CREATE AGGREGATE group_concat(text) (SFUNC = lp_concat, STYPE = text); "
    "EXCEPTION WHEN duplicate_function THEN NULL; END $$",
    # SQLite's comparisons are 0/1, so ``sum(verdict = 'dead')`` counts; here they are
    # booleans, which this sum counts the same way (NULL when there is nothing to count).
    "CREATE OR REPLACE FUNCTION lp_count_true(acc bigint, value boolean) RETURNS bigint "
    "LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN value IS NULL THEN acc "
    "ELSE coalesce(acc, 0) + value::int END $$",
    "DO $$ BEGIN CREATE AGGREGATE sum(boolean) (SFUNC = lp_count_true, STYPE = bigint); "
    "EXCEPTION WHEN duplicate_function THEN NULL; END $$",
    "CREATE OR REPLACE FUNCTION round(value double precision, digits integer) "
    "RETURNS double precision LANGUAGE sql IMMUTABLE AS "
    "$$ SELECT round(value::numeric, digits)::double precision $$",
]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQLite type)
    key: tuple[str, ...]
    serial: bool = False  # an ``id`` the database numbers
    rules: tuple[tuple[str, str], ...] = ()  # (column, " NOT NULL DEFAULT …") as in SQLite

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


@dataclass(frozen=True)
class Schema:
    tables: dict[str, Table]
    views: list[tuple[str, str]]  # (name, SELECT in PostgreSQL's spelling), in SQLite's order
    append_only: list[str] = field(default_factory=list)  # tables no row may change in


def sqlite_schema() -> Schema:
    """Every table and view as today's SQLite migrations build them."""
    from linkprospector.store.pg_database import translate
    from linkprospector.store.storage import Store  # the SQLite schema is the source

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "schema.db"))
        try:
            tables = {}
            for table in store.db.tables:
                if table.name.startswith("_"):
                    continue
                columns = tuple((c.name, (c.type or "TEXT").upper()) for c in table.columns)
                serial = table.pks == ["id"]
                key = KEY_OVERRIDES.get(table.name, tuple(table.pks))
                rules = tuple(
                    (c.name, _rule(c.notnull, c.default_value))
                    for c in table.columns
                    if c.notnull or c.default_value is not None
                )
                tables[table.name] = Table(table.name, columns, key, serial, rules)
            views = []
            for name, sql in store.db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY rowid"
            ).fetchall():
                select = re.split(r"\bAS\b", sql, maxsplit=1, flags=re.I)[1]
                views.append((name, translate(select.strip(), params=False)))
            append_only = [
                table
                for (table,) in store.db.execute(
                    "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                    "AND sql LIKE '%append-only%' ORDER BY 1"
                ).fetchall()
            ]
        finally:
            store.close()
    return Schema(tables, views, append_only)


def _rule(notnull: bool, default: str | None) -> str:
    """A column's NOT NULL and DEFAULT (SQLite gives the default as SQL text)."""
    return (" NOT NULL" if notnull else "") + (f" DEFAULT {default}" if default else "")


def sqlite_tables() -> dict[str, Table]:
    return sqlite_schema().tables


def fingerprint(schema: Schema) -> str:
    """A short digest of the mirrored tables, their rules and the views: equal code, equal
    schema."""
    shape = {
        "tables": {
            name: [[list(c) for c in table.columns], [list(r) for r in table.rules]]
            for name, table in sorted(schema.tables.items())
        },
        "views": schema.views,
        "append_only": schema.append_only,
    }
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:16]


def create_statements(schema: Schema) -> list[str]:
    """DDL for every table, its indexes and the compatibility functions (idempotent)."""
    statements = [
        "CREATE TABLE IF NOT EXISTS linkprospector_meta (key TEXT PRIMARY KEY, value TEXT)",
        # Back-off state a later job, run or machine must honour (429s, hosts that hang).
        "CREATE TABLE IF NOT EXISTS host_backoff (host TEXT PRIMARY KEY, shard BIGINT, "
        "spacing DOUBLE PRECISION, timeouts BIGINT DEFAULT 0, run_id BIGINT, updated_at TEXT)",
        # How each shard job of a run ended (a retried job overwrites its row).
        "CREATE TABLE IF NOT EXISTS shard_jobs (run_id BIGINT, phase TEXT, shard BIGINT, "
        "status TEXT, message TEXT, worker TEXT, finished_at TEXT, "
        "PRIMARY KEY (run_id, phase, shard))",
        *COMPAT_FUNCTIONS,
    ]
    for table in schema.tables.values():
        columns = []
        for name, kind in table.columns:
            if table.serial and name == "id":
                columns.append("id BIGSERIAL")
            else:
                rule = dict(table.rules).get(name, "")
                columns.append(f"{name} {PG_TYPES.get(kind, PG_TYPES['TEXT'])}{rule}")
        if table.name in SHARD_COLUMN:
            columns.append("shard BIGINT NOT NULL DEFAULT 0")
        if table.name == "links":
            columns.append("target_shard BIGINT NOT NULL DEFAULT 0")
        if table.name == "runs":
            columns += ["shards BIGINT", "jobs TEXT"]
        if table.name in ROWID_TABLES:  # read in SQLite's rowid order, in pages
            columns.append("rowid BIGSERIAL")
        key = ", ".join(table.key)
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {table.name} ({', '.join(columns)}, PRIMARY KEY ({key}))"
        )
        if table.name in SHARD_COLUMN:
            statements.append(
                f"CREATE INDEX IF NOT EXISTS {table.name}_shard ON {table.name} (shard)"
            )
    statements.append(
        "CREATE INDEX IF NOT EXISTS links_target_shard ON links (target_shard, run_id)"
    )
    return statements


def view_statements(schema: Schema) -> list[str]:
    """The contract's views made again (after any column they read was added), and the
    append-only tables' guard. Run only when the schema's fingerprint changes: a view of
    the user's own built on ours goes with an upgrade (CASCADE), not with every run."""
    guard = (
        "CREATE OR REPLACE FUNCTION lp_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
    )
    return [
        *(f"DROP VIEW IF EXISTS {name} CASCADE" for name, _ in schema.views),
        *(f"CREATE VIEW {name} AS {sql}" for name, sql in schema.views),
        guard,
        *(
            statement
            for table in schema.append_only
            for statement in (
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION lp_append_only()",
            )
        ),
    ]
