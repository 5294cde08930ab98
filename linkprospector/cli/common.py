"""What every ``linkprospector`` command shares: the one-line error and opening an
existing database (the CLI modules import this; it imports no CLI module)."""

from __future__ import annotations

import click

from linkprospector.config import Config, ConfigError
from linkprospector.store.opening import open_existing
from linkprospector.store.storage import SQLiteStore, StoreError

READ_DB_HELP = "Database to read: a SQLite file, or a postgresql:// URL."


class CliError(click.ClickException):
    """A one-line error and exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"linkprospector: error: {self.format_message()}", err=True)


def existing_store(path: str) -> SQLiteStore:
    """The store at ``path`` (a SQLite file or a postgresql:// URL), or a CliError when
    there is none or it is unusable."""
    try:
        return open_existing(path)
    except StoreError as exc:
        raise CliError(str(exc)) from None


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
