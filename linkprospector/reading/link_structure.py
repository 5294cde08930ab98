"""Where a page's outbound links sit: lists, tables, cards, prose (page reading).

Pure functions over a parsed lxml tree, no Scrapy. :mod:`linkprospector.reading.scoring` judges
resource pages from what this reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

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

#: Mean words of a list item beyond which the "list" is prose in bullets.
MAX_ITEM_WORDS = 60
#: How class names and URL paths split into words.
WORD_SPLIT = re.compile(r"[/\-_.+,;:=\s]+")


@dataclass
class LinkStructure:
    """Where a page's main-content outbound links sit (see :func:`linked_structure`)."""

    items: int = 0
    rows: int = 0
    cards: int = 0
    outbound: int = 0
    structured: int = 0
    text_words: int = 0
    anchor_words: int = 0
    item_words: float | None = None


_SKIP_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_CARD_DEPTH = 4  # ancestors of a link looked at for a repeated card


def linked_structure(root, page_url: str, page_site: str, site_of) -> LinkStructure:
    """Count main-content outbound links and the list items, table rows, definition-list
    entries and repeated cards that hold them. A card is one of 3+ sibling elements of
    one tag and class that each hold an outbound link and have a short text."""
    found = LinkStructure()
    boilerplate: dict = {}
    anchors = [a for a in root.iter("a") if _is_outbound(a, page_url, page_site, site_of)]
    anchors = [a for a in anchors if not _in_boilerplate(a.getparent(), boilerplate)]
    # (parent, tag, class) -> the siblings of that kind holding an outbound link
    holding: dict = {}
    for anchor in anchors:
        element = anchor
        for _ in range(_CARD_DEPTH):
            parent = element.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            holding.setdefault((parent, element.tag, element.get("class", "")), set()).add(element)
            element = parent
    items, rows, cards = set(), set(), set()
    for anchor in anchors:
        found.outbound += 1
        found.anchor_words += len(_words(anchor.text_content()))
        item = next(anchor.iterancestors("li"), None)
        row = next(anchor.iterancestors("tr"), None)
        entry = next(anchor.iterancestors("dd", "dt"), None)
        if item is not None:
            items.add(item)
        if row is not None:
            rows.add(row)
        if entry is not None:
            cards.add(entry)
        card = None
        if item is None and row is None and entry is None:
            card = _card_of(anchor, holding)
            if card is not None:
                cards.add(card)
        if item is not None or row is not None or entry is not None or card is not None:
            found.structured += 1
    found.items, found.rows, found.cards = len(items), len(rows), len(cards)
    holders = [*items, *rows, *cards]
    if holders:
        found.item_words = sum(len(_words(h.text_content())) for h in holders) / len(holders)
    found.text_words = _main_text_words(root, boilerplate)
    return found


def _is_outbound(anchor, page_url: str, page_site: str, site_of) -> bool:
    href = (anchor.get("href") or "").strip()
    # Relative links stay on the page's own site: only absolute ones can leave it.
    if not href.lower().startswith(("http:", "https:", "//")):
        return False
    if "ugc" in (anchor.get("rel") or "").lower().replace(",", " ").split():
        return False  # a commenter's link is not the page's recommendation
    try:
        url = urljoin(page_url, href) if href.startswith("//") else href
        site = site_of(url)
    except ValueError:  # e.g. "http://[::1": invalid URLs are skipped (issue 3)
        return False
    return bool(site) and site != page_site


def _card_of(anchor, holding: dict):
    """The card holding ``anchor`` (see :func:`linked_structure`), or the anchor itself
    when it is one of 3+ outbound links on lines of their own (``<br>``), or None."""
    parent = anchor.getparent()
    if parent is not None:
        lines = holding.get((parent, "a", anchor.get("class", "")), ())
        if len(lines) >= 3 and sum(1 for child in parent if child.tag == "br") >= 2:
            return anchor
    element = anchor
    for _ in range(_CARD_DEPTH):
        parent = element.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        kind = holding.get((parent, element.tag, element.get("class", "")), ())
        if element is not anchor and len(kind) >= 3:
            # a card has a short description; paragraphs of prose are not cards
            if len(_words(element.text_content())) > MAX_ITEM_WORDS:
                return None
            return element
        element = parent
    return None


def _main_text_words(root, boilerplate: dict) -> int:
    """Words of the page's text outside furniture, scripts and styles."""
    body = root.find(".//body")
    start = body if body is not None else root
    words = 0
    for element in start.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIP_TEXT_TAGS:
            continue
        if _in_boilerplate(element, boilerplate):
            continue
        if element.text:
            words += len(_words(element.text))
        parent = element.getparent()
        if (
            element.tail
            and parent is not None
            and parent.tag not in _SKIP_TEXT_TAGS
            and not _in_boilerplate(parent, boilerplate)
        ):
            words += len(_words(element.tail))
    return words


_WORD_RE = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


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
    words = WORD_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}")
    return bool(_BOILERPLATE_CLASS_WORDS.intersection(w.lower() for w in words))
