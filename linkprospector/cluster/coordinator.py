"""A run on many machines: split it into shard jobs, enqueue them, follow them to the end.

``scrapy crawl resource_pages … -s LINKPROSPECTOR_DB=postgresql://…`` comes here instead of
crawling: pages are crawled by the shards of their seed sites, then every target is checked
by the shard of its own registrable domain, so one process at a time talks to a domain.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any, TextIO

from linkprospector import clock
from linkprospector.cluster.app import has_queue, make_app, queueing_lock, shard_lock
from linkprospector.cluster.shard_job import CHECKS, PAGES, ShardTask
from linkprospector.inputs.spider_args import load_seeds
from linkprospector.judge.history import CONFIRMED, NEW_DEAD, RECOVERED
from linkprospector.judge.network_health import EXIT_NETWORK_DOWN
from linkprospector.store.pg_store import PgStore
from linkprospector.store.shards import default_shards, group_by_shard

POLL = 0.5
WAITING_HINT_AFTER = 15.0


def run_distributed(
    dsn: str,
    spider: str,
    spider_args: dict[str, str],
    settings: dict[str, str],
    shards: int = 0,
    out: TextIO = sys.stderr,
    interval: float = 10.0,
    now: str | None = None,
) -> int:
    """Enqueue a run's shard jobs and follow them; returns the crawl's exit code.

    ``now`` is the configured clock (LINKPROSPECTOR_NOW), for the run's times."""
    follower = _Follower(dsn, out, interval, now)
    return asyncio.run(follower.run(spider, spider_args, settings, shards or default_shards()))


class _Follower:
    def __init__(self, dsn: str, out: TextIO, interval: float, now: str | None):
        self.now = now
        self.dsn = dsn
        self.out = out
        self.interval = interval
        self.pg: PgStore | None = None

    def say(self, line: str) -> None:
        print(f"linkprospector: {line}", file=self.out, flush=True)

    async def run(
        self, spider: str, spider_args: dict[str, str], settings: dict[str, str], shards: int
    ) -> int:
        seeds = load_seeds(spider_args.get("seeds")).urls
        self.pg = pg = await asyncio.to_thread(PgStore.open, self.dsn, True)
        try:
            app = make_app(self.dsn)
            async with app.open_async():
                if not await has_queue(app):
                    await app.schema_manager.apply_schema_async()
                return await self._run(app, spider, spider_args, settings, shards, seeds)
        finally:
            pg.close()

    async def _run(self, app, spider, spider_args, settings, shards, seeds) -> int:
        pg = self.pg
        assert pg is not None
        now = clock.iso(clock.now(self.now))
        run_id = pg.start_run(spider, {"seed_urls": seeds, **spider_args}, now, shards)
        groups = group_by_shard(seeds, shards)
        self.say(
            f"run {run_id}: {len(seeds)} seed URL(s) in {len(groups)} of {shards} shard(s); "
            "jobs are queued for the workers (linkprospector worker --db …)"
        )
        args = {k: v for k, v in spider_args.items() if k != "seeds"}

        def task(phase: str, shard: int, urls: list[str]) -> ShardTask:
            return ShardTask(run_id, phase, shard, shards, spider, args, settings, urls, self.now)

        outcome = await self._phase(app, run_id, [task(PAGES, s, u) for s, u in groups.items()])
        if outcome == "ok":
            due = pg.shards_with_targets(run_id)
            outcome = await self._phase(app, run_id, [task(CHECKS, s, []) for s in due])
        counts = pg.run_counts(run_id)
        status = {"ok": "finished", "network_down": "network_down"}.get(outcome, "interrupted")
        finished = clock.iso(clock.now(self.now))
        pg.finish_run(run_id, status, finished, {"shards": shards, **counts})
        self.say(
            f"run {run_id} {status}: {counts['pages']} pages, {counts['checked']} targets "
            f"checked, {counts['dead']} dead ({counts.get('transition/' + NEW_DEAD, 0)} newly "
            f"dead, {counts.get('transition/' + CONFIRMED, 0)} confirmed, "
            f"{counts.get('transition/' + RECOVERED, 0)} came back)"
        )
        if outcome == "network_down":
            return EXIT_NETWORK_DOWN
        if outcome != "ok":
            return 1
        if not counts["pages"]:
            self.say("error: no page could be crawled (every seed failed or was refused)")
            return 1
        return 0

    async def _phase(self, app: Any, run_id: int, tasks: list[ShardTask]) -> str:
        """Enqueue one phase's jobs and wait for them: ok, network_down or failed."""
        ids = []
        for task in tasks:
            deferrer = app.shard_task.configure(
                lock=shard_lock(task.shard, task.shards),
                queueing_lock=queueing_lock(run_id, task.phase, task.shard),
            )
            ids.append(await deferrer.defer_async(**task.as_kwargs()))
        started = time.monotonic()
        last_line = hinted = 0.0
        phase = tasks[0].phase if tasks else ""
        while ids:
            statuses = [
                (await app.job_manager.get_job_status_async(job_id)).value for job_id in ids
            ]
            failed = [s for s in statuses if s in ("failed", "cancelled", "aborted")]
            if failed:
                return await self._failed(app, run_id, ids, statuses)
            done = statuses.count("succeeded")
            if done == len(ids):
                break
            now = time.monotonic()
            if now - last_line >= self.interval:
                last_line = now
                counts = self.pg.run_counts(run_id)
                self.say(
                    f"progress: run {run_id} · {phase}: {done}/{len(ids)} shard jobs done, "
                    f"{statuses.count('doing')} running · {counts['pages']} pages · "
                    f"{counts['checked']} targets checked · {counts['dead']} dead"
                )
            if not hinted and now - started > WAITING_HINT_AFTER and "doing" not in statuses:
                hinted = now
                self.say("no worker has taken a job yet: start `linkprospector worker --db …`")
            await asyncio.sleep(POLL)
        return "ok"

    async def _failed(self, app: Any, run_id: int, ids: list[int], statuses: list[str]) -> str:
        messages = self.pg.job_messages(run_id)
        for job_id, status in zip(ids, statuses, strict=True):
            if status == "todo":
                await app.job_manager.cancel_job_by_id_async(job_id)
        down = [m for m in messages if m[2] == "network_down"]
        if down:
            self.say(f"LOCAL NETWORK OUTAGE on a worker (shard {down[0][1]}): {down[0][3]}")
            self.say("nothing was stored dead; the run stopped (exit 4)")
            return "network_down"
        for phase, shard, status, message in messages:
            if status == "failed":
                self.say(f"error: shard {shard} ({phase}) failed: {message}")
        return "failed"
