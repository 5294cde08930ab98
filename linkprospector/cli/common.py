"""What every ``linkprospector`` command shares: the one-line error and opening an
existing database (the CLI modules import this; it imports no CLI module)."""

from __future__ import annotations

from pathlib import Path

import click

from linkprospector.store.storage import StoreError, open_db


class CliError(click.ClickException):
    """A one-line error and exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"linkprospector: error: {self.format_message()}", err=True)


def open_existing(path: str):  # noqa: ANN201 - sqlite_utils.Database
    """The database at ``path``, or a CliError when there is none or it is unusable."""
    if not Path(path).is_file():
        raise CliError(f"no database at {path} (run a crawl first)")
    try:
        return open_db(path)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def backlinks_site(database, given: str | None) -> str:  # noqa: ANN001 - sqlite_utils.Database
    """The domain whose backlinks are audited: ``given``, else the latest backlinks run's."""
    import json

    from linkprospector.reading.rendering import parse_domains

    if given:
        domains = parse_domains(given)
        if len(domains) != 1 or "." not in domains[0]:
            raise CliError(f"--site must be one domain such as mysite.com, got {given!r}")
        return domains[0]
    row = database.execute(
        "SELECT args FROM runs WHERE spider = 'backlinks' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    site = json.loads(row[0] or "{}").get("site") if row else None
    if not site:
        raise CliError(
            "no backlinks crawl in this database: run scrapy crawl backlinks, or give --site"
        )
    return site
