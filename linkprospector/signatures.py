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

#: Markers of parking scripts and landers: one is enough.
PARKING_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("sedo", r"sedoparking\.com|sedo\.com/(?:search/details|checkdomain)"),
        ("bodis", r"bodiscdn\.com|parking\.bodis\.com|bodis\.com/(?:landers|park)"),
        ("parkingcrew", r"parkingcrew\.net"),
        ("above", r"above\.com/(?:marketplace|park)|abovedomains\.com"),
        ("dan", r"dan\.com/buy-domain|dan\.com/(?:lander|buy)"),
        ("afternic", r"afternic\.com/(?:forsale|domain)"),
        ("hugedomains", r"hugedomains\.com/domain_profile|hugedomains\.com/domain"),
        ("godaddy", r"godaddy\.com/forsale|parked free,? courtesy of godaddy"),
        ("parking_script", r"adsense/domains/caf\.js|window\.park\s*=|parklogic|/js/parking"),
    )
)

#: For-sale / parked wording. One phrase in the title or on a near-empty page, or two
#: distinct phrases on a short page, make a lander.
SALE_PHRASES = re.compile(
    r"this domain(?: name)? (?:is|may be|might be) for sale"
    r"|(?:the domain )?\b[\w-]+(?:\.[\w-]+)+ (?:is|may be) for sale"
    r"|domain (?:name )?(?:is )?for sale"
    r"|buy this domain"
    r"|make (?:an|us an) offer"
    r"|this domain (?:is|has been) parked"
    r"|this (?:web ?page|domain|site) is parked"
    r"|inquire about this domain"
    r"|interested in (?:buying )?this domain"
    r"|this domain has (?:recently )?been registered"
    r"|get this domain",
    re.I,
)
#: Visible text shorter than this counts as a near-empty page.
SHORT_PAGE_CHARS = 1500

# -- bot challenges and bot filtering -------------------------------------------------

CHALLENGE_BODY_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("cloudflare", r"cf-chl-|/cdn-cgi/challenge-platform|attention required! \| cloudflare"),
        ("datadome", r"captcha-delivery\.com|datadome"),
        ("perimeterx", r"px-captcha|perimeterx"),
        ("incapsula", r"_incapsula_resource|incapsula incident id"),
        ("sucuri", r"sucuri website firewall"),
        ("ddos_guard", r"ddos-guard"),
        ("akamai", r"akamai bot manager|_abck"),
    )
)
#: Cloudflare's generic interstitial title; only with a Cloudflare server header.
CLOUDFLARE_WAIT = re.compile(r"<title>\s*just a moment", re.I)

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


def title_and_h1(text: str) -> str:
    """The page's title and first H1 as plain text (from the scanned prefix)."""
    prefix = text[:SCAN_CHARS]
    parts = [m.group(1) for m in (_TITLE.search(prefix), _H1.search(prefix)) if m]
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
    for name, pattern in PARKING_MARKERS:
        if pattern.search(prefix):
            return name
    phrases = {m.group(0).lower() for m in SALE_PHRASES.finditer(prefix)}
    if not phrases:
        return None
    if SALE_PHRASES.search(title_and_h1(prefix)):
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
    prefix = text[:SCAN_CHARS]
    if "cloudflare" in server and CLOUDFLARE_WAIT.search(prefix):
        return "cloudflare"
    for name, pattern in CHALLENGE_BODY_MARKERS:
        if pattern.search(prefix):
            return name
    return None


def bot_filter_signs(headers: Mapping[str, str], text: str = "") -> str | None:
    """Which bot filter (WAF/CDN) answered, judged by headers and challenge markers."""
    for name, header, part in BOT_FILTER_HEADERS:
        value = headers.get(header)
        if value is not None and part in value.lower():
            return name
    prefix = text[:SCAN_CHARS]
    for name, pattern in CHALLENGE_BODY_MARKERS:
        if pattern.search(prefix):
            return name
    return None


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
    heading = title_and_h1(text)
    if heading and NOT_FOUND_TEXT.search(heading):
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
