"""The PostgreSQL store's schema: the SQLite tables a crawl writes, mirrored column for
column (plus the shard that owns each row), and the data contract's views.

The columns come from the SQLite schema itself, so a migration added there reaches
PostgreSQL without a second list to keep in step. A ``linkprospector_meta`` row records the
schema's fingerprint: a worker whose code expects another schema refuses to run.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from linkprospector.store.schema import (
    DEAD_LINKS_HISTORY_SQL,
    DEAD_TARGETS_SQL,
    GUEST_POSTS_SQL,
    PROSPECTS_SQL,
)

#: The tables a sharded run writes, with the key that makes a write idempotent.
KEYS: dict[str, tuple[str, ...]] = {
    "runs": ("id",),
    "pages": ("url",),
    "links": ("source_url", "target_url"),
    "targets": ("url",),
    "contacts": ("site", "kind", "value"),
    "hosts": ("host",),
    "checks": ("run_id", "target_url"),
    "removed_links": ("run_id", "source_url", "target_url"),
}
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
PG_TYPES = {"INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION", "FLOAT": "DOUBLE PRECISION"}
VIEWS = {
    "dead_links": DEAD_LINKS_HISTORY_SQL.format(extra=""),
    "confirmed_dead_links": DEAD_LINKS_HISTORY_SQL.format(extra=" AND t.confirmed = 1"),
    "prospects": PROSPECTS_SQL,
    "guest_posts": GUEST_POSTS_SQL,
    # PostgreSQL spells SQLite's group_concat as string_agg
    "dead_targets": DEAD_TARGETS_SQL.replace(
        "group_concat(DISTINCT l.anchor_text)", "string_agg(DISTINCT l.anchor_text, ',')"
    ),
}


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQLite type)
    key: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


def sqlite_tables() -> dict[str, Table]:
    """The mirrored tables as today's SQLite migrations build them."""
    from linkprospector.store.storage import Store  # the SQLite schema is the source

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "schema.db"))
        try:
            found = {}
            for name, key in KEYS.items():
                table = store.db[name]
                columns = tuple((c.name, (c.type or "TEXT").upper()) for c in table.columns)
                found[name] = Table(name, columns, key)
        finally:
            store.close()
    return found


def fingerprint(tables: dict[str, Table]) -> str:
    """A short digest of the mirrored columns: equal code, equal schema."""
    shape = {name: [list(c) for c in table.columns] for name, table in sorted(tables.items())}
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:16]


def create_statements(tables: dict[str, Table]) -> list[str]:
    """DDL for every mirrored table, its indexes and the contract's views (idempotent)."""
    statements = [
        "CREATE TABLE IF NOT EXISTS linkprospector_meta (key TEXT PRIMARY KEY, value TEXT)",
        # Back-off state a later job, run or machine must honour (429s, hosts that hang).
        "CREATE TABLE IF NOT EXISTS host_backoff (host TEXT PRIMARY KEY, shard BIGINT, "
        "spacing DOUBLE PRECISION, timeouts BIGINT DEFAULT 0, run_id BIGINT, updated_at TEXT)",
        # How each shard job of a run ended (a retried job overwrites its row).
        "CREATE TABLE IF NOT EXISTS shard_jobs (run_id BIGINT, phase TEXT, shard BIGINT, "
        "status TEXT, message TEXT, worker TEXT, finished_at TEXT, "
        "PRIMARY KEY (run_id, phase, shard))",
    ]
    for table in tables.values():
        columns = []
        for name, kind in table.columns:
            pg_type = PG_TYPES.get(kind, "TEXT")
            if table.name == "runs" and name == "id":
                columns.append("id BIGSERIAL")
            else:
                columns.append(f"{name} {pg_type}")
        if table.name in SHARD_COLUMN:
            columns.append("shard BIGINT NOT NULL DEFAULT 0")
        if table.name == "links":
            columns.append("target_shard BIGINT NOT NULL DEFAULT 0")
        if table.name == "runs":
            columns += ["shards BIGINT", "jobs TEXT"]
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
    statements += [f"CREATE OR REPLACE VIEW {name} AS {sql}" for name, sql in VIEWS.items()]
    return statements
