"""Link extraction from HTML: pure functions, no Scrapy imports."""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

from linkprospector.reading.element_text import collapse, visible_text
from linkprospector.reading.urls import REASON_INVALID, normalize_or_reason, normalize_url


@dataclass(frozen=True)
class ExtractedLink:
    """A link found on a page, already normalised and absolute."""

    url: str
    anchor_text: str
    rel: str  # space-separated, lower case, only nofollow/sponsored/ugc (sorted)
    placement: str  # main | nav | header | footer | sidebar


@dataclass
class LinkExtraction:
    """Everything extract_links found on one page."""

    links: list[ExtractedLink] = field(default_factory=list)
    #: links no browser can follow (an href that is not a URL): broken for every reader;
    #: ``url`` holds the href as written
    invalid: list[ExtractedLink] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)  # from mailto:, lower case, in page order
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> number of hrefs
    title: str = ""
    h1: str = ""
    base_url: str = ""


MAX_LINK_IMAGES = 20  # images read for a link's alt text
KEPT_REL_TOKENS = frozenset({"nofollow", "sponsored", "ugc"})
LINK_TAGS = ("a", "area")
XLINK_HREF = "xlink:href"  # how lxml's HTML parser names SVG's link attribute
XLINK_HREF_NS = "{http://www.w3.org/1999/xlink}href"

PLACEMENT_TAGS = {"nav": "nav", "header": "header", "footer": "footer", "aside": "sidebar"}
PLACEMENT_ROLES = {
    "navigation": "nav",
    "menu": "nav",
    "menubar": "nav",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "sidebar",
}
# Words in id/class, tried in this order: "footer-nav" is footer, "header-menu" is nav.
# A word matches when it starts or ends with a keyword: "navbar", "topnav", "mainmenu".
PLACEMENT_WORDS = (
    ("footer", ("footer",)),
    ("sidebar", ("sidebar", "widget", "aside")),
    ("nav", ("nav", "menu", "breadcrumb")),
    ("header", ("header", "masthead")),
)
# A class token with one of these words describes a layout, not a region:
# "has-sidebar", "no-header", "content-sidebar-wrap".
LAYOUT_WORDS = frozenset({"has", "no", "with", "without", "content"})
FALSE_FRIEND_WORDS = frozenset({"navy"})
# <header>/<footer> (and header/footer classes) inside these belong to an article or a
# section, not to the page (as in the ARIA banner/contentinfo mapping).
SCOPING_TAGS = frozenset({"article", "aside", "main", "nav", "section"})
UNCLASSIFIED_TAGS = frozenset({"html", "body"})  # body classes such as "has-navbar"

_CONTROL_CHARS = dict.fromkeys(c for c in range(0x20) if chr(c) not in "\t\n\r\f")
_BINARY_SAMPLE = 4096
_BINARY_RATIO = 0.3
#: Layout tags dropped when a page nests deeper than the parser can go (links, headings,
#: titles and the placement elements nav/header/footer/aside stay).
_SOUP_TAG_RE = re.compile(
    r"</?(?:div|font|span|center|blockquote|section|b|i|u|em|strong|small|big|table|tbody"
    r"|thead|tr|td|th|ul|ol|li|dl|dt|dd|p)\b[^<>]*>",  # [^<>]: linear on unclosed tags
    re.I,
)
_HTML_TAG_RE = re.compile(r"<(?:!doctype|html|head|body|title|meta|a|div|p)[\s>]", re.I)
_EMAIL_RE = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]+")
_CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])")
_NON_WORD_RE = re.compile(r"[^a-z0-9]+")


