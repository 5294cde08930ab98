"""One prospect score, 0-100, from six signals, with the reasons in words.

Signals, each on 0..1 before weighting: niche relevance, authority within the crawl,
the value of the dead links on the page (referring domains of the best one), the
resource-page (or guest-post) score, how reachable the owner is (the best contact), and
freshness (the newest date the page states, or its Last-Modified header). The weights are
settings; the score is the weighted mean of the signals times 100. With a niche described,
that mean is also multiplied by the page's relevance relative to a clearly on-niche page
(ON_NICHE): authority, dead links and contacts cannot lift an off-niche page above a
relevant one, which is the point of "quality over quantity".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date

#: Referring domains at which a dead link's value counts in full (log scale below it).
DEAD_LINK_FULL = 20
#: A page dated within this many days counts as fully fresh; it is stale at STALE_DAYS.
FRESH_DAYS = 365
STALE_DAYS = 5 * 365
#: Freshness of a page that states no date: neither rewarded nor punished.
UNDATED = 0.5
#: Relevance from which a page counts as fully on-niche: about what a page scores that
#: uses half of the niche's words (see judge/relevance.py). One word of five, however
#: often repeated, stays below it.
ON_NICHE = 0.4
#: How reachable a site is by its best contact's kind.
CONTACT_VALUE = {"email": 1.0, "contact_page": 0.7, "social": 0.4, "about_page": 0.3}


@dataclass(frozen=True)
class Weights:
    """How much each signal counts (any non-negative numbers; they are normalised)."""

    relevance: float = 0.35
    authority: float = 0.2
    dead_links: float = 0.15
    resource: float = 0.15
    contact: float = 0.1
    freshness: float = 0.05

    def total(self) -> float:
        return sum(max(getattr(self, f.name), 0.0) for f in fields(self))


@dataclass(frozen=True)
class Signals:
    """What is known about one prospect page."""

    relevance: float | None = None  # 0..1; None: no niche described
    matched: tuple[str, ...] = ()
    authority: float = 0.0  # 0..100 within the crawl (blended with a loaded rank file)
    referring_domains: int = 0  # to this page, inside the crawled graph
    dead_link_domains: int = 0  # referring domains of the page's most valuable dead link
    dead_links: int = 0
    resource: float = 0.0  # resource-page or guest-post score, 0..1
    kind: str = ""  # resource, guest_post, broken_links
    contact_kind: str = ""  # kind of the best contact ("" none)
    dated: str = ""  # ISO date the page was last dated, "" unknown
    host_referring_domains: int = 0  # to any page of its host, inside the crawled graph


def dead_link_value(referring_domains: int) -> float:
    """0..1: log-scaled, full at DEAD_LINK_FULL referring domains."""
    if referring_domains <= 0:
        return 0.0
    return min(1.0, math.log1p(referring_domains) / math.log1p(DEAD_LINK_FULL))


def freshness(dated: str, today: date) -> float | None:
    """1 within FRESH_DAYS, falling linearly to 0 at STALE_DAYS; None when undated."""
    try:
        age = (today - date.fromisoformat(dated[:10])).days
    except ValueError:
        return None
    if age <= FRESH_DAYS:
        return 1.0
    return max(0.0, 1 - (age - FRESH_DAYS) / (STALE_DAYS - FRESH_DAYS))


def prospect_score(signals: Signals, weights: Weights, today: date) -> tuple[float, list[str]]:
    """The 0-100 score and its reasons, strongest contribution first."""
    fresh = freshness(signals.dated, today)
    parts = {
        "relevance": signals.relevance if signals.relevance is not None else 0.0,
        "authority": signals.authority / 100,
        "dead_links": dead_link_value(signals.dead_link_domains),
        "resource": signals.resource,
        "contact": CONTACT_VALUE.get(signals.contact_kind, 0.0),
        "freshness": UNDATED if fresh is None else fresh,
    }
    if signals.relevance is None:  # no niche: relevance neither helps nor hurts
        weights = Weights(**{**_as_dict(weights), "relevance": 0.0})
    total = weights.total()
    if total <= 0:
        return 0.0, ["every score weight is 0"]
    score = sum(max(getattr(weights, k), 0.0) * v for k, v in parts.items()) / total
    contribution = {k: max(getattr(weights, k), 0.0) * v for k, v in parts.items()}
    reasons = [
        _reason(k, signals, fresh) for k in sorted(parts, key=lambda k: (-contribution[k], k))
    ]
    if signals.relevance is not None and signals.relevance < ON_NICHE:
        factor = max(signals.relevance, 0.0) / ON_NICHE
        score *= factor
        reasons.insert(0, f"weak niche match: score x {factor:.2f}")
    return round(100 * score, 1), [r for r in reasons if r]


def _reason(key: str, s: Signals, fresh: float | None) -> str:
    if key == "relevance":
        if s.relevance is None:
            return ""
        words = f" ({', '.join(s.matched)})" if s.matched else ""
        return f"relevance {s.relevance:.2f}{words}"
    if key == "authority":
        links = ""
        if s.host_referring_domains:
            links = (
                f", {s.referring_domains} domain(s) link to the page, "
                f"{s.host_referring_domains} to its host"
            )
        return f"authority {s.authority:.0f}/100 in the crawl{links}"
    if key == "dead_links":
        if not s.dead_links:
            return ""
        return (
            f"{s.dead_links} dead link(s), the best with {s.dead_link_domains} referring domain(s)"
        )
    if key == "resource":
        label = "guest-post" if s.kind == "guest_post" else "resource-page"
        return f"{label} score {s.resource:.2f}" if s.resource else ""
    if key == "contact":
        return f"contact: {s.contact_kind.replace('_', ' ')}" if s.contact_kind else "no contact"
    if fresh is None:
        return "no date found"
    return f"dated {s.dated[:10]}"


def _as_dict(weights: Weights) -> dict[str, float]:
    return {f.name: getattr(weights, f.name) for f in fields(weights)}
