"""``linkprospector datasette``: browse a database in a real Datasette.

Datasette keys metadata by database name (the file's stem), so the packaged metadata
(``linkprospector/datasette-metadata.json``: facets and canned queries) is written for
the database being opened, beside it, and Datasette is started with it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from importlib import resources
from pathlib import Path

import click

from linkprospector.cli.common import CliError
from linkprospector.store.storage import DEFAULT_DB

INSTALL_HINT = "install it with: .venv/bin/pip install -e '.[datasette]'"


def metadata_for(db: Path) -> dict:
    """The project's Datasette metadata, keyed to ``db``'s database name."""
    text = resources.files("linkprospector").joinpath("datasette-metadata.json").read_text()
    metadata = json.loads(text)
    (settings,) = metadata["databases"].values()
    metadata["databases"] = {db.stem: settings}
    return metadata


def datasette_command(db: Path, metadata_file: Path, host: str, port: int) -> list[str]:
    return [
        sys.executable, "-m", "datasette", "serve", str(db),
        "--metadata", str(metadata_file), "--host", host, "--port", str(port),
    ]  # fmt: skip


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to open.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
def datasette(db: str, host: str, port: int) -> None:
    """Open the database in Datasette with linkprospector's facets and canned queries.

    Example: linkprospector datasette --db output/demo.db --port 8001
    """
    if "://" in db:
        raise CliError(
            "Datasette reads SQLite: copy the server database first with "
            "`linkprospector pull --from URL --db output/pulled.db`"
        )
    path = Path(db)
    if not path.is_file():
        raise CliError(f"no database at {db} (run a crawl first)")
    if importlib.util.find_spec("datasette") is None:
        raise CliError(f"Datasette is not installed; {INSTALL_HINT}")
    metadata_file = path.with_name(f"{path.stem}.datasette.json")
    try:
        metadata_file.write_text(json.dumps(metadata_for(path), indent=2), encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {metadata_file}: {exc.strerror or exc}") from None
    click.echo(f"Datasette on http://{host}:{port}/{path.stem} (metadata {metadata_file})")
    sys.stdout.flush()
    command = datasette_command(path, metadata_file, host, port)
    os.execv(command[0], command)  # Datasette takes over this process (Ctrl-C stops it)
