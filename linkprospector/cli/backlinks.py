"""``linkprospector backlinks-report``: my backlinks as last checked."""

from __future__ import annotations

import csv
import json
import sys

import click

from linkprospector.cli.common import existing_store
from linkprospector.store.backlink_store import LINK_COLUMNS as COLUMNS
from linkprospector.store.storage import DEFAULT_DB


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
    store = existing_store(db)
    try:
        rows = store.backlink_rows(state)
        summary = store.backlink_summary()
    finally:
        store.close()
    counts, confirmed = summary["counts"], summary["confirmed_lost"]
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
    for line in (summary.get("imported"), summary["changes"]):
        if line:  # what the latest run imported, and what it changed
            click.echo(line)
    for row in rows:
        why = f" ({row['reason']})" if row["reason"] else ""
        rel = f" [{row['rel']}]" if row["rel"] else ""
        click.echo(
            f"  {row['state']:<7}{why:<16} {row['source_url']} -> {row['target_url'] or '(site)'}"
            f"  {row['anchor_text'][:40]!r}{rel} {row['placement']}"
        )
