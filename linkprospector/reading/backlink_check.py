"""Does a referring page still link to my site, and how? Pure: a parsed page in,
the links to the site (any URL on its registrable domain, subdomains included) with their
anchor (alt text for images), ``rel``, placement and kind, the page's ``noindex`` and
canonical, and each expected link's state: ``live``, ``lost`` (with why) or ``unknown``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from linkprospector.reading.element_text import visible_text
from linkprospector.reading.urls import normalize_url, registrable_domain

REL_FLAGS = ("nofollow", "sponsored", "ugc")
_COMMENTS = re.compile(r"comment|disqus|respond|reply", re.I)
_SIDEBAR = re.compile(r"sidebar|widget|aside", re.I)
_FOOTER = re.compile(r"footer|colophon", re.I)
_NAV = re.compile(r"\bnav|menu|breadcrumb", re.I)


@dataclass(frozen=True)
class FoundLink:
    target_url: str
    anchor_text: str
    rel: str  # the flags among nofollow/sponsored/ugc, sorted, space-separated
    placement: str  # content | navigation | footer | sidebar | comments | header
    kind: str  # text | image
    hidden: bool = False  # inline styles hide it (itself or a parent)
    context: str = ""  # text of the block around it


@dataclass(frozen=True)
class BacklinkState:
    target_url: str
    state: str  # live | lost | unknown
    reason: str
    link: FoundLink | None = None


def placement_of(anchor: Any, memo: dict | None = None) -> str:
    """Where the nearest marked ancestor puts the link: comments, footer, sidebar,
    navigation, header, else content."""
    return _inherited(anchor.getparent(), {} if memo is None else memo, _own_placement) or (
        "content"
    )


def _own_placement(element: Any) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    marks = f"{element.get('class', '')} {element.get('id', '')}"
    if _COMMENTS.search(marks):
        return "comments"
    if tag == "footer" or _FOOTER.search(marks):
        return "footer"
    if tag == "aside" or _SIDEBAR.search(marks):
        return "sidebar"
    if tag == "nav" or _NAV.search(marks):
        return "navigation"
    if tag == "header":
        return "header"
    return None


def _inherited(node: Any, memo: dict, own: Callable[[Any], Any]) -> Any:
    """The nearest truthy ``own(element)`` from ``node`` up to the root, memoised per
    element, so that asking it for every link of a deeply nested page stays linear."""
    chain = []
    while node is not None and node not in memo:
        chain.append(node)
        node = node.getparent()
    value = memo[node] if node is not None else None
    for element in reversed(chain):
        value = own(element) or value
        memo[element] = value
    return value


_HIDDEN = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|"
    r"text-indent\s*:\s*-\d{3,}|(?:left|top)\s*:\s*-\d{3,}",
    re.IGNORECASE,
)


def is_hidden(anchor: Any, memo: dict | None = None) -> bool:
    """Inline styles (or the ``hidden`` attribute) hide the link or one of its parents."""
    return bool(_inherited(anchor, {} if memo is None else memo, _hides))


def _hides(element: Any) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN.search(element.get("style") or ""))


def links_to(root: Any, page_url: str, domain: str) -> list[FoundLink]:
    """Every link on the page to ``domain`` (its registrable domain, subdomains included)."""
    found = []
    base = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    base_url = urljoin(page_url, base) if base else page_url
    placements: dict = {}
    hidden: dict = {}
    for anchor in root.iter("a"):
        url = normalize_url((anchor.get("href") or "").strip(), base_url)
        if url is None or registrable_domain(urlsplit(url).hostname or "") != domain:
            continue
        text, kind = visible_text(anchor), "text"
        image = None if text else next(anchor.iter("img"), None)
        if image is not None:
            kind, text = "image", " ".join((image.get("alt") or "").split())
        rel_tokens = set((anchor.get("rel") or "").lower().replace(",", " ").split())
        rel = " ".join(f for f in sorted(REL_FLAGS) if f in rel_tokens)
        parent = anchor.getparent()
        context = visible_text(parent)[:300] if parent is not None else ""
        found.append(
            FoundLink(
                url,
                text,
                rel,
                placement_of(anchor, placements),
                kind,
                is_hidden(anchor, hidden),
                context,
            )
        )
    return found


def noindex(root: Any, x_robots_tag: str = "") -> bool:
    """``noindex`` in a meta robots tag or the ``X-Robots-Tag`` header."""
    values = [x_robots_tag] + [
        m.get("content") or ""
        for m in root.iter("meta")
        if (m.get("name") or "").lower() in ("robots", "googlebot")
    ]
    tokens = {token.strip() for v in values for token in v.lower().split(",")}
    return bool(tokens & {"noindex", "none"})


def canonical(root: Any, page_url: str) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return normalize_url(link.get("href").strip(), page_url)
    return None


def judge_backlinks(
    page_url: str,
    final_url: str,
    page_verdict: str,
    page_reason: str,
    found: list[FoundLink],
    expected: list[tuple[str, str | None]],
    is_noindex: bool = False,
    canonical_url: str | None = None,
) -> list[BacklinkState]:
    """States of a referring page's links to the site.

    ``expected``: ``(target_url or "", rel the export recorded, None when it records no
    rel)`` per known link; found links not expected are new. A page that is dead loses
    every link (``page_dead``, or its verdict reason such as ``soft_404``/``parked``);
    blocked or unknown: ``unknown``, never lost. A link made nofollow, sponsored or ugc
    since the export is lost for that reason; on a ``noindex`` page or one canonicalised
    elsewhere every link is lost."""
    targets = [t for t, _rel in expected] or [""]
    if page_verdict in ("blocked", "unknown"):
        return [BacklinkState(t, "unknown", page_reason or page_verdict) for t in targets]
    if page_verdict == "dead":
        reason = page_reason if page_reason in ("soft_404", "parked") else "page_dead"
        return [BacklinkState(t, "lost", reason) for t in targets]
    page_domain = registrable_domain(urlsplit(page_url).hostname or "")
    moved = registrable_domain(urlsplit(final_url).hostname or "") != page_domain
    elsewhere = canonical_url is not None and canonical_url not in (page_url, final_url)
    by_target = one_link_per_target(found)
    found = list(by_target.values())
    states: list[BacklinkState] = []
    for target, old_rel in expected or [("", None)]:
        link = by_target.get(target) or (found[0] if not target and found else None)
        if link is None:
            # redirected to another site, or the link is gone (or points elsewhere now)
            states.append(BacklinkState(target, "lost", "redirected" if moved else "removed"))
            continue
        states.append(_state(link, old_rel, is_noindex, elsewhere))
    expected_targets = {t for t, _ in expected}
    for link in found:
        if link.target_url not in expected_targets and all(s.link is not link for s in states):
            states.append(_state(link, None, is_noindex, elsewhere))
    return states


def one_link_per_target(found: list[FoundLink]) -> dict[str, FoundLink]:
    """One link per URL of the site: a page often links twice to the same URL (a logo and a
    text link); the first text link speaks for it, else the first link."""
    chosen: dict[str, FoundLink] = {}
    for link in found:
        held = chosen.get(link.target_url)
        if held is None or (held.kind == "image" and link.kind == "text"):
            chosen[link.target_url] = link
    return chosen


def _state(
    link: FoundLink, old_rel: str | None, is_noindex: bool, elsewhere: bool
) -> BacklinkState:
    was = old_rel.split() if old_rel is not None else link.rel.split()  # unknown: as found
    added = [f for f in link.rel.split() if f not in was]
    if added:
        return BacklinkState(link.target_url, "lost", added[0], link)
    if is_noindex:
        return BacklinkState(link.target_url, "lost", "noindex", link)
    if elsewhere:
        return BacklinkState(link.target_url, "lost", "canonicalised", link)
    return BacklinkState(link.target_url, "live", "", link)
