"""``scrapy crawl check_targets -a targets=FILE``: checks the link targets listed in FILE
(one URL per line) with the same checks, verdicts and history as a crawl's outbound links.

A sharded run (PostgreSQL, many machines) crawls pages first and then hands each shard's
targets to this spider, so one process at a time talks to a registrable domain.
"""

from __future__ import annotations

from typing import Any

from linkprospector.config import Config
from linkprospector.crawl.check_requests import make_check_request
from spiders.base import ProspectSpider
from spiders.params import CheckTargetsParams


class CheckTargetsSpider(ProspectSpider):
    """Checks a list of targets; crawls no page."""

    name = "check_targets"
    role = "check"

    def __init__(self, *args: Any, params: CheckTargetsParams | None = None, **kwargs: Any):
        params = params or self.parse_arguments(**kwargs)
        super().__init__(*args, params=params)
        self.target_urls = list(params.targets)

    @classmethod
    def parse_arguments(cls, **kwargs: Any) -> CheckTargetsParams:
        return CheckTargetsParams.parse_targets(kwargs, cls.default_max_pages, cls.default_depth)

    async def start(self):
        method = Config.of(self.crawler).check_method.upper()
        method = method if method in ("GET", "HEAD") else "GET"
        self.logger.info("checking %d target(s)", len(self.target_urls))
        for url in self.target_urls:
            if self.should_check(url):
                self.crawler.stats.inc_value("linkprospector/targets/scheduled")
                yield make_check_request(url, self.parse_check, self.check_failed, method=method)
