"""The ``[report]`` step of ``linkprospector nightly``: after every nightly run
the HTML report is written next to the database; the table is optional::

[report]
out = "output/gardening-report.html"   # default: report.html beside the database
enabled = true
"""

from __future__ import annotations

from pathlib import Path

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.nightly.jobs import (
    ConfigError,
    NightlyContext,
    Section,
    register_section,
    reject_unknown_keys,
)
from linkprospector.outreach.do_not_contact import DncError, do_not_contact
from linkprospector.outreach.pitch_template import TemplateError
from linkprospector.outreach.ranking_views import report_ranking
from linkprospector.outreach.report_pitches import report_pitches
from linkprospector.report.html_report import RUNS_SHOWN, TOP_DEAD, report_view, write_report
from linkprospector.store.opening import open_store_at

REPORT_KEYS = {"out", "enabled"}


def check_report(table: dict) -> None:
    """A one-line ConfigError for a bad ``[report]`` table."""
    reject_unknown_keys(table, "report", REPORT_KEYS)
    enabled = table.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"[report] enabled must be true or false, got {enabled!r}")
    out = table.get("out")
    if out is not None and (not isinstance(out, str) or not out.strip()):
        raise ConfigError(f"[report] out must be a file name, got {out!r}")


def report_path(table: dict, context: NightlyContext) -> Path | None:
    """Where the report goes (None: switched off)."""
    check_report(table)
    enabled, out = table.get("enabled", True), table.get("out")
    if not enabled:
        return None
    if out is None:  # beside the database (a server's: beside the config)
        db = context.config.db
        return (context.config.path if "://" in str(db) else Path(db)).with_name("report.html")
    path = Path(out).expanduser()
    return path if path.is_absolute() else context.config.path.parent / path


def write_nightly_report(table: dict, context: NightlyContext) -> bool:
    out = report_path(table, context)
    if out is None:
        return True
    config = Config.from_settings(context.config.settings)
    now = clock.now(config.now)
    store = open_store_at(context.config.db)
    try:
        rows, ranking_rows = store.report_rows(TOP_DEAD, RUNS_SHOWN), store.ranking_rows()
        pitches = report_pitches(store, config)
        dnc = do_not_contact(context.config.db, config.dnc_file)
        ranking = report_ranking(ranking_rows, config, now, dnc)
    except (DncError, TemplateError) as exc:  # no report rather than a wrong one
        context.lines.append(f"[report] not written: {exc}")
        return False
    finally:
        store.close()
    data = report_view(rows, store.name, now, config.confirm_hours, ranking, pitches)
    write_report(data, out)
    m = data.metrics
    context.lines.append(
        f"[report] wrote {out} ({m['dead_confirmed']} confirmed and {m['dead_suspected']} "
        f"suspected dead targets, {m['prospects']} prospects)"
    )
    return True


SECTION = register_section(
    Section("report", after=write_nightly_report, order=900, always=True, check=check_report)
)
