"""The ``[competitors]`` table of ``linkprospector nightly`` configs::

[competitors]
domains = ["rival-one.com", "rival-two.com"]   # or the name of a file, one per line
max_pages = 2000
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

COMPETITOR_KEYS = {"domains", "max_pages", "depth", "recheck"}


def competitor_jobs(table: dict, config: NightlyConfig) -> list[CrawlJob]:
    """The ``[competitors]`` table as one ``competitors`` crawl."""
    reject_unknown_keys(table, "competitors", COMPETITOR_KEYS)
    domains = table.get("domains")
    if isinstance(domains, list) and domains and all(isinstance(d, str) for d in domains):
        value = ",".join(domains)
    elif isinstance(domains, str) and domains.strip():
        path = config.path.parent / domains
        value = str(path) if "," not in domains and path.is_file() else domains
    else:
        raise ConfigError("[competitors] needs domains: a list of domains or a file name")
    args = {"domains": value}
    for key in ("max_pages", "depth", "recheck"):
        if key in table:
            args[key] = str(table[key])
    return [CrawlJob("competitors", args, section="competitors")]


SECTION = register_section(Section("competitors", jobs=competitor_jobs))