def parse_html(html: str | bytes) -> lxml.html.HtmlElement | None:
    """The <html> element of a document, or None for empty or binary input."""
    if isinstance(html, bytes | bytearray | memoryview):
        html = bytes(html)
        if not html.strip():
            return None
        html = html_to_unicode(None, html)[1]
    if not isinstance(html, str) or not html.strip() or _looks_binary(html[:_BINARY_SAMPLE]):
        return None
    # Encoded and parsed as UTF-8 so that an XML declaration or <meta charset> cannot mislead.
    data = html.translate(_CONTROL_CHARS).encode("utf-8", "replace")
    parser = _parser()
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
        if any("Excessive depth" in error.message for error in parser.error_log):
            # Tag soup nested deeper than libxml2 ever goes (2,048 levels, e.g. thousands
            # of unclosed <div> or <font>): everything deeper would be lost. Browsers
            # keep it, so read it again without the layout tags that nest.
            flat = _SOUP_TAG_RE.sub(" ", data.decode("utf-8"))
            root = lxml.html.document_fromstring(flat.encode("utf-8"), parser=_parser())
        return root
    except (etree.LxmlError, ValueError):
        return None


def _parser() -> lxml.html.HTMLParser:
    # huge_tree lifts libxml2's nesting limit (256), which old pages full of unclosed
    # <font> or <div> tags exceed; without it everything after that depth is dropped.
    return lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)


