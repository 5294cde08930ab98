"""``linkprospector demo-competitors``: both spiders over the sample web, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linkprospector.crawl.runner import CrawlError, project_settings
from linkprospector.demo.localweb import LocalWeb
from linkprospector.demo.run import DEMO_SETTINGS
from linkprospector.demo.sampleweb import demo_seeds, demo_sites
from linkprospector.demo.sampleweb_competitors import (
    COMPETITOR_DEMO_MINE,
    competitor_demo_domains,
    competitor_demo_seeds,
    competitor_demo_sites,
)
from linkprospector.outreach.competitor_report import report_broken, report_dead, report_profile
from linkprospector.store.storage import open_store


def run_spiders_in_turn(jobs: list[tuple[str, dict[str, Any]]], overrides: dict) -> None:
    """Run several project spiders one after the other in this process (one reactor)."""
    from scrapy.crawler import CrawlerProcess
    from twisted.internet import defer

    from linkprospector.crawl.preflight import preflight

    settings = project_settings(overrides)
    process = CrawlerProcess(settings)
    crawlers = []
    for name, args in jobs:
        try:
            spidercls = process.spider_loader.load(name)
        except KeyError:
            raise CrawlError(f"no spider named {name!r}") from None
        checked = preflight(spidercls, args, settings)
        if checked.problem:
            raise CrawlError(checked.problem)
        crawlers.append((process.create_crawler(spidercls), {**args, **checked.spider_kwargs}))

    @defer.inlineCallbacks
    def crawl_in_turn():  # noqa: ANN202 - a Twisted Deferred
        try:
            for crawler, args in crawlers:
                yield process.crawl(crawler, **args)
        finally:
            from twisted.internet import reactor

            reactor.callLater(0, reactor.stop)

    crawl_in_turn()
    process.start(stop_after_crawl=False)


def run_competitor_demo(db_path: Path, fresh: bool = True) -> list[str]:
    """Serve the sample web with its competitor sites, crawl it with ``resource_pages``
    and ``competitors``, and return the competitor report and the link intersect."""
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    sites, web_options = demo_sites()
    with LocalWeb([*sites, *competitor_demo_sites()], **web_options) as web:
        settings = {
            **DEMO_SETTINGS,
            "LINKPROSPECTOR_DB": str(db_path),
            "LINKPROSPECTOR_HOST_MAP": web.host_map,
        }
        seeds = ",".join([*demo_seeds(), *competitor_demo_seeds()])
        run_spiders_in_turn(
            [
                ("resource_pages", {"seeds": seeds}),
                ("competitors", {"domains": ",".join(competitor_demo_domains())}),
            ],
            settings,
        )
    return competitor_summary(db_path, COMPETITOR_DEMO_MINE)


def competitor_summary(db_path: Path, mine: str) -> list[str]:
    """The text the demo prints: report sections and the intersect for ``mine``."""
    store = open_store(db_path)
    try:
        sites = store.competitor_sites()
        lines = [f"demo database: {db_path}", f"competitors: {', '.join(sites)}", ""]
        lines += report_broken(store.competitor_broken_links(sites)) + [""]
        lines += report_dead(store.competitor_dead_pages(sites)) + [""]
        lines += report_profile(store.competitor_profile(sites, top=5)) + [""]
        rows = store.link_intersect(mine, sites)
        lines.append(f"link intersect for {mine}: {len(rows)} page(s)")
        for row in rows:
            lines.append(
                f"  {row['rank']:>2}. {row['url']}  {row['competitors_linked']} competitor(s)"
                f"  resource={'yes' if row['is_resource'] else 'no'}"
                f" ({row['resource_score']:.2f})"
            )
    finally:
        store.close()
    return lines
