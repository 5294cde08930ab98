"""URL normalisation, site identity and crawl-trap heuristics: pure functions, no Scrapy."""

from __future__ import annotations

import codecs
import functools
import html
import ipaddress
import re
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

import idna
import tldextract
from w3lib.url import safe_url_string

MAX_URL_LENGTH = 2048
MAX_PATH_LENGTH = 1024
MAX_PATH_SEGMENTS = 12
CALENDAR_YEARS = range(1995, 2036)  # 1995–2035 inclusive
HTTP_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}
LOCAL_HOSTS = frozenset({"localhost"})

# Reasons why an href gives no crawlable URL (see normalize_or_reason).
REASON_EMPTY = "empty"
REASON_NON_HTTP = "non_http"
REASON_TOO_LONG = "too_long"
REASON_INVALID = "invalid_url"

_EDGE_CHARS = "".join(map(chr, range(0x21)))
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
# RFC 3986 appendix B; faster than urlsplit and never raises.
_URI_RE = re.compile(r"^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?", re.S)
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_LABEL_RE = re.compile(r"^[a-z0-9_-]{1,63}$")  # browsers accept "_" and edge hyphens
_IPV4_PART_RE = re.compile(r"^(?:0[xX][0-9a-fA-F]*|[0-9]+)$")
# Characters that safe_url_string leaves alone; a URL made only of them needs no quoting.
_SAFE_URL_RE = re.compile(r"^[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*$")
#: The one public-suffix reader of the project: the bundled snapshot only (no network);
#: ".test" is a suffix for the loopback test and demo webs.
_EXTRACT = tldextract.TLDExtract(
    cache_dir=None, suffix_list_urls=(), include_psl_private_domains=True, extra_suffixes=("test",)
)


def domain_and_suffix(host: str) -> tuple[str, str]:
    """(registrable label, public suffix) of a host: ``("example", "co.uk")``."""
    parts = _EXTRACT(host)
    return parts.domain, parts.suffix


def normalize_url(href: str, base: str | None = None) -> str | None:
    """Absolute, canonical http(s) URL for an href, or None when it is not one."""
    return normalize_or_reason(href, base)[0]


def normalize_or_reason(
    href: str, base: str | None = None, *, encoding: str = "utf-8", parsed: bool = False
) -> tuple[str | None, str]:
    """(URL, "") or (None, reason): reason is empty, non_http, too_long or invalid_url.

    As a browser resolves a link: the query is percent-encoded in the page's
    ``encoding`` (the path always in UTF-8). ``parsed``: ``href`` is an attribute value
    the HTML parser already decoded, so character references in it are data, not markup
    (``&amp;amp;`` in the page is ``&amp;`` in the URL the reader follows).
    """
    if not isinstance(href, str) or not (base is None or isinstance(base, str)):
        return None, REASON_INVALID
    try:
        return _normalize(href, base, encoding, parsed)
    except (ValueError, UnicodeError, TypeError, LookupError):
        return None, REASON_INVALID


def _normalize(href: str, base: str | None, encoding: str, parsed: bool) -> tuple[str | None, str]:
    href = _clean(href, unescape=not parsed)
    if not href:
        return None, REASON_EMPTY
    if len(href) > MAX_URL_LENGTH:
        return None, REASON_TOO_LONG
    explicit = _SCHEME_RE.match(href) if ":" in href else None
    if explicit and explicit.group(1).lower() not in HTTP_SCHEMES:
        return None, REASON_NON_HTTP
    if base and not (explicit and href.startswith("//", explicit.end())):
        href = _join(base, href)
    raw_scheme, netloc, path, query = _URI_RE.match(href).groups()  # type: ignore[union-attr]
    scheme = (raw_scheme or "").lower()
    if scheme not in HTTP_SCHEMES:
        return None, REASON_NON_HTTP if scheme else REASON_INVALID
    netloc = _canonical_netloc(scheme, netloc or "")
    if not netloc:
        return None, REASON_INVALID
    url = f"{scheme}://{netloc}{_remove_dot_segments(path or '/')}"
    if query:
        url += "?" + query
    if "@" in netloc or not _SAFE_URL_RE.match(url):  # safe_url_string quotes userinfo too
        url = safe_url_string(url, encoding=_query_encoding(encoding))
    if len(url) > MAX_URL_LENGTH:
        return None, REASON_TOO_LONG
    return url, ""


def _join(base: str, href: str) -> str:
    """RFC 3986 reference resolution, by string operations for the common cases (fast)."""
    b = _split_base(base)
    if b.scheme not in HTTP_SCHEMES or not b.netloc or _SCHEME_RE.match(href):
        return urljoin(urlunsplit(b), href)
    origin = f"{b.scheme}://{b.netloc}"
    if href.startswith("//"):
        return f"{b.scheme}:{href}"
    if href[0] == "/":
        return origin + href
    if href[0] == "?":
        return f"{origin}{b.path}{href}"
    if href[0] == "#":
        return f"{origin}{b.path}?{b.query}" if b.query else origin + b.path
    return f"{origin}{b.path[: b.path.rfind('/') + 1] or '/'}{href}"


@functools.lru_cache(maxsize=1024)
def _split_base(base: str) -> SplitResult:
    return urlsplit(_clean(base))


