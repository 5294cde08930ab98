"""One nightly run: lock the database, run the configured crawls (only due work) in one
Scrapy process, then each section's step; log everything; say how it went.

``linkprospector nightly`` parses its option, calls :func:`run_nightly` and reports the
result; cron sees the exit code.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from linkprospector.judge.history import format_changes
from linkprospector.judge.network_health import EXIT_NETWORK_DOWN
from linkprospector.nightly import jobs as nightly_jobs
from linkprospector.nightly.sections import ALL_SECTIONS  # noqa: F401 - makes them known
from linkprospector.nightly.sharded_run import run_sharded, sharded_problem
from linkprospector.store.pg_store import is_postgres_url
from linkprospector.store.storage import StoreError, open_store

#: Exit codes: 0 clean, 1 a step did not finish cleanly, 2 bad config, 3 another run holds
#: the database, 4 the local network was down (nothing judged dead).
EXIT_CLEAN, EXIT_UNCLEAN, EXIT_CONFIG, EXIT_LOCKED = 0, 1, 2, 3


class NightlyError(Exception):
    """The run could not start (or its crawls could not); one line and an exit code."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class NightlyResult:
    """What a run did: the lines to show (and logged), its log file, its exit code."""

    lines: list[str]
    log_file: Path
    exit_code: int


def load_config(path: str | Path) -> nightly_jobs.NightlyConfig:
    """The config at ``path`` with every section known (``sections.ALL_SECTIONS``);
    raises NightlyError."""
    try:
        return nightly_jobs.load_config(path)
    except nightly_jobs.ConfigError as exc:
        raise NightlyError(str(exc), EXIT_CONFIG) from None


def run_nightly(
    config: nightly_jobs.NightlyConfig, announce: Callable[[str], None] = lambda line: None
) -> NightlyResult:
    """Run every crawl and step of ``config``; ``announce`` hears the first line at once
    (before the crawls, which take hours). Raises NightlyError when nothing could run."""
    from linkprospector.crawl.runlock import RunLocked, acquire_run_lock
    from linkprospector.crawl.runner import CrawlError

    try:
        jobs = nightly_jobs.jobs_of(config)
    except nightly_jobs.ConfigError as exc:
        raise NightlyError(str(exc), EXIT_CONFIG) from None
    if is_postgres_url(str(config.db)):
        return _run_on_many_machines(config, jobs, announce)
    try:
        acquire_run_lock(config.db)
    except RunLocked as exc:
        raise NightlyError(str(exc), EXIT_LOCKED) from None
    except OSError as exc:
        raise NightlyError(f"cannot lock {config.db}: {exc.strerror or exc}", EXIT_CONFIG) from None
    try:
        log_file = nightly_jobs.new_log_file(config.log_dir, time.strftime("%Y%m%d-%H%M%S"))
        pruned = nightly_jobs.prune_logs(config.log_dir, config.keep_logs - 1)
    except OSError as exc:
        raise NightlyError(
            f"cannot write logs in {config.log_dir}: {exc.strerror or exc}", EXIT_CONFIG
        ) from None
    context = nightly_jobs.NightlyContext(config=config, log_file=log_file)
    lines = [f"nightly run of {config.path}: database {config.db}, log {log_file}"]
    if pruned:
        lines.append(f"pruned {len(pruned)} old log file(s)")
    announce(lines[0])
    overrides = {
        **config.settings,
        "LINKPROSPECTOR_DB": str(config.db),
        "LOG_FILE": str(log_file),
        "LOG_FILE_APPEND": True,
    }
    try:
        context.stats = nightly_jobs.run_crawls(jobs, overrides)
    except CrawlError as exc:
        _log(log_file, [*lines, f"error: {exc}"])
        raise NightlyError(str(exc), EXIT_CONFIG) from None
    clean, network_down = _crawl_lines(jobs, context, lines)
    clean = _run_steps(config, context) and clean
    lines += context.lines
    lines.append(
        "nightly run finished cleanly"
        if clean
        else f"nightly run did NOT finish cleanly (see {log_file})"
    )
    logging.shutdown()
    _log(log_file, lines)
    code = EXIT_CLEAN if clean else EXIT_NETWORK_DOWN if network_down else EXIT_UNCLEAN
    return NightlyResult(lines, log_file, code)


def _run_on_many_machines(
    config: nightly_jobs.NightlyConfig,
    jobs: list[nightly_jobs.CrawlJob],
    announce: Callable[[str], None],
) -> NightlyResult:
    """The crawls as shard jobs for the workers (competitor, backlink and site crawls
    here), all written to the server; the steps on the server; then a SQLite copy."""
    from linkprospector.crawl.runner import CrawlError
    from linkprospector.store.pg_store import safe_dsn

    problem = sharded_problem(config, jobs)
    if problem:
        raise NightlyError(problem, EXIT_CONFIG)
    try:
        log_file = nightly_jobs.new_log_file(config.log_dir, time.strftime("%Y%m%d-%H%M%S"))
    except OSError as exc:
        raise NightlyError(
            f"cannot write logs in {config.log_dir}: {exc.strerror or exc}", EXIT_CONFIG
        ) from None
    lines = [
        f"nightly run of {config.path} on many machines: database {safe_dsn(str(config.db))}, "
        f"log {log_file}"
    ]
    announce(lines[0])
    try:
        lines, code = run_sharded(config, jobs, log_file, lines, _run_steps)
    except (StoreError, CrawlError) as exc:
        raise NightlyError(str(exc), EXIT_CONFIG) from None
    lines.append(
        "nightly run finished cleanly"
        if code == 0
        else f"nightly run did NOT finish cleanly (see {log_file})"
    )
    _log(log_file, lines)
    return NightlyResult(lines, log_file, code)


def _crawl_lines(
    jobs: list[nightly_jobs.CrawlJob], context: nightly_jobs.NightlyContext, lines: list[str]
) -> tuple[bool, bool]:
    """A line per crawl and what it changed; (every crawl finished, the network was down)."""
    clean, network_down = True, False
    store = open_store(context.config.db)
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
                changes = store.changes(int(run_id))
                if changes is not None:
                    lines += format_changes(changes)
    finally:
        store.close()
    return clean, network_down


def _run_steps(config: nightly_jobs.NightlyConfig, context: nightly_jobs.NightlyContext) -> bool:
    """Each configured section's step, in order; a failing step does not hide the others."""
    clean = True
    for section in sorted(
        (nightly_jobs.SECTIONS[name] for name in config.sections), key=lambda s: s.order
    ):
        if section.after is None:
            continue
        try:
            ok = section.after(config.sections[section.name], context)
        except Exception as exc:  # a failing step must not hide the others
            _log(context.log_file, [traceback.format_exc()])
            ok = False
            context.lines.append(f"[{section.name}] failed: {exc}")
        clean = clean and ok
    return clean


def _log(log_file: Path, lines: list[str]) -> None:
    with open(log_file, "a", encoding="utf-8") as handle:
        handle.write("".join(f"{line}\n" for line in lines))
