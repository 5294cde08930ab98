"""Which stored targets are still fresh for this crawl (the recheck policy, from settings)."""

from __future__ import annotations

from pathlib import Path

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.judge.history import RecheckPolicy
from linkprospector.store.history_store import load_fresh_targets as _load
from linkprospector.store.storage import open_db


def recheck_policy(config: Config, force: bool = False) -> RecheckPolicy:
    """The recheck policy set by LINKPROSPECTOR_RECHECK_LIVE_DAYS / _FAILED_DAYS."""
    return RecheckPolicy(
        live_days=config.recheck_live_days,
        failed_days=config.recheck_failed_days,
        force=force,
    )


def load_fresh_targets(config: Config, force: bool = False) -> set[str]:
    """URLs of targets in the crawl's database that need no check in this run."""
    path = config.db
    if force or not path or not Path(path).is_file():
        return set()
    db = open_db(path)
    try:
        now = clock.now(config.now)
        return _load(db, recheck_policy(config, force), now)
    finally:
        db.close()


def load_fresh_pages(config: Config, role: str, force: bool = False) -> set[str]:
    """URLs of crawled pages that need no fetch in this run (LINKPROSPECTOR_RECRAWL_PAGES_DAYS)."""
    from linkprospector.store.replay import fresh_pages

    path = config.db
    if force or not path or not Path(path).is_file():
        return set()
    days = config.recrawl_pages_days
    if days <= 0:
        return set()
    db = open_db(path)
    try:
        now = clock.now(config.now)
        return fresh_pages(db, role, RecheckPolicy(live_days=days, failed_days=days), now)
    finally:
        db.close()
