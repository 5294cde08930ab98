"""Soft-404s: 2xx answers for pages that are gone. Pure functions, no Scrapy.

Direct evidence about the page convicts on its own, whatever the host does with other
URLs (a host that answers nonsense URLs with an honest 404 still answers 200 for removed
articles and discontinued products):

* ``missing_page``: the title or main heading says the page is missing (many phrasings,
  many languages) and the main content, links and boilerplate left out, is short;
* ``redirect_home``: a deep URL redirected (3xx or meta refresh) to the home page of its
  own or another host (search engines treat it as a soft 404: the content is gone; the
  rule about destinations is :mod:`linkprospector.judge.redirect_home`).

Weaker signals (a shortener's deep link landing on a home page, a redirect to a section
root, an error word in the final URL only, a "missing" heading over long content) are
settled by the host's answer to a nonsense sibling URL, the probe, which also clears
look-alikes such as an article about 404s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

from linkprospector.judge.main_content import (
    CONTENT_CHARS,
    count_words,
    main_content_text,
    main_content_words,
)
from linkprospector.judge.redirect_home import redirect_home_signal
from linkprospector.judge.signatures import SCAN_CHARS, title_and_h1, visible_text
from linkprospector.judge.soft404_words import MISSING_GATES, MISSING_TEXT

#: Direct evidence: convicts without a probe.
STRONG_SIGNALS = ("missing_page", "redirect_home")
#: Words of main content (outside links, navigation, forms) a missing-page notice has
#: at most; an article about 404 errors has far more.
MISSING_PAGE_MAX_WORDS = 150
#: Characters of a short main content read as its heading when no title or H1 says it.
LEAD_CHARS = 160
#: Shingle similarity at or above which two pages count as the same page.
SAME_PAGE_SIMILARITY = 0.85

_ERROR_PATH = re.compile(r"(?:^|[/_.-])(?:404|not-?found|page-?not-?found|error)(?:[/_.-]|$)", re.I)
#: Walls that stand in front of a live page: login, consent, age and geo selection.
_WALL_PATH = re.compile(
    r"(?:^|[/._?=&-])(?:log-?in|sign-?in|sign-?up|register|auth|sso|accounts?|consent|gdpr"
    r"|cookies?|captcha|age-?(?:gate|verification)|geo|region|country|choose-?(?:country|region"
    r"|location)|select-?(?:country|region|language)|location-?select)(?:[/._?=&-]|$)",
    re.I,
)
_META_REFRESH = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh[^>]*>", re.I)
_CONTENT_ATTR = re.compile(r"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_REFRESH_URL = re.compile(r"^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]*)", re.I)
_WORD = re.compile(r"\w+")


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


def says_missing(heading: str) -> bool:
    """Does a title or heading say the page is missing?"""
    return bool(MISSING_TEXT.search(heading.lower()))


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
    if says_missing(heading):
        short = main_content_words(text) <= MISSING_PAGE_MAX_WORDS
        signals.append("missing_page" if short else "not_found_text")
    elif mentions_404(heading):
        signals.append("not_found_text")  # the probe tells an error page from a number
    elif "<h1" not in text and "<H1" not in text and _may_say_missing(text):
        # Without an H1 (page builders style any element as the heading), the lead of a
        # short main content is the main heading.
        content = main_content_text(text)
        if count_words(content) <= MISSING_PAGE_MAX_WORDS and says_missing(
            content[:LEAD_CHARS].lower()
        ):
            signals.append("missing_page")
    return signals


def _may_say_missing(text: str) -> bool:
    """A cheap literal pre-test: could the page's text say it is missing at all?"""
    lowered = text[:CONTENT_CHARS].lower()
    return any(word in lowered for word in MISSING_GATES)


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


def content_fingerprint(text: str, ignore: tuple[str, ...] = ()) -> frozenset[int]:
    """Hashed 3-word shingles of a page's visible text (``ignore``: words left out)."""
    skip = {w.lower() for part in ignore for w in _WORD.findall(part)}
    words = [w for w in _WORD.findall(visible_text(text[:SCAN_CHARS]).lower()) if w not in skip]
    if len(words) < 3:
        return frozenset({hash(tuple(words))})
    return frozenset(hash(tuple(words[i : i + 3])) for i in range(len(words) - 2))


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two fingerprints."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def judge_soft_404(
    signals: list[str],
    final_url: str,
    fingerprint: frozenset[int],
    probe: Mapping[str, object] | None,
) -> tuple[bool, str]:
    """(is it a soft-404, on what basis) from the signals and the host's probe answer.

    A strong signal convicts whatever the probe says. Otherwise ``probe`` holds
    ``status`` (None when the probe failed), ``final_url`` and ``fingerprint`` of the
    nonsense sibling URL's answer.
    """
    for signal in STRONG_SIGNALS:
        if signal in signals:
            return True, signal
    status = probe.get("status") if probe else None
    if isinstance(status, int) and status in (404, 410):
        return False, "probe_404"
    if isinstance(status, int) and 200 <= status < 300 and probe is not None:
        if probe.get("final_url") == final_url:
            return True, "probe_same_final_url"
        other = probe.get("fingerprint")
        if isinstance(other, frozenset) and similarity(fingerprint, other) >= SAME_PAGE_SIMILARITY:
            return True, "probe_same_content"
        return False, "probe_different_page"
    # Probe inconclusive (error, blocked, 5xx): only two independent signals convict.
    if "not_found_text" in signals and len(signals) >= 2:
        return True, "signals_without_probe"
    return False, "probe_inconclusive"
