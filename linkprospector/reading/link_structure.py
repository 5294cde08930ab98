"""Entries of a curated list: the short blocks of a page whose main content is a link.

Pure functions over a parsed lxml tree, no Scrapy. An *entry* is a block (list item, table
row, definition, card, line, short paragraph) whose main content is an outbound link: its
anchor plus at most about a sentence of description. A paragraph of prose that contains a
link is not an entry, nor is a citation (authors, year, venue) or a dated news or archive
line. :mod:`linkprospector.reading.scoring` judges resource pages from what this reads.

One pass over the tree in document order (``iterwalk``), no regular expression over
markup: time is linear in the size of the page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from linkprospector.reading.element_text import visible_text
from linkprospector.reading.entry_marks import (
    DATE_RE,
    count_citation_marks,
    count_dates,
    is_citation,
    is_profile_link,
    names_owner,
    owner_name,
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
    # a page's masthead, share buttons, related-posts boxes and theme sidebars
    # ("aside-content") are furniture too, whatever tag they use ("header" is not: cards
    # and references have a "card-header" or "paper-header" holding their link)
    "masthead",
    "share",
    "sharing",
    "related",
    "aside",
}
#: How class names and URL paths split into words.
WORD_SPLIT = re.compile(r"[/\-_.+,;:=\s]+")

#: Elements that make a block of their own (table cells belong to their row; inline
#: elements such as <span>, <b>, <font> belong to the block around them).
BLOCK_TAGS = frozenset(
    {
        "li",
        "dt",
        "dd",
        "tr",
        "p",
        "div",
        "section",
        "article",
        "blockquote",
        "figure",
        "figcaption",
        "center",
        "main",
        "body",
        "ul",
        "ol",
        "dl",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "footer",
        "details",
        "summary",
        "address",
        "pre",
        "form",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP_TEXT_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "svg", "button", "select"}
)

#: Words (CJK characters count half) a one-link entry may hold besides its anchor:
#: about a sentence. A block with more is prose that happens to contain a link.
SENTENCE_UNITS = 30
#: ... for each link of a block holding several (a line of links with short notes).
PER_LINK_UNITS = 12
#: Without its link at the start or the end, a block is an entry only when this short.
EMBEDDED_UNITS = 8
#: Text before the first link (or after the last) still counted as "at the edge".
EDGE_UNITS = 1.5
#: How much of a block's text is read to recognise a citation or a date.
_PROBE_CHARS = 400
#: How much of the main text is searched for citation and date marks, and from how many
#: entries (fewer: the page is no list whatever its marks).
_SAMPLE_CHARS = 100_000
_MARKS_FROM_ENTRIES = 3

_WORD_RE = re.compile(r"\w+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass
class EntryReading:
    """What the main content of a page holds (see :func:`read_entries`)."""

    entries: int = 0  # entry blocks, a block linking to several sites counting once per site
    entry_sites: set[str] = field(default_factory=set)
    entry_units: float = 0.0  # words of text inside entries (anchors and descriptions)
    main_units: float = 0.0  # words of the main content's text (link-free headings left out)
    outbound: int = 0  # outbound anchors in the main content
    entry_links: int = 0  # ... of them in entries
    prose_blocks: int = 0  # blocks of prose holding outbound links
    citations: int = 0  # bibliographic references (blocks, or marks in the main text)
    dated: int = 0  # calendar dates in entries or in the main text (archives, news lists)
    profile_entries: int = 0  # entries linking only to profile sites (GitHub, LinkedIn...)
    home_entries: int = 0  # entries linking only to sites' home pages (a list of sites)
    kinds: Counter = field(default_factory=Counter)  # entry blocks by kind

    @property
    def coverage(self) -> float:
        """Share of the main content's text that sits in entries."""
        return min(self.entry_units / self.main_units, 1.0) if self.main_units else 0.0


@dataclass
class _Block:
    element: object
    units: float = 0.0  # own text plus text of nested link-free blocks
    anchor_units: float = 0.0
    before: float = 0.0  # units before the first outbound link
    after: float = 0.0  # units after the last outbound link
    links: int = 0
    profile_links: int = 0  # links to someone's profile (PROFILE_SITES) or the owner's own
    home_links: int = 0  # links to a site's home page (no path, no query)
    sites: set[str] = field(default_factory=set)
    holds_links: bool = False  # the block or a nested one holds an outbound link


