"""Competitor analysis from the crawl database: pure queries returning rows (lists of dicts).

- :func:`broken_outbound_links`: competitors' links to dead targets (opportunities);
- :func:`dead_pages`: competitors' own dead pages that crawled pages still link to;
- :func:`link_intersect`: crawled pages linking to competitors but not to you;
- :func:`outbound_profile`: per competitor, the domains it links to most, with anchors.

Sites are registrable domains (``pages.site``, ``links.source_site``/``target_site``);
competitors are the sites crawled with role ``competitor`` unless given explicitly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import sqlite_utils

from linkprospector.inputs.spider_args import ArgumentError, SeedList, parse_seed_lines
from linkprospector.judge.verdicts import DEAD
from linkprospector.reading.urls import normalize_url, registrable_domain, site_of

COMPETITOR_ROLE = "competitor"
#: Reasons that mean a page is gone (content the competitor lost), not merely failing.
LOST_PAGE_REASONS = ("http_404", "http_410", "soft_404")
TOP_ANCHORS = 3


# --------------------------------------------------------------------------- input


def parse_domains(value: object) -> SeedList:
    """Competitor start URLs from ``a.com,b.com`` (bare domains become ``https://a.com/``),
    full URLs, or a file with one per line; raises ArgumentError with a one-line message."""
    text = "" if value is None else str(value).strip()
    if not text:
        raise ArgumentError("missing domains: use -a domains=rival-one.com,rival-two.com")
    path = Path(text).expanduser()
    if "," not in text and "://" not in text and path.is_file():
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            raise ArgumentError(f"cannot read domains file {path}: {exc.strerror or exc}") from None
    else:
        lines = [part for chunk in text.split(",") for part in chunk.split()]
    seeds = parse_seed_lines([_root_url(line) for line in lines])
    if not seeds.urls:
        raise ArgumentError(f"no valid domain in {text[:200]!r} (e.g. -a domains=rival.com)")
    return seeds


def _root_url(entry: str) -> str:
    """``rival.com`` -> ``https://rival.com/``; full URLs and comments are kept as given."""
    entry = entry.strip()
    if not entry or entry.startswith("#") or "://" in entry:
        return entry
    return f"https://{entry.rstrip('/')}/" if "/" not in entry else f"https://{entry}"


def site_of_domain(value: str) -> str:
    """The site (registrable domain) of ``mysite.com``, ``www.mysite.com`` or a URL; "" if none."""
    value = value.strip()
    if not value:
        return ""
    url = normalize_url(value if "://" in value else f"http://{value}")
    return site_of(url) if url else ""


def parse_site_list(value: str | None) -> list[str]:
    """Sites from a comma-separated list of domains or URLs (empty entries dropped)."""
    sites: list[str] = []
    for part in (value or "").split(","):
        site = site_of_domain(part)
        if site and site not in sites:
            sites.append(site)
    return sites


# --------------------------------------------------------------------------- queries


def competitor_sites(db: sqlite_utils.Database) -> list[str]:
    """Sites crawled with role ``competitor``, sorted."""
    rows = db.execute(
        "SELECT DISTINCT site FROM pages WHERE role = ? AND site != '' ORDER BY site",
        [COMPETITOR_ROLE],
    ).fetchall()
    return [row[0] for row in rows]


def _sites(db: sqlite_utils.Database, competitors: list[str] | None) -> list[str]:
    return [registrable_domain(c) for c in competitors] if competitors else competitor_sites(db)


def _in(sites: list[str]) -> str:
    return "(" + ",".join("?" * len(sites)) + ")"


def _rows(db: sqlite_utils.Database, sql: str, params: list[Any]) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def broken_outbound_links(
    db: sqlite_utils.Database, competitors: list[str] | None = None
) -> list[dict]:
    """Competitors' outbound links to dead targets, by target then competitor page.

    Each row is an opportunity: the competitor links to something dead that a page of
    yours could replace.
    """
    sites = _sites(db, competitors)
    if not sites:
        return []
    sql = f"""
        SELECT l.source_site AS competitor, l.source_url, l.target_url, l.anchor_text,
               l.rel, l.placement, t.reason, t.status, t.final_url, t.checked_at,
               (SELECT count(DISTINCT o.source_site) FROM links o
                 WHERE o.target_url = l.target_url AND o.source_site IN {_in(sites)})
                 AS competitors_linking
        FROM links l JOIN targets t ON t.url = l.target_url
        WHERE l.source_site IN {_in(sites)} AND l.kind = 'outbound' AND t.verdict = '{DEAD}'
        ORDER BY competitors_linking DESC, l.target_url, l.source_site, l.source_url
    """
    return _rows(db, sql, [*sites, *sites])


def dead_pages(db: sqlite_utils.Database, competitors: list[str] | None = None) -> list[dict]:
    """Competitors' own pages that are gone (404/410/soft-404) yet still linked to.

    Inlinks count every crawled page linking to the dead URL: ``internal_inlinks`` from
    the competitor's own pages, ``external_inlinks`` from any other crawled site.
    Most-linked first.
    """
    sites = _sites(db, competitors)
    if not sites:
        return []
    reasons = list(LOST_PAGE_REASONS)
    sql = f"""
        SELECT l.target_site AS competitor, l.target_url AS url, t.reason, t.status,
               t.final_url, t.checked_at,
               count(DISTINCT l.source_url) AS inlinks,
               count(DISTINCT CASE WHEN l.source_site = l.target_site THEN l.source_url END)
                 AS internal_inlinks,
               count(DISTINCT CASE WHEN l.source_site != l.target_site THEN l.source_url END)
                 AS external_inlinks,
               count(DISTINCT CASE WHEN l.source_site != l.target_site THEN l.source_site END)
                 AS referring_sites
        FROM links l JOIN targets t ON t.url = l.target_url
        WHERE l.target_site IN {_in(sites)} AND t.verdict = '{DEAD}'
          AND t.reason IN {_in(reasons)}
        GROUP BY l.target_url, l.target_site, t.url
        ORDER BY inlinks DESC, external_inlinks DESC, l.target_url
    """
    rows = _rows(db, sql, [*sites, *reasons])
    anchors = _anchors_by_target(db, [row["url"] for row in rows])
    for row in rows:
        row["anchors"] = _top(anchors.get(row["url"], Counter()))
    return rows


def link_intersect(
    db: sqlite_utils.Database,
    mine: str,
    competitors: list[str] | None = None,
    min_competitors: int = 1,
) -> list[dict]:
    """Crawled pages that link to at least ``min_competitors`` competitors but not to ``mine``.

    Pages of the competitors and of ``mine`` are left out. Order: resource pages first,
    then more competitors linked, then higher resource score, then URL.
    ``site_links_to_mine`` tells whether another page of the same site links to you.
    """
    mine_site = site_of_domain(mine) or mine
    sites = [s for s in _sites(db, competitors) if s != mine_site]
    if not sites:
        return []
    sql = f"""
        WITH hits AS (
            SELECT l.source_url, l.target_site, min(l.target_url) AS example_url
            FROM links l
            WHERE l.target_site IN {_in(sites)}
              AND l.source_site NOT IN {_in(sites)} AND l.source_site != ?
            GROUP BY l.source_url, l.target_site
        )
        SELECT p.url, p.site, p.title, p.is_resource, p.resource_score,
               count(*) AS competitors_linked,
               group_concat(h.target_site, ',') AS competitors,
               group_concat(h.example_url, ' ') AS competitor_urls
        FROM hits h JOIN pages p ON p.url = h.source_url
        WHERE NOT EXISTS (SELECT 1 FROM links m
                           WHERE m.source_url = p.url AND m.target_site = ?)
        GROUP BY p.url
        HAVING count(*) >= ?
        ORDER BY p.is_resource DESC, competitors_linked DESC, p.resource_score DESC, p.url
    """
    rows = _rows(db, sql, [*sites, *sites, mine_site, mine_site, min_competitors])
    linking_to_mine = {
        site
        for (site,) in db.execute(
            "SELECT DISTINCT source_site FROM links WHERE target_site = ?", [mine_site]
        ).fetchall()
    }
    ranked = []
    for rank, row in enumerate(rows, start=1):
        row["competitors"] = ",".join(sorted(row["competitors"].split(",")))
        row["competitor_urls"] = " ".join(sorted(row["competitor_urls"].split(" ")))
        row["is_resource"] = bool(row["is_resource"])
        row["site_links_to_mine"] = row["site"] in linking_to_mine
        ranked.append({"rank": rank, **row})
    return ranked


def outbound_profile(
    db: sqlite_utils.Database, competitors: list[str] | None = None, top: int = 10
) -> list[dict]:
    """Per competitor, the ``top`` domains it links to most (links, pages, anchors, dead)."""
    sites = _sites(db, competitors)
    if not sites:
        return []
    sql = f"""
        SELECT l.source_site AS competitor, l.target_site AS domain,
               count(*) AS links, count(DISTINCT l.source_url) AS pages,
               count(DISTINCT l.target_url) AS targets,
               count(DISTINCT CASE WHEN t.verdict = '{DEAD}' THEN l.target_url END) AS dead_targets
        FROM links l LEFT JOIN targets t ON t.url = l.target_url
        WHERE l.source_site IN {_in(sites)} AND l.kind = 'outbound'
        GROUP BY l.source_site, l.target_site
        ORDER BY l.source_site, links DESC, pages DESC, l.target_site
    """
    rows = _rows(db, sql, sites)
    anchor_rows = db.execute(
        f"""SELECT source_site, target_site, anchor_text, count(*) FROM links
            WHERE source_site IN {_in(sites)} AND kind = 'outbound' AND anchor_text != ''
            GROUP BY source_site, target_site, anchor_text""",
        sites,
    ).fetchall()
    anchors: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for source, target, anchor, n in anchor_rows:
        anchors[(source, target)][anchor] += n
    kept: list[dict] = []
    per_site: Counter[str] = Counter()
    for row in rows:
        per_site[row["competitor"]] += 1
        if per_site[row["competitor"]] > top:
            continue
        row["top_anchors"] = _top(anchors.get((row["competitor"], row["domain"]), Counter()))
        kept.append({"competitor": row["competitor"], "rank": per_site[row["competitor"]], **row})
    return kept


def _anchors_by_target(db: sqlite_utils.Database, urls: list[str]) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for start in range(0, len(urls), 500):
        chunk = urls[start : start + 500]
        for url, anchor, n in db.execute(
            f"""SELECT target_url, anchor_text, count(*) FROM links
                WHERE target_url IN {_in(chunk)} AND anchor_text != ''
                GROUP BY target_url, anchor_text""",
            chunk,
        ).fetchall():
            found[url][anchor] += n
    return found


def _top(counter: Counter[str], n: int = TOP_ANCHORS) -> str:
    """``anchor (count); anchor (count)`` for the ``n`` most common anchors."""
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return "; ".join(f"{anchor} ({count})" for anchor, count in ranked)


class CompetitorQueries:
    """The competitor analysis as store operations (a part of ``SQLiteStore``)."""

    db: sqlite_utils.Database

    def competitor_sites(self) -> list[str]:
        return competitor_sites(self.db)

    def competitor_broken_links(self, sites: list[str]) -> list[dict]:
        return broken_outbound_links(self.db, sites)

    def competitor_dead_pages(self, sites: list[str]) -> list[dict]:
        return dead_pages(self.db, sites)

    def competitor_profile(self, sites: list[str], top: int) -> list[dict]:
        return outbound_profile(self.db, sites, top=top)

    def link_intersect(self, mine: str, sites: list[str], min_competitors: int = 1) -> list[dict]:
        return link_intersect(self.db, mine, sites, min_competitors)
