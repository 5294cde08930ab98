"""What a page says, in a few fields: title, meta description, headings, the start of its
main text and its language. Used for archived captures of dead pages and for the pages of
the user's own site (pure; lxml only)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from linkprospector.judge.main_content import main_content_text
from linkprospector.reading.element_text import visible_text

#: Characters of main text kept: enough to say what the page was about.
TEXT_CHARS = 1200
HEADINGS_KEPT = 12
_SPACE = re.compile(r"\s+")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u3400-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LANG_TAG = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class PageSummary:
    title: str = ""
    description: str = ""
    headings: tuple[str, ...] = ()
    text: str = ""
    lang: str = ""

    @property
    def empty(self) -> bool:
        return not (self.title or self.description or self.headings or self.text)


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def summarize_page(html: str) -> PageSummary:
    """Title, description, headings (h1-h3), main text start and language of an HTML page."""
    if not html or not html.strip():
        return PageSummary()
    try:
        root = lxml.html.document_fromstring(html[: 512 * 1024])
    except (lxml.etree.ParserError, ValueError):
        return PageSummary()
    title = _clean(root.findtext(".//title"))
    description = ""
    declared = _clean(root.get("lang") or root.get("xml:lang"))
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name in ("description", "og:description") and not description:
            description = _clean(meta.get("content"))[:400]
        elif (
            name == "og:locale"
            and not declared
            or (meta.get("http-equiv") or "").lower() == "content-language"
            and not declared
        ):
            declared = _clean(meta.get("content"))
    headings = tuple(
        dict.fromkeys(h for h in (visible_text(e)[:200] for e in root.iter("h1", "h2", "h3")) if h)
    )[:HEADINGS_KEPT]
    text = _clean(main_content_text(html))[:TEXT_CHARS]
    lang = language_of(declared, " ".join([title, *headings, text]))
    return PageSummary(title[:300], description, headings, text, lang)


def language_of(declared: str, text: str) -> str:
    """The page's language: its declared tag (``de-AT`` → ``de``), else a guess from the
    script its text is written in (Japanese, Korean, Chinese, Russian), else ''."""
    tag = _LANG_TAG.match(declared.strip().lower().replace("_", "-"))
    if tag:
        return tag.group(0)
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    if _HAN.search(text):
        return "zh"
    if _CYRILLIC.search(text):
        return "ru"
    return ""