def read_entries(root, page_url: str, page_site: str, site_of) -> EntryReading:
    """Read the entries of ``root``'s main content (see the module docstring)."""
    reading = EntryReading()
    container = main_container(root)
    blocks: dict = {}  # element -> _Block, for every block met
    block_of: dict = {}  # element -> its _Block (nearest block ancestor, anchors see through)
    anchor_site: dict = {}  # outbound anchor element -> site
    anchor_of: dict = {}  # element -> the outbound anchor it sits in (or None)
    heading_units = 0.0
    owner = owner_name(page_site)
    sample_parts: list[str] = []
    walker = etree.iterwalk(container, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event in ("comment", "pi"):
            _add_text(element.tail, element.getparent(), block_of, anchor_of, reading)
            _sample(sample_parts, element.tail)
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            parent = element.getparent()
            inside = anchor_of.get(parent) if parent is not None else None
            if tag in _SKIP_TEXT_TAGS or (element is not container and _is_furniture(element)):
                walker.skip_subtree()
                block_of[element] = block_of.get(parent)
                anchor_of[element] = inside
                continue
            if tag == "a" and inside is None:
                site = _outbound_site(element, page_url, page_site, site_of)
                if site:
                    anchor_site[element] = site
                    inside = element
            anchor_of[element] = inside
            if tag in BLOCK_TAGS and inside is None or element is container:
                block = blocks[element] = _Block(element)
                block_of[element] = block
            else:
                block_of[element] = block_of.get(parent)
            block = block_of[element]
            if element in anchor_site and block is not None:
                reading.outbound += 1
                block.links += 1
                block.sites.add(anchor_site[element])
                href = element.get("href", "")
                if is_profile_link(href, anchor_site[element]) or names_owner(href, owner):
                    block.profile_links += 1
                if _is_home_page(href):
                    block.home_links += 1
                block.holds_links = True
                block.after = 0.0
            if tag == "img" and element.get("alt"):
                _add_text(element.get("alt"), element, block_of, anchor_of, reading)
            _add_text(element.text, element, block_of, anchor_of, reading)
            _sample(sample_parts, element.text)
        else:
            block = blocks.get(element)
            if block is not None and block.element is not container:
                outer = block_of.get(element.getparent())
                if tag in HEADING_TAGS and not block.holds_links:
                    heading_units += block.units
                if outer is not None:
                    if block.holds_links:
                        outer.holds_links = True
                    else:  # a link-free block is part of the block around it
                        outer.units += block.units
                        if outer.links:
                            outer.after += block.units
                        else:
                            outer.before += block.units
            if element is not container:
                _add_text(element.tail, element.getparent(), block_of, anchor_of, reading)
                _sample(sample_parts, element.tail)
    reading.main_units = max(reading.main_units - heading_units, 0.0)
    _judge_blocks(reading, [b for b in blocks.values() if b.links], blocks)
    # Templates split a reference or a news line over several blocks (title link in one,
    # authors and venue in the next): the main text as a whole is read for them too.
    if reading.entries >= _MARKS_FROM_ENTRIES:  # only a list can be a list of references
        sample = " ".join(sample_parts)[:_SAMPLE_CHARS]
        reading.citations = max(reading.citations, count_citation_marks(sample))
        reading.dated = max(reading.dated, count_dates(sample))
    return reading


def _judge_blocks(reading: EntryReading, linked: list[_Block], blocks: dict) -> None:
    for block in linked:
        extra = max(block.units - block.anchor_units, 0.0)
        if len(block.sites) == 1:
            allowance = SENTENCE_UNITS
            at_edge = block.before <= EDGE_UNITS or block.after <= EDGE_UNITS
        else:  # a line of links with short notes: judged per link, wherever they sit
            allowance, at_edge = PER_LINK_UNITS * block.links, True
        probe = _probe_text(block.element)
        if is_citation(probe):
            reading.citations += 1
            continue
        if extra > allowance or (not at_edge and extra > EMBEDDED_UNITS):
            reading.prose_blocks += 1
            continue
        if DATE_RE.search(probe):
            reading.dated += 1
        units = block.units + _description_units(block, blocks)
        reading.entries += len(block.sites)
        if block.profile_links == block.links:
            reading.profile_entries += len(block.sites)
        if block.home_links == block.links:
            reading.home_entries += len(block.sites)
        reading.entry_sites |= block.sites
        reading.entry_units += units
        reading.entry_links += block.links
        reading.kinds[_kind(block.element)] += 1


def _description_units(block: _Block, blocks: dict) -> float:
    """Units of the link-free blocks right after a heading, term or bare-link block that
    describe its link (``<h3><a>Name</a></h3><p>What it is.</p>``); 0 when none."""
    element = block.element
    if element.tag not in HEADING_TAGS and element.tag != "dt" and block.units > block.anchor_units:
        return 0.0
    total = 0.0
    for sibling in element.itersiblings():
        following = blocks.get(sibling)
        if following is None or following.holds_links or sibling.tag in HEADING_TAGS:
            break
        total += following.units
        if total > SENTENCE_UNITS:
            return 0.0  # more than a sentence: an article section, not a description
    return total


def _add_text(text, owner, block_of: dict, anchor_of: dict, reading: EntryReading) -> None:
    if not text or owner is None or text.isspace():  # markup indentation
        return
    units = text_units(text)
    if not units:
        return
    reading.main_units += units
    block = block_of.get(owner)
    if block is None:
        return
    block.units += units
    if anchor_of.get(owner) is not None:
        block.anchor_units += units
    elif block.links:
        block.after += units
    else:
        block.before += units


def _sample(parts: list[str], text) -> None:
    if text and len(parts) < _SAMPLE_CHARS // 8:
        parts.append(text)


def text_units(text: str) -> float:
    """Words of ``text``; CJK characters, written without spaces, count half a word each."""
    if text.isascii():
        return len(_WORD_RE.findall(text))
    cjk = len(_CJK_RE.findall(text))
    if cjk:
        text = _CJK_RE.sub(" ", text)
    return len(_WORD_RE.findall(text)) + cjk / 2


def main_container(root):
    """The element holding the page's main content: its one <main> (or role=main), else
    its one <article>, else <body>."""
    for path in (".//main", ".//*[@role='main']", ".//article"):
        found = root.findall(path) if "@" not in path else root.xpath(path)
        if len(found) == 1:
            return found[0]
    body = root.find(".//body")
    return body if body is not None else root


def _probe_text(element) -> str:
    """The block's first visible words (a bounded walk: tag soup nests blocks in blocks)."""
    return visible_text(element, spaced=True)[:_PROBE_CHARS]


def _kind(element) -> str:
    tag = element.tag
    if tag == "li":
        return "list item"
    if tag == "tr":
        return "table row"
    if tag in ("dt", "dd"):
        return "definition"
    if tag in HEADING_TAGS:
        return "heading"
    if tag == "p":
        return "short paragraph"
    return "card or line"


def _outbound_site(anchor, page_url: str, page_site: str, site_of) -> str:
    href = (anchor.get("href") or "").strip()
    # Relative links stay on the page's own site: only absolute ones can leave it.
    if not href.lower().startswith(("http:", "https:", "//")):
        return ""
    if "ugc" in (anchor.get("rel") or "").lower().replace(",", " ").split():
        return ""  # a commenter's link is not the page's recommendation
    try:
        url = urljoin(page_url, href) if href.startswith("//") else href
        site = site_of(url)
    except ValueError:  # e.g. "http://[::1": invalid URLs are skipped
        return ""
    return site if site and site != page_site else ""


def _is_home_page(href: str) -> bool:
    """A link to a site's home page (``https://example.org``, ``https://example.org/``)."""
    rest = href.strip().split("//", 1)[-1]
    return "/" not in rest.rstrip("/") and "?" not in rest and "#" not in rest


def _is_furniture(element) -> bool:
    tag = element.tag
    if not isinstance(tag, str):
        return False
    if tag in _BOILERPLATE_TAGS or element.get("role") in _BOILERPLATE_ROLES:
        return True
    # An article's own header/footer is content; the page's is furniture.
    if tag in ("header", "footer") and next(element.iterancestors("article", "main"), None) is None:
        return True
    if not element.get("class") and not element.get("id"):
        return False
    words = WORD_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}")
    return bool(_BOILERPLATE_CLASS_WORDS.intersection(w.lower() for w in words))
