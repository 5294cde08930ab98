"""Migrations m040-m049: runs across machines."""

from __future__ import annotations

import sqlite_utils

from linkprospector.store.schema import migrations


@migrations()
def m040_run_machine(db: sqlite_utils.Database) -> None:
    """the machine a run's process lives on (with ``pid``: a killed run is told apart from
    another machine's running one on a shared server database)."""
    if "machine" not in db["runs"].columns_dict:
        db["runs"].add_column("machine", str)
