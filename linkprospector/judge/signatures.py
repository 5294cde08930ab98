"""Signatures of answers that are not what their status says: pure functions.

Parked and for-sale landers, bot challenges (Cloudflare, DataDome, ...) and signs of bot
filtering on a 404 (soft-404s: :mod:`linkprospector.judge.soft404`). Every function looks only
at a small decoded prefix of the body with precompiled patterns, so an ordinary page
costs a few microseconds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

import re2

#: Characters of a body the signatures look at.
SCAN_CHARS = 16 * 1024
#: Characters searched for parking, sale and challenge markers (landers are small).
MARKER_CHARS = 4 * 1024

# -- parked / for-sale ---------------------------------------------------------------

#: Domain marketplaces and parking services: a redirect there means "domain for sale".
PARKING_HOSTS = (
    "sedo.com",
    "sedoparking.com",
    "bodis.com",
    "parkingcrew.net",
    "above.com",
    "dan.com",
    "afternic.com",
    "hugedomains.com",
    "buydomains.com",
    "undeveloped.com",
    "domainmarket.com",
    "brandbucket.com",
    "squadhelp.com",
    "atom.com",
    "efty.com",
    "parklogic.com",
    "domainlore.uk",
)

#: Markers of parking scripts and landers (literals, searched in the lower-cased body
#: prefix): one is enough. A "/" or "." in front of a host name stands for a boundary.
#: Each group is tried only when its gate literal occurs (one fast scan per group).
PARKING_MARKERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("sedo", "sedo", ("sedoparking.com", "sedo.com/search/details", "sedo.com/checkdomain")),
    ("bodis", "bodis", ("bodiscdn.com", "parking.bodis.com", "/bodis.com/", ".bodis.com/")),
    ("parkingcrew", "park", ("parkingcrew.net",)),
    ("above", "above", ("/above.com/marketplace", ".above.com/marketplace", "abovedomains.com")),
    ("dan", "dan.com", ("/dan.com/buy", ".dan.com/buy", "/dan.com/lander", ".dan.com/lander")),
    ("afternic", "afternic", ("afternic.com/forsale", "afternic.com/domain")),
    ("hugedomains", "hugedomains", ("hugedomains.com/domain",)),
    (
        "godaddy",
        "park",
        ("godaddy.com/forsale", "parked free, courtesy of godaddy", "parked free courtesy of"),
    ),
    ("parking_script", "caf.js", ("adsense/domains/caf.js",)),
    ("parking_script", "park", ("window.park =", "window.park=", "parklogic", "/js/parking")),
)

#: For-sale / parked wording in the lower-cased prefix (literals, tried only when a gate
#: literal occurs). One phrase in the title or on a near-empty page, or two distinct
#: phrases on a short page, make a lander.
SALE_GATES = ("this domain", "this web", "this site", "for sale", "offer")
SALE_LITERALS = (
    "buy this domain",
    "make an offer",
    "make us an offer",
    "this domain is parked",
    "this domain has been parked",
    "this webpage is parked",
    "this web page is parked",
    "this site is parked",
    "inquire about this domain",
    "interested in this domain",
    "interested in buying this domain",
    "this domain has been registered",
    "this domain has recently been registered",
    "get this domain",
)
#: What comes before "for sale" on a sale lander ("old.test is", "this domain may be").
BEFORE_FOR_SALE = re.compile(
    r"(?:this domain(?: name)?|\.[a-z]{2,24}|domain(?: name)?) (?:is |may be |might be )?$"
)
#: Visible text shorter than this counts as a near-empty page.
SHORT_PAGE_CHARS = 1500

# -- bot challenges and bot filtering -------------------------------------------------

#: Bot-challenge page markers (no gate: any literal is enough).
CHALLENGE_BODY_MARKERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "cloudflare",
        "",
        ("cf-chl-", "/cdn-cgi/challenge-platform", "attention required! | cloudflare"),
    ),
    ("datadome", "", ("captcha-delivery.com", "datadome")),
    ("perimeterx", "", ("px-captcha", "perimeterx")),
    ("incapsula", "", ("_incapsula_resource", "incapsula incident id")),
    ("sucuri", "", ("sucuri website firewall",)),
    ("ddos_guard", "", ("ddos-guard",)),
    ("akamai", "", ("akamai bot manager", "_abck")),
)
#: Cloudflare's generic interstitial title; only with a Cloudflare server header.
CLOUDFLARE_WAIT = re.compile(r"<title>\s*just a moment")

#: Response headers that say a bot filter (WAF/CDN) answered: (name, header, value part).
BOT_FILTER_HEADERS = (
    ("cloudflare", "cf-ray", ""),
    ("cloudflare", "server", "cloudflare"),
    ("datadome", "x-datadome", ""),
    ("datadome", "server", "datadome"),
    ("akamai", "server", "akamaighost"),
    ("akamai", "x-akamai-transformed", ""),
    ("sucuri", "x-sucuri-id", ""),
    ("incapsula", "x-iinfo", ""),
    ("ddos_guard", "server", "ddos-guard"),
    ("aws_waf", "x-amzn-waf-action", ""),
)

# Scans to a closing tag run on RE2 (linear time): on Python's engine every unclosed
# <title> or <script> rescanned the rest of the prefix (quadratic).
_TITLE = re2.compile(r"(?is)<title[^>]*>(.*?)</title")
_H1 = re2.compile(r"(?is)<h1[^>]*>(.*?)</h1")
_H2 = re2.compile(r"(?is)<h2[^>]*>(.*?)</h2")
_TAG = re.compile(r"<[^<>]+>")  # [^<>]: a run of "<" must not rescan the text
_SCRIPT = re2.compile(r"(?is)<script\b.*?</script\s*>|<style\b.*?</style\s*>")


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _on_domain(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def visible_text(text: str) -> str:
    return html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", text)))


def _lowered(text: str) -> str:
    """The marker prefix, lower-cased: literal ``in`` tests on it are fast."""
    return text[:MARKER_CHARS].lower()


def _marker(lowered: str, markers: tuple[tuple[str, str, tuple[str, ...]], ...]) -> str | None:
    """Name of the first marker group whose gate and one of whose literals occur."""
    for name, gate, needles in markers:
        if gate in lowered and any(needle in lowered for needle in needles):
            return name
    return None


def sale_phrases(lowered: str) -> set[str]:
    """The for-sale / parked phrases in a lower-cased text."""
    if not any(gate in lowered for gate in SALE_GATES):
        return set()
    found = {phrase for phrase in SALE_LITERALS if phrase in lowered}
    start = lowered.find("for sale")
    while start >= 0:
        before = BEFORE_FOR_SALE.search(lowered[max(0, start - 40) : start])
        if before:
            found.add(before.group(0) + "for sale")
        start = lowered.find("for sale", start + 8)
    return found


def title_and_h1(text: str) -> str:
    """The page's title and first H1 (first H2 without one) as plain text (scanned prefix)."""
    prefix = text[:SCAN_CHARS]
    parts = []
    for pattern, tags in (
        (_TITLE, ("<title", "<TITLE")),
        (_H1, ("<h1", "<H1")),
        (_H2, ("<h2", "<H2")),
    ):
        if pattern is _H2 and len(parts) > 1:
            break
        start = prefix.find(tags[0])  # a plain find first: regexes with re.I are slow
        if start < 0:
            start = prefix.find(tags[1])
        match = pattern.search(prefix, start) if start >= 0 else None
        if match:
            parts.append(match.group(1))
    text = " | ".join(" ".join(html.unescape(_TAG.sub(" ", p)).split()) for p in parts)
    return text.replace("\u2019", "'")


