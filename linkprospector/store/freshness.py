"""Which stored targets and pages are still fresh for this crawl (the recheck policy)."""

from __future__ import annotations

import sqlite_utils

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.judge.history import RecheckPolicy
from linkprospector.store.history_store import load_fresh_targets as _load
from linkprospector.store.replay import fresh_pages


def recheck_policy(config: Config, force: bool = False) -> RecheckPolicy:
    """The recheck policy set by LINKPROSPECTOR_RECHECK_LIVE_DAYS / _FAILED_DAYS."""
    return RecheckPolicy(
        live_days=config.recheck_live_days,
        failed_days=config.recheck_failed_days,
        force=force,
    )


def load_fresh_targets(
    db: sqlite_utils.Database | None, config: Config, force: bool = False
) -> set[str]:
    """URLs of targets in the crawl's database that need no check in this run."""
    if force or db is None:
        return set()
    return _load(db, recheck_policy(config, force), clock.now(config.now))


def load_fresh_pages(
    db: sqlite_utils.Database | None, config: Config, role: str, force: bool = False
) -> set[str]:
    """URLs of crawled pages that need no fetch in this run (LINKPROSPECTOR_RECRAWL_PAGES_DAYS)."""
    days = config.recrawl_pages_days
    if force or db is None or days <= 0:
        return set()
    policy = RecheckPolicy(live_days=days, failed_days=days)
    return fresh_pages(db, role, policy, clock.now(config.now))
