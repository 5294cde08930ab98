"""``linkprospector demo``: crawl the bundled sample web on localhost, offline."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

from linkprospector import clock
from linkprospector.config import DEFAULTS
from linkprospector.crawl.runner import CrawlError, run_spider, spider_command
from linkprospector.demo.localweb import CANARY_URL, LocalWeb
from linkprospector.demo.pitches import DEMO_SITE, demo_pitch_lines
from linkprospector.demo.sampleweb import add_tonights_link, demo_seeds, demo_sites
from linkprospector.demo.wayback_standin import HOST as WAYBACK_HOST
from linkprospector.demo.wayback_standin import load_captures
from linkprospector.judge.history import shown_time
from linkprospector.outreach.html_report import write_report
from linkprospector.outreach.ranking_views import ranked_summary_lines
from linkprospector.outreach.summary import summary_lines
from linkprospector.store.storage import open_db

#: The demo's first night is this long before the second (the confirmation window is 20 h).
NIGHT_HOURS = 25
#: The demo's niche (the sample web is about gardening): prospects are ranked against it.
DEMO_NICHE = "gardening, garden, compost, seeds, vegetables, irrigation"

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


def run_demo(db_path: Path, fresh: bool = True, nights: int = 2) -> list[str]:
    """Serve the sample web and crawl it with ``resource_pages`` on ``nights`` nights, the
    earlier ones on a simulated clock (``NIGHT_HOURS`` apart), so the second night
    confirms the first night's dead links; write the HTML report; return a summary."""
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    sites, web_options = demo_sites()
    archive = load_captures("gardening")  # the Wayback Machine, on loopback
    now = clock.now()
    args = {"seeds": ",".join(demo_seeds()), "niche": DEMO_NICHE, "mysite": DEMO_SITE}
    with LocalWeb([*sites, archive.site()], **web_options) as web:
        settings = {
            **DEMO_SETTINGS,
            "LINKPROSPECTOR_DB": str(db_path),
            "LINKPROSPECTOR_HOST_MAP": web.host_map,
            "LINKPROSPECTOR_WAYBACK_URL": f"http://{WAYBACK_HOST}",
            "LINKPROSPECTOR_WAYBACK_DELAY": 0,
        }
        for night in range(nights - 1, 0, -1):  # a Scrapy process runs one crawl: a child
            earlier = clock.iso(now - timedelta(hours=NIGHT_HOURS * night))
            child = subprocess.run(
                spider_command("resource_pages", args, {**settings, "LINKPROSPECTOR_NOW": earlier}),
                check=False,
            )
            if child.returncode != 0:
                raise CrawlError(f"the demo's night at {shown_time(earlier)} failed")
        if nights > 1:
            add_tonights_link(web)
        run_spider("resource_pages", args, settings)
        db = open_db(db_path)
        try:
            pitches = demo_pitch_lines(db, settings, now)
        finally:
            db.close()
    report = db_path.with_name(db_path.stem + "-report.html")
    db = open_db(db_path)
    try:
        write_report(db, str(db_path), report, now)
        ranked = ranked_summary_lines(db, DEFAULTS, now, db_path, 5)
        summary = summary_lines(db, 5, ranked)
        return [f"demo database: {db_path}", f"report: {report}", "", *summary, "", *pitches]
    finally:
        db.close()
