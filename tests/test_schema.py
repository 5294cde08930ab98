"""The schema's migrations run in the order of their names, each step once."""

from __future__ import annotations

import inspect

from linkprospector.store import schema
from linkprospector.store.storage import open_db


def test_migrations_are_in_name_order():
    names = [m.name for m in schema.migrations._migrations]
    assert names == sorted(names) and len(set(names)) == len(names)


def test_no_column_is_added_by_two_migrations():
    steps = [inspect.getsource(m.fn) for m in schema.migrations._migrations]
    assert sum('"internal_links"' in s for s in steps) == 1


def test_a_fresh_database_has_every_table_and_view(tmp_path):
    db = open_db(tmp_path / "fresh.db")
    assert {"pages", "links", "targets", "contacts", "runs", "checks", "hosts", "outreach",
            "removed_links", "searches"} <= set(db.table_names())  # fmt: skip
    assert {"dead_links", "prospects", "dead_targets", "confirmed_dead_links",
            "guest_posts"} <= set(db.view_names())  # fmt: skip
    db.close()
