"""Reads and writes of prospect ranking and outreach hygiene: the niche, page texts,
prospect candidates, the crawled link graph, contacts, the append-only outreach history
and loaded domain ranks."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from linkprospector import clock
from linkprospector.judge.domain_ranks import RankRow, rank_0_100
from linkprospector.reading.urls import host_of

DEFAULT_NICHE = "default"
#: Statuses that mean a pitch went out (as outreach/statuses.py's CONTACTED).
PITCHED = ("contacted", "replied", "won", "lost")


@dataclass(frozen=True)
class StoredNiche:
    keywords: tuple[str, ...]
    pages: tuple[str, ...]
    updated_at: str


@dataclass(frozen=True)
class CandidateRow:
    """A page that may be pitched, as stored."""

    url: str
    site: str
    title: str
    kind: str  # resource, guest_post or broken_links
    resource: float  # resource-page or guest-post score
    resource_reasons: str
    dated: str
    dead_links: int
    best_dead_target: str  # the dead link with most referring domains ("" none)
    best_dead_domains: int


# -- the niche ----------------------------------------------------------------------


def record_niche(
    db: sqlite_utils.Database,
    keywords: Iterable[str],
    pages: Iterable[str],
    now: datetime,
    name: str = DEFAULT_NICHE,
) -> None:
    """Store the niche (replacing the one of that name)."""
    row = {
        "name": name,
        "keywords": json.dumps(list(keywords), ensure_ascii=False),
        "pages": json.dumps(list(pages)),
        "updated_at": clock.iso(now),
    }
    with db.atomic():
        db["niche"].upsert(row, pk="name")


def load_niche(db: sqlite_utils.Database, name: str = DEFAULT_NICHE) -> StoredNiche | None:
    row = db.execute(
        "SELECT keywords, pages, updated_at FROM niche WHERE name = ?", [name]
    ).fetchone()
    if row is None:
        return None
    return StoredNiche(tuple(json.loads(row[0] or "[]")), tuple(json.loads(row[1] or "[]")), row[2])


def page_texts(db: sqlite_utils.Database, urls: Iterable[str] | None = None) -> dict[str, str]:
    """url -> stored text (title and visible text) of every page with one, or of ``urls``."""
    if urls is None:
        rows = db.execute(
            "SELECT url, body_text FROM pages WHERE coalesce(body_text, '') != ''"
        ).fetchall()
    else:
        wanted = list(urls)
        rows = db.execute(
            f"SELECT url, body_text FROM pages WHERE url IN ({','.join('?' * len(wanted))})",
            wanted,
        ).fetchall()
    return {url: text or "" for url, text in rows}


# -- prospects and the link graph ---------------------------------------------------


def prospect_candidates(db: sqlite_utils.Database) -> list[CandidateRow]:
    """Pages of prospect sites (not competitors' or backlink pages) that are resource
    pages, guest-post pages or link to a dead URL, with their best dead link."""
    dead_domains = dict(
        db.execute(
            "SELECT l.target_url, count(DISTINCT l.source_site) FROM links l "
            "JOIN targets t ON t.url = l.target_url WHERE t.verdict = 'dead' "
            "GROUP BY l.target_url"
        ).fetchall()
    )
    dead_on_page: dict[str, list[str]] = defaultdict(list)
    for source, target in db.execute(
        "SELECT l.source_url, l.target_url FROM links l JOIN targets t ON t.url = l.target_url "
        "WHERE t.verdict = 'dead' ORDER BY l.source_url, l.target_url"
    ).fetchall():
        dead_on_page[source].append(target)
    candidates = []
    for row in db.execute(
        "SELECT url, site, coalesce(title, ''), prospect_kind, coalesce(resource_score, 0), "
        "coalesce(guest_post_score, 0), coalesce(resource_reasons, ''), "
        "coalesce(guest_post_reasons, ''), coalesce(dated, '') FROM pages "
        "WHERE coalesce(role, 'seed') NOT IN ('competitor', 'backlink') AND status = 200 "
        "ORDER BY url"
    ).fetchall():
        url, site, title, kind, resource, guest, reasons, guest_reasons, dated = row
        dead = dead_on_page.get(url, [])
        if not kind and not dead:
            continue
        best = max(dead, key=lambda t: (dead_domains.get(t, 0), t), default="")
        is_guest = kind == "guest_post"
        candidates.append(
            CandidateRow(
                url=url,
                site=site or "",
                title=title,
                kind=kind or "broken_links",
                resource=guest if is_guest else resource,
                resource_reasons=guest_reasons if is_guest else reasons,
                dated=dated,
                dead_links=len(dead),
                best_dead_target=best,
                best_dead_domains=dead_domains.get(best, 0),
            )
        )
    return candidates


def crawled_links(db: sqlite_utils.Database) -> Iterator[tuple[str, str, str, str]]:
    """Every stored outbound link: (source URL, target URL, source site, target site)."""
    yield from db.execute(
        "SELECT source_url, target_url, coalesce(source_site, ''), coalesce(target_site, '') "
        "FROM links WHERE coalesce(kind, 'outbound') = 'outbound'"
    )


def contacts_by_site(db: sqlite_utils.Database) -> dict[str, list[tuple[str, str, str]]]:
    """site -> [(kind, value, label)] of its contacts."""
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for site, kind, value, label in db.execute(
        "SELECT site, kind, value, coalesce(label, '') FROM contacts ORDER BY site, kind, value"
    ).fetchall():
        found[site].append((kind, value, label))
    return dict(found)


def known_names(db: sqlite_utils.Database) -> set[str]:
    """Every site and host name the crawls have met (to keep a rank file's rows small)."""
    names: set[str] = set()
    for (site,) in db.execute(
        "SELECT site FROM pages UNION SELECT source_site FROM links "
        "UNION SELECT target_site FROM links UNION SELECT host FROM targets"
    ).fetchall():
        if site:
            names.add(site)
    for (url,) in db.execute("SELECT url FROM pages").fetchall():
        names.add(host_of(url))
    names.discard("")
    return names


# -- the outreach history (append-only) -----------------------------------------------


def append_status_event(
    db: sqlite_utils.Database,
    site: str,
    page_url: str,
    target_url: str,
    status: str,
    note: str | None,
    by: str,
    at: datetime,
) -> None:
    """One more line of history; rows are never updated or deleted (a trigger refuses)."""
    db["outreach_events"].insert(
        {
            "site": site,
            "page_url": page_url,
            "target_url": target_url,
            "status": status,
            "note": note,
            "by": by,
            "at": clock.iso(at),
        }
    )


def status_events(db: sqlite_utils.Database, site: str | None = None) -> list[dict]:
    """History lines, oldest first (of one site, or all)."""
    where, params = ("WHERE site = ?", [site]) if site else ("", [])
    cursor = db.execute(
        "SELECT site, page_url, target_url, status, coalesce(note, ''), coalesce(by, ''), at "
        f"FROM outreach_events {where} ORDER BY at, id",
        params,
    )
    keys = ("site", "page_url", "target_url", "status", "note", "by", "at")
    return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]


def pitch_history(db: sqlite_utils.Database) -> dict[str, tuple[int, datetime]]:
    """site -> (times it was marked ``contacted``, the last time any pitch status was
    recorded: a reply or an outcome also starts the cool-down again)."""
    placeholders = ",".join("?" * len(PITCHED))
    return {
        site: (sent, clock.parse_time(last))
        for site, sent, last in db.execute(
            f"SELECT site, sum(status = 'contacted'), max(at) FROM outreach_events "
            f"WHERE status IN ({placeholders}) AND at != '' GROUP BY site",
            list(PITCHED),
        ).fetchall()
    }


def do_not_contact_sites(db: sqlite_utils.Database) -> set[str]:
    """Sites whose stored status (anywhere on the site) is do_not_contact."""
    return {
        site
        for (site,) in db.execute(
            "SELECT DISTINCT site FROM outreach WHERE status = 'do_not_contact'"
        ).fetchall()
    }


# -- external domain ranks ----------------------------------------------------------


def store_domain_ranks(
    db: sqlite_utils.Database,
    rows: Iterable[RankRow],
    keep: set[str] | None,
    source: str,
    now: datetime,
) -> tuple[int, int]:
    """Store the rows whose name is in ``keep`` (all when None), ranked 0-100 against the
    whole file; returns (rows read, rows stored). Replaces earlier loaded ranks. Rows are
    streamed in batches (a full Common Crawl file has about a hundred million)."""
    seen = {"read": 0, "positions": 0}
    loaded_at = clock.iso(now)

    def kept() -> Iterator[dict]:
        for row in rows:
            seen["read"] += 1
            seen["positions"] = max(seen["positions"], row.harmonic_pos)
            if keep is None or row.name in keep:
                yield {
                    "name": row.name,
                    "harmonic_pos": row.harmonic_pos,
                    "harmonic_val": row.harmonic_val,
                    "pr_pos": row.pr_pos,
                    "pr_val": row.pr_val,
                    "source": source,
                    "loaded_at": loaded_at,
                }

    with db.atomic():
        db.execute("DELETE FROM domain_ranks")
        db["domain_ranks"].insert_all(kept(), pk="name", replace=True, batch_size=5000)
        # The scale needs the file's last position, known only once it is all read.
        if getattr(db, "runs_python_functions", True):
            db.register_function(rank_0_100, deterministic=True, replace=True)
            db.execute(
                "UPDATE domain_ranks SET rank = rank_0_100(harmonic_pos, ?)", [seen["positions"]]
            )
        else:  # a server database: rank_0_100 in SQL, one statement however many rows
            db.execute(
                "UPDATE domain_ranks SET rank = CASE WHEN ? <= 1 THEN 100.0 ELSE round(100 * "
                "(1 - ln(CASE WHEN harmonic_pos > 1 THEN harmonic_pos ELSE 1 END) / ln(?)), 1) "
                "END",
                [seen["positions"], seen["positions"]],
            )
    stored = db.execute("SELECT count(*) FROM domain_ranks").fetchone()[0]
    return seen["read"], stored


def domain_ranks(db: sqlite_utils.Database) -> dict[str, float]:
    """name (host or registrable domain) -> loaded 0-100 rank."""
    return dict(db.execute("SELECT name, rank FROM domain_ranks").fetchall())


@dataclass
class RankingRows:
    """Everything the prospect ranking reads, read at once."""

    niche: StoredNiche | None
    niche_texts: dict[str, str]  # the niche's own pages that were crawled
    texts: dict[str, str]  # every stored page text (how rare a word is); {} without a niche
    contacts: dict[str, list[tuple[str, str, str]]]
    candidates: list[CandidateRow]
    links: list[tuple[str, str, str, str]]
    domain_ranks: dict[str, float]
    history: dict[str, tuple[int, datetime]]
    dnc_sites: set[str]  # sites marked do_not_contact by a status


def ranking_rows(db: sqlite_utils.Database) -> RankingRows:
    """The ranking's inputs (page texts only when a niche is stored: nothing needs them
    otherwise)."""
    niche = load_niche(db)
    return RankingRows(
        niche=niche,
        niche_texts=page_texts(db, niche.pages) if niche and niche.pages else {},
        texts=page_texts(db) if niche else {},
        contacts=contacts_by_site(db),
        candidates=prospect_candidates(db),
        links=list(crawled_links(db)),
        domain_ranks=domain_ranks(db),
        history=pitch_history(db),
        dnc_sites=do_not_contact_sites(db),
    )


class RankingQueries:
    """The ranking's reads and writes (a part of ``SQLiteStore``)."""

    db: sqlite_utils.Database

    def ranking_rows(self) -> RankingRows:
        return ranking_rows(self.db)

    def record_niche(self, keywords: Iterable[str], pages: Iterable[str], now: datetime) -> None:
        record_niche(self.db, keywords, pages, now)

    def load_niche(self) -> StoredNiche | None:
        return load_niche(self.db)

    def known_names(self) -> set[str]:
        return known_names(self.db)

    def store_domain_ranks(
        self, rows: Iterable[RankRow], keep: set[str] | None, source: str, now: datetime
    ) -> tuple[int, int]:
        return store_domain_ranks(self.db, rows, keep, source, now)

    def status_events(self, site: str | None = None) -> list[dict]:
        return status_events(self.db, site)
