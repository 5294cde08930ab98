"""A page's main content: its text without links, navigation, forms and blocks named
like boilerplate (page reading; pure, lxml only)."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from linkprospector.judge.signatures import visible_text

#: Characters of a body read for the main content.
CONTENT_CHARS = 64 * 1024
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

#: Elements that are never a page's main content.
BOILERPLATE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "form",
    "select",
    "button",
    "nav",
    "header",
    "footer",
    "aside",
    "iframe",
    "dialog",
)
#: class/id words of boilerplate blocks (matched as whole words of the attribute).
BOILERPLATE_WORDS = frozenset(
    {
        "sidebar",
        "menu",
        "navbar",
        "nav",
        "navigation",
        "footer",
        "header",
        "masthead",
        "breadcrumb",
        "breadcrumbs",
        "related",
        "cookie",
        "cookies",
        "consent",
        "banner",
        "share",
        "social",
        "newsletter",
        "subscribe",
        "search",
        "searchform",
    }
)
_ATTR_WORDS = re.compile(r"[a-z0-9]+")


def main_content_words(text: str) -> int:
    """Words of a page's main content, leaving out links, navigation, forms and blocks
    named like boilerplate (sidebar, footer, ...). CJK counts two signs a word."""
    return count_words(main_content_text(text))


def count_words(content: str) -> int:
    """Words of a text; CJK counts two signs a word."""
    cjk = len(_CJK.findall(content))
    return len(_WORD.findall(_CJK.sub(" ", content))) + cjk // 2


def main_content_text(text: str) -> str:
    """The text of a page's main content (see :func:`main_content_words`), spaces folded."""
    body = text[:CONTENT_CHARS]
    if not body.strip():
        return ""
    try:
        doc = lxml.html.document_fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return " ".join(visible_text(body).split())
    return main_content_of(doc)


def main_content_of(doc: lxml.html.HtmlElement) -> str:
    """The main content's text of a parsed page, spaces folded (drops elements of ``doc``)."""
    main = next(iter(doc.xpath("//main | //*[@role='main']")), None)
    root = main if main is not None else doc
    for element in list(root.iter(*BOILERPLATE_TAGS, "a")):
        if element is not root and element.getparent() is not None:
            element.drop_tree()  # keeps the text after it
    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str):
            continue
        words = _ATTR_WORDS.findall(
            f"{element.get('class', '')} {element.get('id', '')}".lower().replace("_", "-")
        )
        if element.getparent() is not None and BOILERPLATE_WORDS.intersection(words):
            element.drop_tree()
    for title in root.iter("title"):
        title.text = ""
    return " ".join(root.text_content().split())
