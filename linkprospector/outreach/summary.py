"""Plain-text summaries of a database, for the terminal."""

from __future__ import annotations

import sqlite_utils


def summary_lines(
    db: sqlite_utils.Database,
    top: int = 5,
    ranked: list[str] | None = None,
    hidden_sites: frozenset[str] | set[str] = frozenset(),
) -> list[str]:
    """A short summary: counts, targets by verdict/reason, top prospects, dead links;
    ``ranked``: the lines of the prospect ranking, shown before the other lists;
    ``hidden_sites``: sites on the do-not-contact list, never listed."""
    count = db.execute
    lines = [
        f"pages crawled:   {count('SELECT count(*) FROM pages').fetchone()[0]}",
        f"links found:     {count('SELECT count(*) FROM links').fetchone()[0]}",
        f"targets checked: {count('SELECT count(*) FROM targets').fetchone()[0]}",
        "",
        "targets by verdict / reason:",
    ]
    rows = count(
        "SELECT verdict, reason, count(*) FROM targets GROUP BY verdict, reason "
        "ORDER BY CASE verdict WHEN 'dead' THEN 0 WHEN 'blocked' THEN 1 "
        "WHEN 'unknown' THEN 2 ELSE 3 END, count(*) DESC, reason"
    ).fetchall()
    lines += [f"  {verdict:<8} {reason:<20} {n:>6}" for verdict, reason, n in rows]
    if ranked:
        lines += ["", *ranked]
    lines += ["", f"top resource-page prospects (of {_n(db, 'prospects')}):"]
    shown = 0
    for url, score, title, site in count("SELECT url, resource_score, title, site FROM prospects"):
        if site not in hidden_sites and shown < top:
            lines.append(f"  {score:.2f}  {url}  {title[:60]!r}")
            shown += 1
    lines += ["", f"dead links (of {_n(db, 'dead_links')}):"]
    shown = 0
    for source, target, reason, site in count(
        "SELECT source_url, target_url, reason, source_site FROM dead_links"
    ):
        if site not in hidden_sites and shown < top * 2:
            lines.append(f"  {target}  ({reason})  on {source}")
            shown += 1
    return lines


def _n(db: sqlite_utils.Database, view: str) -> int:
    return db.execute(f"SELECT count(*) FROM [{view}]").fetchone()[0]
