"""Toxic-link signals, each computed from the referring page and site
and given with its reason in words; a 0–100 score sums their weights. Nothing is
disavowed automatically: the score suggests, the user decides. Pure."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from linkprospector.judge.anchors import AnchorRules, classify_anchor
from linkprospector.reading.urls import site_of

#: TLDs with a high share of spam in public abuse reports; configurable.
SPAM_TLDS = (
    "xyz", "top", "click", "loan", "work", "gq", "tk", "ml", "cf", "ga", "icu", "buzz",
    "rest", "cam", "quest", "monster", "bid", "win", "men", "review", "stream", "download",
)  # fmt: skip
WEIGHTS = {
    "parked": 60, "link_farm": 50, "hidden": 45, "unlabelled_paid": 25, "spam_tld": 30,
    "unrelated_redirects": 30, "sitewide_style": 15, "repeated_anchor": 20, "sitewide": 25,
}  # fmt: skip
PAID_WORDS = re.compile(
    r"\b(?:sponsored|sponsor|partner(?:s|ship)?|advertis\w*|paid (?:post|link)|"
    r"gesponsert|werbung|patrocinado|publicidad|sponsoris\w*|partenaire)\b",
    re.IGNORECASE,
)  # fmt: skip


@dataclass(frozen=True)
class ToxicRules:
    spam_tlds: tuple[str, ...] = SPAM_TLDS
    farm_outbound_domains: int = 100  # a page linking to this many other domains...
    farm_words_per_domain: float = 5.0  # ...with fewer words than this per domain
    weights: dict[str, int] = field(default_factory=lambda: dict(WEIGHTS))


@dataclass(frozen=True)
class PageFacts:
    domain: str  # the referring page's registrable domain
    outbound_domains: int  # distinct other domains it links to
    words: int  # words of visible text
    redirect_domains: tuple[str, ...] = ()  # registrable domains its redirects went through
    parked: bool = False


@dataclass(frozen=True)
class LinkFacts:
    rel: str = ""
    placement: str = "content"
    hidden: bool = False
    context: str = ""  # the text around the link (its block)


def toxic_signals(
    page: PageFacts, link: LinkFacts, rules: ToxicRules | None = None
) -> tuple[int, list[str]]:
    """(score 0-100, reasons in words) for one link from one referring page."""
    rules = rules or ToxicRules()
    found: list[tuple[str, str]] = []
    if page.parked:
        found.append(("parked", "the referring domain is parked or for sale"))
    if page.outbound_domains >= rules.farm_outbound_domains and (
        page.words / max(page.outbound_domains, 1) < rules.farm_words_per_domain
    ):
        found.append(("link_farm", f"link farm: {page.outbound_domains} other domains "
                      f"linked with {page.words} words of text"))  # fmt: skip
    if link.hidden:
        found.append(("hidden", "the link is hidden (display:none, visibility:hidden, "
                      "zero font size or off-screen)"))  # fmt: skip
    if PAID_WORDS.search(link.context) and "sponsored" not in link.rel.split():
        found.append(("unlabelled_paid", "'sponsored'/'partner' wording next to a link "
                      "without rel=sponsored"))  # fmt: skip
    tld = page.domain.rsplit(".", 1)[-1]
    if tld in rules.spam_tlds:
        found.append(("spam_tld", f"spam-prone TLD .{tld}"))
    unrelated = [d for d in page.redirect_domains if d != page.domain]
    if unrelated:
        via = ", ".join(unrelated[:3])
        found.append(("unrelated_redirects", f"reached through redirects via {via}"))
    if link.placement in ("footer", "sidebar"):
        found.append(("sitewide_style", f"a {link.placement} link (shown on every page of a site)"))
    score = min(100, sum(rules.weights.get(name, 0) for name, _ in found))
    return score, [reason for _, reason in found]


def repeated_anchors(
    links: list[tuple[str, str, str]], min_domains: int, is_commercial
) -> dict[str, int]:
    """Anchors (normalised) used by at least ``min_domains`` referring domains, among
    ``(referring domain, anchor, kind)`` links whose anchor ``is_commercial(anchor, kind)``
    says is neither branded, a naked URL, generic nor an image: ``{anchor: domains}``."""
    domains: dict[str, set[str]] = {}
    for domain, anchor, kind in links:
        text = " ".join(anchor.lower().split())
        if text and is_commercial(anchor, kind):
            domains.setdefault(text, set()).add(domain)
    return {a: len(d) for a, d in domains.items() if len(d) >= max(min_domains, 2)}


@dataclass(frozen=True)
class ToxicSignal:
    """One signal on one stored backlink: the store adds ``weight`` and ``reason``."""

    source_url: str
    target_url: str
    signal: str
    weight: int
    reason: str


def repeated_anchor_signals(
    links: list[dict], site: str, min_domains: int, weight: int
) -> list[ToxicSignal]:
    """The signal no single page shows: one exact-match commercial anchor on many
    referring domains of ``site``. ``links`` are live backlinks (source_url, target_url,
    anchor_text, kind, toxic_reasons); a link already carrying the reason gets no signal."""

    def commercial(anchor: str, kind: str) -> bool:
        cls = classify_anchor(anchor, kind or "text", site, AnchorRules())
        return cls in ("other", "exact_match", "partial_match")

    found = repeated_anchors(
        [(site_of(r["source_url"]), r["anchor_text"] or "", r["kind"]) for r in links],
        min_domains,
        commercial,
    )
    signals = []
    for r in links:
        anchor = r["anchor_text"] or ""
        n = found.get(" ".join(anchor.lower().split()))
        why = f"the same anchor {anchor!r} on {n} referring domains" if n else ""
        if n and why not in (r["toxic_reasons"] or ""):
            signals.append(
                ToxicSignal(r["source_url"], r["target_url"], "repeated_anchor", weight, why)
            )
    return signals


def sitewide_signals(links: list[dict], weight: int) -> list[ToxicSignal]:
    """The same link in the footer or sidebar of several pages of one referring domain:
    a sitewide link. ``links`` as for :func:`repeated_anchor_signals`, with placement."""
    placed = [r for r in links if r["placement"] in ("footer", "sidebar")]
    pages = Counter((site_of(r["source_url"]), r["target_url"], r["placement"]) for r in placed)
    signals = []
    for r in placed:
        domain = site_of(r["source_url"])
        n = pages[(domain, r["target_url"], r["placement"])]
        why = f"sitewide: the same link in the {r['placement']} of {n} pages of {domain}"
        if n >= 2 and why not in (r["toxic_reasons"] or ""):
            signals.append(ToxicSignal(r["source_url"], r["target_url"], "sitewide", weight, why))
    return signals
