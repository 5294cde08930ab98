"""Backlink imports (migrations m010-m019): what an export said, stored before any request,
and the ``backlinks`` view with the imported rows not checked yet."""

from __future__ import annotations

import sqlite_utils

from linkprospector.store.schema import migrations

#: DESIGN.md's columns first; then when the link was first seen (the export's date when it
#: gives one) and when it was checked. Imported rows whose page has not been checked yet
#: (the crawl was stopped, or the network was down) are ``unknown`` / ``not_checked``.
BACKLINKS_WITH_IMPORTS_SQL = """
SELECT * FROM (
  SELECT source_url, target_url, anchor_text, rel, placement, state, reason,
         toxic_score, toxic_reasons, first_seen, checked_at
  FROM backlink_links
  UNION ALL
  SELECT c.source_url, c.target_url, max(c.anchor_text), coalesce(max(c.rel), ''), '',
         'unknown', 'not_checked', 0, '', min(nullif(c.first_seen, '')), NULL
  FROM backlink_claims c
  WHERE NOT EXISTS (
    SELECT 1 FROM backlink_links l
    WHERE l.source_url = c.source_url AND (c.target_url = '' OR l.target_url = c.target_url)
  )
  GROUP BY c.source_url, c.target_url
) AS backlink_rows ORDER BY state = 'live', source_url, target_url
"""


@migrations()
def m010_backlink_imports(db: sqlite_utils.Database) -> None:
    """An export's tables (one row per file, ZIP member or sheet), their rows (claims about
    referring pages) and their site-level rows (referring domains)."""
    db["backlink_imports"].create(
        {
            "id": int,
            "run_id": int,
            "site": str,
            "file": str,
            "table_name": str,
            "format": str,
            "kind": str,  # pages | sites
            "sha256": str,  # of the whole file: the same file is imported once
            "imported_at": str,
            "rows": int,
            "own_domain_rows": int,
            "skipped_rows": int,
        },
        pk="id",
        if_not_exists=True,
    )
    db["backlink_imports"].create_index(["sha256", "site"], if_not_exists=True)
    db["backlink_claims"].create(
        {
            "import_id": int,
            "line": int,
            "source_url": str,
            "domain": str,
            "target_url": str,
            "anchor_text": str,
            "rel": str,  # NULL: the export does not say
            "first_seen": str,
            "last_seen": str,
            "authority": float,
            "page_authority": float,
            "traffic": float,
        },
        pk=("import_id", "line"),
        not_null={"source_url", "target_url"},
        defaults={"target_url": ""},
        if_not_exists=True,
    )
    db["backlink_claims"].create_index(["source_url", "import_id"], if_not_exists=True)
    db["referring_domains"].create(
        {
            "import_id": int,
            "line": int,
            "domain": str,
            "linking_pages": int,
            "target_pages": int,
        },
        pk=("import_id", "line"),
        if_not_exists=True,
    )
    db["referring_domains"].create_index(["domain"], if_not_exists=True)
    links = db["backlink_links"]
    for column in ("claimed_anchor", "claimed_rel", "export_last_seen"):
        if column not in links.columns_dict:
            links.add_column(column, str)
    db.create_view("backlinks", BACKLINKS_WITH_IMPORTS_SQL, replace=True)
