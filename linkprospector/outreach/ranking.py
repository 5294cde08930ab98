"""Prospects ranked by one score, and the pitches that outreach hygiene allows: what the
ranked sheet, the report and ``summary`` show. Computed from the rows the store reads at
once (``Store.ranking_rows``), judged with ``judge/relevance.py``, ``authority.py``,
``prospect_score.py``, ``hygiene.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from linkprospector.config import Config
from linkprospector.judge.authority import (
    authority_0_100,
    blend,
    host_graph,
    pagerank,
    referring_domains,
)
from linkprospector.judge.hygiene import Candidate, PitchPlan, owners, plan_pitches
from linkprospector.judge.prospect_score import Signals, Weights, prospect_score
from linkprospector.judge.relevance import Niche, Relevance, score_relevance
from linkprospector.outreach.do_not_contact import DncList
from linkprospector.reading.contacts import Contact, pick_best_contact
from linkprospector.reading.tokens import tokenize
from linkprospector.reading.urls import host_of, site_of
from linkprospector.store.prospect_store import RankingRows

AUTHORITY_LABEL = "authority within what linkprospector has crawled"


@dataclass
class RankedProspect:
    url: str
    site: str
    title: str
    kind: str
    score: float
    reasons: list[str]
    signals: Signals
    best_contact: str = ""
    best_dead_target: str = ""
    times_pitched: int = 0
    last_pitched: str = ""


@dataclass
class Ranking:
    prospects: list[RankedProspect]  # visible, best first
    plan: PitchPlan  # one pitch per owner, hygiene applied
    niche: Niche | None
    hidden: list[RankedProspect] = field(default_factory=list)  # below the relevance minimum
    notes: list[str] = field(default_factory=list)

    def by_url(self) -> dict[str, RankedProspect]:
        return {p.url: p for p in self.prospects}


def weights_of(config: Config) -> Weights:
    return Weights(
        relevance=config.score_weight_relevance,
        authority=config.score_weight_authority,
        dead_links=config.score_weight_dead_links,
        resource=config.score_weight_resource,
        contact=config.score_weight_contact,
        freshness=config.score_weight_freshness,
    )


def rank_prospects(rows: RankingRows, config: Config, now: datetime, dnc: DncList) -> Ranking:
    """Every prospect page scored and sorted, and the pitches allowed today."""
    notes: list[str] = []
    stored = rows.niche
    niche = Niche(stored.keywords, ()) if stored else None
    own_sites: set[str] = set()
    if stored and stored.pages:
        texts = rows.niche_texts
        niche = Niche(stored.keywords, tuple(texts.values()))
        own_sites = {site_of(url) for url in stored.pages}
        missing = [url for url in stored.pages if url not in texts]
        if missing:
            notes.append(
                f"{len(missing)} page(s) of the niche not crawled yet (crawl them once, e.g. "
                f"-a seeds={missing[0]} -a depth=0): {', '.join(missing[:3])}"
            )
    contacts = rows.contacts
    own_sites = _with_same_owner(own_sites, contacts)
    candidates = [c for c in rows.candidates if c.site not in own_sites]
    relevance = _relevance(rows.texts, candidates, niche)
    authority, page_domains, host_domains = _authority(rows, config)
    history = rows.history
    weights, today = weights_of(config), now.date()
    ranked: list[RankedProspect] = []
    for c in candidates:
        best = pick_best_contact([Contact(*row) for row in contacts.get(c.site, [])])
        rel = relevance.get(c.url)
        signals = Signals(
            relevance=rel.score if rel is not None else None,
            matched=rel.matched if rel is not None else (),
            authority=authority.get(host_of(c.url), 0.0),
            referring_domains=page_domains.get(c.url, 0),
            host_referring_domains=host_domains.get(host_of(c.url), 0),
            dead_link_domains=c.best_dead_domains,
            dead_links=c.dead_links,
            resource=c.resource,
            kind=c.kind,
            contact_kind=best.kind if best else "",
            dated=c.dated,
        )
        score, reasons = prospect_score(signals, weights, today)
        times, last = history.get(c.site, (0, None))
        ranked.append(
            RankedProspect(
                c.url,
                c.site,
                c.title,
                c.kind,
                score,
                reasons,
                signals,
                best.value if best else "",
                c.best_dead_target,
                times,
                last.date().isoformat() if last else "",
            )
        )
    ranked.sort(key=lambda p: (-p.score, p.url))
    visible, hidden = ranked, []
    if niche is not None and not niche.empty:
        visible = [p for p in ranked if (p.signals.relevance or 0) >= config.relevance_min]
        hidden = [p for p in ranked if (p.signals.relevance or 0) < config.relevance_min]
    plan = _plan(rows.dnc_sites, config, now, dnc, visible, contacts, history)
    return Ranking(visible, plan, niche, hidden, notes)


def _emails(contacts: dict) -> dict[str, set[str]]:
    return {
        site: {value.lower() for kind, value, _ in found if kind == "email"}
        for site, found in contacts.items()
    }


def _with_same_owner(sites: set[str], contacts: dict) -> set[str]:
    """``sites`` and every site sharing a contact address with one of them."""
    if not sites:
        return sites
    owner_of = owners(_emails(contacts))
    mine = {owner_of.get(site, site) for site in sites}
    return sites | {site for site, owner in owner_of.items() if owner in mine}


def _relevance(
    texts: dict[str, str], candidates: list, niche: Niche | None
) -> dict[str, Relevance]:
    if niche is None or niche.empty:
        return {}
    candidate_urls = {c.url for c in candidates}
    pages = {c.url: tokenize(texts.get(c.url) or c.title) for c in candidates}
    # Every other stored page counts for how rare a word is, not only the prospects.
    others = [tokenize(t) for url, t in texts.items() if url not in candidate_urls]
    return score_relevance(pages, niche, others)


def _authority(rows: RankingRows, config: Config) -> tuple[dict, dict, dict]:
    """Host -> 0-100 authority (blended with loaded ranks), page URL -> referring domains
    and host -> referring domains, all within the crawled graph."""
    links = rows.links
    edges = host_graph((src, host_of(src), host_of(dst)) for src, dst, _, _ in links)
    hosts = {host_of(src) for src, *_ in links} | {host_of(dst) for _, dst, _, _ in links}
    crawl = authority_0_100(pagerank(edges, nodes=hosts))
    external = rows.domain_ranks
    authority = {}
    for host, value in crawl.items():
        rank = external.get(host, external.get(site_of(f"http://{host}/")))
        authority[host] = blend(value, rank, config.domain_rank_weight)
    page_sites = {dst: site for _, dst, _, site in links}
    pages = referring_domains(((s, dst) for _, dst, s, _ in links), page_sites)
    host_sites = {host_of(dst): site for _, dst, _, site in links}
    hosts = referring_domains(((s, host_of(dst)) for _, dst, s, _ in links), host_sites)
    return authority, pages, hosts


def _plan(marked, config, now, dnc, visible, contacts, history) -> PitchPlan:  # noqa: ANN001
    emails = _emails(contacts)
    dnc_sites = dnc.domains | marked
    return plan_pitches(
        [Candidate(p.url, p.site, p.score) for p in visible],
        emails,
        dnc_sites,
        dnc.addresses,
        {site: last for site, (_, last) in history.items()},
        config.contacted_days,
        now,
    )


def excluded_for_outreach(
    contacts: dict[str, list[tuple[str, str, str]]], dnc: DncList
) -> dict[str, str]:
    """Sites no outreach sheet may list, whatever the options: those on the do-not-contact
    file (domains, and every site whose contacts include a listed address), and the sites
    sharing a contact address with them. (A ``do_not_contact`` status is a softer mark:
    ``export --all-sites`` still shows it in the other sheets.)"""
    emails = _emails(contacts)
    blocked = {site: "do not contact" for site in dnc.domains}
    for site, found in emails.items():
        if found & dnc.addresses:
            blocked[site] = "do not contact"
    owner_of = owners(emails)
    blocked_owners = {owner_of.get(site, site) for site in blocked}
    for site, owner in owner_of.items():
        if owner in blocked_owners:
            blocked.setdefault(site, "do not contact (same owner)")
    return blocked
