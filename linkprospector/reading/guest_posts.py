"""Is this page an invitation to write a guest post?

Pure: an lxml root in, a :class:`GuestPostVerdict` out. Direct evidence about the page,
never the host: a heading or title that invites contributors ("write for us", "guest post
guidelines", "Gastbeitrag", "escribe para nosotros", ...), submission guidelines (word
counts, originality, author bio, topics), and a way to pitch (a form with a text area, an
address, "send us your pitch"). Told apart: articles *about* guest posting (a how-to or
listicle title, long prose, a publication date), and paid "sponsored post" pricing pages
(kind ``sponsored``). Links, navigation, header and footer are not read, so a "Write for
us" link in a site's footer does not make every page a guest-post page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from linkprospector.reading.element_text import visible_text

GUEST_POST = "guest_post"
SPONSORED = "sponsored"
THRESHOLD = 0.5

INVITATION = re.compile(
    r"write\s+for\s+us|guest\s+post(?:ing)?\s+(?:guidelines|policy|submissions?)|"
    r"submission\s+guidelines|contributor\s+guidelines|submit\s+(?:a|your)\s+guest\s+(?:post|article)|"
    r"become\s+a\s+(?:contributor|guest\s+(?:author|writer|blogger))|contribute\s+to\s+(?:our|the)\s+blog|"
    r"guest\s+(?:authors?|writers?|bloggers?)\s+wanted|(?:we\s+)?accept(?:ing)?\s+guest\s+posts|"
    r"write\s+a\s+guest\s+post\s+for\s+us|"
    r"gastbeitr(?:a|ä)g(?:e)?\s+(?:schreiben|einreichen)|gastautor(?:en|in)?\s+(?:gesucht|werden)|"
    r"f(?:ü|ue)r\s+uns\s+schreiben|schreib(?:en\s+sie)?\s+f(?:ü|ue)r\s+uns|"
    r"escribe\s+para\s+nosotros|colabora\s+con\s+nosotros|art(?:í|i)culos?\s+invitados?|"
    r"(?:é|e)crire\s+pour\s+nous|(?:é|e)crivez\s+pour\s+nous|article\s+invit(?:é|e)|"
    r"devenir\s+contributeur|r(?:é|e)dacteur\s+invit(?:é|e)|"
    r"scrivi\s+per\s+noi|collabora\s+con\s+noi|schrijf\s+voor\s+ons|gastblog(?:gen)?|"
    r"escreva\s+para\s+n(?:ó|o)s|post\s+convidado",
    re.IGNORECASE,
)
GUIDELINES = (
    # A number starts where a run of digits starts; possessive runs cannot be split (cubic).
    ("word_count", re.compile(r"(?<![\w,.])\d[\d,.]*+\s*+(?:(?:-|–|to)\s*+)?[\d,.]*+\s*+(?:words|wörter|palabras|mots|parole)\b", re.I)),
    ("original_content", re.compile(r"\b(?:original|unpublished|not\s+been\s+published|exclusive|einzigartig|inédit|original(?:es)?)\b", re.I)),
    ("author_bio", re.compile(r"\b(?:author\s+bio|byline|short\s+bio|autorenbox|biograf[ií]a|bio\s+d'auteur)\b", re.I)),
    ("topics", re.compile(r"\b(?:topics\s+we|what\s+we(?:'|’)re\s+looking\s+for|we\s+(?:are\s+)?look(?:ing)?\s+for|themen|temas|sujets)\b", re.I)),
    ("links_policy", re.compile(r"\b(?:do-?follow|no-?follow|one\s+link|links?\s+(?:to\s+your|in\s+the\s+bio)|backlink)", re.I)),
    ("submission", re.compile(r"\b(?:submit|submission|pitch|send\s+(?:us\s+)?your|einreich|envía|envoyez|invia)\w*", re.I)),
)  # fmt: skip
PITCH_TEXT = re.compile(
    r"(?:send|email|e-mail|mail)\s+(?:us\s+)?(?:your\s+)?(?:pitch|idea|draft|article|proposal)|"
    r"pitch\s+us|schick(?:en\s+sie)?\s+uns|env[ií]a(?:nos)?\s+tu|envoyez-nous",
    re.IGNORECASE,
)
SPONSORED_WORDS = re.compile(
    r"sponsored\s+(?:posts?|articles?|content)|paid\s+(?:posts?|placement)|advertorial|"
    r"media\s+kit|rate\s+card|gesponsert\w*|art[ií]culos?\s+patrocinados?|article\s+sponsoris",
    re.IGNORECASE,
)
PRICE = re.compile(
    r"(?:[$€£]\s?\d[\d,.]*|(?<![\d,.])\d[\d,.]*+\s?(?:(?:usd|eur|gbp|chf)\b|[€$£])"
    r"|\bper\s+(?:post|article)\b)",
    re.I,
)
FREE_WORDS = re.compile(
    r"\b(?:we\s+do\s+not\s+(?:charge|accept\s+payment)|free\s+of\s+charge|no\s+fee|unpaid)\b", re.I
)
ARTICLE_TITLE = re.compile(
    r"^\s*(?:how\s+to|why|what|when|\d+\s+\w+|the\s+(?:ultimate|complete|definitive)|wie\s+|warum\s+|c[oó]mo\s+|pourquoi\s+|comment\s+)",
    re.IGNORECASE,
)  # fmt: skip
SKIPPED_TAGS = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "a"}


@dataclass
class GuestPostVerdict:
    kind: str | None  # GUEST_POST, SPONSORED, or None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


def _text(element: Any) -> str:
    """Bounded visible text: tag soup nests every heading in the one before."""
    return "" if element is None else visible_text(element, spaced=True)


def _body_text(root: Any) -> str:
    """Visible prose outside links, navigation, header, footer and sidebars."""
    body = root.find(".//body")
    body = root if body is None else body
    parts: list[str] = []
    if not isinstance(body.tag, str):
        return ""
    if body.text:
        parts.append(body.text)
    # Iterative: pages nest deeper than Python's recursion limit (1,000 unclosed <div>).
    skipping = 0  # depth inside a skipped element
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if element is body:
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if skipping or tag.lower() in SKIPPED_TAGS:
                skipping += 1
            elif element.text:
                parts.append(element.text)
            continue
        if skipping:
            skipping -= 1
            if skipping:
                continue  # inside a skipped element: its tail is skipped text too
        if element.tail:
            parts.append(element.tail)
    return " ".join(" ".join(parts).split())


def guest_post_verdict(root: Any) -> GuestPostVerdict:
    """Judge one parsed page (``None``: a page that did not parse, never a guest post)."""
    if root is None:
        return GuestPostVerdict(None)
    title = _text(root.find(".//title"))
    headings = [_text(h) for h in root.iter("h1", "h2", "h3")]
    h1 = next((_text(h) for h in root.iter("h1")), "")
    text = _body_text(root)
    reasons: list[str] = []
    score = 0.0
    heading_hit = next((h for h in [h1, title] if INVITATION.search(h)), None)
    sub_hit = next((h for h in headings if INVITATION.search(h)), None)
    if heading_hit:
        score += 0.45
        reasons.append(
            f"invitation in title or heading: {INVITATION.search(heading_hit).group(0)!r}"
        )
    elif sub_hit:
        score += 0.3
        reasons.append(f"invitation in a heading: {INVITATION.search(sub_hit).group(0)!r}")
    elif INVITATION.search(text[:3000]):
        score += 0.15
        reasons.append("invitation in the text")
    found = [name for name, pattern in GUIDELINES if pattern.search(text)]
    if found:
        score += min(0.1 * len(found), 0.3)
        reasons.append("submission guidelines: " + ", ".join(found))
    forms = [f for f in root.iter("form") if f.find(".//textarea") is not None]
    mailto = any((a.get("href") or "").lower().startswith("mailto:") for a in root.iter("a"))
    if forms or mailto or PITCH_TEXT.search(text):
        score += 0.2
        reasons.append(
            "a way to pitch: "
            + ("form" if forms else "email address" if mailto else "pitch by email")
        )
    words = len(text.split())
    article = bool(ARTICLE_TITLE.search(h1 or title)) and not heading_hit
    dated = root.find(".//time") is not None or bool(
        root.xpath('//meta[@property="article:published_time"]')
    )
    if article or (words > 1500 and dated):
        score -= 0.45
        reasons.append("reads as an article about the subject, not an invitation")
    score = round(max(min(score, 1.0), 0.0), 2)
    paid = SPONSORED_WORDS.search(f"{title} {' '.join(headings)} {text}")
    if paid and PRICE.search(text) and not FREE_WORDS.search(text):
        return GuestPostVerdict(
            SPONSORED, score, [*reasons, f"paid placement with prices: {paid.group(0)!r}"]
        )
    if score >= THRESHOLD and (heading_hit or sub_hit):
        return GuestPostVerdict(GUEST_POST, score, reasons)
    return GuestPostVerdict(None, score, reasons)
