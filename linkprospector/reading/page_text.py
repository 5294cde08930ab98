"""What a page is about and how recent it is: its visible text (for niche relevance) and
the newest date it states (for freshness), read from the parsed page with lxml."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

#: Characters of a page's text kept for ranking: plenty to say what a page is about,
#: little enough that storing every crawled page's text stays cheap.
TEXT_LIMIT = 6000
#: Elements whose text a reader never sees as the page's subject.
HIDDEN = ("script", "style", "noscript", "template", "svg", "nav", "footer", "head")
#: <meta> names and properties that carry a page's publication or update time.
DATE_META = (
    "article:modified_time",
    "article:published_time",
    "og:updated_time",
    "date",
    "dc.date",
    "dc.date.modified",
    "last-modified",
)
#: ISO dates and "Updated March 2024"-style dates in text; fixed-width groups, no nesting.
ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-([01]\d)-([0-3]\d)")
JSON_DATE = re.compile(r'"date(?:Modified|Published)"\s{0,3}:\s{0,3}"([^"]{8,40})"')
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
WORDED_DATE = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s{1,3}(?:[0-3]?\d(?:st|nd|rd|th)?,?\s{1,3})?((?:19|20)\d\d)\b"
)
UPDATED_WORD = re.compile(r"updated|modified|revised|aktualisiert|mis à jour|actualizado")


def page_text(root: Any, limit: int = TEXT_LIMIT) -> str:
    """The page's title and visible body text, whitespace collapsed, at most ``limit``
    characters (navigation, footers, scripts and styles left out)."""
    if root is None:
        return ""
    parts: list[str] = []
    size = 0
    title = root.findtext(".//title") or ""
    if title.strip():
        parts.append(title.strip())
        size += len(title)
    body = root.find("body")
    # An explicit stack, not iterancestors() per element: linear even on tag soup nested
    # thousands deep; a hidden element's whole subtree is skipped at once.
    stack = [body if body is not None else root]
    while stack and size < limit:
        element = stack.pop()
        if isinstance(element, str):  # a tail, queued after its element's subtree
            parts.append(element)
            size += len(element)
            continue
        if not isinstance(element.tag, str) or element.tag in HIDDEN:
            if element.tail and element.tail.strip():
                stack.append(element.tail.strip())
            continue
        if element.tail and element.tail.strip() and element is not body:
            stack.append(element.tail.strip())
        stack.extend(reversed(list(element)))
        if element.text and element.text.strip():
            parts.append(element.text.strip())
            size += len(element.text)
    return " ".join(" ".join(parts).split())[:limit]


def stated_dates(root: Any, text: str) -> list[datetime]:
    """Dates the page states about itself: <meta> times, <time datetime>, JSON-LD
    dateModified/datePublished, and dates written next to "updated" in its text."""
    found: list[str] = []
    if root is not None:
        for meta in root.iter("meta"):
            key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
            if key in DATE_META or key in ("datemodified", "datepublished"):
                found.append(meta.get("content") or "")
        found += [t.get("datetime") or "" for t in root.iter("time")]
        for script in root.iter("script"):
            if (script.get("type") or "").lower() == "application/ld+json" and script.text:
                found += JSON_DATE.findall(script.text[:20000])
    dates = [d for d in map(parse_date, found) if d is not None]
    lowered = (text or "").lower()
    for match in UPDATED_WORD.finditer(lowered):
        window = lowered[match.end() : match.end() + 40]
        iso = ISO_DATE.search(window)
        worded = WORDED_DATE.search(window)
        if iso:
            dates.append(_date(*map(int, iso.groups())))
        elif worded:
            dates.append(_date(int(worded.group(2)), MONTHS[worded.group(1)], 1))
    return [d for d in dates if d is not None]


def newest_date(root: Any, text: str, last_modified: str = "", now: datetime | None = None) -> str:
    """The newest date the page states or its Last-Modified header gives, as an ISO date
    (``""`` when none); dates after ``now`` are typos or countdowns and are ignored."""
    dates = stated_dates(root, text)
    header = parse_http_date(last_modified)
    if header is not None:
        dates.append(header)
    now = now or datetime.now(UTC)
    usable = [d for d in dates if d <= now]
    return max(usable).date().isoformat() if usable else ""


def parse_date(value: str) -> datetime | None:
    """An ISO date or date-time (as in <time datetime> and <meta>), in UTC, or None."""
    value = (value or "").strip()
    match = ISO_DATE.match(value)
    if not match:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return _date(*map(int, match.groups()))
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_http_date(value: str) -> datetime | None:
    """An HTTP date such as a Last-Modified header, or None."""
    try:
        parsed = parsedate_to_datetime((value or "").strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _date(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def page_dates_and_text(root: Any, response: Any, now: str) -> dict[str, str]:
    """The PageItem fields of this module: ``body_text``, ``last_modified``, ``dated``
    (``response`` needs only ``.headers.get``)."""
    text = page_text(root)
    raw = response.headers.get(b"Last-Modified") or b""
    header = raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)
    moment = datetime.fromisoformat(now.replace("Z", "+00:00")) if now else None
    return {
        "body_text": text,
        "last_modified": header,
        "dated": newest_date(root, text, header, moment),
    }
