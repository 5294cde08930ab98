"""The ``[backlinks]`` table of ``linkprospector nightly`` configs::

[backlinks]
site = "mysite.com"
links = "Latest links.csv"  # Search Console, Ahrefs, Semrush, Moz, Majestic; or a URL list
"""

from __future__ import annotations

from linkprospector.nightly.jobs import (
    ConfigError,
    CrawlJob,
    NightlyConfig,
    Section,
    register_section,
    reject_unknown_keys,
)

BACKLINK_KEYS = {"site", "links"}


def backlinks_jobs(table: dict, config: NightlyConfig) -> list[CrawlJob]:
    reject_unknown_keys(table, "backlinks", BACKLINK_KEYS)
    site, links = table.get("site"), table.get("links")
    if not isinstance(site, str) or not site.strip():
        raise ConfigError('[backlinks] needs site: site = "mysite.com"')
    if not isinstance(links, str) or not links.strip():
        raise ConfigError('[backlinks] needs links: links = "Latest links.csv"')
    path = config.path.parent / links
    return [CrawlJob("backlinks", {"site": site, "links": str(path)}, section="backlinks")]


SECTION = register_section(Section("backlinks", jobs=backlinks_jobs))