def parked_signature(text: str, url: str = "", final_url: str = "") -> str | None:
    """Name of the parking/for-sale signature a page matches, or None."""
    final_host, host = _host(final_url or url), _host(url)
    for domain in PARKING_HOSTS:
        if _on_domain(final_host, domain) and not _on_domain(host, domain):
            return f"redirect:{domain}"
        if _on_domain(host, domain):
            return None  # the marketplace's own pages are not parked
    prefix = text[:SCAN_CHARS]
    if not prefix:
        return None
    lowered = _lowered(prefix)
    found = _marker(lowered, PARKING_MARKERS)
    if found:
        return found
    phrases = sale_phrases(lowered)
    if not phrases:
        return None
    if sale_phrases(title_and_h1(prefix).lower()):
        return "for_sale_text"
    visible = len(" ".join(visible_text(prefix).split()))
    if visible < SHORT_PAGE_CHARS or (len(phrases) >= 2 and visible < 2 * SHORT_PAGE_CHARS):
        return "for_sale_text"
    return None


def challenge_signature(status: int, headers: Mapping[str, str], text: str) -> str | None:
    """Name of the bot challenge an answer is (Cloudflare, DataDome, ...), or None.

    ``headers`` has lower-case names. A 2xx answer is a challenge only when a header says so.
    """
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return "cloudflare"
    if 200 <= status < 300:
        return None
    server = headers.get("server", "").lower()
    if "x-datadome" in headers or "datadome" in server:
        return "datadome"
    if status not in (401, 403, 405, 429, 503):
        return None
    lowered = _lowered(text)
    if "cloudflare" in server and "just a moment" in lowered and CLOUDFLARE_WAIT.search(lowered):
        return "cloudflare"
    return _marker(lowered, CHALLENGE_BODY_MARKERS)


def bot_filter_signs(headers: Mapping[str, str], text: str = "") -> str | None:
    """Which bot filter (WAF/CDN) answered, judged by headers and challenge markers."""
    for name, header, part in BOT_FILTER_HEADERS:
        value = headers.get(header)
        if value is not None and part in value.lower():
            return name
    return _marker(_lowered(text), CHALLENGE_BODY_MARKERS) if text else None
