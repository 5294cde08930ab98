"""``scrapy crawl check_targets -a targets=FILE``: checks the link targets listed in FILE
(one URL per line) with the same checks, verdicts and history as a crawl's outbound links.

A sharded run (PostgreSQL, many machines) crawls pages first and then hands each shard's
targets to this spider, so one process at a time talks to a registrable domain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linkprospector.config import Config
from linkprospector.crawl.check_requests import make_check_request
from linkprospector.reading.spider_args import ArgumentError
from spiders.base import ProspectSpider


class CheckTargetsSpider(ProspectSpider):
    """Checks a list of targets; crawls no page."""

    name = "check_targets"
    role = "check"

    def __init__(self, *args: Any, targets: str | None = None, **kwargs: Any):
        self.target_urls = self.read_targets(targets)
        super().__init__(*args, **kwargs)

    @classmethod
    def parse_arguments(cls, seeds_optional: bool = True, **kwargs: Any) -> dict[str, Any]:
        if "targets" in kwargs:
            cls.read_targets(kwargs.pop("targets"))
        return super().parse_arguments(seeds_optional=True, **kwargs)

    @staticmethod
    def read_targets(value: str | None) -> list[str]:
        if not value:
            raise ArgumentError("missing targets: use -a targets=FILE (one URL per line)")
        path = Path(value)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ArgumentError(f"cannot read targets file {path}: {exc.strerror or exc}") from None
        return [line.strip() for line in lines if line.strip().startswith(("http://", "https://"))]

    async def start(self):
        method = Config.of(self.crawler).check_method.upper()
        method = method if method in ("GET", "HEAD") else "GET"
        self.logger.info("checking %d target(s)", len(self.target_urls))
        for url in self.target_urls:
            if self.should_check(url):
                self.crawler.stats.inc_value("linkprospector/targets/scheduled")
                yield make_check_request(url, self.parse_check, self.check_failed, method=method)
