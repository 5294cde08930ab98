"""What a page is made of, for comparing two answers of one host: its visible text, its
main content, its template (the sequence of elements) and its headline. Pure; lxml only.

Two answers are "the same page" when their main content is the same text in the same
template, whatever their status: a target that answers 200 with what the host answers
for a URL that cannot exist is that host's not-found page (or its placeholder).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from linkprospector.judge.main_content import CONTENT_CHARS, count_words, main_content_of

#: Elements read for the template fingerprint at most (a huge page is its first part).
SHAPE_ELEMENTS = 4000
#: Words shingled at most per text, from its first characters: not-found pages are
#: short, and the start of a long page tells it apart from one.
SHINGLE_WORDS, SHINGLE_CHARS = 3000, 20_000
#: Characters of a short main content read as its headline when no H1/H2 says it.
LEAD_CHARS = 160
#: Main-content similarity from which two answers show the same main text.
SAME_MAIN = 0.6
#: Template (or whole-text) similarity that must come with it.
SAME_FRAME = 0.5
#: Main-content shingles two answers of one page may differ by (an echoed slug, a date,
#: a request id), or this share of all their shingles if more: a short live page in a
#: theme whose chrome is plain ``div``s (counted as main content) differs by its own text.
OWN_TEXT_SHINGLES, OWN_TEXT_SHARE = 4, 0.1
#: Whole-text and template similarity for answers with no main text of their own.
SAME_BARE_TEXT, SAME_BARE_SHAPE = 0.8, 0.6

_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
#: One CJK sign, or a run of other word characters (linear: no nested quantifiers).
_TOKEN = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+")
_QUIET = ("script", "style", "noscript", "template")


@dataclass(frozen=True)
class PageFacts:
    """Fingerprints of one answer (hashed shingles: comparable within one process, like
    a target and its host's probe) and its headline."""

    text: frozenset[int]  # all visible text
    main: frozenset[int]  # the main content (no links, navigation, forms, boilerplate)
    shape: frozenset[int]  # the element sequence: tag and first class name
    main_words: int
    words: int  # all visible words
    headline: str  # lower-cased first H1, else first H2, else the lead of the main content
    title: str  # lower-cased title
    shows_404: bool = False  # "404" stands as a word of its visible text


EMPTY = PageFacts(frozenset(), frozenset(), frozenset(), 0, 0, "", "")


def tokens(text: str) -> list[str]:
    """Lower-cased words of a text (each CJK sign a word)."""
    return _TOKEN.findall(text.lower())


def shingles(words: list[str], size: int = 3) -> frozenset[int]:
    """Hashed ``size``-word shingles (the words themselves when there are fewer)."""
    if len(words) < size:
        return frozenset({hash(tuple(words))}) if words else frozenset()
    return frozenset(hash(tuple(words[i : i + size])) for i in range(len(words) - size + 1))


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two fingerprints (two empty ones are the same)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def read_page(html: str, ignore: tuple[str, ...] = ()) -> PageFacts:
    """The facts of a page. Not-found pages often echo the address they were asked for:
    the strings of ``ignore`` (the URL's path, a probe's token) are cut out of its text
    (whole strings, so a path "/old-page" leaves the words "page not found" alone)."""
    body = html[:CONTENT_CHARS]
    if not body.strip():
        return EMPTY
    try:
        doc = lxml.html.document_fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return EMPTY
    cut = tuple(part.lower() for part in ignore if len(part) > 1)
    shape = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        shape.append(f"{element.tag}.{(element.get('class') or '').partition(' ')[0]}")
        if len(shape) >= SHAPE_ELEMENTS:
            break
    for element in list(doc.iter(*_QUIET)):
        if element.getparent() is not None:
            element.drop_tree()
    title = " ".join((doc.findtext(".//title") or "").split()).lower()
    headline = _headline(doc)
    all_words = tokens(_cut(" ".join(doc.text_content().split())[:SHINGLE_CHARS], cut))
    main = main_content_of(doc)
    return PageFacts(
        text=shingles(all_words[:SHINGLE_WORDS]),
        main=shingles(tokens(_cut(main[:SHINGLE_CHARS], cut))[:SHINGLE_WORDS]),
        shape=shingles(shape, 4),
        main_words=count_words(main),
        words=len(all_words),  # of the first SHINGLE_CHARS: "how many" only for small pages
        headline=(headline or main[:LEAD_CHARS].lower()).replace("\u2019", "'"),
        title=title.replace("\u2019", "'"),
        shows_404="404" in all_words,
    )


def _cut(text: str, parts: tuple[str, ...]) -> str:
    """``text`` lower-cased, each of ``parts`` replaced by a space."""
    text = text.lower()
    for part in parts:
        text = text.replace(part, " ")
    return text


def _headline(doc: lxml.html.HtmlElement) -> str:
    """The first H1 (else H2) of the main element, else of the page ('' without one):
    a sidebar's site name often comes first in the document."""
    mains = doc.xpath("//main | //*[@role='main']")
    for root in (mains[0], doc) if mains else (doc,):
        for tag in ("h1", "h2"):
            heading = next(iter(root.iter(tag)), None)
            if heading is not None:
                return " ".join(heading.text_content().split()).lower()
    return ""


def same_answer(a: PageFacts, b: PageFacts) -> bool:
    """Are two answers the same page (same main text in the same frame)?

    A live page that shares the host's chrome differs in its main content; two answers
    without main text of their own (a bare "404" in a banner, a lander) are compared
    whole."""
    if a is EMPTY or b is EMPTY:
        return False
    if a.main and b.main:
        frame = max(similarity(a.shape, b.shape), similarity(a.text, b.text))
        return (
            similarity(a.main, b.main) >= SAME_MAIN and frame >= SAME_FRAME and same_own_text(a, b)
        )
    if a.main or b.main:
        return False
    return (
        similarity(a.text, b.text) >= SAME_BARE_TEXT
        and similarity(a.shape, b.shape) >= SAME_BARE_SHAPE
    )


def same_own_text(a: PageFacts, b: PageFacts) -> bool:
    """Do two main contents differ by no more than an answer's variable bits? Shared
    chrome makes two different short pages similar; their own text still differs."""
    differing = len(a.main ^ b.main)
    return differing <= max(OWN_TEXT_SHINGLES, OWN_TEXT_SHARE * len(a.main | b.main))
