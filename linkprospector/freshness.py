"""Which stored targets are still fresh for this crawl (the recheck policy, from settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linkprospector import clock
from linkprospector.history import DEFAULT_FAILED_DAYS, DEFAULT_LIVE_DAYS, RecheckPolicy
from linkprospector.history_store import load_fresh_targets as _load
from linkprospector.storage import open_db


def policy_from_settings(settings: Any, force: bool = False) -> RecheckPolicy:
    """The recheck policy set by LINKPROSPECTOR_RECHECK_LIVE_DAYS / _FAILED_DAYS."""
    return RecheckPolicy(
        live_days=settings.getfloat("LINKPROSPECTOR_RECHECK_LIVE_DAYS", DEFAULT_LIVE_DAYS),
        failed_days=settings.getfloat("LINKPROSPECTOR_RECHECK_FAILED_DAYS", DEFAULT_FAILED_DAYS),
        force=force,
    )


def load_fresh_targets(settings: Any, force: bool = False) -> set[str]:
    """URLs of targets in the crawl's database that need no check in this run."""
    path = settings.get("LINKPROSPECTOR_DB")
    if force or not path or not Path(path).is_file():
        return set()
    db = open_db(path)
    try:
        now = clock.now(settings.get("LINKPROSPECTOR_NOW"))
        return _load(db, policy_from_settings(settings, force), now)
    finally:
        db.close()


def load_fresh_pages(settings: Any, role: str, force: bool = False) -> set[str]:
    """URLs of crawled pages that need no fetch in this run (LINKPROSPECTOR_RECRAWL_PAGES_DAYS)."""
    from linkprospector.replay import fresh_pages

    path = settings.get("LINKPROSPECTOR_DB")
    if force or not path or not Path(path).is_file():
        return set()
    days = settings.getfloat("LINKPROSPECTOR_RECRAWL_PAGES_DAYS", 1.0)
    if days <= 0:
        return set()
    db = open_db(path)
    try:
        now = clock.now(settings.get("LINKPROSPECTOR_NOW"))
        return fresh_pages(db, role, RecheckPolicy(live_days=days, failed_days=days), now)
    finally:
        db.close()
