"""Placeholder hosts: web-server and panel default pages, "coming soon" pages, for-sale
and registrar landers, script-only redirect landers. Pure functions.

Evidence, in order: the host answers a URL that cannot exist with the same page as the
target (or sends both to one final URL), and that page's own message (its title, its
headline, or the whole of a small page) is a placeholder marker. A marker without the
sameness is a section of a real site ("our shop: coming soon") and stays live. The
exceptions are home pages: a server's default page at the root of a host, whose markers
are the default page's own title, is that host's only page; so is a home page that is
nothing but a lander (at most a few dozen words under a placeholder title or heading).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from linkprospector.judge.page_facts import PageFacts, same_answer
from linkprospector.judge.placeholder_words import (
    APP_ROOTS,
    PLACEHOLDER_MARKERS,
    SCRIPT_REDIRECTS,
)
from linkprospector.judge.signatures import title_and_h1
from linkprospector.judge.soft404_words import HOME_PATHS

#: Bodies up to this size are searched whole for markers (landers are small); larger
#: ones only in their title and main heading.
PLACEHOLDER_CHARS = 12 * 1024
#: Main-content words up to which a marker anywhere on the page is the page's message.
SMALL_PAGE_WORDS = 40
#: Main-content words a lander (for sale, coming soon, registrar) has at most.
LANDER_WORDS = 80
#: Visible words a script-only lander has at most (a title, a "redirecting" line).
SCRIPT_LANDER_WORDS = 12


def placeholder_candidate(text: str) -> tuple[str, str] | None:
    """(marker group, literal) of the first placeholder marker, if any: a cheap literal
    scan that decides whether the host is worth a probe. The title and main heading are
    searched on every page, the whole start of the body only on small pages (a marker
    elsewhere on a big page is not its message)."""
    found = _first_marker(title_and_h1(text).lower())
    if found or len(text) > PLACEHOLDER_CHARS:
        return found
    lowered = text.lower()
    found = _first_marker(lowered)
    if (
        found is None
        and "<script" in lowered
        and any(call in lowered for call in SCRIPT_REDIRECTS)
        and not any(root in lowered for root in APP_ROOTS)
    ):
        return "script_redirect", ""
    return found


def _first_marker(lowered: str) -> tuple[str, str] | None:
    for name, literals in PLACEHOLDER_MARKERS:
        for literal in literals:
            if literal in lowered:
                return name, literal
    return None


def placeholder_message(candidate: tuple[str, str], facts: PageFacts) -> bool:
    """Is the marker the page's own message? A server default says so in its title or
    heading at any length; other placeholders are small pages (a "Coming Soon Bakery"
    with a page of its own is a bakery) whose title, heading or whole text says it."""
    name = candidate[0]
    if name == "script_redirect":
        return facts.words <= SCRIPT_LANDER_WORDS
    if facts.main_words <= SMALL_PAGE_WORDS:
        return True
    if name != "server_default" and facts.main_words > LANDER_WORDS:
        return False
    literals = dict(PLACEHOLDER_MARKERS)[name]
    return any(literal in facts.title or literal in facts.headline for literal in literals)


def judge_placeholder(
    candidate: tuple[str, str] | None,
    final_url: str,
    facts: PageFacts,
    probe: Mapping[str, object] | None,
) -> str | None:
    """The placeholder signature (``placeholder:<group>``) of a host, or None.

    ``probe`` is the host's answer to a nonsense URL (``status``, ``final_url``, ``facts``).
    """
    if candidate is None or not placeholder_message(candidate, facts):
        return None
    signature = f"placeholder:{candidate[0]}"
    if probe is not None and isinstance(probe.get("status"), int):
        if probe.get("final_url") == final_url:
            return signature  # every path is sent to this one page
        other = probe.get("facts")
        if isinstance(other, PageFacts) and same_answer(facts, other):
            return signature  # every path answers this page
    if (urlsplit(final_url).path or "/").lower() not in HOME_PATHS:
        return None
    if candidate[0] == "server_default":
        return signature  # the server's own page at the root: the host has no site
    headline = f"{facts.title} {facts.headline}"
    small = facts.main_words <= SMALL_PAGE_WORDS
    if small and candidate[0] != "script_redirect" and candidate[1] in headline:
        return signature  # a home page that is nothing but a lander's title and a line
    return None
