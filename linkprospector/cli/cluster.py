"""``linkprospector worker``, ``pull`` and ``push``: many machines on PostgreSQL."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from linkprospector.cli.common import CliError, env_config
from linkprospector.store.storage import DEFAULT_DB, StoreError


def _postgres(value: str, option: str = "--db") -> str:
    from linkprospector.store.pg_store import is_postgres_url, safe_dsn

    if not is_postgres_url(value):
        raise CliError(f"{option} must be a postgresql:// URL, got {safe_dsn(value)!r}")
    return value


@click.command()
@click.option("--db", "dsn", required=True, help="PostgreSQL URL (postgresql://user@host/db).")
@click.option(
    "--concurrency", default=0, show_default="number of cores", help="Shard jobs run at once."
)
@click.option(
    "--create-schema", is_flag=True, help="Create or upgrade the tables and job queue, then exit."
)
def worker(dsn: str, concurrency: int, create_schema: bool) -> None:
    """Run shard jobs of sharded runs until stopped (run it on each machine).

    Example: linkprospector worker --db postgresql://lp@db.internal/linkprospector
    """
    from linkprospector.cluster.worker import create_schemas, run_worker

    if concurrency < 0:
        raise CliError("--concurrency must be 0 (one per core) or more")
    try:
        if create_schema:
            create_schemas(_postgres(dsn))
            click.echo("linkprospector: the PostgreSQL schema and job queue are ready")
            return
        code = run_worker(_postgres(dsn), concurrency or None)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    if code:
        click.echo("linkprospector: worker stopped: this machine's network is down", err=True)
    sys.exit(code)


@click.command()
@click.option("--from", "dsn", required=True, help="PostgreSQL URL to copy from.")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write.")
@click.option("--run", "run_id", type=int, default=None, help="Only this run's history rows.")
def pull(dsn: str, db: str, run_id: int | None) -> None:
    """Copy a PostgreSQL database (pages, links, targets, history) into SQLite, for
    Datasette, exports and the report.

    Example: linkprospector pull --from postgresql://lp@db.internal/linkprospector --db output/x.db
    """
    from linkprospector.store.pg_store import PgStore

    try:
        pg = PgStore.open(_postgres(dsn, "--from"))
        try:
            copied = pg.copy_to_sqlite(db, run_id)
        finally:
            pg.close()
    except StoreError as exc:
        raise CliError(str(exc)) from None
    rows = ", ".join(f"{n} {t}" for t, n in copied.items() if n)
    click.echo(f"copied into {db}: {rows or 'nothing'}")


@click.command()
@click.option("--db", required=True, help="SQLite database to copy.")
@click.option("--to", "dsn", required=True, help="PostgreSQL URL to copy into.")
def push(db: str, dsn: str) -> None:
    """Copy a SQLite database into PostgreSQL, in one transaction (rows already there are
    updated; nothing there is removed): crawls made on one machine (competitors,
    backlinks, your own site) shared with every machine and teammate.

    Example: linkprospector push --db output/competitors.db --to postgresql://lp@db.internal/linkprospector
    """
    from linkprospector.store.pg_store import PgStore, safe_dsn
    from linkprospector.store.shards import default_shards, shard_of_url

    if not Path(db).is_file():
        raise CliError(f"no database at {db} (run a crawl first)")
    shards = env_config().shards or default_shards()
    try:
        pg = PgStore.open(_postgres(dsn, "--to"), create=True)
        try:
            copied = pg.copy_from_sqlite(db, lambda url: shard_of_url(url, shards))
        finally:
            pg.close()
    except StoreError as exc:
        raise CliError(str(exc)) from None
    rows = ", ".join(f"{n} {t}" for t, n in copied.items() if n)
    click.echo(f"copied into {safe_dsn(dsn)}: {rows or 'nothing'}")
