"""``scrapy crawl`` with argument checks up front and an honest exit code."""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from linkprospector.config import Config
from linkprospector.crawl.preflight import crawl_problem
from linkprospector.crawl.runlock import run_lock_problem
from linkprospector.judge.network_health import EXIT_NETWORK_DOWN


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
        problem = crawl_problem(spidercls, opts.spargs, self.settings)
        problem = problem or run_lock_problem(Config.from_settings(self.settings).db)  # issue 5
        if problem:
            return self._fail(problem)
        crawler = self._create_crawler(spidercls)
        self.crawler_process.crawl(crawler, **opts.spargs)
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
        elif stats.get("linkprospector/search/failed"):  # issue 14: say it again at the end
            print(
                f"linkprospector: error: {stats['linkprospector/search/failed']}", file=sys.stderr
            )
            self.exitcode = 1
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

    def _fail(self, message: str) -> None:
        print(f"linkprospector: error: {message}", file=sys.stderr)
        self.exitcode = 2
