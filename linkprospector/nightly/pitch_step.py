"""The ``[site]`` and ``[pitch]`` tables of ``linkprospector nightly``::

[site]
url = "https://mygardenblog.example/"   # your site: read for replacement pages
max_pages = 300

[pitch]
template = "pitch.txt"   # default: the built-in template
wayback = true           # false: no Wayback Machine lookups this run

``[site]`` adds a crawl of your site (``scrapy crawl my_site``) to the night's crawls.
``[pitch]`` runs after the crawls: the Wayback lookups (resumed where the last run
stopped; skipped offline or when ``LINKPROSPECTOR_WAYBACK`` is off), the replacement
ranking, and the check of won pitches' links; the report and exports show the pitches.
"""

from __future__ import annotations

from pathlib import Path

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.crawl.wayback_lookup import look_up_dead_pages
from linkprospector.inputs.spider_args import ArgumentError
from linkprospector.nightly.jobs import (
    ConfigError,
    CrawlJob,
    NightlyConfig,
    NightlyContext,
    Section,
    register_section,
    reject_unknown_keys,
)
from linkprospector.outreach.pitch_statuses import refresh_won_links
from linkprospector.outreach.pitch_template import TemplateError
from linkprospector.outreach.pitches import load_template, rank_all
from linkprospector.store.opening import open_store_at
from spiders.my_site import FAILED_STAT
from spiders.params import parse_site_url

SITE_KEYS = {"url", "max_pages"}
PITCH_KEYS = {"template", "wayback"}


def site_jobs(table: dict, config: NightlyConfig) -> list[CrawlJob]:
    reject_unknown_keys(table, "site", SITE_KEYS)
    try:
        url = parse_site_url("[site] url", table.get("url"))
    except ArgumentError as exc:
        raise ConfigError(str(exc)) from None
    if url is None:
        raise ConfigError('[site] needs url: url = "https://your-site.example/"')
    args = {"site": url}
    max_pages = table.get("max_pages")
    if max_pages is not None:
        if not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1:
            raise ConfigError(f"[site] max_pages must be a positive number, got {max_pages!r}")
        args["mysite_pages"] = str(max_pages)
    return [CrawlJob("my_site", args, section="site")]


def site_after(table: dict, context: NightlyContext) -> bool:
    """An unreachable site makes the run unclean (its pages of last time are kept)."""
    failed = [stats[FAILED_STAT] for stats in context.stats if stats.get(FAILED_STAT)]
    for line in failed:
        context.lines.append(f"[site] {line}")
    return not failed


def template_path(table: dict, config_path: Path) -> Path | None:
    template = table.get("template")
    if template is None:
        return None
    if not isinstance(template, str) or not template.strip():
        raise ConfigError(f"[pitch] template must be a file name, got {template!r}")
    path = Path(template).expanduser()
    return path if path.is_absolute() else config_path.parent / path


def check_pitch(table: dict) -> None:
    reject_unknown_keys(table, "pitch", PITCH_KEYS)
    if not isinstance(table.get("wayback", True), bool):
        raise ConfigError(f"[pitch] wayback must be true or false, got {table['wayback']!r}")


def pitch_jobs(table: dict, config: NightlyConfig) -> list[CrawlJob]:
    """No crawl of its own: the template is checked here, before any crawl starts (the
    config's folder is known here, not in ``check``)."""
    check_pitch(table)
    path = template_path(table, config.path)
    if path is not None:
        try:
            load_template(path)
        except TemplateError as exc:
            raise ConfigError(f"[pitch] {exc}") from None
    return []


def pitch_after(table: dict, context: NightlyContext) -> bool:
    path = template_path(table, context.config.path)
    if path is not None:
        # later steps (the report) read the template through the settings
        context.config.settings["LINKPROSPECTOR_PITCH_TEMPLATE"] = str(path)
    config = Config.from_settings(context.config.settings)
    now = clock.now(config.now)
    store = open_store_at(context.config.db)
    clean = True
    try:
        if table.get("wayback", True):
            summary = look_up_dead_pages(store, config, now)
            context.lines.append(f"[pitch] {summary.line()}")
        else:
            context.lines.append("[pitch] wayback: skipped ([pitch] wayback = false)")
        good, bad = rank_all(store, now, config.pitch_min_score)
        context.lines.append(
            f"[pitch] dead URLs with a good replacement on your site: {good}, without: {bad}"
        )
        for line in refresh_won_links(store):
            context.lines.append(f"[pitch] {line}")
            clean = clean and "LINK GONE" not in line
    finally:
        store.close()
    return clean


SITE_SECTION = register_section(Section("site", jobs=site_jobs, after=site_after, order=700))
PITCH_SECTION = register_section(
    Section("pitch", jobs=pitch_jobs, after=pitch_after, order=800, check=check_pitch)
)
