"""Tables of the pitch work: the user's own pages, the sentence around each outbound link,
archived captures of dead pages, ranked replacements and each pitch's outreach status.

None of them is written by the verdict path; a re-crawl replaces a page's link sentences
and the user's pages, never a pitch status.
"""

from __future__ import annotations

import sqlite_utils

from linkprospector.store.schema import migrations


@migrations()
def m020_pitch(db: sqlite_utils.Database) -> None:
    """my_pages, link_contexts, wayback_captures, replacements, pitch_status."""
    db["my_pages"].create(
        {"url": str, "site": str, "title": str, "description": str, "headings": str,
         "text": str, "lang": str, "fetched_at": str},
        pk="url",
        if_not_exists=True,
    )  # fmt: skip
    db["link_contexts"].create(
        {"source_url": str, "target_url": str, "sentence": str, "seen_at": str},
        pk=("source_url", "target_url"),
        if_not_exists=True,
    )
    db["wayback_captures"].create(
        {"target_url": str, "state": str, "cutoff": str, "looked_up_at": str,
         "capture_url": str, "capture_date": str, "title": str, "description": str,
         "headings": str, "text": str, "lang": str, "skipped": str, "error": str},
        pk="target_url",
        if_not_exists=True,
    )  # fmt: skip
    db["replacements"].create(
        {"target_url": str, "rank": int, "url": str, "score": float, "matched": str,
         "good": int, "ranked_at": str},
        pk=("target_url", "rank"),
        if_not_exists=True,
    )  # fmt: skip
    db["pitch_status"].create(
        {"page_url": str, "target_url": str, "status": str, "note": str,
         "replacement_url": str, "updated_at": str, "won_at": str, "link_seen_at": str},
        pk=("page_url", "target_url"),
        if_not_exists=True,
    )  # fmt: skip
    db["my_pages"].create_index(["site"], if_not_exists=True)
