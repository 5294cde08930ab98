"""``linkprospector backlinks-report``: my backlinks as last checked (issue 13)."""

from __future__ import annotations

import csv
import json
import sys

import click

from linkprospector.cli.common import open_existing
from linkprospector.store.storage import DEFAULT_DB

COLUMNS = ("source_url", "target_url", "anchor_text", "rel", "placement", "state", "reason")


@click.command("backlinks-report")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
    help="text for a person, csv or json for other tools.",
)
@click.option("--state", type=click.Choice(["live", "lost", "unknown"]), help="Only this state.")
def backlinks_report(db: str, fmt: str, state: str | None) -> None:
    """Backlinks still there, lost (and why) or unknown, from `scrapy crawl backlinks`.

    Example: linkprospector backlinks-report --db output/linkprospector.db --state lost
    """
    database = open_existing(db)
    try:
        where, params = ("WHERE state = ?", [state]) if state else ("", [])
        rows = [
            dict(zip(COLUMNS, row, strict=True))
            for row in database.execute(
                f"SELECT {', '.join(COLUMNS)} FROM backlinks {where}", params
            ).fetchall()
        ]
        counts = dict(
            database.execute("SELECT state, count(*) FROM backlinks GROUP BY state").fetchall()
        )
        confirmed = database.execute(
            "SELECT count(*) FROM backlink_links WHERE state = 'lost' AND confirmed = 1"
        ).fetchone()[0]
        last = database.execute(
            "SELECT stats FROM runs WHERE spider = 'backlinks' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        database.close()
    if fmt == "json":
        click.echo(json.dumps({"counts": counts, "backlinks": rows}, indent=2))
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    click.echo(
        f"backlinks: {counts.get('live', 0)} live, {counts.get('lost', 0)} lost "
        f"({confirmed} confirmed), {counts.get('unknown', 0)} unknown"
    )
    run_stats = json.loads(last[0] or "{}") if last else {}
    for line in ("linkprospector/backlinks/import", "linkprospector/backlink_changes"):
        if run_stats.get(line):  # what the latest run imported, and what it changed
            click.echo(run_stats[line])
    for row in rows:
        why = f" ({row['reason']})" if row["reason"] else ""
        rel = f" [{row['rel']}]" if row["rel"] else ""
        click.echo(
            f"  {row['state']:<7}{why:<16} {row['source_url']} -> {row['target_url'] or '(site)'}"
            f"  {row['anchor_text'][:40]!r}{rel} {row['placement']}"
        )
