"""The ``linkprospector`` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linkprospector.cli.common import READ_DB_HELP, CliError, existing_store
from linkprospector.store.storage import DEFAULT_DB, StoreError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="linkprospector")
def cli() -> None:
    """Find broken-link-building opportunities and resource-page prospects.

    Crawls run as Scrapy spiders (`scrapy crawl resource_pages -a seeds=FILE`);
    these commands run the demo and work with the database they fill.
    """


@cli.command()
@click.option("--db", default="output/demo.db", show_default=True, help="Database to write.")
@click.option("--keep", is_flag=True, help="Keep an existing demo database instead of a fresh one.")
def demo(db: str, keep: bool) -> None:
    """Crawl the bundled sample web on localhost (works offline) and print a summary.

    Example: linkprospector demo
    """
    from linkprospector.crawl.runner import CrawlError
    from linkprospector.demo.run import run_demo

    try:
        lines = run_demo(Path(db), fresh=not keep)
    except (CrawlError, StoreError) as exc:
        raise CliError(str(exc)) from None
    click.echo("\n".join(lines))


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help=READ_DB_HELP)
@click.option("--top", default=5, show_default=True, help="How many rows per list.")
def summary(db: str, top: int) -> None:
    """Print counts, verdicts, top prospects and dead links of a database.

    Example: linkprospector summary --db output/linkprospector.db
    """
    from linkprospector import clock
    from linkprospector.config import Config, ConfigError
    from linkprospector.outreach.do_not_contact import (
        DncError,
        do_not_contact,
        server_list_note,
    )
    from linkprospector.outreach.ranking import excluded_for_outreach
    from linkprospector.outreach.ranking_views import ranked_summary_lines
    from linkprospector.outreach.summary import summary_lines

    store = existing_store(db)
    try:
        config = Config.from_env()
        ranking_rows, dnc = store.ranking_rows(), do_not_contact(db, config.dnc_file)
        ranked = ranked_summary_lines(ranking_rows, config, clock.now(config.now), dnc, top)
        hidden = set(excluded_for_outreach(ranking_rows.contacts, dnc))
        rows = store.summary_rows(top, hidden)
    except (ConfigError, DncError) as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    if note := server_list_note(db, config.dnc_file):
        click.echo(f"note: {note}", err=True)
    click.echo("\n".join(summary_lines(rows, ranked)))


def main() -> None:
    """Console-script entry point."""
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


from linkprospector.cli.export import export, import_status, status  # noqa: E402

cli.add_command(export)
cli.add_command(import_status)
cli.add_command(status)

from linkprospector.cli.competitors import register as _register_competitors  # noqa: E402

_register_competitors(cli)

from linkprospector.cli.nightly import changes, nightly  # noqa: E402

cli.add_command(nightly)
cli.add_command(changes)

from linkprospector.cli.report import report  # noqa: E402

cli.add_command(report)

from linkprospector.cli.datasette import datasette  # noqa: E402

cli.add_command(datasette)

from linkprospector.cli.backlinks import backlinks_report  # noqa: E402

cli.add_command(backlinks_report)

from linkprospector.cli.anchors import anchors  # noqa: E402

cli.add_command(anchors)

from linkprospector.cli.disavow import disavow  # noqa: E402

cli.add_command(disavow)

from linkprospector.cli.ranking import dnc, niche, ranks, status_history  # noqa: E402

cli.add_command(niche)
cli.add_command(dnc)
cli.add_command(ranks)
status.add_command(status_history)

from linkprospector.cli.pitch import pitch, pitch_status, wayback  # noqa: E402 (pitches)

cli.add_command(wayback)
cli.add_command(pitch)
cli.add_command(pitch_status)

from linkprospector.cli.cluster import pull, push, worker  # noqa: E402

cli.add_command(worker)
cli.add_command(pull)
cli.add_command(push)
