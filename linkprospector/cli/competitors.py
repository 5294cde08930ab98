"""CLI commands for competitor analysis: intersect, competitors-report, demo-competitors."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from linkprospector.cli.common import CliError, existing_store
from linkprospector.outreach.competitor_report import report_broken, report_dead, report_profile
from linkprospector.store import competitor_queries as analysis
from linkprospector.store.storage import DEFAULT_DB, SQLiteStore

FORMATS = click.Choice(["text", "csv", "json"])
FORMAT_HELP = "text for people; csv or json rows for other tools."


def _error(message: str) -> click.ClickException:
    return CliError(message)


def _competitors(store: SQLiteStore, value: str | None) -> list[str]:
    """Sites from ``--competitors``, else the sites crawled with role ``competitor``."""
    if value is not None:
        sites = analysis.parse_site_list(value)
        if not sites:
            raise _error(f"no valid domain in --competitors {value!r}")
        return sites
    sites = store.competitor_sites()
    if not sites:
        raise _error(
            "no competitor sites in the database: run "
            "`scrapy crawl competitors -a domains=rival.com` first, or pass --competitors"
        )
    return sites


def _emit(rows: list[dict], fmt: str, text: Callable[[list[dict]], list[str]]) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    else:
        click.echo("\n".join(text(rows)))


@click.command()
@click.option("--mine", required=True, help="Your own domain (or a URL of your site).")
@click.option(
    "--min-competitors",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Keep pages linking to at least this many competitors.",
)
@click.option(
    "--competitors",
    help="Comma-separated competitor domains (default: sites crawled by `competitors`).",
)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
@click.option("--limit", default=0, show_default=True, help="Rows to print at most (0: all).")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help=FORMAT_HELP)
def intersect(
    mine: str, min_competitors: int, competitors: str | None, db: str, limit: int, fmt: str
) -> None:
    """Pages that link to your competitors but not to you (link intersect).

    Computed from what was crawled (resource_pages, competitors): resource pages first,
    then by how many competitors a page links to, then by resource score.

    Example: linkprospector intersect --mine mysite.com --min-competitors 2
    """
    mine_site = analysis.site_of_domain(mine)
    if not mine_site:
        raise _error(f"--mine is not a domain: {mine!r}")
    store = existing_store(db)
    try:
        sites = [s for s in _competitors(store, competitors) if s != mine_site]
        rows = store.link_intersect(mine_site, sites, min_competitors)
    finally:
        store.close()
    total = len(rows)
    shown = rows[:limit] if limit > 0 else rows

    def text(rows: list[dict]) -> list[str]:
        lines = [
            f"link intersect: {total} page(s) link to at least {min_competitors} of "
            f"{len(sites)} competitor(s) ({', '.join(sites)}) but not to {mine_site}",
        ]
        if rows:
            lines.append(
                f"{'rank':>4}  {'comp':>4}  {'resource':<8}  {'score':>5}  url  [competitors]"
            )
        for row in rows:
            note = "  (site links to you elsewhere)" if row["site_links_to_mine"] else ""
            lines.append(
                f"{row['rank']:>4}  {row['competitors_linked']:>4}  "
                f"{'yes' if row['is_resource'] else 'no':<8}  {row['resource_score']:>5.2f}  "
                f"{row['url']}  [{row['competitors']}]{note}"
            )
        return lines

    _emit(shown, fmt, text)


SECTIONS = click.Choice(["all", "broken", "dead", "profile"])


@click.command("competitors-report")
@click.option(
    "--competitors",
    help="Comma-separated competitor domains (default: sites crawled by `competitors`).",
)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Database to read.")
@click.option(
    "--section",
    type=SECTIONS,
    default="all",
    show_default=True,
    help="broken: their dead outbound links; dead: their dead pages; profile: who they link to.",
)
@click.option("--top", default=10, show_default=True, help="Domains per competitor in the profile.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help=FORMAT_HELP)
def competitors_report(competitors: str | None, db: str, section: str, top: int, fmt: str) -> None:
    """Competitors' broken outbound links, dead pages (with inlinks) and link profile.

    csv needs one --section; json prints an object with one list per section.

    Example: linkprospector competitors-report --section dead
    """
    if fmt == "csv" and section == "all":
        raise _error("--format csv needs one --section (broken, dead or profile)")
    store = existing_store(db)
    try:
        sites = _competitors(store, competitors)
        wanted = ("broken", "dead", "profile") if section == "all" else (section,)
        data = {}
        if "broken" in wanted:
            data["broken"] = store.competitor_broken_links(sites)
        if "dead" in wanted:
            data["dead"] = store.competitor_dead_pages(sites)
        if "profile" in wanted:
            data["profile"] = store.competitor_profile(sites, top=max(top, 1))
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        _emit(data[section], "csv", lambda rows: [])
        return
    lines = [f"competitors: {', '.join(sites)}"]
    if "broken" in data:
        lines += ["", *report_broken(data["broken"])]
    if "dead" in data:
        lines += ["", *report_dead(data["dead"])]
    if "profile" in data:
        lines += ["", *report_profile(data["profile"])]
    click.echo("\n".join(lines))


@click.command("demo-competitors")
@click.option("--db", default="output/demo.db", show_default=True, help="Database to write.")
@click.option("--keep", is_flag=True, help="Keep an existing demo database instead of a fresh one.")
def demo_competitors(db: str, keep: bool) -> None:
    """Crawl the bundled sample web with resource_pages AND competitors (offline), then
    print the competitor report and the link intersect for greenthumbguide.test.

    Example: linkprospector demo-competitors
    """
    from linkprospector.crawl.runner import CrawlError
    from linkprospector.demo.competitors import run_competitor_demo
    from linkprospector.store.storage import StoreError

    try:
        lines = run_competitor_demo(Path(db), fresh=not keep)
    except (CrawlError, StoreError) as exc:
        raise _error(str(exc)) from None
    click.echo("\n".join(lines))


def register(cli: click.Group) -> None:
    """Add this module's commands to the ``linkprospector`` group."""
    for command in (intersect, competitors_report, demo_competitors):
        cli.add_command(command)
