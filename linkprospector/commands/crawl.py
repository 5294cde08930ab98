"""``scrapy crawl`` with argument checks up front and an honest exit code."""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES

from linkprospector.config import Config
from linkprospector.crawl.preflight import preflight
from linkprospector.crawl.runlock import run_lock_problem
from linkprospector.judge.network_health import EXIT_NETWORK_DOWN
from linkprospector.store.pg_store import is_postgres_url


class Command(ScrapyCrawlCommand):
    """Run a spider; bad arguments give one line on stderr and exit code 2."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name, e.g. scrapy crawl resource_pages")
        assert self.crawler_process is not None and self.settings is not None
        try:
            spidercls = self.crawler_process.spider_loader.load(args[0])
        except KeyError:
            names = ", ".join(sorted(self.crawler_process.spider_loader.list()))
            return self._fail(f"no spider named {args[0]!r} (available: {names})")
        checked = preflight(spidercls, opts.spargs, self.settings)
        if checked.problem:  # a setting of the wrong kind among them: read no config
            return self._fail(checked.problem)
        db = Config.from_settings(self.settings).db
        if is_postgres_url(db) and args[0] == "resource_pages":  # on the workers
            return self._run_sharded(args[0], opts.spargs, db)
        problem = run_lock_problem(db)
        if problem:
            return self._fail(problem)
        crawler = self._create_crawler(spidercls)
        self.crawler_process.crawl(crawler, **opts.spargs, **checked.spider_kwargs)
        self.crawler_process.start()
        stats = crawler.stats.get_stats() if crawler.stats else {}
        if stats.get("finish_reason") == "network_down":
            # the block again at the very end, where a person looks first
            report = stats.get("linkprospector/outage_report") or "LOCAL NETWORK OUTAGE"
            print(f"linkprospector: {report}", file=sys.stderr)
            self.exitcode = EXIT_NETWORK_DOWN
        elif stats.get("finish_reason") == "bad_input":  # a file found unreadable mid-way
            print(
                f"linkprospector: error: {stats.get('linkprospector/input_error')}", file=sys.stderr
            )
            self.exitcode = 2
        elif self.crawler_process.bootstrap_failed or stats.get("finish_reason") != "finished":
            self.exitcode = 1
        elif stats.get("linkprospector/search/failed"):  # say it again at the end
            print(
                f"linkprospector: error: {stats['linkprospector/search/failed']}", file=sys.stderr
            )
            self.exitcode = 1
        elif stats.get("linkprospector/mysite/failed"):  # bad input, said at the end
            print(
                f"linkprospector: error: {stats['linkprospector/mysite/failed']}", file=sys.stderr
            )
            self.exitcode = 2
        elif (
            not stats.get("linkprospector/pages")
            and not stats.get("linkprospector/pages_replayed")
            and (
                stats.get("linkprospector/pages_failed")
                or stats.get("linkprospector/pages_refused")
            )
        ):
            print(
                "linkprospector: error: no page could be crawled "
                "(every seed failed or was refused; see the warnings above)",
                file=sys.stderr,
            )
            self.exitcode = 1

    def _run_sharded(self, spider: str, spider_args: dict, dsn: str) -> None:
        """Many machines: enqueue the run's shard jobs for the workers and follow them."""
        from linkprospector.cluster.coordinator import run_distributed
        from linkprospector.store.storage import StoreError

        assert self.settings is not None
        cmdline = SETTINGS_PRIORITIES["cmdline"]
        settings = {
            name: str(self.settings[name])
            for name in self.settings
            if self.settings.getpriority(name) == cmdline and name != "LINKPROSPECTOR_DB"
        }
        config = Config.from_settings(self.settings)
        try:
            self.exitcode = run_distributed(
                dsn,
                spider,
                spider_args,
                settings,
                config.shards,
                interval=config.progress_interval,
                now=config.now,
            )
        except StoreError as exc:
            return self._fail(str(exc))

    def _fail(self, message: str) -> None:
        print(f"linkprospector: error: {message}", file=sys.stderr)
        self.exitcode = 2
