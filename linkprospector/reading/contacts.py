"""Contact extraction from HTML: pure functions, no Scrapy imports.

Finds whom to write to on a site: email addresses (plain, mailto, obfuscated,
Cloudflare-protected, JSON-LD), contact and about pages, social profiles, author names.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

from linkprospector.reading.element_text import visible_text
from linkprospector.reading.emails import (
    _EMAIL_IN_TEXT,
    _link_emails,
    _obfuscated_emails,
    _words,
    clean_email,
    email_label,
)

# Path segments or anchor texts that name a contact page ("contact-us" → "contact us").
CONTACT_PATH_WORDS = (
    "contact",
    "contacts",
    "contact us",
    "contact me",
    "contact form",
    "contact page",
    "get in touch",
    "write for us",
    "write to us",
    "advertise",
    "advertise with us",
    "kontakt",
    "kontaktformular",
    "impressum",
    "contacto",
    "contactenos",
    "contato",
    "contatti",
    "contactez nous",
    "nous contacter",
)

# Path segments or anchor texts that name an about or team page.
ABOUT_PATH_WORDS = (
    "about",
    "about us",
    "about me",
    "about the team",
    "team",
    "our team",
    "the team",
    "meet the team",
    "who we are",
    "staff",
    "masthead",
    "uber uns",
    "ueber uns",
    "a propos",
    "qui sommes nous",
    "quienes somos",
    "sobre nosotros",
    "sobre nos",
    "chi siamo",
)


_HIDDEN_TAGS = {"script", "style", "template", "head", "textarea"}
_BLOCK_TAGS = _words(
    """
    address article aside blockquote br dd div dl dt figcaption footer form h1 h2 h3 h4 h5
    h6 header hr li main nav ol p pre section table td th tr ul
    """
)

_SOCIAL_HOSTS = {
    "twitter.com": "twitter",
    "x.com": "twitter",
    "linkedin.com": "linkedin",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "instagram.com": "instagram",
    "youtube.com": "youtube",
    "github.com": "github",
    "bsky.app": "bluesky",
}
# Hosts with /@user paths that are not Mastodon-style servers.
_NOT_MASTODON_HOSTS = _words("medium.com tiktok.com threads.net threads.com")
_SHARE_SEGMENTS = _words(
    "intent share sharer sharer.php share.php sharearticle sharing dialog plugins"
)
_NOT_PROFILES = _words(
    """
    home search explore hashtag i settings login signup join about features pricing tos
    privacy legal help p reel reels stories accounts direct watch embed shorts results feed
    topics trending marketplace sponsors events groups
    """
)
_AUTHOR_NOISE = _words("admin administrator author by staff editor guest")


@dataclass(frozen=True)
class Contact:
    """One way to reach a site."""

    kind: str  # email | contact_page | about_page | social | author
    value: str  # address, absolute URL or name
    label: str = ""  # emails: generic | personal; social: the network; else ''


#: Elements marked as an author that are read: a page names a few authors, and tag soup
#: can nest thousands of such elements in one another.
MAX_AUTHOR_ELEMENTS = 20


def extract_contacts(
    root_or_html,
    page_url: str,
    page_site: str,
    *,
    site_of: Callable[[str], str] | None = None,
) -> list[Contact]:
    """All contacts on a page (an lxml element or HTML text), deduplicated, in a stable order."""
    root = _parse(root_or_html)
    if root is None:
        return []
    site_of = site_of or _default_site_of
    json_ld = list(_json_ld_nodes(root))
    text = _visible_text(root)
    raw_emails = [
        *_link_emails(root),
        *(email for node in json_ld for email in _strings(node.get("email"))),
        *_EMAIL_IN_TEXT.findall(text),
        *_obfuscated_emails(text),
    ]
    contacts = [
        Contact("email", email, email_label(email))
        for email in map(clean_email, raw_emails)
        if email
    ]
    pages, socials = [], []
    for anchor in root.iter("a"):
        url = _absolute(page_url, anchor.get("href"))
        if not url:
            continue
        link_site = site_of(url)
        if link_site == page_site:
            kind = looks_like_contact_url(url, visible_text(anchor))
            if kind:
                pages.append(Contact(kind, url))
        # Cheap pre-filter: only known networks and Mastodon-style /@user paths.
        elif link_site in _SOCIAL_HOSTS or "/@" in url:
            profile = social_profile(url)
            if profile:
                socials.append(Contact("social", profile[1], profile[0]))
    pages.sort(key=lambda c: c.kind != "contact_page")
    authors = [Contact("author", name) for name in _authors(root, json_ld)]
    return list(dict.fromkeys([*contacts, *pages, *socials, *authors]))


def pick_best_contact(contacts: list[Contact]) -> Contact | None:
    """The contact most worth writing to: personal email, generic email, contact page,
    social profile, about page; None when there is none of those."""
    ranked = [c for c in contacts if _rank(c) is not None]
    return min(ranked, key=_rank, default=None)


def looks_like_contact_url(url: str, anchor: str = "") -> str | None:
    """'contact_page' or 'about_page' when a URL's path or its anchor text names one."""
    path = unquote(urlsplit(url).path)
    segments = [_phrase(re.sub(r"\.(?:html?|php|aspx?|jsp)$", "", s)) for s in path.split("/")]
    names = {*segments, _phrase(anchor)}
    if names & _CONTACT_PHRASES:
        return "contact_page"
    if names & _ABOUT_PHRASES:
        return "about_page"
    return None


