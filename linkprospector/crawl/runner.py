"""Run a project spider in this process (for the CLI: demo, nightly)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from linkprospector.config import Config
from linkprospector.crawl.preflight import preflight
from linkprospector.crawl.runlock import run_lock_problem


class CrawlError(Exception):
    """A crawl could not start; the message is one line for the user."""


def project_settings(overrides: dict[str, Any] | None = None) -> Any:
    """The project's Scrapy settings with ``overrides`` at command-line priority."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "linkprospector.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.setdict(overrides or {}, priority="cmdline")
    return settings


def run_spider(name: str, spider_args: dict[str, Any], overrides: dict[str, Any]) -> dict:
    """Run spider ``name`` to completion; return its final stats."""
    from scrapy.crawler import CrawlerProcess

    settings = project_settings(overrides)
    process = CrawlerProcess(settings)
    try:
        spidercls = process.spider_loader.load(name)
    except KeyError:
        raise CrawlError(f"no spider named {name!r}") from None
    checked = preflight(spidercls, spider_args, settings)
    problem = checked.problem or run_lock_problem(Config.from_settings(settings).db)
    if problem:
        raise CrawlError(problem)
    crawler = process.create_crawler(spidercls)
    process.crawl(crawler, **spider_args, **checked.spider_kwargs)
    process.start()
    return dict(crawler.stats.get_stats()) if crawler.stats else {}


def spider_command(name: str, spider_args: dict[str, Any], overrides: dict[str, Any]) -> list[str]:
    """A command that runs :func:`run_spider` in a new process (one crawl per process)."""
    return [
        sys.executable,
        "-m",
        "linkprospector.crawl.runner",
        name,
        json.dumps(spider_args),
        json.dumps(overrides),
    ]


def main(argv: list[str]) -> int:
    name, spider_args, overrides = argv[0], json.loads(argv[1]), json.loads(argv[2])
    try:
        stats = run_spider(name, spider_args, overrides)
    except CrawlError as exc:
        print(f"linkprospector: error: {exc}", file=sys.stderr)
        return 2
    return 0 if stats.get("finish_reason") == "finished" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
