"""``linkprospector nightly`` and ``linkprospector changes``: parse, delegate, report (the
run itself is ``nightly/run.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linkprospector.store.storage import DEFAULT_DB, StoreError


def _fail(message: str, code: int) -> None:
    click.echo(f"linkprospector: error: {message}", err=True)
    sys.exit(code)


@click.command()
@click.option(
    "--config",
    "config_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The niche's TOML config (see README, 'Nightly runs').",
)
@click.option(
    "--db",
    default=None,
    help="Database instead of the config's (a postgresql:// URL: the crawl runs on the workers).",
)
def nightly(config_path: Path, db: str | None) -> None:
    """Run the configured crawls (only due work), then the configured steps; for cron.

    Writes a log file per run under the config's log_dir (default output/logs/, old logs
    pruned) and prints what changed. Exit code 0 only when everything finished cleanly
    (1: a crawl or step did not, 2: bad config, 3: another run is using the database,
    4: the local network was down, so nothing was judged dead).

    Example: linkprospector nightly --config gardening.toml
    (many machines: linkprospector nightly --config gardening.toml --db postgresql://…)
    """
    import dataclasses

    from linkprospector.nightly.run import NightlyError, load_config, run_nightly
    from linkprospector.store.pg_store import is_postgres_url

    try:
        config = load_config(config_path)
        if db:
            config = dataclasses.replace(config, db=db if is_postgres_url(db) else Path(db))
        result = run_nightly(config, announce=click.echo)
    except NightlyError as exc:
        _fail(str(exc), exc.exit_code)
    click.echo("\n".join(result.lines[1:]))
    sys.exit(result.exit_code)


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
@click.option("--run", "run_id", type=int, help="Run id (default: the latest run).")
@click.option("--limit", default=50, show_default=True, help="Rows shown per list.")
def changes(db: str, run_id: int | None, limit: int) -> None:
    """Show what a run changed: new dead links, newly confirmed, recovered, new prospects,
    and dead links that pages removed (so their outreach can be closed).

    Example: linkprospector changes --run 12 --db output/linkprospector.db
    """
    from linkprospector.judge.history import format_changes
    from linkprospector.store.opening import open_existing

    try:
        store = open_existing(db)
    except StoreError as exc:
        _fail(str(exc), 2)
    try:
        found = store.changes(run_id)
    finally:
        store.close()
    if found is None:  # the store's name: a server's without its password
        where = store.name
        _fail(f"no run {run_id} in {where}" if run_id is not None else f"no runs in {where}", 2)
    click.echo("\n".join(format_changes(found, limit=limit)))
