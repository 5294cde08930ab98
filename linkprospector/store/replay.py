"""Fresh pages: which stored pages need no fetch this run, and their replay as HTML.

A page fetched less than ``LINKPROSPECTOR_RECRAWL_PAGES_DAYS`` ago is not requested
again: its stored links are turned back into a small HTML page, which the spider parses
as usual, so its link targets still get checked when they are due and its internal links
are still followed.
"""

from __future__ import annotations

import html
import json
from datetime import datetime

import sqlite_utils

from linkprospector.judge.history import RecheckPolicy

REPLAY = "linkprospector_replay"
#: Wrappers that give a replayed link back its placement when it is parsed again.
PLACEMENT_TAGS = {"nav": "nav", "header": "header", "footer": "footer", "sidebar": "aside"}


def fresh_pages(
    db: sqlite_utils.Database, role: str, policy: RecheckPolicy, now: datetime
) -> set[str]:
    """URLs of pages of ``role`` fetched recently enough by a finished run (status 200)."""
    if policy.force or "internal_links" not in db["pages"].columns_dict:
        return set()
    rows = db.execute(
        "SELECT url, fetched_at FROM pages WHERE role = ? AND status = 200 "
        "AND internal_links IS NOT NULL AND coalesce(rendered, 0) = 0 "
        # only pages of runs that finished: a killed run may have stored a page's row
        # without all of its links
        "AND run_id IN (SELECT id FROM runs WHERE status = 'finished')",
        [role],
    ).fetchall()
    return {url for url, fetched in rows if not policy.is_due("live", fetched, now)}


def replay_html(db: sqlite_utils.Database, url: str) -> str | None:
    """The stored page as minimal HTML with its links in place, or None if unknown."""
    page = db.execute("SELECT title, internal_links FROM pages WHERE url = ?", [url]).fetchone()
    if page is None:
        return None
    title, internal = page
    parts = [f"<html><head><title>{html.escape(title or '')}</title></head><body>"]
    for target, anchor, rel, placement in db.execute(
        "SELECT target_url, anchor_text, rel, placement FROM links WHERE source_url = ?", [url]
    ).fetchall():
        tag = PLACEMENT_TAGS.get(placement or "main", "div")
        rel_attr = f' rel="{html.escape(rel)}"' if rel else ""
        parts.append(
            f'<{tag}><a href="{html.escape(target)}"{rel_attr}>'
            f"{html.escape(anchor or '')}</a></{tag}>"
        )
    for link in json.loads(internal or "[]"):
        parts.append(f'<div><a href="{html.escape(link)}">.</a></div>')
    parts.append("</body></html>")
    return "".join(parts)
