"""Plain-text summaries of a database, for the terminal."""

from __future__ import annotations

from linkprospector.store.interface import SummaryRows


def summary_lines(rows: SummaryRows, ranked: list[str] | None = None) -> list[str]:
    """A short summary: counts, targets by verdict/reason, top prospects, dead links;
    ``ranked``: the lines of the prospect ranking, shown before the other lists (sites on
    the do-not-contact list are left out of ``rows`` by the store)."""
    lines = [
        f"pages crawled:   {rows.pages}",
        f"links found:     {rows.links}",
        f"targets checked: {rows.targets}",
        "",
        "targets by verdict / reason:",
    ]
    lines += [f"  {verdict:<8} {reason:<20} {n:>6}" for verdict, reason, n in rows.by_verdict]
    if ranked:
        lines += ["", *ranked]
    lines += ["", f"top resource-page prospects (of {rows.prospect_count}):"]
    for url, score, title in rows.prospects:
        lines.append(f"  {score:.2f}  {url}  {title[:60]!r}")
    lines += ["", f"dead links (of {rows.dead_link_count}):"]
    for source, target, reason in rows.dead_links:
        lines.append(f"  {target}  ({reason})  on {source}")
    return lines
