"""``linkprospector worker``: runs shard jobs until stopped, and retries dead workers' jobs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket

from linkprospector.cluster.app import STALLED_AFTER, TASK_NAME, has_queue, make_app
from linkprospector.judge.network_health import EXIT_NETWORK_DOWN
from linkprospector.store.pg_store import PgStore

logger = logging.getLogger(__name__)
REAP_EVERY = 2.0


def create_schemas(dsn: str) -> None:
    """Create or upgrade linkprospector's tables and Procrastinate's job queue."""
    PgStore.open(dsn, create=True).close()
    asyncio.run(_create_queue(dsn))


async def _create_queue(dsn: str) -> None:
    app = make_app(dsn)
    async with app.open_async():
        if not await has_queue(app):
            await app.schema_manager.apply_schema_async()


def run_worker(dsn: str, concurrency: int | None = None) -> int:
    """Run a worker in the foreground; returns the exit code (4: our network is down)."""
    PgStore.open(dsn).close()  # the schema must exist and match (StoreError otherwise)
    return asyncio.run(_work(dsn, concurrency or os.cpu_count() or 1))


async def _work(dsn: str, concurrency: int) -> int:
    down = asyncio.Event()
    app = make_app(dsn, on_network_down=down.set)
    async with app.open_async():
        if not await has_queue(app):
            from linkprospector.store.storage import StoreError

            raise StoreError("the PostgreSQL database has no job queue yet: start a run first")
        name = f"{socket.gethostname()}-{os.getpid()}"
        worker = asyncio.create_task(
            app.run_worker_async(concurrency=concurrency, wait=True, name=name)
        )
        reaper = asyncio.create_task(_reap(app))
        watcher = asyncio.create_task(down.wait())
        done, _ = await asyncio.wait({worker, watcher}, return_when=asyncio.FIRST_COMPLETED)
        reaper.cancel()
        if watcher in done:
            # Stop taking jobs: a worker without network would only write "unknown"s.
            logger.error("this machine's network is down: the worker stops taking jobs")
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
            return EXIT_NETWORK_DOWN
        watcher.cancel()
        await worker
    return 0


async def _reap(app) -> None:
    """Procrastinate does not retry a dead worker's jobs by itself: do it here."""
    while True:
        await asyncio.sleep(REAP_EVERY)
        try:
            stalled = await app.job_manager.get_stalled_jobs(
                task_name=TASK_NAME, seconds_since_heartbeat=STALLED_AFTER
            )
            for job in stalled:
                logger.warning("retrying job %s of a worker that stopped answering", job.id)
                await app.job_manager.retry_job(job)
        except Exception as exc:  # a lost connection is retried on the next round
            logger.warning("stalled-job check failed: %s", exc)
