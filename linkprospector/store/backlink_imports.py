"""Backlink imports: an export's rows stored as they are read (before the crawl makes a
request), and the queries the backlinks crawl, the report and the disavow file ask."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from linkprospector.inputs.backlink_inputs import Claim, Table

BATCH = 2000


@dataclass
class ImportSummary:
    file: str
    import_ids: list[int] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    rows: int = 0  # claims about referring pages
    domains: int = 0  # site-level rows: referring domains
    own: int = 0  # rows on the site's own domain, skipped
    skipped: int = 0  # rows without a usable URL
    reused: bool = False  # the same file was imported before: its rows are used again

    def line(self, site: str) -> str:
        again = " (imported before: the stored rows are used)" if self.reused else ""
        return (
            f"imported {self.file} ({', '.join(dict.fromkeys(self.formats))}){again}: "
            f"{self.rows} row(s) about referring pages, {self.domains} referring domain(s) "
            f"from site-level rows (not checked page by page), {self.own} row(s) on {site} "
            f"itself skipped, {self.skipped} row(s) without a usable URL"
        )


def previous_import(db: sqlite_utils.Database, sha256: str, site: str, file: str) -> ImportSummary:
    """The import of the same file (by content) for the same site, or an empty summary."""
    summary = ImportSummary(file)
    for row in db.query(
        "SELECT id, format, kind, rows, own_domain_rows, skipped_rows FROM backlink_imports "
        "WHERE sha256 = ? AND site = ? ORDER BY id",
        [sha256, site],
    ):
        summary.import_ids.append(row["id"])
        summary.formats.append(row["format"])
        summary.rows += row["rows"] if row["kind"] == "pages" else 0
        summary.domains += row["rows"] if row["kind"] == "sites" else 0
        summary.own += row["own_domain_rows"]
        summary.skipped += row["skipped_rows"]
        summary.reused = True
    return summary


def import_tables(
    db: sqlite_utils.Database,
    tables: Iterable[Table],
    *,
    site: str,
    file: str,
    sha256: str,
    run_id: int | None,
    now: str,
) -> ImportSummary:
    """Store every table's claims in one transaction (a file that fails half-way stores
    nothing); rows are written in batches as they are read, never held all at once."""
    summary = ImportSummary(file)
    with db.atomic():
        for table in tables:
            import_id = int(
                db["backlink_imports"]
                .insert(
                    {
                        "run_id": run_id,
                        "site": site,
                        "file": file,
                        "table_name": table.name,
                        "format": table.layout.name,
                        "kind": table.kind,
                        "sha256": sha256,
                        "imported_at": now,
                        "rows": 0,
                        "own_domain_rows": 0,
                        "skipped_rows": 0,
                    }
                )  # fmt: skip
                .last_pk
            )
            stored = _store_claims(db, import_id, table.kind, table.claims(site))
            db["backlink_imports"].update(
                import_id,
                {"rows": stored, "own_domain_rows": table.own, "skipped_rows": table.skipped},
            )
            summary.import_ids.append(import_id)
            summary.formats.append(table.layout.name)
            summary.rows += stored if table.kind == "pages" else 0
            summary.domains += stored if table.kind == "sites" else 0
            summary.own += table.own
            summary.skipped += table.skipped
    return summary


_CLAIM_COLUMNS = (
    "import_id", "line", "source_url", "domain", "target_url", "anchor_text", "rel",
    "first_seen", "last_seen", "authority", "page_authority", "traffic",
)  # fmt: skip
_CLAIM_SQL = (
    f"INSERT OR REPLACE INTO backlink_claims ({', '.join(_CLAIM_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _CLAIM_COLUMNS)})"
)
_DOMAIN_SQL = (
    "INSERT OR REPLACE INTO referring_domains (import_id, line, domain, linking_pages, "
    "target_pages) VALUES (?, ?, ?, ?, ?)"
)


def _store_claims(
    db: sqlite_utils.Database, import_id: int, kind: str, claims: Iterator[Claim]
) -> int:
    sql = _CLAIM_SQL if kind == "pages" else _DOMAIN_SQL
    batch: list[tuple[Any, ...]] = []
    stored = 0
    for claim in claims:
        if kind == "pages":
            batch.append((import_id, claim.line, claim.source_url, claim.domain,
                          claim.target_url, claim.anchor, claim.rel, claim.first_seen,
                          claim.last_seen, claim.authority, claim.page_authority,
                          claim.traffic))  # fmt: skip
        else:
            batch.append((import_id, claim.line, claim.domain, claim.linking_pages,
                          claim.target_pages))  # fmt: skip
        if len(batch) >= BATCH:
            db.conn.executemany(sql, batch)
            stored += len(batch)
            batch.clear()
    if batch:
        db.conn.executemany(sql, batch)
        stored += len(batch)
    return stored


def pages_to_check(
    db: sqlite_utils.Database, import_ids: list[int], after: int = 0, limit: int = 1000
) -> list[tuple[int, str]]:
    """The next ``limit`` claims' referring pages in file order, as ``(position, url)``
    (a page with several rows comes as often); pass the last position as ``after``."""
    if not import_ids:
        return []
    marks = ", ".join("?" for _ in import_ids)
    return [
        (row[0], row[1])
        for row in db.execute(
            f"SELECT rowid, source_url FROM backlink_claims WHERE rowid > ? "
            f"AND import_id IN ({marks}) ORDER BY rowid LIMIT ?",
            [after, *import_ids, limit],
        ).fetchall()
    ]


def claims_of_page(db: sqlite_utils.Database, import_ids: list[int], source_url: str) -> list[dict]:
    """What the imports say about one referring page: a row per target (first line wins)."""
    if not import_ids:
        return []
    marks = ", ".join("?" for _ in import_ids)
    found: dict[str, dict] = {}
    for row in db.query(
        f"SELECT target_url, anchor_text, rel, first_seen, last_seen FROM backlink_claims "
        f"WHERE source_url = ? AND import_id IN ({marks}) ORDER BY import_id, line",
        [source_url, *import_ids],
    ):
        found.setdefault(row["target_url"], row)
    return list(found.values())


class BacklinkImportStore:
    """The imported exports (a part of ``SQLiteStore``): what a backlinks crawl reads and
    writes before and while it checks the referring pages."""

    db: sqlite_utils.Database

    def previous_import(self, sha256: str, site: str, file: str) -> ImportSummary:
        return previous_import(self.db, sha256, site, file)

    def import_tables(self, tables: Iterable[Table], **where: Any) -> ImportSummary:
        return import_tables(self.db, tables, **where)

    def pages_to_check(
        self, import_ids: list[int], after: int = 0, limit: int = 1000
    ) -> list[tuple[int, str]]:
        return pages_to_check(self.db, import_ids, after, limit)

    def claims_of_page(self, import_ids: list[int], source_url: str) -> list[dict]:
        return claims_of_page(self.db, import_ids, source_url)
