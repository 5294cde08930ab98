"""The ``[discovery]`` table of ``linkprospector nightly`` configs::

[discovery]
keywords = ["home brewing", "kombucha"]
provider = "searxng"                      # or "brave" (BRAVE_API_KEY in cron's environment)
searxng_url = "http://localhost:8888"
pages_per_query = 2
window_days = 7                           # searches are not repeated within this window
seeds_per_site = 2
depth = 1                                 # link depth crawled from each found seed
mine = "mysite.com"                       # never a seed (competitors' domains never are either)
resource_footprints = ["intitle:resources", "\\"useful links\\""]   # default: the built-in list
guest_footprints = ["\\"write for us\\""]

It runs one ``resource_pages`` crawl seeded from the searches (next to ``[crawl]``).
"""

from __future__ import annotations

from typing import Any

from linkprospector.nightly.jobs import (
    ConfigError,
    CrawlJob,
    NightlyConfig,
    Section,
    register_section,
    reject_unknown_keys,
)

DISCOVERY_KEYS = {
    "keywords", "provider", "searxng_url", "pages_per_query", "window_days", "seeds_per_site",
    "depth", "research", "mine", "exclude", "resource_footprints", "guest_footprints",
}  # fmt: skip
SETTINGS = {  # key -> (setting, type)
    "provider": ("LINKPROSPECTOR_SEARCH", str),
    "searxng_url": ("LINKPROSPECTOR_SEARXNG_URL", str),
    "pages_per_query": ("LINKPROSPECTOR_SEARCH_PAGES", int),
    "window_days": ("LINKPROSPECTOR_SEARCH_WINDOW_DAYS", float),
    "seeds_per_site": ("LINKPROSPECTOR_SEARCH_SEEDS_PER_SITE", int),
}


def _words(table: dict, key: str) -> list[str]:
    value = table.get(key)
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise ConfigError(
            f"[discovery] {key} must be a list of strings or a comma-separated string"
        )
    return [i.strip() for i in items]


def discovery_jobs(table: dict, config: NightlyConfig) -> list[CrawlJob]:
    reject_unknown_keys(table, "discovery", DISCOVERY_KEYS)
    keywords = _words(table, "keywords")
    if not keywords:
        raise ConfigError('[discovery] needs keywords: keywords = ["home brewing", "kombucha"]')
    for key, (setting, kind) in SETTINGS.items():
        if key in table:
            value: Any = table[key]
            if isinstance(value, bool) or not isinstance(
                value, (kind, int) if kind is float else kind
            ):
                raise ConfigError(f"[discovery] {key} must be a {kind.__name__}, got {value!r}")
            config.settings[setting] = value
    footprint_settings = {
        "resource_footprints": "LINKPROSPECTOR_SEARCH_RESOURCE_FOOTPRINTS",
        "guest_footprints": "LINKPROSPECTOR_SEARCH_GUEST_FOOTPRINTS",
    }
    for key, setting in footprint_settings.items():
        value = table.get(key)
        if value is not None:
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                raise ConfigError(f"[discovery] {key} must be a list of query templates")
            config.settings[setting] = "\n".join(value)
    args = {"keywords": ",".join(keywords)}
    for key, arg in (("depth", "search_depth"), ("research", "research")):
        if key in table:
            args[arg] = str(table[key])
    for key in ("mine", "exclude"):
        if key in table:
            args[key] = ",".join(_words(table, key))
    return [CrawlJob("resource_pages", args, section="discovery")]


SECTION = register_section(Section("discovery", jobs=discovery_jobs))
