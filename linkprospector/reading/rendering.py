"""JavaScript rendering: when a page needs a browser, which browser, how to launch it.

Pure functions, no Scrapy import. The Scrapy glue is in :mod:`linkprospector.crawl.browser`.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import re2

from linkprospector.reading.script_data import fetched_link_data
from linkprospector.reading.script_links import (
    METADATA_SCRIPT_TYPES,
    SCRIPT_SRC_RE,
    SCRIPT_TAG_RE,
    SCRIPT_TARGETS_MIN,
    SCRIPT_TYPE_RE,
    comparable_urls,
    inline_scripts,
    script_filled_container,
    script_link_targets,
)
from linkprospector.reading.urls import site_of

RENDER_MODES = ("auto", "always", "never")

#: ids (and custom elements) that single-page apps mount into.
APP_ROOT_IDS = (
    "root",
    "app",
    "__next",
    "__nuxt",
    "___gatsby",
    "svelte",
    "react-root",
    "app-root",
    "main-app",
    "application",
    "ember-app",
    "q-app",
)
APP_ROOT_TAGS = ("app-root", "my-app", "ng-app")

#: <noscript> phrases that say the page is built by JavaScript.
NOSCRIPT_HINTS = (
    "enable javascript",
    "javascript enabled",
    "javascript is required",
    "javascript is disabled",
    "requires javascript",
    "require javascript",
    "need javascript",
    "needs javascript",
    "turn on javascript",
    "javascript must be enabled",
    "activate javascript",
    "javascript to run this app",
    "javascript to view",
)

#: A page with at most this many links is "thin" enough to suspect client-side rendering.
FEW_LINKS = 5
#: URL mentions inside inline scripts that count as "links only inside scripts".
SCRIPT_LINKS_MIN = 3
#: Inline script characters that count as a large script payload on their own.
LARGE_INLINE_SCRIPT = 100_000
#: Visible text below this many characters, with external scripts, is an empty shell.
SHELL_TEXT_MAX = 200

#: Flags that make Chromium behave on servers, in containers and as root, and keep it
#: from phoning home (this machine and many servers refuse Google's hosts).
SERVER_FLAGS = (
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
)

#: Browser executables looked for on PATH, in this order.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

#: Where Playwright keeps its own downloads (relative to its browsers folder).
PLAYWRIGHT_BROWSER_GLOBS = (
    "chromium-*/chrome-linux*/chrome",
    "chromium_headless_shell-*/chrome-*linux*/chrome-headless-shell",
    "chromium_headless_shell-*/chrome-linux/headless_shell",
    "chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
    "chromium-*/chrome-win*/chrome.exe",
)

#: Resource types a link checker never needs; the browser does not fetch them.
BLOCKED_RESOURCE_TYPES = frozenset({"image", "font", "media", "stylesheet", "manifest"})

BROWSER_HELP = (
    "install Chromium (Debian/Ubuntu: apt-get install chromium; elsewhere: "
    "playwright install chromium) or set LINKPROSPECTOR_BROWSER=/path/to/chrome"
)

# Element and comment scans run on RE2 (linear time; see script_links.SCRIPT_TAG_RE).
_NOSCRIPT_RE = re2.compile(r"(?is)<noscript\b[^>]*>(.*?)</noscript\s*>")
_STYLE_RE = re2.compile(r"(?is)<style\b[^>]*>.*?</style\s*>")
_COMMENT_RE = re2.compile(r"(?s)<!--.*?-->")
_TAG_RE = re.compile(r"<[^<>]+>")  # [^<>]: a run of "<" must not rescan the page
_URL_IN_SCRIPT_RE = re.compile(
    r"""(?:https?:)?//[a-z0-9][a-z0-9.-]*\.[a-z]{2,}|href\s*[=:]""", re.I
)
#: An empty mount point; on RE2, so the closing tag is a group of its own (``end``, or
#: ``custom_end``) that must name the opening one.
_APP_ROOT_RE = re2.compile(
    r"(?is)<(?P<tag>div|main|section|span)\b[^>]*\bid\s*=\s*[\"']?(?:"
    + "|".join(re.escape(i) for i in APP_ROOT_IDS)
    + r")(?:[\"'\s][^>]*)?>\s*(?:<!--.*?-->\s*)*</(?P<end>div|main|section|span)\s*>"
    r"|<(?P<custom>"
    + "|".join(re.escape(t) for t in APP_ROOT_TAGS)
    + r")\b[^>]*>\s*</(?P<custom_end>"
    + "|".join(re.escape(t) for t in APP_ROOT_TAGS)
    + r")\s*>"
)


@dataclass
class ScriptStats:
    """What the scripts of a raw HTML page look like."""

    inline_chars: int = 0
    external: int = 0
    link_mentions: int = 0
    visible_text_chars: int = 0
    noscript_text: list[str] = field(default_factory=list)


