"""Where a redirect sent a deep link: pure functions, no Scrapy.

One rule about the destination, not a list of paths: a URL that was not itself a site's
home (in any spelling) and ends on a home page was sent home, which search engines and
people read as "this page is gone" (``redirect_home``). A home page in any spelling is a
site root (``/``), its index file (``/index.html``, ``/default.aspx``, ``/home``), or a
locale root (``/en/``, ``/en-us/``, ``/pt_BR/index.html``): so ``/en/index.html`` → ``/``,
``/en-gb`` → ``/en-gb/``, www/bare, http→https and trailing slashes are not "sent home",
while ``/products/old`` → ``/en-us/`` is.

A link shortener or redirector sends its deep links to other sites' pages, home pages
included (``bit.ly/x`` → ``shop.example/``). Landing on the shortener's *own* home page
(``bit.ly/x`` → ``bitly.com/``) is ``redirect_home``; landing on another site's home page
is only suspect (``redirector_home``): the shortener's answer for a nonsense link (the
soft-404 probe) tells its "no such link" page from the target the link was made for.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from linkprospector.judge.soft404_words import HOME_PATHS, SHORTENER_HOSTS
from linkprospector.reading.urls import registrable_domain

#: One path segment naming a locale: a language or country code, with a region or script
#: (en, de, en-us, pt_BR, es-419, zh-hans).
_LOCALE = re.compile(r"^[a-z]{2}(?:[-_](?:[a-z]{2}|\d{3}|hans|hant|latn|cyrl))?$")
_REDIRECTOR_PATH = re.compile(
    r"(?:^|/)(?:go|out|outbound|redirect|redir|link|links|click|track|ref|refer|aff|affiliate"
    r"|recommends|visit|exit|external|jump)(?:/|$|\.php|\.asp)",
    re.I,
)
_REDIRECTOR_QUERY = re.compile(r"(?:^|&)(?:url|u|to|target|dest|destination|link|goto)=", re.I)


def is_home_path(path: str) -> bool:
    """Is ``path`` a site's home in some spelling: root, index file, or locale root?"""
    path = (path or "/").lower()
    if path in HOME_PATHS:
        return True
    parts = [part for part in path.split("/") if part]
    if parts and "/" + parts[-1] in HOME_PATHS:
        parts.pop()  # /en/index.html, /de/home
    return not parts or (len(parts) == 1 and bool(_LOCALE.match(parts[0])))


def is_redirector(url: str) -> bool:
    """A link shortener or a redirect script (``/go/…``, ``/out?url=…``)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return (
        host in SHORTENER_HOSTS
        or bool(_REDIRECTOR_PATH.search(parts.path))
        or bool(_REDIRECTOR_QUERY.search(parts.query))
    )


def redirect_home_signal(url: str, final_url: str) -> str | None:
    """``redirect_home`` (strong), ``redirector_home`` (for the probe), or None."""
    orig, final = urlsplit(url), urlsplit(final_url)
    if is_home_path(orig.path) or not is_home_path(final.path):
        return None
    orig_host, final_host = orig.hostname or "", final.hostname or ""
    if orig_host != final_host and is_redirector(url) and not _own_site(orig_host, final_host):
        return "redirector_home"
    return "redirect_home"


def _own_site(shortener: str, host: str) -> bool:
    """Is ``host`` the shortener's own site: its domain, or its brand under a common
    suffix (bit.ly → bitly.com, youtu.be → youtube.com)?"""
    short, site = registrable_domain(shortener), registrable_domain(host)
    return short == site or short.replace(".", "") == site.split(".")[0]
