"""Search results to crawl seeds: parse the providers' JSON, drop what is not a
page worth crawling (search, tag, category and forum pages, social networks, video sites,
PDFs, our own and the competitors' domains), de-duplicate and cap per site."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from linkprospector.reading.urls import normalize_url, registrable_domain


@dataclass(frozen=True)
class SearchResult:
    url: str
    title: str = ""
    snippet: str = ""
    engine: str = ""


class BadSearchAnswer(ValueError):
    """The provider's body is not the JSON it documents."""


def parse_searxng(body: bytes) -> list[SearchResult]:
    """SearXNG's ``format=json``: ``results[].url, title, content, engine``."""
    data = _json(body)
    results = data.get("results")
    if not isinstance(results, list):
        raise BadSearchAnswer("no results list in SearXNG's answer")
    return [
        SearchResult(str(r["url"]), str(r.get("title") or ""), str(r.get("content") or ""),
                     str(r.get("engine") or ""))
        for r in results
        if isinstance(r, dict) and isinstance(r.get("url"), str)
    ]  # fmt: skip


def parse_brave(body: bytes) -> tuple[list[SearchResult], bool | None]:
    """Brave's web search: ``web.results[].url, title, description``; and whether it says
    more results are available (``query.more_results_available``; None: not said)."""
    data = _json(body)
    web = data.get("web") or {}
    results = web.get("results", []) if isinstance(web, dict) else []
    if not isinstance(results, list):
        raise BadSearchAnswer("web.results is not a list in Brave's answer")
    more = (data.get("query") or {}).get("more_results_available")
    parsed = [
        SearchResult(str(r["url"]), str(r.get("title") or ""), str(r.get("description") or ""))
        for r in results
        if isinstance(r, dict) and isinstance(r.get("url"), str)
    ]
    return parsed, more if isinstance(more, bool) else None


def _json(body: bytes) -> dict:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadSearchAnswer(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise BadSearchAnswer("not a JSON object")
    return data


SOCIAL = {
    "facebook.com", "twitter.com", "x.com", "instagram.com", "linkedin.com", "pinterest.com",
    "reddit.com", "tiktok.com", "quora.com", "threads.net", "mastodon.social", "tumblr.com",
    "vk.com", "weibo.com", "snapchat.com", "telegram.org", "t.me", "discord.com",
}  # fmt: skip
VIDEO = {"youtube.com", "youtu.be", "vimeo.com", "dailymotion.com", "twitch.tv", "rumble.com"}
SEARCH = {"google.com", "bing.com", "duckduckgo.com", "yahoo.com", "yandex.ru", "baidu.com",
          "search.brave.com", "startpage.com", "ecosia.org"}  # fmt: skip
ARCHIVES = {"amazon.com", "ebay.com", "wikipedia.org", "archive.org"}
JUNK_PATHS = (
    ("search", re.compile(r"/(search|suche|buscar|recherche)(/|$|\?)|[?&](s|q|query|search)=")),
    ("tag", re.compile(r"/(tag|tags|etiqueta|schlagwort)/")),
    ("category", re.compile(r"/(category|categories|kategorie|categoria|rubrique)/")),
    ("forum", re.compile(r"/(forums?|threads?|topics?|community/t|board)/|viewtopic|showthread")),
    ("archive", re.compile(r"/page/\d+/?$|/\d{4}/\d{2}/?$")),
)  # fmt: skip
DOCUMENTS = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|rtf|odt|epub)$", re.IGNORECASE)


def junk_reason(url: str) -> str | None:
    """Why a result is not crawled as a seed (None: it is)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not_web"
    domain = registrable_domain(parts.hostname) or parts.hostname
    for reason, domains in (("social", SOCIAL), ("video", VIDEO), ("search_engine", SEARCH),
                            ("marketplace", ARCHIVES)):  # fmt: skip
        if domain in domains or parts.hostname in domains:
            return reason
    if DOCUMENTS.search(parts.path):
        return "document"
    target = parts.path.lower() + ("?" + parts.query.lower() if parts.query else "")
    for reason, pattern in JUNK_PATHS:
        if pattern.search(target):
            return reason
    return None


@dataclass(frozen=True)
class Seed:
    url: str
    query: str  # the query that found it first
    rank: int  # its position in that query's results (1 = first)


def select_seeds(
    found: list[tuple[str, list[str]]],
    exclude_domains: set[str],
    per_site: int = 2,
) -> tuple[list[Seed], Counter[str]]:
    """Seeds from ``[(query, [result URLs in rank order]), ...]``: normalised,
    de-duplicated, junk and excluded domains dropped, at most ``per_site`` per
    registrable domain. Returns the seeds and how many results were dropped, by reason."""
    seeds: list[Seed] = []
    dropped: Counter[str] = Counter()
    seen: set[str] = set()
    per_domain: Counter[str] = Counter()
    excluded = {d.lower().removeprefix("www.") for d in exclude_domains}
    for query, urls in found:
        for rank, raw in enumerate(urls, 1):
            url = normalize_url(raw)
            if url is None:
                dropped["invalid"] += 1
                continue
            if url in seen:
                dropped["duplicate"] += 1
                continue
            seen.add(url)
            host = urlsplit(url).hostname or ""
            domain = registrable_domain(host) or host
            if domain in excluded or host in excluded:
                dropped["excluded_domain"] += 1
                continue
            reason = junk_reason(url)
            if reason is not None:
                dropped[reason] += 1
                continue
            if per_domain[domain] >= per_site:
                dropped["per_site_cap"] += 1
                continue
            per_domain[domain] += 1
            seeds.append(Seed(url, query, rank))
    return seeds, dropped
