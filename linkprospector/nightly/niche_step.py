"""The ``[niche]`` table of ``linkprospector nightly``: the niche prospects are ranked
against, described once by keywords and/or the user's own pages::

[niche]
keywords = ["composting", "vegetable garden", "堆肥"]
pages = ["https://mysite.example/", "https://mysite.example/about/"]   # optional

Own pages are crawled (depth 0) so that their text is known; the niche is stored after
the crawls, so the report written after them ranks against it.
"""

from __future__ import annotations

from linkprospector import clock
from linkprospector.config import Config
from linkprospector.inputs.niche_args import NicheArgs, split_niche
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
from linkprospector.store.opening import open_store_at

NICHE_KEYS = {"keywords", "pages"}


def parse_niche_table(table: dict) -> NicheArgs:
    """The table as keywords and pages, or a one-line ConfigError."""
    reject_unknown_keys(table, "niche", NICHE_KEYS)
    items: list[str] = []
    for key in ("keywords", "pages"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"[niche] {key} must be a list of strings, got {value!r}")
        if key == "pages" and any("://" not in v for v in value):
            raise ConfigError("[niche] pages must be URLs (https://…)")
        if key == "keywords" and any("://" in v for v in value):
            raise ConfigError("[niche] keywords are words; put URLs under pages")
        items += value
    try:
        return split_niche(items)
    except ArgumentError as exc:
        raise ConfigError(f"[niche] {exc}") from None


def check_niche(table: dict) -> None:
    parse_niche_table(table)


def niche_jobs(table: dict, config: NightlyConfig) -> list[CrawlJob]:
    """A depth-0 crawl of the own pages (their text describes the niche)."""
    niche = parse_niche_table(table)
    if not niche.pages:
        return []
    return [CrawlJob("resource_pages", {"seeds": ",".join(niche.pages), "depth": "0"})]


def store_niche(table: dict, context: NightlyContext) -> bool:
    niche = parse_niche_table(table)
    config = Config.from_settings(context.config.settings)
    store = open_store_at(context.config.db)
    try:
        store.record_niche(niche.keywords, niche.pages, clock.now(config.now))
    finally:
        store.close()
    context.lines.append(
        f"[niche] {len(niche.keywords)} keyword(s), {len(niche.pages)} own page(s)"
    )
    return True


SECTION = register_section(
    Section("niche", jobs=niche_jobs, after=store_niche, order=50, check=check_niche)
)
