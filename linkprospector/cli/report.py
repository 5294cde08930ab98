"""``linkprospector report``: one self-contained HTML file from the database (issue 15)."""

from __future__ import annotations

from pathlib import Path

import click

from linkprospector import clock
from linkprospector.cli.common import CliError, open_existing
from linkprospector.config import Config, ConfigError
from linkprospector.store.storage import DEFAULT_DB

DEFAULT_REPORT = "output/report.html"


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_REPORT,
    show_default=True,
    help="HTML file to write.",
)
def report(db: str, out: Path) -> None:
    """Write an HTML report that opens offline: headline numbers, charts of dead targets
    by reason and of verdicts per run, the top dead targets with why each is dead, and the
    prospects (sortable and filterable in the page).

    Example: linkprospector report --db output/demo.db --out output/report.html
    """
    from linkprospector.judge.pitch_template import TemplateError
    from linkprospector.outreach.do_not_contact import DncError
    from linkprospector.outreach.html_report import write_report
    from linkprospector.outreach.pitches import load_template

    try:
        config = Config.from_env()
        load_template(config.pitch_template)  # the report's Pitches section: checked first
    except (ConfigError, TemplateError) as exc:
        raise CliError(str(exc)) from None
    database = open_existing(db)
    try:
        data = write_report(database, db, out, clock.now(config.now), config.confirm_hours, config)
    except DncError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        database.close()
    m = data.metrics
    click.echo(
        f"wrote {out} ({m['pages']} pages, {m['targets']} targets, {m['dead_confirmed']} "
        f"confirmed and {m['dead_suspected']} suspected dead, {m['prospects']} prospects)"
    )
