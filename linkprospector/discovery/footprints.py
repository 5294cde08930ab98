"""Search footprints: keyword × query template, per search provider.

A footprint is the part of a query that finds a kind of page: ``intitle:resources`` or
``"useful links"`` for resource pages, ``"write for us"`` for guest-post pages. Each
provider supports its own operators; a term using an operator the provider does not
support is dropped for it (never sent blindly), and a footprint left empty is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linkprospector.inputs.spider_args import ArgumentError

RESOURCE = "resource"
GUEST_POST = "guest_post"

RESOURCE_FOOTPRINTS = (
    "intitle:resources",
    "inurl:links",
    '"useful links"',
    '"helpful resources"',
    '"recommended sites"',
    '"further reading"',
    'intitle:links "resources"',
    'inurl:resources "links"',
)
GUEST_FOOTPRINTS = (
    '"write for us"',
    '"guest post guidelines"',
    '"become a contributor"',
    '"submit a guest post"',
    "inurl:write-for-us",
    '"guest post" intitle:guidelines',
)
#: Operators each provider passes on. SearXNG forwards the query to its engines (Google,
#: Bing, DuckDuckGo... understand these); Brave Search documents intitle:, site: and
#: quotes/minus but no inurl:.
OPERATORS = {
    "searxng": frozenset({"intitle", "inurl", "site"}),
    "brave": frozenset({"intitle", "site"}),
}
PROVIDERS = tuple(OPERATORS)
_TERM = re.compile(r'-?(?:[a-z]+:)?"[^"]*"|\S+')
_OPERATOR = re.compile(r"^-?([a-z]+):")


@dataclass(frozen=True)
class Query:
    text: str  # what is sent
    keyword: str
    footprint: str
    kind: str  # RESOURCE or GUEST_POST


def adapt_footprint(footprint: str, provider: str) -> str | None:
    """The footprint with terms the provider cannot read dropped (None: nothing left)."""
    supported = OPERATORS[provider]
    kept = []
    for term in _TERM.findall(footprint):
        match = _OPERATOR.match(term)
        if match and match.group(1) not in supported:
            continue
        kept.append(term)
    return " ".join(kept) or None


def quoted(keyword: str) -> str:
    return f'"{keyword}"' if " " in keyword else keyword


def build_queries(
    keywords: list[str],
    provider: str,
    resource: tuple[str, ...] = RESOURCE_FOOTPRINTS,
    guest: tuple[str, ...] = GUEST_FOOTPRINTS,
) -> list[Query]:
    """Every query for these keywords on ``provider``, without duplicates."""
    queries: list[Query] = []
    seen: set[str] = set()
    for keyword in keywords:
        for kind, footprints in ((RESOURCE, resource), (GUEST_POST, guest)):
            for footprint in footprints:
                adapted = adapt_footprint(footprint, provider)
                if adapted is None:
                    continue
                text = f"{quoted(keyword)} {adapted}"
                if text not in seen:
                    seen.add(text)
                    queries.append(Query(text, keyword, footprint, kind))
    return queries


def parse_keywords(value: object) -> list[str]:
    """``"home brewing, kombucha"`` (or a list) as clean keywords; [] when not given."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    keywords = []
    for item in items:
        keyword = " ".join(str(item).split())
        if keyword and keyword.lower() not in {k.lower() for k in keywords}:
            if len(keyword) > 100 or '"' in keyword:
                raise ArgumentError(
                    f"bad keyword {keyword[:60]!r}: plain words, up to 100 characters"
                )
            keywords.append(keyword)
    if value is not None and str(value).strip() and not keywords:
        raise ArgumentError('keywords is empty: use -a keywords="home brewing,kombucha"')
    return keywords


def parse_footprints(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    """Footprints from a setting (one per line) or a list; the built-in ones when empty."""
    if value is None or value == "" or value == []:
        return default
    items = value if isinstance(value, list | tuple) else str(value).splitlines()
    found = tuple(" ".join(str(item).split()) for item in items if str(item).strip())
    return found or default
