"""``linkprospector demo``: crawl the bundled sample web on localhost, offline."""

from __future__ import annotations

from pathlib import Path

from linkprospector.crawl.runner import run_spider
from linkprospector.demo.localweb import CANARY_URL, LocalWeb
from linkprospector.demo.sampleweb import demo_seeds, demo_sites
from linkprospector.outreach.summary import summary_lines
from linkprospector.store.storage import open_db

#: Short timeouts and retry waits so the demo finishes in seconds.
DEMO_SETTINGS = {
    "LINKPROSPECTOR_ALLOW_PRIVATE": True,
    "LINKPROSPECTOR_CHECK_TIMEOUT": 3,
    "DOWNLOAD_TIMEOUT": 3,
    "LINKPROSPECTOR_RETRY_BACKOFF": 0.2,
    "LINKPROSPECTOR_RETRY_AFTER_MAX": 1.5,
    "LINKPROSPECTOR_PROGRESS_INTERVAL": 2,
    "LINKPROSPECTOR_CANARY_URL": CANARY_URL,  # the sample web's always-up host
}


def run_demo(db_path: Path, fresh: bool = True) -> list[str]:
    """Serve the sample web, crawl it with ``resource_pages``, return a summary."""
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    sites, web_options = demo_sites()
    with LocalWeb(sites, **web_options) as web:
        settings = {
            **DEMO_SETTINGS,
            "LINKPROSPECTOR_DB": str(db_path),
            "LINKPROSPECTOR_HOST_MAP": web.host_map,
        }
        run_spider("resource_pages", {"seeds": ",".join(demo_seeds())}, settings)
    db = open_db(db_path)
    try:
        return [f"demo database: {db_path}", "", *summary_lines(db)]
    finally:
        db.close()
