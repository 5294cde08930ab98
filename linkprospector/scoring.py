"""Resource-page scoring: pure functions, no Scrapy imports.

A resource page ("Useful gardening links", "Further reading") lists many other sites in
its main content. The score combines what the page calls itself (title, H1, URL words),
how many distinct sites its main content links to, and whether those links sit in
lists or tables. Each contribution comes with a human-readable reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from linkprospector.extract import ExtractedLink

RESOURCE_THRESHOLD = 0.5

# Phrases that name a resource page, matched on word boundaries (longest first wins).
RESOURCE_KEYWORDS = (
    # English
    "resources",
    "resource list",
    "resource guide",
    "resource page",
    "links",
    "link list",
    "useful links",
    "helpful links",
    "useful sites",
    "helpful sites",
    "useful websites",
    "helpful websites",
    "recommended sites",
    "recommended links",
    "recommended reading",
    "further reading",
    "related sites",
    "other sites",
    "directory",
    "blogroll",
    # French, Spanish, Portuguese, Italian, German, Dutch
    "ressources",
    "liens",
    "liens utiles",
    "recursos",
    "enlaces",
    "enlaces útiles",
    "links útiles",
    "links úteis",
    "risorse",
    "link utili",
    "nützliche links",
    "weiterführende links",
    "linksammlung",
    "linkliste",
    "nuttige links",
)

# URL path words of pages that list things for sale, log in, or archive by tag.
NON_RESOURCE_PATH_WORDS = (
    "shop",
    "store",
    "product",
    "products",
    "cart",
    "basket",
    "checkout",
    "login",
    "signin",
    "register",
    "account",
    "tag",
    "tags",
    "category",
    "search",
)

# Containers whose links are site furniture or user comments, not the page's content.
_BOILERPLATE_TAGS = {"nav", "aside"}
_BOILERPLATE_ROLES = {"navigation", "banner", "contentinfo", "complementary"}
_BOILERPLATE_CLASS_WORDS = {
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "sidebar",
    "widget",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "commentlist",
}

MIN_MAIN_DOMAINS = 3  # below this the page cannot be a resource page
LOW_DOMAIN_CAP = 0.2
BOILERPLATE_WEIGHT = 0.2  # a nav/footer/sidebar domain counts as a fifth of a main one

_TITLE_WEIGHT = 0.25
_H1_WEIGHT = 0.15
_URL_WEIGHT = 0.15
_KEYWORD_CAP = 0.4
_DOMAIN_WEIGHT = 0.35
_DOMAINS_FOR_FULL = 10  # domains (after the first two) for the full domain weight
_STRUCTURE_WEIGHT = 0.25
_ITEMS_FOR_FULL = 10
_NON_RESOURCE_PENALTY = 0.35

_WORD_SPLIT = re.compile(r"[/\-_.+,;:=\s]+")


@dataclass(frozen=True)
class ResourceFeatures:
    """What scoring looks at, gathered from one page."""

    url: str
    title: str
    h1: str
    main_external_domains: int
    boilerplate_external_domains: int
    linked_list_items: int  # <li> in main content holding a link to another site
    linked_table_rows: int  # <tr> in main content holding a link to another site
    total_links: int


def resource_features(
    root,
    page_url: str,
    links: list[ExtractedLink],
    page_site: str,
    *,
    site_of: Callable[[str], str] | None = None,
) -> ResourceFeatures:
    """Gather scoring features from a parsed page (``root`` may be None) and its links."""
    site_of = site_of or _default_site_of
    main: set[str] = set()
    boilerplate: set[str] = set()
    for link in links:
        site = site_of(link.url)
        if not site or site == page_site:
            continue
        # Comment authors' links (rel=ugc) are not the page's own recommendations.
        if link.placement == "main" and "ugc" not in link.rel.split():
            main.add(site)
        else:
            boilerplate.add(site)
    title = h1 = ""
    items = rows = 0
    if root is not None:
        title = _text(root.find(".//title"))
        h1 = _text(root.find(".//h1"))
        items, rows = _linked_items(root, page_url, page_site, site_of)
    return ResourceFeatures(
        url=page_url,
        title=title,
        h1=h1,
        main_external_domains=len(main),
        boilerplate_external_domains=len(boilerplate - main),
        linked_list_items=items,
        linked_table_rows=rows,
        total_links=len(links),
    )


def score_resource_page(f: ResourceFeatures) -> tuple[float, list[str]]:
    """Score a page 0–1 as a resource page, with the reasons for the score."""
    reasons: list[str] = []
    keyword_score = 0.0
    for where, text, weight in (
        ("title", f.title, _TITLE_WEIGHT),
        ("H1", f.h1, _H1_WEIGHT),
    ):
        keyword = find_keyword(text, RESOURCE_KEYWORDS)
        if keyword:
            keyword_score += weight
            reasons.append(f"{where} mentions '{keyword}'")
    path_words = url_path_words(f.url)
    keyword = find_keyword(path_words, RESOURCE_KEYWORDS)
    if keyword:
        keyword_score += _URL_WEIGHT
        reasons.append(f"URL path contains '{keyword}'")
    score = min(keyword_score, _KEYWORD_CAP)

    effective = f.main_external_domains + BOILERPLATE_WEIGHT * f.boilerplate_external_domains
    score += _DOMAIN_WEIGHT * _ramp(effective - (MIN_MAIN_DOMAINS - 1), _DOMAINS_FOR_FULL)
    if f.main_external_domains:
        reasons.append(
            f"links to {_count(f.main_external_domains, 'external domain')} from main content"
        )
    if f.boilerplate_external_domains:
        reasons.append(
            f"links to {_count(f.boilerplate_external_domains, 'external domain')} from "
            "nav/header/footer/sidebar (counted at a fifth)"
        )

    score += _STRUCTURE_WEIGHT * _ramp(f.linked_list_items + f.linked_table_rows, _ITEMS_FOR_FULL)
    if f.linked_list_items:
        reasons.append(f"{_count(f.linked_list_items, 'list item')} with outbound links")
    if f.linked_table_rows:
        reasons.append(f"{_count(f.linked_table_rows, 'table row')} with outbound links")

    negative = find_keyword(path_words, NON_RESOURCE_PATH_WORDS)
    if negative:
        score -= _NON_RESOURCE_PENALTY
        reasons.append(f"URL path contains '{negative}' (shop, login or archive page)")
    if f.main_external_domains < MIN_MAIN_DOMAINS and score > LOW_DOMAIN_CAP:
        score = LOW_DOMAIN_CAP
        reasons.append(
            f"only {_count(f.main_external_domains, 'external domain')} in main content "
            f"(score capped at {LOW_DOMAIN_CAP})"
        )
    return round(min(max(score, 0.0), 1.0), 3), reasons


def is_resource_page(score: float) -> bool:
    """True when a score from `score_resource_page` marks a resource page."""
    return score >= RESOURCE_THRESHOLD


def find_keyword(text: str, keywords: Iterable[str]) -> str | None:
    """The longest of ``keywords`` found in ``text`` on word boundaries, or None."""
    text = " ".join(text.lower().split())
    for keyword in sorted(keywords, key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(keyword)}(?!\w)", text):
            return keyword
    return None


def url_path_words(url: str) -> str:
    """The words of a URL's path, split on / - _ . and joined by spaces."""
    path = unquote(urlsplit(url).path)
    return " ".join(word for word in _WORD_SPLIT.split(path.lower()) if word)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _ramp(value: float, full: float) -> float:
    return min(max(value, 0.0) / full, 1.0)