def script_stats(html: str) -> ScriptStats:
    """Measure inline/external scripts, URL mentions in scripts and visible text."""
    stats = ScriptStats()
    for attrs, body in SCRIPT_TAG_RE.findall(html):
        if SCRIPT_SRC_RE.search(attrs):
            stats.external += 1
            continue
        kind = SCRIPT_TYPE_RE.search(attrs)
        if kind and kind.group(1).lower() in METADATA_SCRIPT_TYPES:
            continue
        stats.inline_chars += len(body)
        stats.link_mentions += len(_URL_IN_SCRIPT_RE.findall(body))
    stats.noscript_text = [_TAG_RE.sub(" ", text) for text in _NOSCRIPT_RE.findall(html)]
    text = _NOSCRIPT_RE.sub(
        " ", SCRIPT_TAG_RE.sub(" ", _STYLE_RE.sub(" ", _COMMENT_RE.sub("", html)))
    )
    stats.visible_text_chars = len(" ".join(_TAG_RE.sub(" ", text).split()))
    return stats


def has_empty_app_root(html: str) -> bool:
    """True when the page has an empty mount point such as ``<div id="root"></div>``."""
    for match in _APP_ROOT_RE.finditer(html):
        opening, closing = match.group("tag") or match.group("custom"), match.group("end")
        if (opening or "").lower() == (closing or match.group("custom_end") or "").lower():
            return True
    return False


def noscript_hint(texts: Iterable[str]) -> bool:
    """True when a <noscript> text asks the reader to enable JavaScript."""
    for text in texts:
        words = " ".join(text.lower().split())
        if any(hint in words for hint in NOSCRIPT_HINTS):
            return True
    return False


def needs_rendering(
    html: str,
    links_found: int,
    *,
    few_links: int = FEW_LINKS,
    raw_links: Iterable[str] = (),
    page_url: str = "",
) -> str | None:
    """Why a raw HTML page should be rendered in a browser, or None.

    ``links_found`` is how many links the raw HTML gave and ``raw_links`` their URLs.
    Whatever the number of navigation links: ``links_in_scripts`` when inline scripts
    mention at least :data:`SCRIPT_TARGETS_MIN` URLs of other sites that no raw link
    carries (analytics, tag managers, consent and social widgets, CDNs and assets left
    out), ``script_container`` when an empty list or a "Loading…" placeholder is there
    for a script to fill, ``fetched_json`` when an inline script loads a same-site JSON
    file or link endpoint (fetch, XMLHttpRequest, axios, jQuery) and writes it into the
    page. On thin pages also: ``empty_app_root``, ``links_in_scripts``,
    ``noscript_hint``, ``script_heavy``.
    """
    if links_found <= few_links * 4:  # more: a real link list was rendered on the server
        stats = script_stats(html)
        if has_empty_app_root(html) and links_found <= few_links:
            return "empty_app_root"
        if links_found <= few_links and stats.link_mentions >= max(SCRIPT_LINKS_MIN, links_found):
            return "links_in_scripts"
        if links_found <= few_links and noscript_hint(stats.noscript_text):
            return "noscript_hint"
        if links_found <= few_links and (
            stats.inline_chars >= LARGE_INLINE_SCRIPT
            or (stats.external and stats.visible_text_chars < SHELL_TEXT_MAX)
            or (len(html) >= 10_000 and stats.inline_chars >= 0.6 * len(html))
        ):
            return "script_heavy"
    if "<script" in html or "<SCRIPT" in html:
        scripts = inline_scripts(html)
        page_host = (urlsplit(page_url).hostname or "") if page_url else ""
        targets = script_link_targets(scripts, page_host) - comparable_urls(raw_links)
        if len({site_of(url) for url in targets}) >= SCRIPT_TARGETS_MIN:
            return "links_in_scripts"
        if script_filled_container(html, scripts):
            return "script_container"
        if fetched_link_data(scripts, page_host):
            return "fetched_json"
    return None


def render_reason(
    mode: str, host: str, render_domains: Iterable[str], raw_reason: str | None
) -> str | None:
    """Why a page on ``host`` is rendered under ``mode``, or None when it is not."""
    if mode == "never":
        return None
    if mode == "always":
        return "always"
    if domain_listed(host, render_domains):
        return "domain"
    return raw_reason


