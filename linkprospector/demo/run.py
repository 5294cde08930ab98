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
from linkprospector.outreach.do_not_contact import do_not_contact
from linkprospector.outreach.ranking_views import ranked_summary_lines, report_ranking
from linkprospector.outreach.report_pitches import report_pitches
from linkprospector.outreach.summary import summary_lines
from linkprospector.report.html_report import RUNS_SHOWN, TOP_DEAD, report_view, write_report
from linkprospector.store.storage import open_store

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
        store = open_store(db_path)
        try:
            pitch_lines = demo_pitch_lines(store, settings, now)
        finally:
            store.close()
    report = db_path.with_name(db_path.stem + "-report.html")
    store = open_store(db_path)
    try:
        rows, summary = store.report_rows(TOP_DEAD, RUNS_SHOWN), store.summary_rows(top=5)
        ranking_rows = store.ranking_rows()
        pitches = report_pitches(store, DEFAULTS)
    finally:
        store.close()
    dnc = do_not_contact(db_path, DEFAULTS.dnc_file)
    ranking = report_ranking(ranking_rows, DEFAULTS, now, dnc)
    ranked = ranked_summary_lines(ranking_rows, DEFAULTS, now, dnc, 5)
    write_report(report_view(rows, str(db_path), now, ranking=ranking, pitches=pitches), report)
    summary_text = summary_lines(summary, ranked)
    return [f"demo database: {db_path}", f"report: {report}", "", *summary_text, "", *pitch_lines]
