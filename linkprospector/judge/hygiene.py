"""Outreach hygiene, as the outreach tools keep it: one pitch per owner (a registrable
domain, or several that share a contact address), never anyone on the do-not-contact
list, and no one pitched again within the cool-down."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Candidate:
    """A ranked prospect page."""

    url: str
    site: str  # registrable domain
    score: float


@dataclass
class Pitch:
    """One pitch: the owner's best page, the owner's other pages listed under it."""

    best: Candidate
    others: list[Candidate] = field(default_factory=list)
    sites: tuple[str, ...] = ()  # every domain of this owner among the candidates
    shared_emails: tuple[str, ...] = ()  # the addresses that tie several domains together


@dataclass
class PitchPlan:
    pitches: list[Pitch]
    left_out: dict[str, str]  # site -> why it is not pitched


def owners(emails_by_site: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Site -> its owner's key (the alphabetically first of the sites that share a contact
    address with it, directly or through another site)."""
    parent: dict[str, str] = {}

    def find(site: str) -> str:
        parent.setdefault(site, site)
        while parent[site] != site:
            parent[site] = parent[parent[site]]
            site = parent[site]
        return site

    first_site_of: dict[str, str] = {}
    for site in sorted(emails_by_site):
        find(site)
        for email in emails_by_site[site]:
            other = first_site_of.setdefault(email.lower(), site)
            a, b = find(site), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {site: find(site) for site in parent}


def plan_pitches(
    candidates: Sequence[Candidate],
    emails_by_site: Mapping[str, Iterable[str]],
    dnc_domains: Iterable[str],
    dnc_addresses: Iterable[str],
    last_pitched: Mapping[str, datetime],
    cooldown_days: float,
    now: datetime,
) -> PitchPlan:
    """Pitches, best first, and the sites left out with the reason. Do-not-contact and the
    cool-down reach every domain of an owner: an owner who asked not to be written to on
    one domain has asked for all of them."""
    emails = {site: {e.lower() for e in found} for site, found in emails_by_site.items()}
    owner_of = owners(emails)
    blocked_domains = {d.lower() for d in dnc_domains}
    blocked_addresses = {a.lower() for a in dnc_addresses}
    members: dict[str, set[str]] = defaultdict(set)
    for candidate in candidates:
        members[owner_of.get(candidate.site, candidate.site)].add(candidate.site)
    for site, owner in owner_of.items():
        members[owner].add(site)
    since = now - timedelta(days=cooldown_days)
    left_out: dict[str, str] = {}
    for sites in members.values():
        reason = _owner_block(sites, emails, blocked_domains, blocked_addresses)
        if reason is None and cooldown_days > 0:
            recent = [(last_pitched[s], s) for s in sites if s in last_pitched]
            when, who = max(recent) if recent else (None, "")
            if when is not None and when > since:
                reason = (
                    f"pitched {who} on {when.date().isoformat()} (cool-down {cooldown_days:g} days)"
                )
        if reason is not None:
            left_out.update({site: reason for site in sites})

    grouped: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        if candidate.site not in left_out:
            grouped[owner_of.get(candidate.site, candidate.site)].append(candidate)
    pitches = []
    for owner, pages in grouped.items():
        pages.sort(key=lambda c: (-c.score, c.url))
        sites = tuple(sorted({c.site for c in pages}))
        shared = _shared_emails(sorted(members[owner]), emails)
        pitches.append(Pitch(pages[0], pages[1:], sites, shared))
    pitches.sort(key=lambda p: (-p.best.score, p.best.url))
    return PitchPlan(pitches, left_out)


def _owner_block(
    sites: set[str], emails: Mapping[str, set[str]], domains: set[str], addresses: set[str]
) -> str | None:
    for site in sorted(sites):
        if site in domains:
            return f"do not contact: {site}"
        hit = sorted(emails.get(site, set()) & addresses)
        if hit:
            return f"do not contact: {hit[0]}"
    return None


def _shared_emails(sites: list[str], emails: Mapping[str, set[str]]) -> tuple[str, ...]:
    """Addresses found on more than one of ``sites``."""
    seen: dict[str, int] = defaultdict(int)
    for site in sites:
        for email in emails.get(site, ()):
            seen[email] += 1
    return tuple(sorted(e for e, n in seen.items() if n > 1))
