"""``linkprospector report``: one self-contained HTML file from the database ."""

from __future__ import annotations

from pathlib import Path

import click

from linkprospector import clock
from linkprospector.cli.common import (
    READ_DB_HELP,
    CliError,
    env_config,
    existing_store,
)
from linkprospector.store.interface import Store
from linkprospector.store.storage import DEFAULT_DB

DEFAULT_REPORT = "output/report.html"


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help=READ_DB_HELP)
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
    from linkprospector.outreach.do_not_contact import (
        DncError,
        do_not_contact,
        server_list_note,
    )
    from linkprospector.outreach.pitch_template import TemplateError
    from linkprospector.outreach.pitches import load_template
    from linkprospector.outreach.ranking_views import report_ranking
    from linkprospector.outreach.report_pitches import report_pitches
    from linkprospector.report.html_report import RUNS_SHOWN, TOP_DEAD, report_view, write_report

    config = env_config()
    now = clock.now(config.now)
    try:
        load_template(config.pitch_template)  # the report's Pitches section: checked first
    except TemplateError as exc:
        raise CliError(str(exc)) from None
    store: Store = existing_store(db)
    try:
        with store:  # closed on the way out
            rows, ranking_rows = store.report_rows(TOP_DEAD, RUNS_SHOWN), store.ranking_rows()
            dnc, note = do_not_contact(db, config.dnc_file), server_list_note(db, config.dnc_file)
            pitches = report_pitches(store, config)
        ranking = report_ranking(ranking_rows, config, now, dnc)
        data = report_view(rows, store.name, now, config.confirm_hours, ranking, pitches)
    except DncError as exc:
        raise CliError(str(exc)) from None
    if note:
        click.echo(f"note: {note}", err=True)
    try:
        write_report(data, out)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    m = data.metrics
    click.echo(
        f"wrote {out} ({m['pages']} pages, {m['targets']} targets, {m['dead_confirmed']} "
        f"confirmed and {m['dead_suspected']} suspected dead, {m['prospects']} prospects)"
    )
