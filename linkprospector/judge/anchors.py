"""The anchor-text audit. Pure: backlinks in, classes, distributions
and warnings out.

Classes, first match wins: ``image`` (an image link: alt text or empty), ``naked_url``
(the anchor is a URL or a domain), ``branded`` (contains a brand name: from the config, or
the site's own name, ``mysite`` for mysite.com, also written apart or with hyphens),
``exact_match`` (the anchor is a target keyword), ``partial_match`` (it contains every
word of a target keyword), ``generic`` ("click here", "website", "read more", ... in
several languages), ``other``.

Warnings (documented thresholds, configurable): exact-match anchors on more than
``exact_share`` (10%) of the referring domains; one commercial (exact or partial match)
anchor on more than ``one_anchor_share`` (5%) of them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from linkprospector.reading.urls import registrable_domain

CLASSES = ("branded", "exact_match", "partial_match", "naked_url", "generic", "image", "other")
GENERIC = frozenset(
    " ".join(phrase.split())
    for phrase in (
        "click here", "here", "this", "this site", "this website", "website", "web site",
        "site", "link", "this link", "read more", "more", "learn more", "more info",
        "find out more", "visit", "visit site", "visit website", "go", "source", "homepage",
        "home page", "check it out", "continue reading", "details", "see more",
        "hier", "klicken sie hier", "hier klicken", "mehr", "weiterlesen", "mehr erfahren",
        "webseite", "aquí", "aqui", "haz clic aquí", "leer más", "más", "sitio web",
        "ici", "cliquez ici", "en savoir plus", "lire la suite", "site web",
        "qui", "clicca qui", "leggi di più", "sito", "klik hier", "lees meer", "hier lezen",
        "clique aqui", "leia mais", "saiba mais",
    )
)  # fmt: skip
_URLISH = re.compile(r"^(?:https?://|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?$", re.I)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]+", " ", text.lower()).split())


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


@dataclass(frozen=True)
class AnchorRules:
    brands: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    exact_share: float = 0.10
    one_anchor_share: float = 0.05


def classify_anchor(anchor: str, kind: str, site: str, rules: AnchorRules) -> str:
    """The class of one anchor text (``kind``: text or image)."""
    if kind == "image":
        return "image"
    text = " ".join(anchor.split())
    if not text:
        return "other"
    if _URLISH.match(text):
        return "naked_url"
    squashed = _squash(text)
    label = site.split(".")[0]
    brands = [b for b in (*rules.brands, label) if _squash(b)]
    if any(_squash(b) in squashed for b in brands):
        return "branded"
    words = _norm(text)
    keywords = [_norm(k) for k in rules.keywords if _norm(k)]
    if words in keywords:
        return "exact_match"
    if any(set(k.split()) <= set(words.split()) for k in keywords):
        return "partial_match"
    if words in GENERIC:
        return "generic"
    return "other"


@dataclass(frozen=True)
class Backlink:
    source_url: str
    target_url: str
    anchor_text: str
    kind: str = "text"
    rel: str = ""
    placement: str = "content"


@dataclass
class AnchorAudit:
    by_class: Counter[str] = field(default_factory=Counter)  # referring domains per class
    by_target: dict[str, Counter[str]] = field(default_factory=dict)
    top_anchors: list[tuple[str, str, int]] = field(default_factory=list)  # anchor, class, domains
    diversity: dict[str, Counter[str]] = field(default_factory=dict)
    referring_domains: int = 0
    warnings: list[str] = field(default_factory=list)


def audit(links: Iterable[Backlink], site: str, rules: AnchorRules) -> AnchorAudit:
    """Distributions counted in referring domains (a sitewide link counts once)."""
    result = AnchorAudit()
    domains_by_class: dict[str, set[str]] = defaultdict(set)
    domains_by_target: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    domains_by_anchor: dict[tuple[str, str], set[str]] = defaultdict(set)
    diversity: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    all_domains: set[str] = set()
    for link in links:
        domain = registrable_domain(urlsplit(link.source_url).hostname or "")
        all_domains.add(domain)
        cls = classify_anchor(link.anchor_text, link.kind, site, rules)
        domains_by_class[cls].add(domain)
        domains_by_target[link.target_url][cls].add(domain)
        domains_by_anchor[(_norm(link.anchor_text) or "(empty)", cls)].add(domain)
        flags = link.rel.split() or ["follow"]
        for flag in flags:
            diversity["rel"][flag].add(domain)
        diversity["kind"][link.kind or "text"].add(domain)
        diversity["placement"][link.placement or "content"].add(domain)
        diversity["tld"][domain.rsplit(".", 1)[-1] if "." in domain else domain].add(domain)
    total = len(all_domains)
    result.referring_domains = total
    result.by_class = Counter({c: len(d) for c, d in domains_by_class.items()})
    result.by_target = {
        t: Counter({c: len(d) for c, d in v.items()}) for t, v in domains_by_target.items()
    }
    result.top_anchors = sorted(
        ((a, c, len(d)) for (a, c), d in domains_by_anchor.items()), key=lambda x: (-x[2], x[0])
    )[:30]
    result.diversity = {
        k: Counter({v: len(d) for v, d in vals.items()}) for k, vals in diversity.items()
    }
    if total:
        exact = result.by_class.get("exact_match", 0) / total
        if exact > rules.exact_share:
            result.warnings.append(
                f"exact-match anchors on {exact:.0%} of referring domains "
                f"(above {rules.exact_share:.0%}): vary them with branded and naked-URL anchors"
            )
        for anchor, cls, n in result.top_anchors:
            if cls in ("exact_match", "partial_match") and n / total > rules.one_anchor_share:
                result.warnings.append(
                    f"one commercial anchor {anchor!r} on {n / total:.0%} of referring domains "
                    f"(above {rules.one_anchor_share:.0%})"
                )
    return result
