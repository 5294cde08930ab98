"""The sentence around each link of a page: what the linking page says about the link,
the proof a pitch quotes and words the replacement ranking uses (pure; lxml only)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection

import lxml.etree

from linkprospector.reading.urls import normalize_url

#: Characters of a block's text read at most.
BLOCK_CHARS = 64 * 1024
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
    """``{target URL: the sentence its first link on the page sits in}`` for ``targets``.

    Linear in the page: each block's text is laid out once, however many links it holds
    (a "links" page can be one paragraph with thousands of them)."""
    if root is None or not targets:
        return {}
    base = page_url
    for element in root.iter("base"):
        base = normalize_url(element.get("href") or "", page_url) or page_url
        break
    found: dict[str, str] = {}
    layouts: dict = {}
    for anchor in root.iter("a"):
        url = normalize_url((anchor.get("href") or "").strip(), base)
        if url is None or url not in targets or url in found:
            continue
        block = _block_of(anchor)
        if block is None:
            continue
        if block not in layouts:
            layouts[block] = _Layout(block)
        sentence = layouts[block].sentence_at(anchor)
        if sentence:
            found[url] = sentence
    return found


def _block_of(anchor):
    block = anchor.getparent()
    while block is not None and block.tag not in BLOCKS:
        block = block.getparent()
    return block


class _Layout:
    """A block's text (its first BLOCK_CHARS), where each of its anchors starts in it, and
    where its sentences end."""

    def __init__(self, block):
        parts: list[str] = []
        self.starts: dict = {}
        self.stops: dict = {}  # where each anchor's own text ends
        length = 0
        for event, element in lxml.etree.iterwalk(block, events=("start", "end")):
            if length >= BLOCK_CHARS:
                break
            if event == "start":
                if element.tag == "a":
                    self.starts[element] = length
                text = element.text if isinstance(element.tag, str) else None
            else:
                if element.tag == "a":
                    self.stops[element] = length
                text = element.tail if element is not block else None
            if text:
                parts.append(text)
                length += len(text)
        self.text = "".join(parts)[:BLOCK_CHARS]
        self.ends = [m.start() for m in _SENTENCE_END.finditer(self.text)] + [len(self.text)]

    def sentence_at(self, anchor) -> str:
        at = self.starts.get(anchor)
        if at is None:
            return ""
        index = bisect_right(self.ends, at)
        start = self.ends[index - 1] if index else 0
        end = self.ends[min(index, len(self.ends) - 1)]
        stop = self.stops.get(anchor)  # the words as they stand in the sentence
        anchor_text = _SPACE.sub(" ", self.text[at:stop]).strip() if stop else ""
        return _cut(_SPACE.sub(" ", self.text[start:end]).strip(), anchor_text)


def _cut(sentence: str, anchor_text: str) -> str:
    if len(sentence) <= SENTENCE_CHARS:
        return sentence
    at = max(sentence.find(anchor_text), 0) if anchor_text else 0
    start = max(at - SENTENCE_CHARS // 2, 0)
    return ("…" if start else "") + sentence[start : start + SENTENCE_CHARS].strip() + "…"