def domain_listed(host: str, domains: Iterable[str]) -> bool:
    """True when ``host`` is one of ``domains`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def parse_domains(value: object) -> tuple[str, ...]:
    """Comma/space-separated domains, lower case, without scheme, path or ``www.``."""
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else re.split(r"[,\s]+", str(value))
    domains: list[str] = []
    for item in items:
        text = str(item).strip().lower()
        if "://" in text:
            text = text.split("://", 1)[1]
        text = text.split("/", 1)[0].split(":", 1)[0].rstrip(".")
        text = text.removeprefix("www.")
        if text and text not in domains:
            domains.append(text)
    return tuple(domains)


# -- browser ---------------------------------------------------------------------------


class BrowserNotFound(Exception):
    """No usable browser; the message is one line for the user."""


def playwright_browsers_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where ``playwright install`` puts browsers (honours PLAYWRIGHT_BROWSERS_PATH)."""
    env = os.environ if env is None else env
    custom = env.get("PLAYWRIGHT_BROWSERS_PATH")
    if custom and custom != "0":
        return Path(custom).expanduser()
    return Path(env.get("HOME", "~")).expanduser() / ".cache" / "ms-playwright"


def find_browser(
    configured: str | None = None,
    *,
    which: Callable[[str], str | None] = shutil.which,
    browsers_dir: Path | None = None,
    is_executable: Callable[[str], bool] | None = None,
) -> str:
    """Path of the browser to drive: the configured one, one on PATH, or Playwright's own.

    Raises :class:`BrowserNotFound` with a one-line message when there is none.
    """
    executable = is_executable or (lambda p: os.path.isfile(p) and os.access(p, os.X_OK))
    if configured:
        found = which(configured) if os.sep not in configured else None
        path = found or str(Path(configured).expanduser())
        if not executable(path):
            raise BrowserNotFound(f"LINKPROSPECTOR_BROWSER={configured} is not an executable")
        return path
    for name in BROWSER_NAMES:
        found = which(name)
        if found:
            return found
    folder = browsers_dir if browsers_dir is not None else playwright_browsers_dir()
    for pattern in PLAYWRIGHT_BROWSER_GLOBS:
        for candidate in sorted(folder.glob(pattern), reverse=True):
            if executable(str(candidate)):
                return str(candidate)
    raise BrowserNotFound(f"no browser for JavaScript rendering found: {BROWSER_HELP}")


def host_resolver_rules(host_map: Mapping[str, str | None]) -> str:
    """Chromium ``--host-resolver-rules`` equivalent to a LINKPROSPECTOR_HOST_MAP.

    ``"host": "IP:PORT"`` becomes ``MAP host IP:PORT``, ``None`` becomes
    ``MAP host ~NOTFOUND``; the ``"*"`` fallback comes last.
    """
    rules: list[str] = []
    fallback: str | None = None
    for host, target in host_map.items():
        value = "~NOTFOUND" if target is None else str(target)
        if host == "*":
            fallback = f"MAP * {value}"
        else:
            rules.append(f"MAP {host} {value}")
    if fallback:
        rules.append(fallback)
    return ", ".join(rules)


def launch_options(
    executable: str, host_map: Mapping[str, str | None] | None = None
) -> dict[str, object]:
    """PLAYWRIGHT_LAUNCH_OPTIONS: headless, server-safe flags, host mapping if any."""
    args = list(SERVER_FLAGS)
    if host_map:
        args.append(f"--host-resolver-rules={host_resolver_rules(host_map)}")
    return {"executable_path": executable, "headless": True, "args": args}


def browser_problem(
    mode: str, render_domains: Iterable[str], browser_error: str | None, configured: bool = False
) -> str:
    """The one-line error for a crawl that must render but has no browser ("" if fine).

    In ``auto`` mode a missing browser is only an error when it was configured
    explicitly; otherwise pages that need rendering are parsed raw, with a warning.
    """
    if browser_error is None or mode == "never":
        return ""
    if mode == "always" or tuple(render_domains) or configured:
        return browser_error
    return ""


#: Chromium ``net::ERR_*`` codes (lower case, without the prefix) -> observation error.
BROWSER_NET_ERRORS = (
    ("name_not_resolved", "dns"),
    ("name_resolution_failed", "dns_temporary"),
    ("connection_refused", "refused"),
    ("connection_timed_out", "timeout"),
    ("timed_out", "timeout"),
    ("cert_", "tls"),
    ("ssl_", "tls"),
    ("bad_ssl", "tls"),
    ("address_unreachable", "unreachable"),
    ("network_unreachable", "unreachable"),
    ("internet_disconnected", "network_down"),
    ("network_changed", "network_down"),
    ("too_many_redirects", "too_many_redirects"),
    ("connection_reset", "reset"),
    ("connection_closed", "reset"),
    ("connection_aborted", "reset"),
    ("empty_response", "reset"),
    ("invalid_response", "reset"),
    ("address_invalid", "dns"),
)


def browser_error_kind(text: str) -> str | None:
    """Observation error name for a Playwright/Chromium error text, or None if not one."""
    text = text.lower()
    code = re.search(r"net::err_([a-z0-9_]+)", text)
    if code:
        name = code.group(1)
        return next(
            (kind for prefix, kind in BROWSER_NET_ERRORS if name.startswith(prefix)), "error"
        )
    if "timeout" in text and "exceeded" in text:  # Playwright's own navigation timeout
        return "timeout"
    return None
