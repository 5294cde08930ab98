"""Search providers behind one interface: how to ask, how to read the answer.

Pure: :func:`search_request` gives the URL and headers of one results page;
:func:`interpret` turns an HTTP answer into results or a one-line problem, saying whether
to retry (and after how long) or to stop asking this provider for the run.

- SearXNG JSON API: ``GET /search?q=…&format=json&pageno=N`` (N from 1).
- Brave Search API: ``GET …/res/v1/web/search?q=…&count=20&offset=N`` (N from 0), key in
  ``X-Subscription-Token``; ``X-RateLimit-*`` headers give per-second and per-month limits
  as comma-separated pairs (``1, 2000``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from linkprospector.discovery.search_results import (
    BadSearchAnswer,
    SearchResult,
    parse_brave,
    parse_searxng,
)

BRAVE_URL = "https://api.search.brave.com/res/v1/web/search"
BRAVE_COUNT = 20
BRAVE_MAX_OFFSET = 9  # Brave serves at most 10 pages of a query
RETRY_AFTER_CAP = 60.0


@dataclass(frozen=True)
class Provider:
    name: str  # "searxng" or "brave"
    url: str  # SearXNG's base URL, or Brave's endpoint
    api_key: str = ""


@dataclass
class Answer:
    results: list[SearchResult] = field(default_factory=list)
    more: bool = False  # another page is worth asking for
    problem: str = ""  # one line for the user ("" when fine)
    retry: bool = False  # ask again, after ``retry_after`` seconds (None: back off)
    retry_after: float | None = None
    stop: bool = False  # stop asking this provider in this run (bad key, format off, quota)
    wait: float = 0.0  # seconds to wait before the next request to this provider


def search_request(provider: Provider, query: str, page: int) -> tuple[str, dict[str, str]]:
    """URL and headers for results page ``page`` (1 = first) of ``query``."""
    if provider.name == "searxng":
        base = provider.url.rstrip("/")
        url = f"{base}/search?{urlencode({'q': query, 'format': 'json', 'pageno': page})}"
        return url, {"Accept": "application/json"}
    url = f"{provider.url}?{urlencode({'q': query, 'count': BRAVE_COUNT, 'offset': page - 1})}"
    return url, {"Accept": "application/json", "X-Subscription-Token": provider.api_key}


def interpret(
    provider: Provider, status: int, headers: dict[str, str], body: bytes, page: int
) -> Answer:
    """What an answer means (``headers`` with lower-case names)."""
    if provider.name == "searxng":
        return _searxng(provider, status, headers, body)
    return _brave(status, headers, body, page)


def _searxng(provider: Provider, status: int, headers: dict[str, str], body: bytes) -> Answer:
    where = provider.url.rstrip("/")
    if status == 200:
        try:
            results = parse_searxng(body)
        except BadSearchAnswer as exc:
            return Answer(problem=f"SearXNG at {where} did not answer with its JSON ({exc})")
        return Answer(results=results, more=bool(results))
    if status == 403:
        return Answer(
            stop=True,
            problem=(
                f"SearXNG at {where} refused format=json (HTTP 403): its JSON API is switched "
                "off; add json to search.formats in its settings.yml (formats: [html, json]) "
                "and restart it"
            ),
        )
    if status == 429:
        delay = _retry_after(headers)
        return Answer(
            retry=True,
            retry_after=delay,
            problem=f"SearXNG's limiter at {where} refused us (HTTP 429): "
            + (f"waiting {delay:.0f} s as it asks" if delay is not None else "backing off"),
        )
    return Answer(problem=f"SearXNG at {where} answered HTTP {status}")


def _brave(status: int, headers: dict[str, str], body: bytes, page: int) -> Answer:
    wait = brave_wait(headers)
    if status == 200:
        try:
            results, more = parse_brave(body)
        except BadSearchAnswer as exc:
            return Answer(problem=f"Brave Search did not answer with its JSON ({exc})", wait=wait)
        if more is None:
            more = len(results) >= BRAVE_COUNT
        return Answer(results=results, more=more and page - 1 < BRAVE_MAX_OFFSET, wait=wait)
    code, detail = _brave_error(body)
    if status in (401, 403):
        return Answer(
            stop=True,
            problem=(
                f"Brave Search rejected the API key (HTTP {status}{', ' + code if code else ''})"
                ": check BRAVE_API_KEY (https://api-dashboard.search.brave.com)"
            ),
        )
    if status == 422:
        return Answer(
            problem="Brave Search could not take the query (HTTP 422"
            + (f": {detail})" if detail else ")"),
            wait=wait,
        )
    if status == 429:
        if "QUOTA" in code.upper() or _pair(headers.get("x-ratelimit-remaining"))[1] == 0:
            return Answer(
                stop=True,
                problem=(
                    f"Brave Search quota is used up (HTTP 429{', ' + code if code else ''}): "
                    "no more searches until it resets; nothing else was affected"
                ),
            )
        delay = _retry_after(headers) or _pair(headers.get("x-ratelimit-reset"))[0] or 1.0
        delay = min(float(delay), RETRY_AFTER_CAP)
        return Answer(
            retry=True,
            retry_after=delay,
            problem=f"Brave Search rate limit (HTTP 429, {code or 'RATE_LIMITED'}): "
            f"waiting {delay:.0f} s",
        )
    return Answer(problem=f"Brave Search answered HTTP {status}", wait=wait)


def brave_wait(headers: dict[str, str]) -> float:
    """Seconds before the next Brave request: the per-second window's reset when none is
    left in it, else one request per second at the plan's rate."""
    limit = _pair(headers.get("x-ratelimit-limit"))[0]
    remaining = _pair(headers.get("x-ratelimit-remaining"))[0]
    reset = _pair(headers.get("x-ratelimit-reset"))[0]
    if remaining == 0 and reset:
        return min(float(reset), RETRY_AFTER_CAP)
    return 1.0 / limit if limit else 1.0


def _pair(value: str | None) -> tuple[int | None, int | None]:
    """``"1, 2000"`` → (1, 2000); missing parts are None."""
    if not value:
        return None, None
    parts = []
    for item in value.split(",")[:2]:
        try:
            parts.append(int(float(item.strip())))
        except ValueError:
            parts.append(None)
    parts += [None] * (2 - len(parts))
    return parts[0], parts[1]


def _retry_after(headers: dict[str, str]) -> float | None:
    value = headers.get("retry-after", "").strip()
    try:
        return min(max(float(value), 0.0), RETRY_AFTER_CAP) if value else None
    except ValueError:
        return None


def _brave_error(body: bytes) -> tuple[str, str]:
    """(code, detail) of Brave's ``{"type": "ErrorResponse", "error": {...}}``."""
    try:
        error = json.loads(body.decode("utf-8")).get("error") or {}
    except (UnicodeDecodeError, ValueError, AttributeError):
        return "", ""
    if not isinstance(error, dict):
        return "", ""
    return str(error.get("code") or ""), str(error.get("detail") or "")[:160]
