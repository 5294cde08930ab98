"""Crawler traps and URL shapes (pure): calendars, repeating segments, session ids,
month-by-month date walks, endless query variants, links to non-HTML files."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

from linkprospector.reading.urls import (
    CALENDAR_YEARS,
    MAX_PATH_LENGTH,
    MAX_PATH_SEGMENTS,
    MAX_URL_LENGTH,
)

SESSION_QUERY_KEYS = frozenset(
    {
        "sid", "sess", "sessid", "session", "session_id", "sessionid", "phpsessid",
        "jsessionid", "aspsessionid", "cfid", "cftoken",
    }
)  # fmt: skip
SESSION_PATH_RE = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=|/\(s\([a-z0-9]+\)\)", re.I)
CALENDAR_PATH_WORDS = frozenset(
    {"calendar", "cal", "events", "event", "agenda", "schedule", "day", "month", "year"}
)
CALENDAR_QUERY_WORDS = ("year", "yr", "month", "date", "day")
# A year, optionally with month and day: 2087, 2087-01, 2087-01-31.
DATE_RE = re.compile(r"^([12]\d{3})(-(?:0?[1-9]|1[0-2])(?:-(?:0?[1-9]|[12]\d|3[01]))?)?$")
MONTH_RE = re.compile(r"^(?:0?[1-9]|1[0-2])$")

NON_HTML_EXTENSIONS = frozenset(
    {
        # images
        "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "avif", "heic",
        "psd", "eps", "ai",
        # archives, installers, disk images
        "zip", "gz", "tgz", "bz2", "xz", "tar", "rar", "7z", "exe", "dmg", "msi", "pkg", "deb",
        "rpm", "apk", "iso", "img", "bin", "jar",
        # audio and video
        "mp3", "mp4", "m4a", "m4v", "avi", "mov", "mkv", "wav", "ogg", "oga", "ogv", "flac",
        "aac", "webm", "wmv", "flv", "mpg", "mpeg",
        # web assets and feeds
        "css", "js", "mjs", "map", "json", "xml", "rss", "atom", "woff", "woff2", "ttf", "otf",
        "eot",
        # documents and data
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "csv",
        "txt", "epub", "mobi",
    }
)  # fmt: skip

# Trimmed from both ends (WHATWG: C0 controls and space), removed everywhere (tab, newline).


def trap_reason(url: str) -> str | None:
    """Why a URL looks like a crawler trap (too_long, repeating_segments, ...), else None."""
    try:
        parts = urlsplit(url)
    except (ValueError, TypeError):
        return None
    if len(url) > MAX_URL_LENGTH or len(parts.path) > MAX_PATH_LENGTH:
        return "too_long"
    segments = [s.lower() for s in parts.path.split("/") if s]
    if _has_repeats(segments):
        return "repeating_segments"
    if len(segments) > MAX_PATH_SEGMENTS:
        return "too_deep"
    query = parse_qsl(parts.query, keep_blank_values=True)
    if SESSION_PATH_RE.search(parts.path) or any(k.lower() in SESSION_QUERY_KEYS for k, _ in query):
        return "session_id"
    if _is_calendar(segments, query):
        return "calendar"
    return None


#: Pages of one date-shaped path (a year, then months or days) crawled per site at most:
#: a calendar that links to the next month forever is a trap within any year range.
MAX_DATE_WALK_PAGES = 12
_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")
_DAY_RE = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])$")


def date_walk_key(url: str) -> str | None:
    """The URL with its date parts masked (``/events/2026/12/`` -> ``/events/#y/#m/``),
    when it has a year followed by a month (or a year-month segment, or a date in a
    calendar-like query); None for any other URL. Pages sharing a key walk a calendar."""
    try:
        parts = urlsplit(url)
    except (ValueError, TypeError):
        return None
    segments = parts.path.split("/")
    masked, dated = [], False
    i = 0
    while i < len(segments):
        segment = segments[i].lower()
        match = DATE_RE.match(segment)
        if match and _YEAR_RE.match(match.group(1)):
            if match.group(2):  # 2026-12 or 2026-12-01 in one segment
                masked.append("#date")
                dated = True
            elif i + 1 < len(segments) and MONTH_RE.match(segments[i + 1]):
                masked += ["#y", "#m"]
                dated = True
                i += 1
                if i + 1 < len(segments) and _DAY_RE.match(segments[i + 1]):
                    masked.append("#d")
                    i += 1
            else:
                masked.append(segment)
        else:
            masked.append(segment)
        i += 1
    query = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if DATE_RE.match(value.strip()) and any(w in key.lower() for w in CALENDAR_QUERY_WORDS):
            query.append(f"{key}=#")
            dated = True
        else:
            query.append(f"{key}={value}")
    if not dated:
        return None
    return f"{parts.hostname}{'/'.join(masked)}?{'&'.join(query)}"


def _has_repeats(segments: list[str]) -> bool:
    """A segment three times, or a run of 2–3 segments repeated back to back."""
    if any(n >= 3 for n in Counter(segments).values()):
        return True
    for size in (2, 3):
        for i in range(len(segments) - 2 * size + 1):
            if segments[i : i + size] == segments[i + size : i + 2 * size]:
                return True
    return False


def _is_calendar(segments: list[str], query: list[tuple[str, str]]) -> bool:
    """Calendar-style navigation to a year outside CALENDAR_YEARS."""
    for key, value in query:
        match = DATE_RE.match(value.strip())
        if match and _far_year(match) and any(w in key.lower() for w in CALENDAR_QUERY_WORDS):
            return True
    calendar_words = any(s in CALENDAR_PATH_WORDS for s in segments)
    for i, segment in enumerate(segments):
        match = DATE_RE.match(segment)
        if not match or not _far_year(match):
            continue
        month_follows = i + 1 < len(segments) and MONTH_RE.match(segments[i + 1])
        if calendar_words or month_follows or match.group(2):
            return True
    return False


def _far_year(match: re.Match[str]) -> bool:
    """True when the year in a DATE_RE match lies outside CALENDAR_YEARS."""
    return int(match.group(1)) not in CALENDAR_YEARS


def looks_like_non_html(url: str) -> bool:
    """True when the path ends in a file extension that is clearly not a web page."""
    try:
        path = urlsplit(url).path
    except (ValueError, TypeError):
        return False
    name = path.rpartition("/")[2].partition(";")[0]
    return "." in name and name.rpartition(".")[2].lower() in NON_HTML_EXTENSIONS


def strip_query_variants_key(url: str) -> str:
    """The URL without query and fragment, to count query variants of one path."""
    return url.partition("#")[0].partition("?")[0]
