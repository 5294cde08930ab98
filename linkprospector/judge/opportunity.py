"""Opportunity value of dead targets: who links to them, with what words, what they were.

Pure functions over link rows (no Scrapy, no SQLite); ``storage``'s ``dead_targets`` view
computes the same counts in SQL for Datasette and sqlite-utils users.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

WAYBACK_PREFIX = "https://web.archive.org/web/2*/"


def wayback_url(url: str) -> str:
    """The Wayback Machine's list of captures of ``url`` (what the page used to be)."""
    return WAYBACK_PREFIX + url


@dataclass
class TargetValue:
    """How much a dead target is worth recreating: its referring pages and domains."""

    url: str
    pages: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    anchors: Counter[str] = field(default_factory=Counter)

    @property
    def referring_pages(self) -> int:
        return len(self.pages)

    @property
    def referring_domains(self) -> int:
        return len(self.domains)

    @property
    def wayback_url(self) -> str:
        return wayback_url(self.url)

    def anchor_texts(self, limit: int = 10) -> list[str]:
        """Distinct non-empty anchor texts, most used first (ties alphabetically)."""
        ranked = sorted(self.anchors.items(), key=lambda item: (-item[1], item[0]))
        return [text for text, _n in ranked[:limit]]


def target_values(links: Iterable[tuple[str, str, str, str]]) -> dict[str, TargetValue]:
    """Values per target from ``(target_url, source_url, source_site, anchor_text)`` rows."""
    values: dict[str, TargetValue] = {}
    for target, source, site, anchor in links:
        value = values.setdefault(target, TargetValue(target))
        value.pages.add(source)
        value.domains.add(site)
        anchor = " ".join((anchor or "").split())
        if anchor:
            value.anchors[anchor] += 1
    return values


def rank_targets(values: Iterable[TargetValue]) -> list[TargetValue]:
    """Best recreation targets first: most referring domains, then pages, then URL."""
    return sorted(values, key=lambda v: (-v.referring_domains, -v.referring_pages, v.url))
