"""Signatures of answers that are not what their status says: pure functions.

Parked and for-sale landers, bot challenges (Cloudflare, DataDome, ...), signs of bot
filtering on a 404, and the soft-404 signals (a "not found" title, a deep URL redirected
to the home page). Every function looks only at a small decoded prefix of the body with
precompiled patterns, so an ordinary page costs a few microseconds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

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

# -- soft-404 --------------------------------------------------------------------------

NOT_FOUND_TEXT = re.compile(
    r"\b404\b|not found|(?:does not|doesn't|no longer) exists?|no longer (?:available|exists)"
    r"|(?:can't|cannot|couldn't|could not|unable to) find (?:that|this|the|your) (?:page|content)"
    r"|(?:page|content|article|product|post|item) (?:has been |was )?(?:removed|deleted)"
    r"|(?:cannot|can't|couldn't|could not) be found|nothing (?:was )?found here"
    r"|seite nicht gefunden|p[aá]gina no encontrada|page introuvable|pagina non trovata"
    r"|niet gevonden",
    re.I,
)
#: One of these occurs in every NOT_FOUND_TEXT match (a cheap test before the regex).
NOT_FOUND_KEYWORDS = (
    "404",
    "found",
    "exist",
    "available",
    "removed",
    "deleted",
    "find",
    "gefunden",
    "encontrada",
    "introuvable",
    "trovata",
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_WORD = re.compile(r"\w+")
_ERROR_PATH = re.compile(r"(?:^|[/_.-])(?:404|not-?found|page-?not-?found|error)(?:[/_.-]|$)", re.I)
_LOGIN_PATH = re.compile(
    r"(?:^|[/._?=&-])(?:log-?in|sign-?in|sign-?up|register|auth|sso|accounts?|consent|gdpr"
    r"|cookies?|captcha|age-?(?:gate|verification))(?:[/._?=&-]|$)",
    re.I,
)
HOME_PATHS = frozenset(
    {"", "/", "/index.html", "/index.htm", "/index.php", "/home", "/default.aspx", "/default.asp"}
)
#: Shingle similarity at or above which two pages count as the same page.
SAME_PAGE_SIMILARITY = 0.85


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _on_domain(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _visible_text(text: str) -> str:
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
    """The page's title and first H1 as plain text (from the scanned prefix)."""
    prefix = text[:SCAN_CHARS]
    parts = []
    for pattern, tags in ((_TITLE, ("<title", "<TITLE")), (_H1, ("<h1", "<H1"))):
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
    visible = len(" ".join(_visible_text(prefix).split()))
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


def _depth(path: str) -> int:
    return len([p for p in path.split("/") if p])


def soft_404_signals(url: str, final_url: str, text: str) -> list[str]:
    """Reasons to suspect a 2xx answer is a soft-404 (empty: nothing suspicious)."""
    signals = []
    if final_url and final_url != url:
        orig, final = urlsplit(url), urlsplit(final_url)
        orig_path, final_path = orig.path or "/", final.path or "/"
        if any(
            _LOGIN_PATH.search(part) for part in (final.hostname or "", final_path, final.query)
        ):
            return []  # a login or consent wall, not a missing page
        if _ERROR_PATH.search(final_path) and not _ERROR_PATH.search(orig_path):
            signals.append("error_url")
        orig_is_home = orig_path in HOME_PATHS
        if final_path in HOME_PATHS and not orig_is_home:
            signals.append("redirect_to_home")
        elif _depth(orig_path) >= 2 and _depth(final_path) <= _depth(orig_path) - 2:
            signals.append("redirect_shallower")
    heading = title_and_h1(text).lower()
    if any(k in heading for k in NOT_FOUND_KEYWORDS) and NOT_FOUND_TEXT.search(heading):
        signals.append("not_found_text")
    return signals


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
    words = [w for w in _WORD.findall(_visible_text(text[:SCAN_CHARS]).lower()) if w not in skip]
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

    ``probe`` holds ``status`` (None when the probe failed), ``final_url`` and
    ``fingerprint`` of the nonsense sibling URL's answer.
    """
    status = probe.get("status") if probe else None
    if isinstance(status, int) and status in (404, 410):
        return False, "probe_404"
    if isinstance(status, int) and 200 <= status < 300 and probe is not None:
        if probe.get("final_url") == final_url:
            return True, "probe_same_final_url"
        other = probe.get("fingerprint")
        if isinstance(other, frozenset) and similarity(fingerprint, other) >= SAME_PAGE_SIMILARITY:
            return True, "probe_same_content"
        if "not_found_text" in signals:
            return True, "probe_200_and_not_found_text"
        return False, "probe_different_page"
    # Probe inconclusive (error, blocked, 5xx): only two independent signals convict.
    if "not_found_text" in signals and len(signals) >= 2:
        return True, "signals_without_probe"
    return False, "probe_inconclusive"
