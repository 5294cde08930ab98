"""A nightly run on many machines: the ``[crawl]`` and ``[niche]`` crawls are split into
shard jobs for the workers (PostgreSQL database); the ``[discovery]``, ``[competitors]``,
``[backlinks]`` and ``[site]`` crawls run on this machine, written to the server; the steps (niche,
pitches, report) run on the server; then the database is copied into a SQLite file
beside the config, for Datasette."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from linkprospector.config import Config
from linkprospector.judge.network_health import EXIT_NETWORK_DOWN
from linkprospector.nightly import jobs as nightly_jobs
from linkprospector.outreach.do_not_contact import DEFAULT_NAME

#: Tables a nightly run on PostgreSQL knows how to do (the others need a SQLite database).
SHARDED_SECTIONS = {"crawl", "niche", "pitch", "report"}
#: Their crawls run on the machine that starts the run, written to the server.
LOCAL_SECTIONS = {"competitors", "backlinks", "site", "discovery"}


def pulled_path(config: nightly_jobs.NightlyConfig) -> Path:
    """Where the run is copied for the report: ``<config name>-pulled.db`` beside it."""
    return config.path.parent / f"{config.path.stem}-pulled.db"


def sharded_problem(config: nightly_jobs.NightlyConfig, jobs: list) -> str | None:
    """Why this config cannot run sharded (one line), or None."""
    others = sorted(set(config.sections) - SHARDED_SECTIONS - LOCAL_SECTIONS)
    if others:
        tables = ", ".join(f"[{name}]" for name in others)
        return (
            "with a PostgreSQL database a nightly run does [crawl], [niche], [discovery], "
            f"[competitors], [backlinks], [site], [pitch] and [report]; {tables} run on one "
            "machine (a SQLite database)"
        )
    spiders = sorted({job.spider for job in jobs if job.section == "crawl"} - {"resource_pages"})
    if spiders:
        return f"with a PostgreSQL database [crawl] runs resource_pages, not {', '.join(spiders)}"
    return None


def run_sharded(
    config: nightly_jobs.NightlyConfig,
    jobs: list[nightly_jobs.CrawlJob],
    log_file: Path,
    lines: list[str],
    run_steps: Callable[[nightly_jobs.NightlyConfig, nightly_jobs.NightlyContext], bool],
) -> tuple[list[str], int]:
    """Run the jobs (on the workers, or here), the steps on the server, then copy the
    database home."""
    from linkprospector.cluster.coordinator import run_distributed
    from linkprospector.store.pg_store import PgStore

    settings = {name: str(value) for name, value in config.settings.items()}
    options = Config.from_settings(config.settings)
    codes = []
    home = pulled_path(config)
    # the do-not-contact list of a run on a server: beside the copy brought home
    config.settings.setdefault("LINKPROSPECTOR_DNC_FILE", str(home.with_name(DEFAULT_NAME)))
    context = nightly_jobs.NightlyContext(config=config, log_file=log_file)
    here = [job for job in jobs if job.section in LOCAL_SECTIONS]
    if here:  # one Scrapy process, as on one machine, writing to the server
        overrides = {**config.settings, "LINKPROSPECTOR_DB": str(config.db),
                     "LOG_FILE": str(log_file), "LOG_FILE_APPEND": True}  # fmt: skip
        context.stats = nightly_jobs.run_crawls(here, overrides)
        for job, stats in zip(here, context.stats, strict=True):
            reason = stats.get("finish_reason", "not started")
            codes.append(
                0 if reason == "finished" else EXIT_NETWORK_DOWN if reason == "network_down" else 1
            )
            lines.append(
                f"[{job.section}] {job.spider}: run {stats.get('linkprospector/run_id')}, {reason}"
            )
    with log_file.open("a", encoding="utf-8") as log:
        for job in (job for job in jobs if job.section not in LOCAL_SECTIONS):
            started = time.monotonic()
            code = run_distributed(
                str(config.db),
                job.spider,
                job.args,
                settings,
                options.shards,
                out=log,
                interval=options.progress_interval,
                now=options.now,
            )
            codes.append(code)
            lines.append(
                f"[{job.section}] {job.spider}: sharded run ended with exit {code} "
                f"in {time.monotonic() - started:.0f} s"
            )
    clean = run_steps(config, context) and all(code == 0 for code in codes)
    lines += context.lines
    pg = PgStore.open(str(config.db))
    try:
        copied = pg.copy_to_sqlite(str(home))
    finally:
        pg.close()
    lines.append(
        f"copied into {home}: {copied.get('targets', 0)} targets, {copied.get('pages', 0)} pages"
    )
    if EXIT_NETWORK_DOWN in codes:
        return lines, EXIT_NETWORK_DOWN
    return lines, 0 if clean else 1
