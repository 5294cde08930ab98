"""Link lists that scripts load as JSON from the page's own site.

Pure functions, no Scrapy import: :func:`linkprospector.reading.rendering.needs_rendering`
renders a page whose inline script fetches (``fetch``, ``XMLHttpRequest``, axios, jQuery)
a same-site JSON file or link endpoint and writes it into the page. Scripts are read
with ``str.find`` and bounded walks, never a backtracking pattern: linear in their size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from linkprospector.reading.urls import registrable_domain

#: Calls that load data over the network (fetch, XMLHttpRequest, axios, jQuery, ky).
REQUEST_CALLS = (
    "fetch(",
    "XMLHttpRequest",
    "axios",
    "getJSON",
    ".ajax(",
    "$.get(",
    "ky.get(",
    "new Request(",
)
#: Calls that write what was loaded into the page.
DOM_WRITES = (
    "innerHTML",
    "insertAdjacentHTML",
    "appendChild",
    "append(",
    "createElement",
    "document.write",
    "replaceChildren",
    "outerHTML",
    "insertRow",
)
#: Words of JSON files and endpoints that hold no list of links for readers: search
#: indexes, translations, settings, manifests, feeds, carts, comments, statistics.
NOT_LINK_DATA_WORDS = frozenset(
    {
        "search",
        "index",
        "lunr",
        "fuse",
        "manifest",
        "i18n",
        "locale",
        "locales",
        "lang",
        "translations",
        "config",
        "settings",
        "package",
        "tsconfig",
        "feed",
        "cart",
        "comments",
        "stats",
        "analytics",
        "geo",
        "weather",
        "sw",
        "schema",
        "version",
        "user",
        "session",
        "token",
        "auth",
    }
)
#: Words of API endpoints (without ``.json``) that serve lists of links.
LINK_DATA_WORDS = frozenset(
    {
        "links",
        "link",
        "friends",
        "friend",
        "flink",
        "blogroll",
        "resources",
        "bookmarks",
        "sites",
        "directory",
        "partners",
        "liens",
        "enlaces",
    }
)
_URL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./~%+:")
_MAX_URL = 200
#: What comes right before a path written in a script: a quote, a backtick, or the ``}``
#: of a ``${base}`` in a template literal.
_OPENERS = frozenset("'\"`}")


def fetched_link_data(scripts: Iterable[str], page_host: str = "") -> list[str]:
    """Same-site JSON files and link endpoints that inline scripts load over the network
    and write into the page (``fetch('/data/links.json')`` then ``innerHTML``): the
    link list is in the page only once a browser has run them. Paths as written."""
    own = registrable_domain(page_host) if page_host else ""
    found: list[str] = []
    for body in scripts:
        if not any(call in body for call in REQUEST_CALLS):
            continue
        if not any(write in body for write in DOM_WRITES):
            continue
        for path in _paths(body):
            if _same_site(path, own) and _names_link_data(path) and path not in found:
                found.append(path)
    return found


def _paths(body: str) -> list[str]:
    """Paths around each ``.json``, ``/api/`` and ``/data/`` in ``body``: the run of URL
    characters that holds it. Each pass resumes after the last path and never reads back
    past it: linear in the size of the script."""
    paths = []
    for marker in (".json", "/api/", "/data/"):
        floor = 0
        start = body.find(marker)
        while start != -1:
            begin = start
            while begin > floor and start - begin < _MAX_URL and body[begin - 1] in _URL_CHARS:
                begin -= 1
            end = start + len(marker)
            while end < len(body) and end - start < _MAX_URL and body[end] in _URL_CHARS:
                end += 1
            path = body[begin:end]
            # a string literal (or the tail of a template literal), not ``r.json()``
            quoted = begin > 0 and body[begin - 1] in _OPENERS
            called = end < len(body) and body[end] == "("
            if quoted and not called and len(path) > len(marker) and path not in paths:
                paths.append(path)
            floor = end
            start = body.find(marker, end)
    return paths


def _same_site(path: str, own: str) -> bool:
    """A relative path, or an absolute URL on the page's own registrable domain."""
    if "//" not in path:
        return True
    host = path.split("//", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
    return bool(own) and registrable_domain(host) == own


def _names_link_data(path: str) -> bool:
    """A JSON file, or an ``/api/``/``/data/`` endpoint named for links, that is none of
    the data no reader sees as links (search indexes, translations, carts...)."""
    path = path.lower().split("//", 1)[-1]
    words = {w for w in re.split(r"[/\-_.:]+", path) if w}
    if words & NOT_LINK_DATA_WORDS:
        return False
    if path.endswith(".json"):
        return True
    return ("/api/" in path or "/data/" in path) and bool(words & LINK_DATA_WORDS)
