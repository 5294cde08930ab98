"""Soft-404s: 2xx answers for pages that are gone. Pure functions, no Scrapy.

Evidence decides, in this order:

1. ``redirect_home``: a deep URL redirected (3xx or meta refresh) to the home page of its
   own or another host (search engines treat it as a soft 404: the content is gone; the
   rule about destinations is :mod:`linkprospector.judge.redirect_home`). A shortener's
   deep link landing on another site's home page is only suspect (``redirector_home``).
2. The host's own not-found answer, whatever its status: the answer to a nonsense sibling
   URL (the probe). A target with the same main content in the same template, or sent to
   the same final URL, is ``dead`` (``probe_same_content``, ``probe_same_final_url``).
3. A target unlike that answer is live, unless the page itself says this item is gone:
   a short main content whose headline says removed, discontinued, no longer available
   (``gone_notice``).

Wording ("not found", "404" in a title or heading, in any of many languages) is only a
reason to look: it asks for the probe and never convicts on its own, since pages *about*
errors, bands and songs called "Page Not Found" and status-code references exist. A deep
page whose main content is short asks for the probe too (``short_main``), whatever its
language: a not-found page in words no list holds is still its host's not-found page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

import re2

from linkprospector.judge.main_content import (
    CONTENT_CHARS,
    count_words,
    main_content_text,
)
from linkprospector.judge.page_facts import LEAD_CHARS, PageFacts, same_answer
from linkprospector.judge.redirect_home import is_home_path, redirect_home_signal
from linkprospector.judge.signatures import SCAN_CHARS, title_and_h1
from linkprospector.judge.soft404_words import (
    GONE_PHRASES,
    MISSING_GATES,
    MISSING_TEXT,
    MORE_GATES,
    NOT_FOUND_PHRASES,
)

#: Direct evidence: convicts without a probe.
STRONG_SIGNALS = ("redirect_home",)
#: Words of main content (outside links, navigation, forms) a missing-page notice has
#: at most; an article about 404 errors has far more.
MISSING_PAGE_MAX_WORDS = 150
#: Visible words up to which a page without main text is a script-built app's shell.
APP_SHELL_WORDS = 12
#: Words of main content a page-specific "this item is gone" notice has at most.
GONE_NOTICE_MAX_WORDS = 80
#: Main-content words up to which a deep page is compared with its host's not-found
#: answer even when no wording says it is missing: the 57 real not-found templates of
#: the tests have 38 at most; the price is one probe per host that has such a page.
SHORT_MAIN_WORDS = 80

_ERROR_PATH = re.compile(r"(?:^|[/_.-])(?:404|not-?found|page-?not-?found|error)(?:[/_.-]|$)", re.I)
#: Walls that stand in front of a live page: login, consent, age and geo selection.
_WALL_PATH = re.compile(
    r"(?:^|[/._?=&-])(?:log-?in|sign-?in|sign-?up|register|auth|sso|accounts?|consent|gdpr"
    r"|cookies?|captcha|age-?(?:gate|verification)|geo|region|country|choose-?(?:country|region"
    r"|location)|select-?(?:country|region|language)|location-?select)(?:[/._?=&-]|$)",
    re.I,
)
_META_REFRESH = re2.compile(r"(?i)<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh[^>]*>")  # RE2: linear
_CONTENT_ATTR = re.compile(r"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
# Possessive: the runs of spaces and digits cannot be split between quantifiers (cubic).
_REFRESH_URL = re.compile(
    r"^\s*+\d*+(?:\.\d*+)?\s*+[;,]?\s*+(?:url\s*+=\s*+)?['\"]?([^'\"]*)", re.I
)
_WORD = re.compile(r"\w+")
#: An HTML document (a short JSON or text answer is not a page to compare).
_MARKUP = re.compile(r"<(?:!doctype|html|head|body|title|div|p|main|article)\b", re.I)


def meta_refresh_target(text: str, base: str) -> str | None:
    """Where a ``<meta http-equiv="refresh">`` in the page's head sends the reader, if anywhere."""
    head = text[:SCAN_CHARS]
    if "efresh" not in head:
        return None
    tag = _META_REFRESH.search(head)
    content = _CONTENT_ATTR.search(tag.group(0)) if tag else None
    if content is None:
        return None
    value = next(group for group in content.groups() if group is not None)
    match = _REFRESH_URL.match(value)
    target = match.group(1).strip() if match else ""
    return urljoin(base, target) if target else None


#: The phrases by script: ASCII text (``str.isascii`` is O(1)) needs only the first.
_ASCII_NOT_FOUND = tuple(p for p in NOT_FOUND_PHRASES if p.isascii())
_ASCII_GONE = tuple(p for p in GONE_PHRASES if p.isascii())


def says_missing(heading: str) -> bool:
    """Does a title or heading say the page is missing (any of many languages)? Weak."""
    lowered = heading.lower()
    phrases = _ASCII_NOT_FOUND if lowered.isascii() else NOT_FOUND_PHRASES
    return (
        bool(MISSING_TEXT.search(lowered))
        or any(phrase in lowered for phrase in phrases)
        or says_gone(lowered)
    )


def says_gone(heading: str) -> bool:
    """Does a heading say this item was removed, discontinued, is no longer available?"""
    lowered = heading.lower()
    phrases = _ASCII_GONE if lowered.isascii() else GONE_PHRASES
    return any(phrase in lowered for phrase in phrases)


def gone_notice(page: PageFacts) -> bool:
    """Page-specific evidence: a short main content whose headline says the item is gone."""
    return page.main_words <= GONE_NOTICE_MAX_WORDS and says_gone(page.headline)


_BARE_404 = re.compile(r"\b404\b")


def mentions_404(heading: str) -> bool:
    """A bare "404" in a title or heading: maybe an error page, maybe a number (weak)."""
    return bool(_BARE_404.search(heading))