def social_profile(url: str) -> tuple[str, str] | None:
    """(network, profile URL) when ``url`` is a social profile, not a post or share link."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    host = host.removeprefix("mobile.")
    segments = [s for s in parts.path.split("/") if s]
    if not segments or _SHARE_SEGMENTS.intersection(s.lower() for s in segments):
        return None
    base = next((h for h in _SOCIAL_HOSTS if host == h or host.endswith("." + h)), None)
    first = segments[0].lower()
    if base is None:
        if (
            len(segments) == 1
            and re.fullmatch(r"@\w+(?:@[\w.-]+)?", segments[0])
            and host not in _NOT_MASTODON_HOSTS
        ):
            return "mastodon", f"https://{host}/{segments[0]}"
        return None
    network = _SOCIAL_HOSTS[base]
    if network == "linkedin":
        keep = 2 if first in ("in", "company") and len(segments) >= 2 else 0
    elif network == "youtube":
        keep = 1 if first.startswith("@") else 2 if first in ("channel", "c", "user") else 0
        keep = keep if len(segments) >= keep else 0
    elif network == "bluesky":
        keep = 2 if first == "profile" and len(segments) == 2 else 0
    elif network == "facebook":
        if first in ("pages", "people"):
            keep = min(len(segments), 3)
        else:
            keep = 1 if first == "profile.php" or not first.endswith(".php") else 0
            keep = keep if first not in _NOT_PROFILES else 0
    else:  # twitter, instagram, github: one segment, the user name
        keep = 1 if len(segments) == 1 and first not in _NOT_PROFILES else 0
    if not keep:
        return None
    query = f"?{parts.query}" if segments[0] == "profile.php" and parts.query else ""
    return network, f"https://{base}/{'/'.join(segments[:keep])}{query}"


def _rank(contact: Contact) -> int | None:
    if contact.kind == "email":
        return 0 if contact.label == "personal" else 1
    return {"contact_page": 2, "social": 3, "about_page": 4}.get(contact.kind)


def _parse(root_or_html):
    if not isinstance(root_or_html, str | bytes):
        return root_or_html
    try:
        return lxml.html.document_fromstring(root_or_html)
    except (etree.ParserError, ValueError):
        return None


def _absolute(page_url: str, href: str | None) -> str | None:
    href = (href or "").strip()
    try:
        url = urljoin(page_url, href).split("#", 1)[0] if href else ""
        return url if urlsplit(url).scheme in ("http", "https") else None
    except ValueError:  # e.g. "http://[::1": invalid URLs are skipped
        return None


def _visible_text(root) -> str:
    """Page text without scripts and styles; block elements separated by newlines."""
    parts: list[str] = []
    stack: list = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if item is not root:
            stack.append(item.tail or "")
        tag = item.tag if isinstance(item.tag, str) else None
        if tag is None or tag in _HIDDEN_TAGS:
            continue
        edge = "\n" if tag in _BLOCK_TAGS else ""
        stack.append(edge)
        stack.extend(reversed(item))
        stack.append(item.text or "")
        stack.append(edge)
    return "".join(parts)


def _json_ld_nodes(root) -> Iterator[dict]:
    """Every JSON object inside the page's JSON-LD scripts (@graph and lists included)."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                yield node
                stack.extend(reversed(list(node.values())))
            elif isinstance(node, list):
                stack.extend(reversed(node))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _authors(root, json_ld: list[dict]) -> Iterator[str]:
    names = []
    for meta in root.iter("meta"):
        if (meta.get("name") or "").strip().lower() == "author":
            names.append(meta.get("content") or "")
    for anchor in root.iter("a"):
        if "author" in (anchor.get("rel") or "").lower().split():
            names.append(visible_text(anchor))
    for node in json_ld:
        authors = node.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            name = author.get("name") if isinstance(author, dict) else author
            names.append(name if isinstance(name, str) else "")
    marked = (
        element
        for element in root.iter(etree.Element)
        if "author" in element.get("class", "").split()
        or "author" in element.get("itemprop", "").split()
    )
    for element in itertools.islice(marked, MAX_AUTHOR_ELEMENTS):  # each searches its subtree
        named = element.find(".//*[@itemprop='name']")
        names.append(element.get("content") or (named if named is not None else element))
    for name in names:
        name = _clean_name(name if isinstance(name, str) else visible_text(name))
        if name:
            yield name


def _clean_name(name: str) -> str:
    name = " ".join(name.split()).strip(" ,;:|·–-")
    name = re.sub(r"^by\s+", "", name, flags=re.I).strip()
    if (
        not name
        or len(name) > 80
        or len(name.split()) > 6
        or "@" in name
        or "://" in name
        or name.lower() in _AUTHOR_NOISE
    ):
        return ""
    return name


def _phrase(text: str) -> str:
    """Lower-case words without accents or punctuation, joined by single spaces."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


_CONTACT_PHRASES = frozenset(map(_phrase, CONTACT_PATH_WORDS))
_ABOUT_PHRASES = frozenset(map(_phrase, ABOUT_PATH_WORDS))


def _default_site_of(url: str) -> str:
    from linkprospector.reading.urls import site_of

    return site_of(url)
