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
