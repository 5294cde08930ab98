"""Email addresses in pages: plain, obfuscated ("name [at] site [dot] com"),
Cloudflare-protected, in mailto: links; junk (assets, placeholders, no-reply, telemetry)
rejected; labelled generic (info@, editor@) or personal. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from lxml import etree

from linkprospector.reading.urls import domain_and_suffix

_HEX32 = re.compile(r"[0-9a-f]{32}")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Local parts that reach a role or an inbox shared by several people.
# Local parts that reach a role or an inbox shared by several people.
GENERIC_LOCAL_PARTS = _words(
    """
    info contact contacts hello hi hey editor editors editorial admin administrator
    support team office press media marketing sales webmaster web enquiries enquiry
    inquiries inquiry mail email help feedback news newsletter partnerships partners
    partner advertising ads advertise business general service services billing accounts
    jobs careers hr privacy legal abuse postmaster hostmaster security membership members
    events bookings booking orders shop store community social pr content submissions
    writers write contribute kontakt contacto contato contatti bonjour hallo hola
    redaktion redaccion redazione
    """
)

# The look-behinds make a match start only where a word starts: linear on long runs.
_EMAIL_IN_TEXT = re.compile(r"(?<![\w.%+'-])[\w.%+'-]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.I)

_EMAIL = re.compile(
    r"[a-z0-9_%+'-]+(?:\.[a-z0-9_%+'-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]+)"
)

_BRACKETED_AT = r"\s*[\[\(\{<]\s*at\s*[\]\)\}>]\s*"

_BRACKETED_DOT = r"\s*[\[\(\{<]\s*dot\s*[\]\)\}>]\s*"

_AT = rf"(?:{_BRACKETED_AT}|\s+at\s+)"

_SPELLED_DOT = rf"(?:{_BRACKETED_DOT}|\s+dot\s+)"

_DOT = rf"(?:{_SPELLED_DOT}|\.)"

_OBFUSCATED = re.compile(
    rf"(?<![\w.%+-])(?P<local>[\w%+-]{{1,64}}(?:{_DOT}[\w%+-]{{1,64}}){{0,4}})(?P<at>{_AT})"
    rf"(?P<domain>[a-z0-9-]{{1,63}}(?:{_DOT}[a-z0-9-]{{1,63}}){{1,4}})",
    re.I,
)

# Words that come before a bare " at " in prose, never an address's local part.
_PROSE_WORDS = _words(
    """
    us me you him her them it we i is are was be look here there this that meet see find
    visit available based located work works live lives stay home now and or the a an of
    good great best
    """
)

_ASSET_SUFFIX = re.compile(
    r"\.(?:png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?|heic|css|js|mjs|json|xml|map"
    r"|woff2?|ttf|otf|eot|mp3|mp4|webm|mov|avi|zip|gz|pdf)$"
)

_PLACEHOLDER_LABELS = _words(
    "example yourdomain your-domain yoursite yourwebsite yourcompany yourname"
)

_PLACEHOLDER_DOMAINS = _words("domain.com email.com company.com website.com mysite.com sample.com")

_PLACEHOLDER_LOCAL_PARTS = _words(
    """
    you your yourname your.name youremail your.email your-email username user.name
    firstname.lastname first.last name.surname
    """
)

_NO_REPLY_LOCAL_PARTS = _words("noreply no-reply no_reply donotreply do-not-reply")

_TELEMETRY_DOMAIN_SUFFIXES = ("sentry.io", "wixpress.com")

_CF_PATH = "/cdn-cgi/l/email-protection"


def clean_email(raw: str) -> str | None:
    """A lower-cased address with edge punctuation stripped, or None for junk."""
    email = unquote(raw).strip().lower().removeprefix("mailto:")
    email = email.strip().lstrip("(<['\"").rstrip(".,;:!?)]}>'\"")
    if not _EMAIL.fullmatch(email) or ".." in email:
        return None
    local, domain = email.rsplit("@", 1)
    labels = domain.split(".")
    if (
        _ASSET_SUFFIX.search(email)
        or domain in _PLACEHOLDER_DOMAINS
        or _PLACEHOLDER_LABELS.intersection(labels)
        or local in _PLACEHOLDER_LOCAL_PARTS
        or local in _NO_REPLY_LOCAL_PARTS
        or _HEX32.fullmatch(local)
        or any(label.startswith("sentry") for label in labels)
        or domain.endswith(_TELEMETRY_DOMAIN_SUFFIXES)
    ):
        return None
    label, suffix = domain_and_suffix(domain)
    return email if label and suffix else None


def email_label(email: str) -> str:
    """'generic' for role addresses (info@, editor@, ...), else 'personal'."""
    local = email.split("@", 1)[0].split("+", 1)[0]
    first = re.split(r"[._-]", local, maxsplit=1)[0]
    return "generic" if local in GENERIC_LOCAL_PARTS or first in GENERIC_LOCAL_PARTS else "personal"


def decode_cfemail(encoded: str) -> str | None:
    """Decode a Cloudflare-protected address: hex bytes, the first is the XOR key."""
    try:
        data = bytes.fromhex(encoded.strip())
    except ValueError:
        return None
    if len(data) < 2:
        return None
    try:
        return bytes(byte ^ data[0] for byte in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _link_emails(root) -> Iterator[str]:
    """Addresses in mailto: links and Cloudflare-protected links/spans, in page order."""
    for element in root.iter(etree.Element):
        href = (element.get("href") or "").strip() if element.tag == "a" else ""
        if href.lower().startswith("mailto:"):
            yield from href[7:].split("?", 1)[0].split(",")
        elif _CF_PATH in href and "#" in href:
            yield decode_cfemail(href.rsplit("#", 1)[1]) or ""
        if element.get("data-cfemail"):
            yield decode_cfemail(element.get("data-cfemail")) or ""


def _obfuscated_emails(text: str) -> Iterator[str]:
    """Addresses written as ``name [at] site [dot] com``, ``name(at)site.com``, ..."""
    for match in _OBFUSCATED.finditer(text):
        local, domain = match["local"], match["domain"]
        # A bare " at " is prose unless the dots are spelled out too.
        bare = match["at"].strip().lower() == "at"
        if bare and (local.lower() in _PROSE_WORDS or not re.search(_SPELLED_DOT, domain, re.I)):
            continue
        yield f"{_undot(local)}@{_undot(domain)}"


def _undot(text: str) -> str:
    return re.sub(_DOT, ".", text, flags=re.I)
