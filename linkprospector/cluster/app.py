"""The Procrastinate app: one task, a shard of a run, under a lock per shard."""

from __future__ import annotations

import json
from typing import Any

TASK_NAME = "linkprospector.shard"
HEARTBEAT = 1.0  # seconds between a worker's heartbeats
STALLED_AFTER = 5.0  # a worker silent this long is dead: its jobs are retried


def shard_lock(shard: int, shards: int) -> str:
    """One job at a time per shard, whatever the run: so one process talks to a domain."""
    return f"linkprospector-shard-{shards}-{shard}"


def queueing_lock(run_id: int, phase: str, shard: int) -> str:
    return f"linkprospector-run-{run_id}-{phase}-{shard}"


def make_app(dsn: str, on_network_down: Any = None) -> Any:
    """A Procrastinate app bound to ``dsn`` with the shard task registered."""
    from procrastinate import App, PsycopgConnector

    from linkprospector.cluster.shard_job import (
        NetworkDown,
        ShardFailed,
        ShardTask,
        record_outcome,
        run_shard,
    )

    app = App(
        connector=PsycopgConnector(conninfo=dsn, min_size=1, max_size=4),
        worker_defaults={
            "update_heartbeat_interval": HEARTBEAT,
            "stalled_worker_timeout": STALLED_AFTER,
        },
    )

    @app.task(name=TASK_NAME, pass_context=False)
    async def shard_task(**kwargs: Any) -> dict[str, Any]:
        task = ShardTask(**kwargs)
        try:
            result = await run_shard(dsn, task)
        except NetworkDown as exc:
            await record_outcome(dsn, task, "network_down", str(exc))
            if on_network_down is not None:
                on_network_down()
            raise
        except ShardFailed as exc:
            await record_outcome(dsn, task, "failed", str(exc))
            raise
        except Exception as exc:  # recorded for the run's follower, then the queue's retry
            await record_outcome(dsn, task, "failed", f"{type(exc).__name__}: {exc}")
            raise
        await record_outcome(dsn, task, "done", json.dumps(result))
        return result

    app.shard_task = shard_task  # type: ignore[attr-defined]
    return app


async def has_queue(app: Any) -> bool:
    """Whether Procrastinate's tables exist in the app's database."""
    rows = await app.connector.execute_query_all_async(
        "SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS found"
    )
    return bool(rows and rows[0]["found"])
