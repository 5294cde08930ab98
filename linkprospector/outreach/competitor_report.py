"""Text lines of the competitor reports (for the ``competitors-report`` command and the
competitor demo)."""

from __future__ import annotations


def report_broken(rows: list[dict]) -> list[str]:
    """Text lines for broken outbound links."""
    lines = [f"their broken outbound links ({len(rows)}): dead target  (reason)  <- page"]
    for row in rows:
        lines.append(
            f"  {row['target_url']}  ({row['reason']})  <- {row['source_url']}"
            f"  {row['anchor_text']!r}"
        )
    return lines


def report_dead(rows: list[dict]) -> list[str]:
    """Text lines for dead pages."""
    lines = [f"their dead pages ({len(rows)}): inlinks (their own + other sites)  url  (reason)"]
    for row in rows:
        lines.append(
            f"  {row['inlinks']:>4} ({row['internal_inlinks']} + {row['external_inlinks']})"
            f"  {row['url']}  ({row['reason']})  anchors: {row['anchors']}"
        )
    return lines


def report_profile(rows: list[dict]) -> list[str]:
    """Text lines for the outbound link profile."""
    lines = ["outbound link profile: links  pages  dead  domain  top anchors"]
    current = None
    for row in rows:
        if row["competitor"] != current:
            current = row["competitor"]
            lines.append(f"  {current}")
        lines.append(
            f"    {row['links']:>5}  {row['pages']:>5}  {row['dead_targets']:>4}  "
            f"{row['domain']}  {row['top_anchors']}"
        )
    return lines
