"""Link lists that scripts build: which URLs and containers in a raw page say so.

Pure functions, no Scrapy import; :func:`linkprospector.reading.rendering.needs_rendering` uses
them to decide on rendering. Analytics, tag managers, JSON-LD, consent and social
widgets mention URLs and fill containers too: they are left out by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import re2

from linkprospector.reading.urls import registrable_domain

# Patterns that scan markup to a closing tag run on RE2 (linear time): with Python's
# engine every unclosed <script> rescans the rest of the page (quadratic).
SCRIPT_TAG_RE = re2.compile(r"(?is)<script\b([^>]*)>(.*?)</script\s*>")
SCRIPT_SRC_RE = re.compile(r"\bsrc\s*=", re.I)
SCRIPT_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
#: Script types whose URLs describe the page rather than list links.
METADATA_SCRIPT_TYPES = frozenset({"application/ld+json", "speculationrules", "importmap"})
#: Other sites whose URLs inline scripts mention and no raw link carries: this many make
#: a page worth rendering, however many navigation links it has.
SCRIPT_TARGETS_MIN = 3
#: Hosts that scripts mention without listing links: analytics, tag managers, consent,
#: social and comment widgets, CDNs, fonts, captchas, schema vocabularies.
WIDGET_HOSTS = (
    "google-analytics.com",
    "googletagmanager.com",
    "googlesyndication.com",
    "googleadservices.com",
    "doubleclick.net",
    "google.com",
    "gstatic.com",
    "googleapis.com",
    "recaptcha.net",
    "hcaptcha.com",
    "facebook.net",
    "facebook.com",
    "fbcdn.net",
    "twitter.com",
    "x.com",
    "twimg.com",
    "linkedin.com",
    "licdn.com",
    "pinterest.com",
    "instagram.com",
    "youtube.com",
    "ytimg.com",
    "vimeo.com",
    "disqus.com",
    "disquscdn.com",
    "addthis.com",
    "sharethis.com",
    "cookiebot.com",
    "onetrust.com",
    "cookielaw.org",
    "cookiepro.com",
    "usercentrics.eu",
    "quantcast.com",
    "consensu.org",
    "trustarc.com",
    "hotjar.com",
    "clarity.ms",
    "bing.com",
    "matomo.cloud",
    "plausible.io",
    "segment.com",
    "segment.io",
    "mixpanel.com",
    "amplitude.com",
    "newrelic.com",
    "nr-data.net",
    "sentry.io",
    "sentry-cdn.com",
    "cloudflare.com",
    "cloudflareinsights.com",
    "jsdelivr.net",
    "unpkg.com",
    "cdnjs.com",
    "jquery.com",
    "bootstrapcdn.com",
    "fontawesome.com",
    "typekit.net",
    "schema.org",
    "w3.org",
    "gravatar.com",
    "wp.com",
    "s.w.org",
    "hubspot.com",
    "hs-scripts.com",
    "intercom.io",
    "zendesk.com",
    "stripe.com",
    "paypal.com",
    "tiktok.com",
    "snapchat.com",
    "reddit.com",
    "redditstatic.com",
    "amazon-adsystem.com",
    "criteo.com",
    "taboola.com",
    "outbrain.com",
    # site builders' and CDNs' own asset and API hosts
    "parastorage.com",
    "wixstatic.com",
    "wix.com",
    "wixapps.net",
    "squarespace.com",
    "squarespace-cdn.com",
    "sqspcdn.com",
    "shopify.com",
    "shopifycdn.com",
    "shopifysvc.com",
    "myshopify.com",
    "weebly.com",
    "editmysite.com",
    "webflow.com",
    "website-files.com",
    "ghost.io",
    "wordpress.com",
    "wordpress.org",
    "bigcommerce.com",
    "akamaized.net",
    "akamaihd.net",
    "cloudfront.net",
    "azureedge.net",
    "fastly.net",
    "b-cdn.net",
    "imgix.net",
    "cloudinary.com",
    "amazonaws.com",
    "github.io",
    "githubusercontent.com",
)
#: Parts of ids and classes of containers that widgets, ads and consent tools fill.
WIDGET_NAME_PARTS = (
    "cookie",
    "consent",
    "gdpr",
    "disqus",
    "comment",
    "fb-root",
    "ad-",
    "ads",
    "advert",
    "gpt",
    "banner",
    "captcha",
    "recaptcha",
    "tweet",
    "twitter",
    "share",
    "social",
    "newsletter",
    "chat",
    "intercom",
    "hubspot",
    "toast",
    "modal",
    "popup",
    "player",
    "video",
    "map",
    "search",
    "cart",
    "notification",
    "chart",
    "graph",
    "calendar",
    "slider",
    "carousel",
    "gallery",
    "weather",
    "countdown",
    "timer",
    "rating",
    "review",
    "widget",
    "menu",
    "nav",
)
LIST_TAGS = frozenset({"ul", "ol", "dl", "tbody", "table"})
#: Parts of the names of lists that hold links (an empty one is filled by a script).
LIST_NAME_PARTS = ("link", "resource", "director", "bookmark", "liens", "enlace", "risors")
#: Names too generic to tie a container to a script (CSS framework classes).
GENERIC_NAMES = frozenset(
    {
        "row",
        "col",
        "container",
        "clearfix",
        "wrapper",
        "content",
        "inner",
        "outer",
        "hidden",
        "active",
        "clear",
        "spacer",
        "divider",
        "section",
        "block",
        "main",
        "page",
        "empty",
    }
)
SCRIPT_SRC_TAG_RE = re.compile(r"<script\b[^<>]*\bsrc\s*=", re.I)
_ABSOLUTE_URL_RE = re.compile(r"""https?:(?:\\?/){2}[^\s'"`<>()\[\]{},;|^]+""", re.I)
_ASSET_RE = re.compile(
    r"\.(?:js|mjs|css|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf|eot|map|json|mp4|webm"
    r"|mp3)$",
    re.I,
)
#: An element with an id or class holding nothing but comments (its closing tag is
#: group 3: RE2 has no back-references). On Python's engine the comment loop
#: backtracked exponentially in the number of comments after a container.
_EMPTY_CONTAINER_RE = re2.compile(
    r"(?is)<(ul|ol|dl|tbody|table|div|section)\b([^>]*\b(?:id|class)\s*=[^>]*)>\s*"
    r"(?:<!--.*?-->\s*)*</(ul|ol|dl|tbody|table|div|section)\s*>"
)
_ID_CLASS_RE = re.compile(r"""\b(?:id|class)\s*=\s*["']?([^"'>]+)""", re.I)
#: "Loading…" placeholders (lower-cased), in several languages.
PLACEHOLDER_GATES = ("loading", "lade", "chargement", "cargando", "caricamento", "carregando")
_LOADING = r"(?:loading|lade|wird geladen|chargement|cargando|caricamento|carregando)"
#: "Loading links…" and the like, anywhere.
_PLACEHOLDER_RE = re.compile(
    r">\s*" + _LOADING + r"\s+(?:the\s+)?(?:links|link list|resources|list|liste|links werden"
    r"|lista|enlaces|liens|recursos|ressources|risorse|collegamenti)\b[^<]{0,20}<"
)
#: A bare "Loading…" as the only item of a list or table.
_LIST_PLACEHOLDER_RE = re.compile(
    r"<(ul|ol|tbody|dl)\b[^<>]*>\s*<(?:li|tr|dt|dd)\b[^<>]*>\s*(?:<td\b[^<>]*>\s*)?"
    + _LOADING
    + r"\s*(?:\.\.\.|…|\.)?\s*<"
)


def inline_scripts(html: str) -> list[str]:
    """Bodies of the page's inline scripts, metadata (JSON-LD) left out; JSON data blocks
    (``type="application/json"``) are kept: scripts build lists from them."""
    bodies = []
    for match in SCRIPT_TAG_RE.finditer(html):
        attrs, body = match.group(1), match.group(2)
        if not body or SCRIPT_SRC_RE.search(attrs):
            continue
        kind = SCRIPT_TYPE_RE.search(attrs)
        if kind and kind.group(1).lower() in METADATA_SCRIPT_TYPES:
            continue
        bodies.append(body)
    return bodies


def script_link_targets(scripts: Iterable[str], page_host: str = "") -> set[str]:
    """Absolute URLs of other sites that inline scripts mention, as a reader would follow
    them: not the page's own site, widget and analytics hosts, or asset files."""
    own = registrable_domain(page_host)
    found = set()
    for body in scripts:
        if "http" not in body:
            continue
        for raw in _ABSOLUTE_URL_RE.findall(body):
            url = raw.replace("\\/", "/").replace("\\u002f", "/").replace("\\u002F", "/")
            parts = urlsplit(url)
            host = (parts.hostname or "").lower() if parts.netloc else ""
            if not host or "." not in host or (own and registrable_domain(host) == own):
                continue
            if any(host == w or host.endswith("." + w) for w in WIDGET_HOSTS):
                continue
            if _ASSET_RE.search(parts.path):
                continue
            found.add(_comparable_url(url))
    return found


def script_filled_container(html: str, scripts: list[str]) -> bool:
    """A container that the page's scripts fill with its link list: an empty element
    whose id or class an inline script names, an empty list named like a link list on a
    page that loads scripts, or a "Loading links…" placeholder."""
    if not scripts and not SCRIPT_SRC_TAG_RE.search(html):
        return False
    code = "\n".join(scripts)
    for match in _EMPTY_CONTAINER_RE.finditer(html):
        tag, names = match.group(1).lower(), _names_of(match.group(2))
        if match.group(3).lower() != tag:
            continue
        names = [n for n in names if len(n) >= 4 and n.lower() not in GENERIC_NAMES]
        if not names or any(_is_widget_name(name) for name in names):
            continue
        if any(_named_in(code, name) for name in names):
            return True
        if tag in LIST_TAGS and any(part in n.lower() for n in names for part in LIST_NAME_PARTS):
            return True
    lowered = html.lower()
    if any(word in lowered for word in PLACEHOLDER_GATES):
        return bool(_PLACEHOLDER_RE.search(lowered) or _LIST_PLACEHOLDER_RE.search(lowered))
    return False


def _names_of(attrs: str) -> list[str]:
    names = []
    for value in _ID_CLASS_RE.findall(attrs):
        names += value.split()
    return [n for n in names if n]


def _named_in(code: str, name: str) -> bool:
    return any(pattern in code for pattern in (f"'{name}'", f'"{name}"', f"#{name}", f".{name}"))


def _is_widget_name(name: str) -> bool:
    name = name.lower()
    return any(part in name for part in WIDGET_NAME_PARTS)


def _comparable_url(url: str) -> str:
    return url.split("#", 1)[0].rstrip("/").lower().replace("://www.", "://")


def comparable_urls(urls: Iterable[str]) -> set[str]:
    return {_comparable_url(u) for u in urls}