def _looks_binary(sample: str) -> bool:
    """True when a sample without HTML tags is largely control or undecodable characters."""
    if _HTML_TAG_RE.search(sample):  # a page in an undeclared encoding is still a page
        return False
    bad = sum(1 for c in sample if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
    return bad > _BINARY_RATIO * len(sample)


def extract_links(
    root_or_html: etree._Element | str | bytes, page_url: str, encoding: str = "utf-8"
) -> LinkExtraction:
    """Links, mailto addresses, title and h1 of a page (parsed tree, str or bytes), read
    as a browser reads them; ``encoding`` is the page's (query strings and mailto:
    addresses are percent-encoded in it)."""
    root = root_or_html if etree.iselement(root_or_html) else parse_html(root_or_html)
    result = LinkExtraction(base_url=normalize_url(page_url) or "")
    if root is None or not isinstance(root.tag, str):
        return result
    result.base_url = _base_url(root, result.base_url)
    result.title = page_title(root)
    result.h1 = first_h1(root)
    skipped: Counter[str] = Counter()
    position: dict[str, int] = {}
    emails: dict[str, None] = {}
    memo: dict[etree._Element, tuple[str, bool]] = {}
    invalid_seen: set[str] = set()
    for element in root.iter(*LINK_TAGS):
        href = element.get("href")
        if href is None:
            href = element.get(XLINK_HREF) or element.get(XLINK_HREF_NS)  # SVG links
            if href is None:
                continue
        stripped = href.strip()
        if stripped[:7].lower() == "mailto:":
            _add_emails(stripped[7:], emails, skipped, encoding)
            continue
        if stripped.startswith("#"):
            skipped["fragment"] += 1
            continue
        url, reason = normalize_or_reason(
            href, result.base_url or None, encoding=encoding, parsed=True
        )
        if url is None:
            skipped[reason] += 1
            if reason == REASON_INVALID and stripped not in invalid_seen:
                invalid_seen.add(stripped)
                result.invalid.append(
                    ExtractedLink(
                        stripped, anchor_text(element), _rel(element), _placement(element, memo)
                    )
                )
            continue
        index = position.get(url)
        if index is None:
            position[url] = len(result.links)
            link = ExtractedLink(
                url, anchor_text(element), _rel(element), _placement(element, memo)
            )
            result.links.append(link)
        elif not result.links[index].anchor_text:
            result.links[index] = replace(result.links[index], anchor_text=anchor_text(element))
    result.emails = list(emails)
    result.skipped = dict(skipped)
    return result


def _base_url(root: etree._Element, page_url: str) -> str:
    """The first <base href> resolved against the page URL, else the page URL."""
    for base in root.iter("base"):
        href = base.get("href")
        if href is not None:
            return normalize_url(href, page_url or None) or page_url
    return page_url


def _add_emails(
    mailto: str, emails: dict[str, None], skipped: Counter[str], encoding: str = "utf-8"
) -> None:
    """Add the addresses of a mailto: link (without ?subject=...) to an ordered set;
    percent-escapes are read as UTF-8, else in the page's encoding."""
    raw = mailto.partition("?")[0]
    try:
        decoded = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        try:
            decoded = unquote(raw, encoding=encoding, errors="strict")
        except (UnicodeDecodeError, LookupError):
            decoded = unquote(raw)
    for address in decoded.split(","):
        address = address.strip().lower()
        if _EMAIL_RE.fullmatch(address):
            emails.setdefault(address)
        elif address:
            skipped["invalid_email"] += 1


def anchor_text(element: etree._Element) -> str:
    """Visible text of a link, else img alt, title or aria-label."""
    text = visible_text(element)
    if text:
        return text
    alts = [element.get("alt")] if element.tag == "area" else []
    alts += [img.get("alt") for img in itertools.islice(element.iter("img"), MAX_LINK_IMAGES)]
    for candidate in (*alts, element.get("title"), element.get("aria-label")):
        text = collapse(candidate or "")
        if text:
            return text
    return ""


def _rel(element: etree._Element) -> str:
    """nofollow/sponsored/ugc tokens of rel, lower case, sorted, space-separated."""
    rel = element.get("rel")
    if not rel:
        return ""
    tokens = rel.lower().replace(",", " ").split()  # "nofollow,ugc" and "nofollow, ugc" too
    return " ".join(sorted(KEPT_REL_TOKENS.intersection(tokens)))


def _placement(link: etree._Element, memo: dict[etree._Element, tuple[str, bool]]) -> str:
    """Placement from the nearest classified ancestor, memoised per ancestor (linear)."""
    chain = []
    node = link.getparent()
    while node is not None and node not in memo:
        chain.append(node)
        node = node.getparent()
    placement, scoped = memo[node] if node is not None else ("main", False)
    for element in reversed(chain):
        placement = _own_placement(element, scoped) or placement
        scoped = scoped or element.tag in SCOPING_TAGS
        memo[element] = (placement, scoped)
    return placement


def _own_placement(element: etree._Element, scoped: bool) -> str | None:
    """Placement an element gives its descendants by tag, role, id or class, if any."""
    tag = element.tag
    if not isinstance(tag, str) or tag in UNCLASSIFIED_TAGS:
        return None
    role = element.get("role")
    if role:
        for token in role.lower().split():
            if token in PLACEMENT_ROLES:
                return PLACEMENT_ROLES[token]  # explicit roles count even when scoped
    placement = PLACEMENT_TAGS.get(tag)
    if placement is None:
        names = f"{element.get('id') or ''} {element.get('class') or ''}"
        placement = _placement_from_names(names) if names.strip() else None
    if scoped and placement in ("header", "footer"):
        return None
    return placement


@functools.lru_cache(maxsize=10_000)
def _placement_from_names(names: str) -> str | None:
    """Placement suggested by id and class tokens such as "site-footer" or "mainNav"."""
    words_per_token = [
        _NON_WORD_RE.split(_CAMEL_RE.sub(r"\1 \2", token).lower()) for token in names.split()
    ]
    words = {
        word
        for token_words in words_per_token
        if LAYOUT_WORDS.isdisjoint(token_words)
        for word in token_words
        if word and word not in FALSE_FRIEND_WORDS
    }
    for placement, keywords in PLACEMENT_WORDS:
        if any(w.startswith(keywords) or w.endswith(keywords) for w in words):
            return placement
    return None


def page_title(root: etree._Element | None) -> str:
    """Whitespace-collapsed text of the first <title>, at most 500 characters."""
    if root is None:
        return ""
    title = next(root.iter("title"), None)
    return visible_text(title) if title is not None else ""


def first_h1(root: etree._Element | None) -> str:
    """Whitespace-collapsed text of the first non-empty <h1>, at most 500 characters."""
    if root is None:
        return ""
    for h1 in root.iter("h1"):
        text = visible_text(h1)
        if text:
            return text
    return ""
