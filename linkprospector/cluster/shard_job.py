"""One shard of one run, on one worker: a private SQLite replica, a Scrapy child, pushes.

The job pulls its shard's state from PostgreSQL into a fresh SQLite file, runs the ordinary
crawl on it in a child process (every rule of the one-machine crawl applies unchanged),
pushes what the child wrote every few seconds and at the end. A job killed with its worker
is retried elsewhere: what it pushed is not done again, the rest is.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import logging
import os
import signal
import socket
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linkprospector import clock
from linkprospector.judge.network_health import EXIT_NETWORK_DOWN
from linkprospector.store.pg_replica import replica_run
from linkprospector.store.pg_store import PgStore
from linkprospector.store.shards import shard_of_url
from linkprospector.store.storage import Store

logger = logging.getLogger(__name__)

PAGES, CHECKS = "pages", "checks"
PAGE_TABLES = ("pages", "links", "targets", "contacts", "hosts", "removed_links")
CHECK_TABLES = ("checks", "targets", "hosts")
PUSH_EVERY = 3.0  # seconds between incremental pushes of finished checks
ROOT = Path(__file__).resolve().parents[2]  # the folder holding scrapy.cfg


class NetworkDown(Exception):
    """The child stopped because this machine's network is down or lying (exit 4)."""


class ShardFailed(Exception):
    """The child failed for another reason (the message is one line)."""


@dataclass(frozen=True)
class ShardTask:
    """What a job needs: JSON-safe, so it travels in Procrastinate's job arguments."""

    run_id: int
    phase: str
    shard: int
    shards: int
    spider: str = "resource_pages"
    spider_args: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    seeds: list[str] = field(default_factory=list)
    now: str | None = None  # the run's clock (LINKPROSPECTOR_NOW), for the times it writes

    def as_kwargs(self) -> dict[str, Any]:
        return dict(vars(self))


def _set_parent_death_signal() -> None:
    """The child dies with the worker (runs in the child, before exec)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


async def run_shard(dsn: str, task: ShardTask) -> dict[str, Any]:
    """Run one shard job to the end; returns what it did (raises NetworkDown, ShardFailed)."""
    with tempfile.TemporaryDirectory(prefix=f"lp-shard{task.shard}-") as tmp:
        replica = Path(tmp) / "shard.db"
        pg = await asyncio.to_thread(PgStore.open, dsn)
        try:
            return await _run(pg, task, replica, Path(tmp))
        finally:
            pg.close()


def _prepare(pg: PgStore, task: ShardTask, replica: Path, tmp: Path) -> tuple | None:
    """The replica with the shard's state, and what to crawl (None: nothing to do)."""
    local = Store(replica)  # SQLite connections stay in the thread that opened them
    try:
        if task.phase == PAGES:
            pg.pull_pages(local.db, task.shard)
            listing = tmp / "seeds.txt"
            listing.write_text("\n".join(task.seeds) + "\n", encoding="utf-8")
            args = {**task.spider_args, "seeds": str(listing)}
            return task.spider, args, {"LINKPROSPECTOR_CHECKS": "0"}, PAGE_TABLES
        urls = pg.due_targets(task.run_id, task.shard)
        if not urls:
            return None
        pg.pull_targets(local.db, urls)
        listing = tmp / "targets.txt"
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        args = {"targets": str(listing)}
        if "recheck" in task.spider_args:  # recheck=all reaches the checks too
            args["recheck"] = task.spider_args["recheck"]
        return "check_targets", args, {}, CHECK_TABLES
    finally:
        local.close()


async def _run(pg: PgStore, task: ShardTask, replica: Path, tmp: Path) -> dict[str, Any]:
    plan = await asyncio.to_thread(_prepare, pg, task, replica, tmp)
    if plan is None:
        return {"targets": 0}
    spider, args, settings, tables = plan
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for key, value in args.items():
        command += ["-a", f"{key}={value}"]
    backoff = tmp / "hosts-state.json"
    state = await asyncio.to_thread(pg.load_backoff, task.shard, task.run_id)
    backoff.write_text(json.dumps(state), encoding="utf-8")
    merged = {
        **task.settings,
        **settings,
        "LINKPROSPECTOR_DB": str(replica),
        "LINKPROSPECTOR_HOST_STATE": str(backoff),
    }
    merged.setdefault("LINKPROSPECTOR_PROGRESS_LINE", "off")
    for key, value in merged.items():
        command += ["-s", f"{key}={value}"]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    log = tmp / "crawl.log"
    with log.open("wb") as out:
        # Started from the event loop's thread: the parent-death signal follows the thread
        # that forked, and Procrastinate runs async jobs on the loop.
        child = await asyncio.create_subprocess_exec(
            *command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
            preexec_fn=_set_parent_death_signal,
        )
        pushed = 0
        while True:
            try:
                code = await asyncio.wait_for(child.wait(), PUSH_EVERY)
                break
            except TimeoutError:
                if task.phase == CHECKS:
                    pushed = await asyncio.to_thread(
                        _push, pg, replica, task, ("checks", "targets"), pushed
                    )
    if code == EXIT_NETWORK_DOWN:
        raise NetworkDown(_last_line(log, "the network is down"))
    if code == 2:
        raise ShardFailed(_last_line(log, "bad arguments"))
    await asyncio.to_thread(_push, pg, replica, task, tables, pushed)
    await asyncio.to_thread(_save_backoff, pg, backoff, task)
    counts = {"exit": code}
    if code not in (0, 1):
        raise ShardFailed(f"scrapy crawl exited {code}: {_last_line(log, '')}")
    return counts


def _push(pg: PgStore, replica: Path, task: ShardTask, tables: tuple, after: int) -> int:
    local = Store(replica)
    try:
        local_run = replica_run(local.db)
        if local_run is None:
            return after  # the child has not started its run yet
        return pg.push(
            local.db,
            local_run,
            task.run_id,
            lambda url: shard_of_url(url, task.shards),
            tables,
            after_check=after,
        )
    finally:
        local.close()


def _save_backoff(pg: PgStore, path: Path, task: ShardTask) -> None:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    at = clock.iso(clock.now(task.now))
    pg.save_backoff(state, lambda url: shard_of_url(url, task.shards), task.run_id, at)


def _last_line(log: Path, default: str) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return default
    for line in reversed(lines):
        if "linkprospector:" in line:
            return line.split("linkprospector:", 1)[1].strip()
    return default


async def record_outcome(dsn: str, task: ShardTask, status: str, message: str) -> None:
    """Say how the job ended, for the run's follower (best effort: the queue knows too)."""

    def write() -> None:
        pg = PgStore.open(dsn)
        try:
            at = clock.iso(clock.now(task.now))
            worker = f"{socket.gethostname()}-{os.getpid()}"
            pg.record_job(task.run_id, task.phase, task.shard, status, message[:500], worker, at)
        finally:
            pg.close()

    try:
        await asyncio.to_thread(write)
    except Exception as exc:  # the job's own outcome stands in the queue either way
        logger.warning("could not record the outcome of shard %s: %s", task.shard, exc)