def _text(element) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _linked_items(root, page_url: str, page_site: str, site_of) -> tuple[int, int]:
    """Count <li> and <tr> in main content that hold a link to another site."""
    items, rows = set(), set()
    boilerplate: dict = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        # Relative links stay on the page's own site: only absolute ones can leave it.
        if not href.lower().startswith(("http:", "https:", "//")):
            continue
        try:
            url = urljoin(page_url, href) if href.startswith("//") else href
            site = site_of(url)
        except ValueError:  # e.g. "http://[::1": invalid URLs are skipped (issue 3)
            continue
        if not site or site == page_site or _in_boilerplate(anchor.getparent(), boilerplate):
            continue
        item = next(anchor.iterancestors("li"), None)
        row = next(anchor.iterancestors("tr"), None)
        if item is not None:
            items.add(item)
        if row is not None:
            rows.add(row)
    return len(items), len(rows)


def _in_boilerplate(element, memo: dict) -> bool:
    """Is ``element`` (or an ancestor) page furniture? Memoised per element."""
    if element is None:
        return False
    if element not in memo:
        memo[element] = _is_furniture(element) or _in_boilerplate(element.getparent(), memo)
    return memo[element]


def _is_furniture(element) -> bool:
    tag = element.tag
    if tag in _BOILERPLATE_TAGS or element.get("role") in _BOILERPLATE_ROLES:
        return True
    # An article's own header/footer is content; the page's is furniture.
    if tag in ("header", "footer") and next(element.iterancestors("article", "main"), None) is None:
        return True
    words = _WORD_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}")
    return bool(_BOILERPLATE_CLASS_WORDS.intersection(w.lower() for w in words))


def _default_site_of(url: str) -> str:
    from linkprospector.urls import site_of

    return site_of(url)
