"""The sentence around each link of a page: what the linking page says about the link,
the proof a pitch quotes and words the replacement ranking uses (pure; lxml only)."""

from __future__ import annotations

import re
from collections.abc import Collection

from linkprospector.reading.urls import normalize_url

#: Characters of a sentence kept (a list item or table cell is often one long "sentence").
SENTENCE_CHARS = 300
#: The block that holds a link's sentence: the nearest of these around it.
BLOCKS = frozenset(
    {"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "caption", "h1", "h2",
     "h3", "h4", "h5", "h6", "div", "section", "article", "body"}
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


def link_sentences(root, page_url: str, targets: Collection[str]) -> dict[str, str]:
    """``{target URL: the sentence its first link on the page sits in}`` for ``targets``."""
    if root is None or not targets:
        return {}
    base = page_url
    for element in root.iter("base"):
        base = normalize_url(element.get("href") or "", page_url) or page_url
        break
    found: dict[str, str] = {}
    for anchor in root.iter("a"):
        url = normalize_url((anchor.get("href") or "").strip(), base)
        if url is None or url not in targets or url in found:
            continue
        sentence = sentence_around(anchor)
        if sentence:
            found[url] = sentence
    return found


def sentence_around(anchor) -> str:
    """The sentence of the anchor's block that holds the anchor's text."""
    block = anchor.getparent()
    while block is not None and block.tag not in BLOCKS:
        block = block.getparent()
    if block is None:
        return ""
    text = _SPACE.sub(" ", block.text_content()).strip()
    anchor_text = _SPACE.sub(" ", anchor.text_content()).strip()
    if not text:
        return ""
    if len(text) <= SENTENCE_CHARS and not _SENTENCE_END.search(text):
        return text
    at = text.find(anchor_text) if anchor_text else -1
    start = 0
    for piece in _SENTENCE_END.split(text):
        end = start + len(piece)
        if at < end:  # also when the anchor's text is not found (at = -1): the first
            return _cut(piece.strip(), anchor_text)
        start = _next_start(text, end)
    return _cut(text, anchor_text)


def _next_start(text: str, end: int) -> int:
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def _cut(sentence: str, anchor_text: str) -> str:
    if len(sentence) <= SENTENCE_CHARS:
        return sentence
    at = max(sentence.find(anchor_text), 0) if anchor_text else 0
    start = max(at - SENTENCE_CHARS // 2, 0)
    return ("…" if start else "") + sentence[start : start + SENTENCE_CHARS].strip() + "…"