@functools.lru_cache(maxsize=100_000)
def _canonical_netloc(scheme: str, netloc: str) -> str:
    """userinfo@host:port with punycode host and no default port; "" when invalid."""
    try:
        parts = urlsplit(f"//{netloc}")
        host = _canonical_host(parts.hostname or "")
        port = parts.port  # ValueError for junk or out-of-range ports
    except ValueError:
        return ""
    if not host or port == 0:
        return ""
    userinfo = netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    return netloc


@functools.lru_cache(maxsize=64)
def _query_encoding(encoding: str) -> str:
    """The codec a browser encodes a page's query strings in (UTF-8 for UTF-16 pages)."""
    try:
        name = codecs.lookup(encoding or "utf-8").name
    except LookupError:
        return "utf-8"
    return "utf-8" if name.startswith("utf") else name


def _clean(href: str, unescape: bool = True) -> str:
    """Trim ASCII whitespace and controls as browsers do (in a parsed href a trailing
    no-break space stays part of the URL); in raw text also unescape leftover entities
    and trim any whitespace; drop tabs/newlines; backslashes to slashes."""
    if unescape and "&" in href:
        # Only entities with a semicolon: "&copy=1" in a query must stay as it is.
        href = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), href)
    href = href.strip(_EDGE_CHARS)
    if unescape:  # raw text (a seeds file): any whitespace around it is not the URL's
        href = href.strip()
    if "\t" in href or "\n" in href or "\r" in href:
        href = href.translate(_TAB_NEWLINE)
    if "\\" in href:
        # Browsers read "\" as "/" in http(s) URLs before the query.
        cut = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
        href = href[:cut].replace("\\", "/") + href[cut:]
    return href


@functools.lru_cache(maxsize=100_000)
def _canonical_host(host: str) -> str:
    """Lower-case ASCII (punycode) host, IPv4/IPv6 in canonical form, or "" when invalid."""
    host = host.lower()
    if ":" in host:
        try:
            return f"[{ipaddress.IPv6Address(host).compressed}]" if "%" not in host else ""
        except ValueError:
            return ""
    if host.endswith("."):
        host = host[:-1]
    if not host.isascii():
        host = _to_punycode(host)
    labels = host.split(".")
    if not host or len(host) > 253 or not all(_LABEL_RE.match(label) for label in labels):
        return ""
    if _IPV4_PART_RE.match(labels[-1]):
        return _parse_ipv4(labels)
    return host


def _to_punycode(host: str) -> str:
    """IDNA 2008 (UTS 46) with IDNA 2003 as a fallback; "" when neither accepts the host."""
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        pass
    try:
        return host.encode("idna").decode("ascii").lower()
    except (UnicodeError, ValueError):
        return ""


def _parse_ipv4(labels: list[str]) -> str:
    """WHATWG IPv4 parser (accepts hex, octal, short forms) to dotted quad, or "" if invalid."""
    if len(labels) > 4 or not all(_IPV4_PART_RE.match(label) for label in labels):
        return ""
    numbers = []
    for label in labels:
        if label[:2].lower() == "0x":
            numbers.append(int(label[2:] or "0", 16))
        elif len(label) > 1 and label.startswith("0"):
            if any(c in "89" for c in label):
                return ""
            numbers.append(int(label, 8))
        else:
            numbers.append(int(label))
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return ""
    value = numbers[-1] + sum(n << (8 * (3 - i)) for i, n in enumerate(numbers[:-1]))
    return str(ipaddress.IPv4Address(value))


def _remove_dot_segments(path: str) -> str:
    """Resolve "." and ".." segments (RFC 3986 5.2.4) in an absolute path."""
    if "/." not in path:
        return path
    segments = path.split("/")
    out: list[str] = []
    for segment in segments[1:]:
        if segment == "..":
            if out:
                out.pop()
        elif segment != ".":
            out.append(segment)
    if segments[-1] in (".", ".."):
        out.append("")
    return "/" + "/".join(out)


def host_of(url: str) -> str:
    """Lower-case host of a URL without port (IPv6 without brackets); "" if none."""
    start = url.find("://") if isinstance(url, str) else -1
    if start > 0:
        # Fast path for the plain absolute URLs the crawler handles by the thousand.
        netloc = url[start + 3 :]
        for stop in "/?#":
            cut = netloc.find(stop)
            if cut >= 0:
                netloc = netloc[:cut]
        if netloc and not any(c in netloc for c in "@[]\\%"):
            return netloc.rsplit(":", 1)[0].lower() if ":" in netloc else netloc.lower()
    try:
        return (urlsplit(url).hostname or "").lower()
    except (ValueError, TypeError):
        return ""


@functools.lru_cache(maxsize=100_000)
def registrable_domain(host: str) -> str:
    """Public-suffix-aware site of a host; unknown suffixes count as the last label."""
    host = host.strip().lower().strip("[]").rstrip(".")
    if not host or host in LOCAL_HOSTS:
        return host
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    parts = _EXTRACT(host)
    if parts.suffix:
        return f"{parts.domain}.{parts.suffix}" if parts.domain else host
    return ".".join(host.split(".")[-2:])


def site_of(url: str) -> str:
    """Registrable domain of a URL's host."""
    return registrable_domain(host_of(url))
