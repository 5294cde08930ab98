"""What every ``linkprospector`` command shares: the one-line error and opening an
existing database (the CLI modules import this; it imports no CLI module)."""

from __future__ import annotations

from pathlib import Path

import click

from linkprospector.config import Config, ConfigError
from linkprospector.store.storage import SQLiteStore, StoreError, open_store

READ_DB_HELP = "Database to read: a SQLite file, or a postgresql:// URL (pulled first)."


class CliError(click.ClickException):
    """A one-line error and exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"linkprospector: error: {self.format_message()}", err=True)


def existing_store(path: str, *, read_only: bool = False) -> SQLiteStore:
    """The store at ``path``, or a CliError when there is none or it is unusable. A
    command that only reads (``read_only``) also takes a postgresql:// URL: the database
    is pulled into a temporary SQLite file first, removed when the command ends."""
    if "://" in path:
        return _pulled_store(path) if read_only else _refuse_url(path)
    if not Path(path).is_file():
        raise CliError(f"no database at {path} (run a crawl first)")
    try:
        return open_store(path)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def shown_name(db: str) -> str:
    """A database as a page or a line may show it: a server URL without its password."""
    if "://" not in db:
        return db
    from linkprospector.store.pg_store import safe_dsn

    return safe_dsn(db)


def _pulled_store(dsn: str) -> SQLiteStore:
    import tempfile

    from linkprospector.store.pg_store import PgStore, is_postgres_url, safe_dsn

    if not is_postgres_url(dsn):
        raise CliError(f"--db must be a SQLite file or a postgresql:// URL, got {safe_dsn(dsn)}")
    # removed when the command ends (click closes the context on success and on error)
    folder = click.get_current_context().with_resource(
        tempfile.TemporaryDirectory(prefix="linkprospector-pulled-")
    )
    copy = str(Path(folder) / "pulled.db")
    try:
        pg = PgStore.open(dsn)
        try:
            pg.copy_to_sqlite(copy)
        finally:
            pg.close()
        return open_store(copy)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def _refuse_url(dsn: str) -> SQLiteStore:
    from linkprospector.store.pg_store import safe_dsn

    raise CliError(
        f"this command works on a SQLite file, not {safe_dsn(dsn)}: copy the run with "
        "`linkprospector pull --from URL --db FILE` (export, report and summary read a "
        "postgresql:// URL directly)"
    )


def env_config() -> Config:
    """The LINKPROSPECTOR_* settings from the environment (defaults from config.py), read
    once per command."""
    try:
        return Config.from_env()
    except ConfigError as exc:
        raise CliError(str(exc)) from None


def backlinks_site(store: SQLiteStore, given: str | None) -> str:
    """The domain whose backlinks are audited: ``given``, else the latest backlinks run's."""
    from linkprospector.reading.rendering import parse_domains

    if given:
        domains = parse_domains(given)
        if len(domains) != 1 or "." not in domains[0]:
            raise CliError(f"--site must be one domain such as mysite.com, got {given!r}")
        return domains[0]
    site = store.latest_run_args("backlinks").get("site")
    if not site:
        raise CliError(
            "no backlinks crawl in this database: run scrapy crawl backlinks, or give --site"
        )
    return site
