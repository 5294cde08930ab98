"""An element's text as a browser shows it, read in bounded time: the one reader of
link texts, titles, headings and blocks (pure functions over lxml elements)."""

from __future__ import annotations

from lxml import etree

MAX_TEXT_LENGTH = 500
#: Start/end events read for one element's text: a link left open around the rest of the
#: page must not make reading every link quadratic.
MAX_TEXT_STEPS = 400
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements that a browser never nests in their own kind: their text stops at one.
_OWN_KIND = {"a": frozenset({"a"}), **dict.fromkeys(_HEADINGS, _HEADINGS)}
#: Elements whose text a browser never shows inside a link.
HIDDEN_TEXT_TAGS = frozenset({"script", "style", "template", "noscript"})
#: Elements that start a new line of text (their words never run into the neighbours').
BLOCK_TAGS = frozenset(
    {
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "blockquote",
        "pre",
        "hr",
        "figure",
        "figcaption",
        "address",
        "main",
        "img",
    }
)


def visible_text(element: etree._Element, *, spaced: bool = False) -> str:
    """An element's text as a browser shows it (collapsed, at most MAX_TEXT_LENGTH): a
    <br> or block keeps words apart (every element does when ``spaced``), no script or
    style, an inline SVG is its <title>, a link in a link (a heading in a heading) is its
    own. A bounded walk that skips those, so reading every link or heading stays linear
    when unclosed tags nest the whole page in each of them."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if len(element) == 0:
        return "" if not tag or tag in HIDDEN_TEXT_TAGS else collapse(element.text or "")
    own_kind = _OWN_KIND.get(tag, ())
    parts: list[str] = []
    hidden = 0  # inside a script/style: no text (iterative: any depth of nesting)
    kept = 0  # characters of text (not layout whitespace) so far
    walk = etree.iterwalk(element, events=("start", "end"))
    for steps, (event, node) in enumerate(walk):
        if steps >= MAX_TEXT_STEPS or kept > 2 * MAX_TEXT_LENGTH:
            break  # enough text, or a link wrapping half the page (unclosed tags): linear
        tag, text = node.tag if isinstance(node.tag, str) else "", None
        if event == "start":
            if tag in own_kind and node is not element:
                walk.skip_subtree()  # a link in a link, a heading in a heading: their own
            elif tag in HIDDEN_TEXT_TAGS:
                hidden += 1
            elif tag == "svg" and not hidden:
                walk.skip_subtree()  # a logo's hundreds of <path>s are not text
                text = f" {node.findtext('title') or ''} "
            elif not hidden:
                if spaced or tag in BLOCK_TAGS:
                    parts.append(" ")
                text = node.text if tag else None
        else:
            if tag in HIDDEN_TEXT_TAGS:
                hidden -= 1
            elif not hidden and (spaced or tag in BLOCK_TAGS):
                parts.append(" ")
            text = node.tail if node is not element and not hidden else None
        if text:
            parts.append(text)
            kept += len(text.strip())
    return collapse("".join(parts))


def collapse(text: str) -> str:
    """Runs of whitespace to one space, trimmed and cut to MAX_TEXT_LENGTH."""
    return " ".join(text.split())[:MAX_TEXT_LENGTH].rstrip()
