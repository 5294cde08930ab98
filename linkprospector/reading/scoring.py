"""Resource-page scoring: pure functions, no Scrapy imports.

A resource page ("Useful gardening links", "Further reading") is a curated list: most of
its main-content outbound links sit in repeated list, table, definition-list or card
structures with short descriptions, and anchor text is a fair share of its text. An
article *about* links has them in prose. The score combines how many distinct sites the
main content links to, how much of that sits in such structures, and what the page calls
itself (title, H1, URL words), which supports a score but never decides it alone. Each
contribution comes with a human-readable reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from linkprospector.reading.extract import ExtractedLink
from linkprospector.reading.link_structure import (
    MAX_ITEM_WORDS,
    WORD_SPLIT,
    LinkStructure,
    linked_structure,
)

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

MIN_MAIN_DOMAINS = 3  # below this the page cannot be a resource page
LOW_DOMAIN_CAP = 0.2
BOILERPLATE_WEIGHT = 0.2  # a nav/footer/sidebar domain counts as a fifth of a main one

_TITLE_WEIGHT = 0.2
_H1_WEIGHT = 0.1
_URL_WEIGHT = 0.1
_KEYWORD_CAP = 0.3
_DOMAIN_WEIGHT = 0.3
_DOMAINS_FOR_FULL = 10  # domains (after the first two) for the full domain weight
_STRUCTURE_WEIGHT = 0.4
_ITEMS_FOR_FULL = 8
_LINK_DENSE_BONUS = 0.1
_NON_RESOURCE_PENALTY = 0.35

#: Share of main-content outbound links that must sit in lists, tables or cards.
MIN_STRUCTURED_SHARE = 0.5
#: Below this share of anchor words in a long main text, the page is an article.
MIN_ANCHOR_SHARE = 0.05
#: Anchor share from which the page counts as link-dense (a bonus).
LINK_DENSE_SHARE = 0.2
#: Main texts shorter than this are too short to judge by their anchor share.
PROSE_MIN_WORDS = 150
#: The score of a page whose links sit in prose stays below the threshold.
PROSE_CAP = 0.45
#: Titles of pages that list coverage or sponsors, not resources for readers.
NON_RESOURCE_TITLE_WORDS = (
    "press",
    "in the press",
    "press coverage",
    "press releases",
    "media coverage",
    "in the news",
    "as seen in",
    "featured in",
    "awards",
    "our sponsors",
    "presse",
    "pressespiegel",
    "prensa",
)


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
    #: outbound links (to other sites) in main content, and how many of them sit in
    #: lists, tables, definition lists or repeated cards (None: not measured)
    main_outbound_links: int | None = None
    structured_links: int | None = None
    #: words of the main content's text, of its outbound anchors, and the mean words
    #: of the structured items holding outbound links (None: not measured)
    main_text_words: int | None = None
    anchor_words: int = 0
    item_words: float | None = None
    linked_cards: int = 0  # repeated cards or definition-list entries with outbound links


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
    structure = LinkStructure()
    if root is not None:
        title = _text(root.find(".//title"))
        h1 = _text(root.find(".//h1"))
        structure = linked_structure(root, page_url, page_site, site_of)
    return ResourceFeatures(
        url=page_url,
        title=title,
        h1=h1,
        main_external_domains=len(main),
        boilerplate_external_domains=len(boilerplate - main),
        linked_list_items=structure.items,
        linked_table_rows=structure.rows,
        total_links=len(links),
        main_outbound_links=structure.outbound if root is not None else None,
        structured_links=structure.structured if root is not None else None,
        main_text_words=structure.text_words if root is not None else None,
        anchor_words=structure.anchor_words,
        item_words=structure.item_words,
        linked_cards=structure.cards,
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

    items = f.linked_list_items + f.linked_table_rows + f.linked_cards
    outbound = (
        f.main_outbound_links if f.main_outbound_links is not None else f.main_external_domains
    )
    structured = f.structured_links if f.structured_links is not None else items
    share = min(structured / outbound, 1.0) if outbound else 0.0
    score += _STRUCTURE_WEIGHT * share * _ramp(items, _ITEMS_FOR_FULL)
    if f.linked_list_items:
        reasons.append(f"{_count(f.linked_list_items, 'list item')} with outbound links")
    if f.linked_table_rows:
        reasons.append(f"{_count(f.linked_table_rows, 'table row')} with outbound links")
    if f.linked_cards:
        reasons.append(
            f"{_count(f.linked_cards, 'card or entry', 'cards or entries')} with outbound links"
        )
    anchor_share = f.anchor_words / f.main_text_words if f.main_text_words else None
    if (
        anchor_share is not None
        and anchor_share >= LINK_DENSE_SHARE
        and share >= MIN_STRUCTURED_SHARE
    ):
        score += _LINK_DENSE_BONUS
        reasons.append(f"anchor text is {anchor_share:.0%} of the main text")
    if f.item_words is not None and f.item_words > MAX_ITEM_WORDS:
        score -= 0.2
        reasons.append(f"list items average {f.item_words:.0f} words (prose in bullets)")

    negative = find_keyword(path_words, NON_RESOURCE_PATH_WORDS)
    if negative:
        score -= _NON_RESOURCE_PENALTY
        reasons.append(f"URL path contains '{negative}' (shop, login or archive page)")
    press = find_keyword(f"{f.title} | {f.h1}", NON_RESOURCE_TITLE_WORDS)
    if press:
        score -= _NON_RESOURCE_PENALTY
        reasons.append(f"title or H1 says '{press}' (coverage, not resources)")
    if f.main_external_domains < MIN_MAIN_DOMAINS and score >= LOW_DOMAIN_CAP:
        score = LOW_DOMAIN_CAP
        reasons.append(
            f"only {_count(f.main_external_domains, 'external domain')} in main content "
            f"(score capped at {LOW_DOMAIN_CAP})"
        )
    elif outbound and share < MIN_STRUCTURED_SHARE and score > PROSE_CAP:
        score = PROSE_CAP
        reasons.append(
            f"only {share:.0%} of its outbound links sit in lists, tables or cards: "
            f"an article, not a list (score capped at {PROSE_CAP})"
        )
    elif (
        anchor_share is not None
        and (f.main_text_words or 0) >= PROSE_MIN_WORDS
        and anchor_share < MIN_ANCHOR_SHARE
        and score > PROSE_CAP
    ):
        score = PROSE_CAP
        reasons.append(
            f"anchor text is only {anchor_share:.0%} of {f.main_text_words} words of text: "
            f"an article, not a list (score capped at {PROSE_CAP})"
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
    return " ".join(word for word in WORD_SPLIT.split(path.lower()) if word)


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def _ramp(value: float, full: float) -> float:
    return min(max(value, 0.0) / full, 1.0)


def _text(element) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _default_site_of(url: str) -> str:
    from linkprospector.reading.urls import site_of

    return site_of(url)
