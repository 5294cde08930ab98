"""Fixtures: loopback webs and a real `scrapy crawl` subprocess against them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlite_utils

from linkprospector.demo.localweb import CANARY_URL, LocalWeb
from tests.webs import core_web

ROOT = Path(__file__).resolve().parent.parent

#: Settings that make the loopback crawl fast and deterministic.
TEST_SETTINGS = {
    "LINKPROSPECTOR_ALLOW_PRIVATE": "1",
    "LINKPROSPECTOR_CHECK_TIMEOUT": "1",
    "DOWNLOAD_TIMEOUT": "2",
    "LINKPROSPECTOR_RETRY_BACKOFF": "0.05",
    "LINKPROSPECTOR_RETRY_AFTER_MAX": "0.2",
    "LINKPROSPECTOR_PROGRESS_INTERVAL": "0.5",
    # the loopback web's own always-up host proves the network (no public names here)
    "LINKPROSPECTOR_CANARY_URL": CANARY_URL,
}


@dataclass
class CrawlResult:
    returncode: int
    stdout: str
    stderr: str
    db_path: Path

    @property
    def db(self) -> sqlite_utils.Database:
        return sqlite_utils.Database(self.db_path)

    def targets(self) -> dict[str, dict]:
        return {row["url"]: row for row in self.db["targets"].rows}


def run_crawl(
    tmp_path: Path,
    web: LocalWeb | None,
    spider: str = "resource_pages",
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    db_path: Path | None = None,
    timeout: float = 120,
    env: dict[str, str] | None = None,
) -> CrawlResult:
    """Run `scrapy crawl` in a subprocess, as a user would, against a loopback web."""
    db_path = db_path or tmp_path / "crawl.db"
    all_settings = {**TEST_SETTINGS, "LINKPROSPECTOR_DB": str(db_path)}
    if web is not None:
        host_map = tmp_path / "hosts.json"
        host_map.write_text(json.dumps(web.host_map))
        all_settings["LINKPROSPECTOR_HOST_MAP"] = str(host_map)
    all_settings.update(settings or {})
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    for key, value in (args or {}).items():
        cmd += ["-a", f"{key}={value}"]
    for key, value in all_settings.items():
        cmd += ["-s", f"{key}={value}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )
    return CrawlResult(proc.returncode, proc.stdout, proc.stderr, db_path)


@pytest.fixture(scope="module")
def core_localweb():
    sites, options = core_web()
    with LocalWeb(sites, **options) as web:
        yield web


from tests.demo_db import demo  # noqa: E402, F401 - the shared demo run


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server (tests/pg_server.py) for the session's tests; each
    test takes a fresh database of its own with ``postgres.new_database()``."""
    from tests.pg_server import PostgresServer

    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()
