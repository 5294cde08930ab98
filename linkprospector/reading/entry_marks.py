"""What marks a block of a page as something other than a resource entry: a citation
(authors, year, venue), a calendar date (archives, news lists, teaching terms), a link to
someone's profile (a personal page). Pure functions, no Scrapy; the patterns have no
nested quantifiers and run in linear time.
"""

from __future__ import annotations

import re

_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: Words of a bibliographic reference (venue, volume, pages, identifiers).
_VENUE_RE = re.compile(
    r"\bet al\b|\bproc(?:eedings|\.)|\bjournal\b|\bconference\b|\bsymposium\b|\bworkshop\b"
    r"|\barxiv\b|\bvol\.|\bpp\.|\bdoi\b|\bieee\b|\bacm\b|\bspringer\b|\belsevier\b"
    r"|\btransactions\b|\bpreprint\b|\bin press\b|\bthesis\b",
    re.I,
)
_INITIAL_RE = re.compile(r"(?<![\w.])[A-Z]\.\s")
#: An author written "Surname AB," or "Surname A." (Vancouver style).
_VANCOUVER_RE = re.compile(r"\b[A-Z][a-z]+ [A-Z]{1,2}[,.]")
_MONTHS = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|mars|avr|mai|juin"
    r"|juil|août|sept|déc|ene|abr|ago|dic|mär|okt|dez)"
)
#: A calendar date: 2024-05-03, 03.05.2024, 3/5/2024, May 3, 2024, 3 May 2024, 2024年5月3日.
DATE_RE = re.compile(
    r"(?<!\d)(?:19|20)\d\d[-/.年]\s?[01]?\d(?:[-/.月]\s?[0-3]?\d)?"
    r"|(?<!\d)[0-3]?\d[./-][01]?\d[./-](?:19|20)\d\d"
    r"|\b" + _MONTHS + r"[a-zé]{0,7}\.?\s[0-3]?\d(?:st|nd|rd|th)?,?\s(?:19|20)\d\d"
    r"|(?<!\d)[0-3]?\d\.?\s" + _MONTHS + r"[a-zéû]{0,7}\.?,?\s(?:19|20)\d\d"
    # terms of a teaching page: Fall 2023, Spring 2024, WS 2023/24, Sommersemester 2024
    r"|\b(?:spring|summer|fall|autumn|winter|ws|ss|wise|sose|\w{0,6}semester)\s(?:19|20)\d\d",
    re.I,
)
#: Sites where people have a profile page: a page whose "entries" mostly link to profiles
#: there (``github.com/name``, ``linkedin.com/in/name``) lists where to find its author
#: (a personal page), not resources. Deeper links (a repository, a post) are not profiles.
PROFILE_SITES = frozenset(
    {
        "github.com",
        "gitlab.com",
        "twitter.com",
        "x.com",
        "linkedin.com",
        "facebook.com",
        "instagram.com",
        "threads.net",
        "bsky.app",
        "mastodon.social",
        "fosstodon.org",
        "hachyderm.io",
        "orcid.org",
        "researchgate.net",
        "google.com",  # scholar.google.com/citations?user=...
        "academia.edu",
        "keybase.io",
        "t.me",
        "weibo.com",
        "zhihu.com",
        "codepen.io",
        "dribbble.com",
        "behance.net",
        "patreon.com",
        "ko-fi.com",
        "buymeacoffee.com",
    }
)
#: First path segments of profile URLs that take a second one (``/in/name``).
_PROFILE_PREFIXES = frozenset({"in", "pub", "people", "profile", "u", "user", "citations"})


def is_citation(text: str) -> bool:
    """A bibliographic reference: a year with a venue word, or with an author list."""
    if not _YEAR_RE.search(text):
        return False
    if _VENUE_RE.search(text):
        return True
    # an author list: "J. Doe, A. Smith (2020)", "Doe J, Smith A. 2020"
    if len(_INITIAL_RE.findall(text)) >= 2 or len(_VANCOUVER_RE.findall(text)) >= 2:
        return True
    return text.count(",") >= 3 and _INITIAL_RE.search(text) is not None


def is_profile_link(href: str, site: str) -> bool:
    """A link to someone's page on a profile site: ``github.com/name``,
    ``linkedin.com/in/name``, ``scholar.google.com/citations?user=...``."""
    if site not in PROFILE_SITES:
        return False
    path = href.split("//", 1)[-1].split("/", 1)[1] if "/" in href.split("//", 1)[-1] else ""
    segments = [part for part in path.split("?", 1)[0].split("#", 1)[0].split("/") if part]
    if len(segments) <= 1:
        return site != "google.com" or "user=" in href
    return len(segments) == 2 and segments[0].lower() in _PROFILE_PREFIXES


#: Shorter names are too likely to be ordinary words or parts of other sites' URLs.
MIN_OWNER_NAME = 5


def owner_name(page_site: str) -> str:
    """The name a site goes by: the first label of its registrable domain
    (``d7tun6.site`` -> ``d7tun6``, ``cblte.github.io`` -> ``cblte``), or "" when too short
    to tell apart from other words."""
    name = page_site.lower().split(".", 1)[0]
    return name if len(name) >= MIN_OWNER_NAME else ""


def names_owner(href: str, name: str) -> bool:
    """A link elsewhere that carries the page's own site name as a whole host label or
    path segment (``name.bandcamp.com``, ``soundcloud.com/name``, ``youtube.com/@name``):
    the owner's own account on another platform, not someone else's site."""
    if not name:
        return False
    rest = href.lower().split("//", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    host, _, path = rest.partition("/")
    labels = host.split(":", 1)[0].split(".")[:-1]  # the name a whole label, not inside one
    first_segment = path.split("/", 1)[0].removeprefix("@")
    return name in labels or first_segment == name


def count_citation_marks(text: str) -> int:
    """How many references ``text`` seems to hold: years and venue words, the fewer."""
    return min(len(_VENUE_RE.findall(text)), len(_YEAR_RE.findall(text)))


def count_dates(text: str) -> int:
    """Calendar dates and teaching terms in ``text``."""
    return len(DATE_RE.findall(text))
