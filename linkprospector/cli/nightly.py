"""``linkprospector nightly`` and ``linkprospector changes`` (issue 5)."""

from __future__ import annotations

import logging
import sys
import time
import traceback
from pathlib import Path

import click

from linkprospector.judge.network_health import EXIT_NETWORK_DOWN
from linkprospector.store.storage import DEFAULT_DB, StoreError, open_db

#: Exit codes of ``nightly``: 0 clean, 1 a step did not finish cleanly, 2 bad config,
#: 3 another run holds the database, 4 the local network was down (nothing judged dead).
EXIT_UNCLEAN, EXIT_CONFIG, EXIT_LOCKED = 1, 2, 3


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
def nightly(config_path: Path) -> None:
    """Run the configured crawls (only due work), then the configured steps; for cron.

    Writes a log file per run under the config's log_dir (default output/logs/, old logs
    pruned) and prints what changed. Exit code 0 only when everything finished cleanly
    (1: a crawl or step did not, 2: bad config, 3: another run is using the database,
    4: the local network was down, so nothing was judged dead).

    Example: linkprospector nightly --config gardening.toml
    """
    import linkprospector.nightly.pitch_step  # noqa: F401 - registers [site], [pitch]
    from linkprospector.crawl.runlock import RunLocked, acquire_run_lock
    from linkprospector.crawl.runner import CrawlError
    from linkprospector.judge.history import format_changes
    from linkprospector.nightly import (  # noqa: F401 (each registers its [section])
        backlinks_step,
        discovery_step,
        niche_step,
        report_step,
    )
    from linkprospector.nightly import jobs as nightly_mod
    from linkprospector.store.history_store import load_changes

    try:
        config = nightly_mod.load_config(config_path)
        jobs = nightly_mod.jobs_of(config)
    except nightly_mod.ConfigError as exc:
        _fail(str(exc), EXIT_CONFIG)
    try:
        acquire_run_lock(config.db)
    except RunLocked as exc:
        _fail(str(exc), EXIT_LOCKED)
    except OSError as exc:
        _fail(f"cannot lock {config.db}: {exc.strerror or exc}", EXIT_CONFIG)
    try:
        log_file = nightly_mod.new_log_file(config.log_dir, time.strftime("%Y%m%d-%H%M%S"))
        pruned = nightly_mod.prune_logs(config.log_dir, config.keep_logs - 1)
    except OSError as exc:
        _fail(f"cannot write logs in {config.log_dir}: {exc.strerror or exc}", EXIT_CONFIG)
    context = nightly_mod.NightlyContext(config=config, log_file=log_file)
    lines = [f"nightly run of {config.path}: database {config.db}, log {log_file}"]
    if pruned:
        lines.append(f"pruned {len(pruned)} old log file(s)")
    click.echo(lines[0])
    overrides = {
        **config.settings,
        "LINKPROSPECTOR_DB": str(config.db),
        "LOG_FILE": str(log_file),
        "LOG_FILE_APPEND": True,
    }
    clean = True
    network_down = False
    try:
        context.stats = nightly_mod.run_crawls(jobs, overrides)
    except CrawlError as exc:
        _log(log_file, [*lines, f"error: {exc}"])
        _fail(str(exc), EXIT_CONFIG)
    db = open_db(config.db)
    try:
        for job, stats in zip(jobs, context.stats, strict=True):
            reason = stats.get("finish_reason", "not started")
            run_id = stats.get("linkprospector/run_id")
            lines.append(f"[{job.section}] {job.spider}: run {run_id}, {reason}")
            if reason != "finished":
                clean = False
            if reason == "network_down":
                network_down = True
                lines.append(str(stats.get("linkprospector/outage_report", "")))
            if run_id is not None:
                context.run_ids.append(int(run_id))
                changes = load_changes(db, int(run_id))
                if changes is not None:
                    lines += format_changes(changes)
    finally:
        db.close()
    for section in sorted(
        (nightly_mod.SECTIONS[name] for name in config.sections),
        key=lambda s: s.order,
    ):
        if section.after is None:
            continue
        try:
            ok = section.after(config.sections[section.name], context)
        except Exception as exc:  # a failing step must not hide the others
            _log(log_file, [traceback.format_exc()])
            ok = False
            context.lines.append(f"[{section.name}] failed: {exc}")
        if not ok:
            clean = False
    lines += context.lines
    lines.append(
        "nightly run finished cleanly"
        if clean
        else f"nightly run did NOT finish cleanly (see {log_file})"
    )
    logging.shutdown()
    _log(log_file, lines)
    click.echo("\n".join(lines[1:]))
    sys.exit(0 if clean else EXIT_NETWORK_DOWN if network_down else EXIT_UNCLEAN)


def _log(log_file: Path, lines: list[str]) -> None:
    with open(log_file, "a", encoding="utf-8") as handle:
        handle.write("".join(f"{line}\n" for line in lines))


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
    from linkprospector.store.history_store import load_changes

    if not Path(db).is_file():
        _fail(f"no database at {db} (run a crawl first)", 2)
    try:
        database = open_db(db)
    except StoreError as exc:
        _fail(str(exc), 2)
    try:
        found = load_changes(database, run_id)
    finally:
        database.close()
    if found is None:
        _fail(f"no run {run_id} in {db}" if run_id is not None else f"no runs in {db}", 2)
    click.echo("\n".join(format_changes(found, limit=limit)))
