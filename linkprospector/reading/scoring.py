"""Resource-page scoring: pure functions, no Scrapy imports.

A resource page ("Useful gardening links", a blogroll, 友情链接, "Liens utiles") is a
curated list: most of its main content is *entries*, short blocks whose main content is
an outbound link (its anchor plus at most about a sentence of description; see
:mod:`linkprospector.reading.link_structure`). An article that mentions links has them in
prose; a publication list has citations; an archive or news page has dated lines; a
personal page has a few links beside its text. The score combines how many entries the
main content holds, how much of its text they are and how many sites they name; what
the page calls itself (title, H1, URL words, in many languages) supports a score but
never decides it alone. Each contribution comes with a human-readable reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from linkprospector.reading.extract import ExtractedLink
from linkprospector.reading.link_structure import WORD_SPLIT, EntryReading, read_entries

RESOURCE_THRESHOLD = 0.5

# Phrases that name a resource page, matched on word boundaries (longest first wins;
# phrases in scripts written without spaces match anywhere).
RESOURCE_KEYWORDS = (
    # English
    "resources",
    "resource list",
    "resource guide",
    "resource page",
    "links",
    "link list",
    "useful links",
    "helpful links",
    "useful sites",
    "helpful sites",
    "useful websites",
    "helpful websites",
    "recommended sites",
    "recommended links",
    "recommended reading",
    "further reading",
    "related sites",
    "other sites",
    "directory",
    "blogroll",
    "linkroll",
    "friend links",
    "link exchange",
    "webring",
    # French, Spanish, Portuguese, Italian, German, Dutch
    "ressources",
    "liens",
    "liens utiles",
    "sites amis",
    "recursos",
    "enlaces",
    "enlaces útiles",
    "enlaces de interés",
    "links útiles",
    "links de interés",
    "links úteis",
    "sites amigos",
    "risorse",
    "link utili",
    "collegamenti",
    "siti amici",
    "nützliche links",
    "weiterführende links",
    "linksammlung",
    "linkliste",
    "nuttige links",
    # Polish, Czech, Swedish, Norwegian, Danish, Russian, Turkish, Indonesian
    "przydatne linki",
    "linki",
    "odkazy",
    "užitečné odkazy",
    "länkar",
    "lenker",
    "nyttige links",
    "ссылки",
    "полезные ссылки",
    "faydalı linkler",
    "bağlantılar",
    "tautan",
    # Chinese, Japanese, Korean
    "友情链接",
    "友情鏈接",
    "友链",
    "友鏈",
    "链接",
    "相互リンク",
    "友情リンク",
    "リンク集",
    "リンク",
    "링크",
    "블로그롤",
    "추천 사이트",
)
_SPACELESS_SCRIPT_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# URL path words of pages that list things for sale, log in, or archive by tag.
NON_RESOURCE_PATH_WORDS = (
    "shop",
    "store",
    "product",
    "products",
    "cart",
    "basket",
    "checkout",
    "login",
    "signin",
    "register",
    "account",
    "tag",
    "tags",
    "category",
    "search",
)
#: Titles of pages that list coverage or sponsors, not resources for readers.
NON_RESOURCE_TITLE_WORDS = (
    "press",
    "in the press",
    "press coverage",
    "press releases",
    "media coverage",
    "in the news",
    "as seen in",
    "featured in",
    "awards",
    "our sponsors",
    "presse",
    "pressespiegel",
    "prensa",
)

MIN_MAIN_DOMAINS = 3  # below this the page cannot be a resource page
LOW_DOMAIN_CAP = 0.2
#: Entries from which a list counts (blogrolls and friend links included); one fewer
#: will do when the page names itself a list of links.
MIN_ENTRIES = 5
#: A page that names itself a list of links and is mostly entries (MIN_COVERAGE) is one
#: with as few entries as this, on as many sites: a friend-links page of two friends,
#: "Useful links" with two links. Real short link pages are this small; an article or
#: a home page that calls itself "links" is not mostly entries.
MIN_ENTRIES_SHORT_LIST = 2
#: Entries (and sites) from which a page that names itself a list of links is one even
#: when a long introduction or how-to-apply section leaves the entries a small share of
#: the main text (MIN_COVERAGE_LONG_LIST): a directory of fifteen friend sites followed
#: by the rules for getting listed.
LONG_LIST_ENTRIES = 8
MIN_COVERAGE_LONG_LIST = 0.15
#: Share of the main text in entries from which entries are "most of" the page; a page
#: that names itself a list of links needs MIN_COVERAGE_NAMED.
MIN_COVERAGE = 0.5
MIN_COVERAGE_NAMED = 0.3
#: The score of a page that fails one of the tests above stays below the threshold.
NOT_A_LIST_CAP = 0.45

_TITLE_WEIGHT = 0.15
_H1_WEIGHT = 0.1
_URL_WEIGHT = 0.1
_KEYWORD_CAP = 0.2
_ENTRY_WEIGHT = 0.3
_ENTRIES_FOR_FULL = 8
_COVERAGE_WEIGHT = 0.4
_COVERAGE_FOR_FULL = 0.6
_SITE_WEIGHT = 0.1
_SITES_FOR_FULL = 10
_NON_RESOURCE_PENALTY = 0.35
_KIND_PLURALS = {"card or line": "cards or lines"}


@dataclass(frozen=True)
class ResourceFeatures:
    """What scoring looks at, gathered from one page."""

    url: str
    title: str = ""
    h1: str = ""
    main_external_domains: int = 0
    boilerplate_external_domains: int = 0
    total_links: int = 0
    #: what the main content holds (None: the page had no HTML tree to read)
    entries: EntryReading | None = None


def resource_features(
    root,
    page_url: str,
    links: list[ExtractedLink],
    page_site: str,
    *,
    site_of: Callable[[str], str] | None = None,
) -> ResourceFeatures:
    """Gather scoring features from a parsed page (``root`` may be None) and its links."""
    site_of = site_of or _default_site_of
    main: set[str] = set()
    boilerplate: set[str] = set()
    for link in links:
        site = site_of(link.url)
        if not site or site == page_site:
            continue
        # Comment authors' links (rel=ugc) are not the page's own recommendations.
        if link.placement == "main" and "ugc" not in link.rel.split():
            main.add(site)
        else:
            boilerplate.add(site)
    title = h1 = ""
    entries = None
    if root is not None:
        title = _text(root.find(".//title"))
        h1 = _text(root.find(".//h1"))
        entries = read_entries(root, page_url, page_site, site_of)
    return ResourceFeatures(
        url=page_url,
        title=title,
        h1=h1,
        main_external_domains=len(main),
        boilerplate_external_domains=len(boilerplate - main),
        total_links=len(links),
        entries=entries,
    )


def score_resource_page(f: ResourceFeatures) -> tuple[float, list[str]]:
    """Score a page 0–1 as a resource page, with the reasons for the score."""
    reasons: list[str] = []
    keyword_score = 0.0
    for where, text, weight in (("title", f.title, _TITLE_WEIGHT), ("H1", f.h1, _H1_WEIGHT)):
        keyword = find_keyword(text, RESOURCE_KEYWORDS)
        if keyword:
            keyword_score += weight
            reasons.append(f"{where} mentions '{keyword}'")
    path_words = url_path_words(f.url)
    keyword = find_keyword(path_words, RESOURCE_KEYWORDS)
    if keyword:
        keyword_score += _URL_WEIGHT
        reasons.append(f"URL path contains '{keyword}'")
    named = keyword_score > 0
    score = min(keyword_score, _KEYWORD_CAP)
    if f.main_external_domains:
        reasons.append(
            f"links to {_count(f.main_external_domains, 'external domain')} from main content"
        )
    if f.boilerplate_external_domains:
        reasons.append(
            f"links to {_count(f.boilerplate_external_domains, 'external domain')} from "
            "nav/header/footer/sidebar (not counted)"
        )
    short_list = named and _is_short_list(f.entries)
    cap, why = _list_score(f.entries, named, reasons)
    score += cap
    negative = find_keyword(path_words, NON_RESOURCE_PATH_WORDS)
    if negative:
        score -= _NON_RESOURCE_PENALTY
        reasons.append(f"URL path contains '{negative}' (shop, login or archive page)")
    press = find_keyword(f"{f.title} | {f.h1}", NON_RESOURCE_TITLE_WORDS)
    if press:
        score -= _NON_RESOURCE_PENALTY
        reasons.append(f"title or H1 says '{press}' (coverage, not resources)")
    min_domains = MIN_ENTRIES_SHORT_LIST if short_list else MIN_MAIN_DOMAINS
    if f.main_external_domains < min_domains and score >= LOW_DOMAIN_CAP:
        score = LOW_DOMAIN_CAP
        reasons.append(
            f"only {_count(f.main_external_domains, 'external domain')} in main content "
            f"(score capped at {LOW_DOMAIN_CAP})"
        )
    elif why and score > NOT_A_LIST_CAP:
        score = NOT_A_LIST_CAP
        reasons.append(f"{why} (score capped at {NOT_A_LIST_CAP})")
    elif why:
        reasons.append(why)
    return round(min(max(score, 0.0), 1.0), 3), reasons


def _list_score(e: EntryReading | None, named: bool, reasons: list[str]) -> tuple[float, str]:
    """Points for the entries of the main content, and why the page is no list ("" if
    it is one)."""
    if e is None:
        return 0.0, "no HTML to read entries from"
    sites = len(e.entry_sites)
    short_list = named and _is_short_list(e)
    # A page that names itself a list of links and holds little else is a list however
    # short; anywhere else a page of one or two links is "all entries" too, so coverage
    # counts once there is a list.
    needed = MIN_ENTRIES_SHORT_LIST if short_list else MIN_ENTRIES - 1 if named else MIN_ENTRIES
    score = _ENTRY_WEIGHT * _ramp(e.entries, _ENTRIES_FOR_FULL)
    score += _COVERAGE_WEIGHT * _ramp(e.coverage, _COVERAGE_FOR_FULL) * _ramp(e.entries, needed)
    score += _SITE_WEIGHT * _ramp(sites - 1, _SITES_FOR_FULL - 1)
    if e.entries:
        kinds = ", ".join(
            _count(n, kind, _KIND_PLURALS.get(kind, "")) for kind, n in e.kinds.most_common()
        )
        reasons.append(
            f"{_count(e.entries, 'entry', 'entries')} (a link plus at most a sentence) to "
            f"{_count(sites, 'site')}: {kinds}"
        )
        reasons.append(f"entries are {e.coverage:.0%} of the main text")
    if e.prose_blocks:
        reasons.append(
            f"{_count(e.prose_blocks, 'block')} of prose with outbound links (not entries)"
        )
    if e.citations:
        reasons.append(f"{_count(e.citations, 'citation')} (authors, year, venue)")
    if e.profile_entries:
        reasons.append(
            f"{_count(e.profile_entries, 'link')} to profiles (GitHub, LinkedIn, …) "
            "or to the site's own accounts elsewhere"
        )
    if e.dated:
        reasons.append(f"{_count(e.dated, 'date')} in entries or text")
    dated_sites = named and e.home_entries * 2 >= e.entries  # a blogroll noting dates added
    if e.dated >= 3 and e.dated * 2 >= e.entries and not dated_sites:
        return score, "most entries are dated: an archive, news or teaching list"
    if e.profile_entries * 2 >= e.entries > 0:
        return score, "most entries are the author's profiles: a personal page"
    if e.citations >= 3 and e.citations * 2 >= e.entries:
        return score, "citations, not entries: a publication list"
    if e.entries < needed:
        return score, f"fewer than {needed} entries: not a list"
    long_list = named and e.entries >= LONG_LIST_ENTRIES and sites >= LONG_LIST_ENTRIES
    if long_list and e.coverage >= MIN_COVERAGE_LONG_LIST:
        return score, ""
    if e.coverage < (MIN_COVERAGE_NAMED if named else MIN_COVERAGE):
        return score, (
            f"entries are only {e.coverage:.0%} of the main text: links in an article or "
            "page, not a list"
        )
    return score, ""


def _is_short_list(e: EntryReading | None) -> bool:
    """A few entries on as many sites that are most of the main text, outnumbering the
    blocks of prose around them: what a short links page looks like once it names itself
    one."""
    return (
        e is not None
        and e.entries >= MIN_ENTRIES_SHORT_LIST
        and len(e.entry_sites) >= MIN_ENTRIES_SHORT_LIST
        and e.coverage >= MIN_COVERAGE
        and e.prose_blocks < e.entries
        and not e.citations
        and e.profile_entries * 2 < e.entries
    )


def is_resource_page(score: float) -> bool:
    """True when a score from `score_resource_page` marks a resource page."""
    return score >= RESOURCE_THRESHOLD


def find_keyword(text: str, keywords: Iterable[str]) -> str | None:
    """The longest of ``keywords`` found in ``text`` on word boundaries, or None."""
    text = " ".join(text.lower().split())
    if not text:
        return None
    for keyword, pattern in _keyword_patterns(tuple(keywords)):
        if keyword in text and (pattern is None or pattern.search(text)):
            return keyword
    return None


@functools.lru_cache(maxsize=16)
def _keyword_patterns(keywords: tuple[str, ...]) -> list[tuple[str, re.Pattern | None]]:
    """Keywords longest first, each with its word-boundary pattern (None for phrases in
    scripts written without spaces, matched anywhere)."""
    return [
        (k, None if _SPACELESS_SCRIPT_RE.search(k) else re.compile(rf"(?<!\w){re.escape(k)}(?!\w)"))
        for k in sorted(keywords, key=len, reverse=True)
    ]


def url_path_words(url: str) -> str:
    """The words of a URL's path, split on / - _ . and joined by spaces."""
    path = unquote(urlsplit(url).path)
    return " ".join(word for word in WORD_SPLIT.split(path.lower()) if word)


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def _ramp(value: float, full: float) -> float:
    return min(max(value, 0.0) / full, 1.0)


def _text(element) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _default_site_of(url: str) -> str:
    from linkprospector.reading.urls import site_of

    return site_of(url)
