"""ParkedHostsPipeline: a parked or for-sale domain is a verdict on the whole host.

Targets whose check matched a parking signature are ``dead``/``parked``; the middleware
gives later targets on a known-parked host the same finding. The parked host is the one
that sent the check to a domain marketplace, or the one whose page is the lander
(``evidence.parked_host``), so a shortener that redirects to a lander is not parked.
At the end of the run this pipeline records the host in ``hosts`` and judges every stored
target on it (checked earlier in the run, or in earlier runs) again with the host's
finding, through ``classify_check`` and the check history like any other check. A
host seen answering without the signature this run, and never with it, is recorded as
no longer parked.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from typing import Any

from scrapy import signals

from linkprospector.config import Config
from linkprospector.items import TargetItem
from linkprospector.judge.verdicts import LIVE, PARKED, Hop, Observation, classify_check
from linkprospector.store.crawl_store import CrawlStore
from linkprospector.store.interface import Store, StoreError

logger = logging.getLogger(__name__)


class ParkedHostsPipeline:
    """Collects parked hosts from target items; writes ``hosts`` when the run ends."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.path = Config.of(crawler).db
        self.confirm_hours = Config.of(crawler).confirm_hours
        self.parked: dict[str, dict[str, str]] = {}
        self.answered: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> ParkedHostsPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        # Connected now, after SQLitePipeline's handler: runs once its last batch is in.
        self.crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, TargetItem) and item.host:
            if item.reason == PARKED:
                try:
                    evidence = json.loads(item.evidence or "{}")
                except ValueError:
                    evidence = {}
                host = str(evidence.get("parked_host") or item.host)
                self.parked.setdefault(
                    host,
                    {
                        "signature": str(evidence.get("parked", "")).removeprefix("host:"),
                        "url": item.url,
                        "checked_at": item.checked_at,
                    },
                )
            elif item.verdict == LIVE:
                self.answered.add(item.host)
        return item

    def spider_closed(self, reason: str) -> None:
        if not self.path or not (self.parked or self.answered):
            return
        try:
            self.write(CrawlStore.of(self.crawler).store)
        except (StoreError, sqlite3.Error) as exc:
            logger.error("parked hosts not recorded: %s", exc)

    def judge_host(self, store: Store, host: str, found: dict[str, str]) -> list[dict]:
        """Every stored target on a parked host judged again, by the same code as any
        check (``classify_check`` on an observation with the host's finding); the store
        records them through the check history."""
        rows = []
        for target in store.host_targets(host):
            url, status = target["url"], target["status"]
            observation = Observation(
                url=url,
                chain=[Hop(url=url, status=status or 200)],
                findings={"parked": f"host:{found['signature']}", "parked_host": host},
            )
            verdict = classify_check(observation)
            try:
                data = json.loads(target["evidence"] or "{}")
            except ValueError:
                data = {}
            data = data if isinstance(data, dict) else {}
            data["host_parked"] = found["signature"]
            rows.append(
                {"url": url, "verdict": verdict.verdict, "reason": verdict.reason,
                 "status": status, "checked_at": found["checked_at"],
                 "evidence": json.dumps(data, separators=(",", ":"))}
            )  # fmt: skip
        return rows

    def write(self, store: Store) -> None:
        run_id = self.crawler.stats.get_value("linkprospector/run_id")
        rows = [
            {
                "host": host,
                "parked": 1,
                "parked_signature": found["signature"],
                "parked_url": found["url"],
                "checked_at": found["checked_at"],
                "run_id": run_id,
            }
            for host, found in sorted(self.parked.items())
        ]
        judged = [
            row
            for host, found in sorted(self.parked.items())
            for row in self.judge_host(store, host, found)
        ]
        unparked = sorted(self.answered - set(self.parked))
        store.save_parked_hosts(rows, unparked, judged, run_id, self.confirm_hours)
        if self.parked:
            logger.info("parked or for-sale domains: %s", ", ".join(sorted(self.parked)[:20]))