def _depth(path: str) -> int:
    return len([p for p in path.split("/") if p])


def soft_404_signals(url: str, final_url: str, text: str) -> list[str]:
    """Reasons to suspect a 2xx answer is a soft-404 (empty: nothing suspicious).

    ``final_url`` is where redirects ended; a meta refresh in ``text`` counts as one more.
    """
    signals = []
    final_url = final_url or url
    refresh = meta_refresh_target(text, final_url)
    if refresh and refresh != final_url:
        final_url = refresh
    if final_url != url:
        orig, final = urlsplit(url), urlsplit(final_url)
        orig_path, final_path = orig.path or "/", final.path or "/"
        if any(_WALL_PATH.search(part) for part in (final.hostname or "", final_path, final.query)):
            return []  # a login, consent or geo wall, not a missing page
        if _ERROR_PATH.search(final_path) and not _ERROR_PATH.search(orig_path):
            signals.append("error_url")
        home = redirect_home_signal(url, final_url)
        if home:
            signals.append(home)
        elif _depth(orig_path) >= 2 and _depth(final_path) <= _depth(orig_path) - 2:
            signals.append("redirect_shallower")
    heading = title_and_h1(text)
    if says_missing(heading) or mentions_404(heading):
        signals.append("not_found_text")  # only a reason to ask the host (the probe)
        return signals
    if is_home_path(urlsplit(final_url).path) or not _depth(urlsplit(url).path):
        return signals  # a home page is never judged missing: not worth a probe
    content = main_content_text(text)
    words = count_words(content)
    if (
        "<h1" not in text
        and "<H1" not in text
        and words <= MISSING_PAGE_MAX_WORDS
        and _may_say_missing(text)
        and says_missing(content[:LEAD_CHARS].lower())
    ):
        # Without an H1 (page builders style any element as the heading), the lead of a
        # short main content is the main heading.
        signals.append("not_found_text")
    elif 0 < words <= SHORT_MAIN_WORDS and not signals and _MARKUP.search(text[:4096]):
        # No wording in any known language, but little content of its own: the host's
        # answer to a nonsense URL tells its not-found page (same template and text)
        # from a short live page (different main text).
        signals.append("short_main")
    return signals


def _may_say_missing(text: str) -> bool:
    """A cheap literal pre-test: could the page's text say it is missing at all?"""
    lowered = text[:CONTENT_CHARS].lower()
    return any(word in lowered for word in MISSING_GATES) or (
        not lowered.isascii() and any(word in lowered for word in MORE_GATES)
    )


def needs_probe(signals: list[str]) -> bool:
    """Only weak signals: the host's answer to a nonsense URL settles them."""
    return bool(signals) and not any(s in STRONG_SIGNALS for s in signals)


def probe_url(url: str, token: str) -> str:
    """A nonsense sibling of ``url``: same host and parent path, ``token`` as last segment."""
    parts = urlsplit(url)
    parent, _, last = (parts.path or "/").rpartition("/")
    ext = ""
    if "." in last:
        suffix = last.rsplit(".", 1)[1]
        if suffix.isalnum() and len(suffix) <= 5:
            ext = "." + suffix
    return f"{parts.scheme}://{parts.netloc}{parent}/{token}{ext}"


def judge_soft_404(
    signals: list[str],
    final_url: str,
    page: PageFacts | frozenset[int] | None,
    probe: Mapping[str, object] | None,
) -> tuple[bool, str]:
    """(is it a soft-404, on what basis): the evidence order of the module docstring.

    ``page`` holds the target's :class:`PageFacts` (callers without them pass None or an
    empty fingerprint, for a verdict on ``redirect_home`` alone). ``probe`` holds
    ``status`` (None when the probe failed), ``final_url`` and ``facts`` of the host's
    answer to a nonsense sibling URL.
    """
    for signal in STRONG_SIGNALS:
        if signal in signals:
            return True, signal
    if not isinstance(page, PageFacts):
        return False, "no_page"
    if "redirector_home" not in signals and is_home_path(urlsplit(final_url).path):
        # A home page that looks like the answer for nonsense URLs means the host answers
        # them with its home page: the home page itself is not missing. (A shortener's
        # link that lands on another site's home page is what the probe is asked about.)
        return False, "home_page"
    if not page.main and page.words <= APP_SHELL_WORDS:
        # No text of its own (a script-built app's shell is the same on every path): the
        # host's answer cannot tell a live route from a dead one.
        return False, "no_text"
    status = probe.get("status") if probe else None
    if probe is not None and isinstance(status, int):
        other = probe.get("facts")
        same = None
        if probe.get("final_url") == final_url:
            same = "probe_same_final_url"
        elif (
            isinstance(other, PageFacts)
            and same_answer(page, other)
            # Only shortness asked: the title must be the same too (a short page with
            # the not-found page's few words under a title of its own is another page).
            and (signals != ["short_main"] or page.title == other.title)
        ):
            same = "probe_same_content"
        if same and (signals != ["short_main"] or status >= 400 or page.shows_404):
            return True, same
        if same:
            # Only shortness asked, and the host answers every path with this page and
            # a success: a one-page site or an app's pre-rendered shell looks like that
            # too. Its not-found page would say so with an error status or a "404".
            return False, "one_page_everywhere"
        if gone_notice(page):
            return True, "gone_notice"
        return False, "unlike_not_found"
    if gone_notice(page):
        return True, "gone_notice"
    # No answer to compare with: only wording with an independent signal on a short page.
    if (
        "not_found_text" in signals
        and len(signals) >= 2
        and page.main_words <= MISSING_PAGE_MAX_WORDS
    ):
        return True, "signals_without_probe"
    return False, "probe_inconclusive"
