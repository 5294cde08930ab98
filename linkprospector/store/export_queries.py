"""SQLite reads of the outreach export: every row the sheets show, read in one go."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from linkprospector.judge.verdicts import DEAD
from linkprospector.store import competitor_queries
from linkprospector.store.interface import (
    CompetitorRows,
    DeadCounts,
    ExportQuery,
    ExportRows,
    UnknownRun,
)

#: Confirmation state of target ``t`` (judge.history.confirmation_text's arguments).
CONFIRMATION = (
    "coalesce(t.confirmed, 0) AS confirmed, t.confirmed_at, t.first_dead_at, t.consecutive_failures"
)
DEAD_TARGET = f"t.verdict = '{DEAD}'"
CONFIRMED_DEAD = f"{DEAD_TARGET} AND coalesce(t.confirmed, 0) = 1"


class ExportQueries:
    """The export's reads (a part of ``SQLiteStore``)."""

    db: sqlite_utils.Database
    status_rows: Callable[[], list[dict]]  # OutreachStatuses'

    def export_rows(self, query: ExportQuery) -> ExportRows:
        """Everything one export shows; raises UnknownRun for a ``since_run`` not stored."""
        since = self.run_started_at(query.since_run) if query.since_run is not None else None
        dead = CONFIRMED_DEAD if query.confirmed_only else DEAD_TARGET
        sites = competitor_queries.competitor_sites(self.db)
        return ExportRows(
            since=since,
            dead_counts=self.dead_counts(),
            statuses=self.status_rows(),
            contacts=self._all(
                "SELECT site, kind, value, coalesce(label, '') AS label FROM contacts "
                "ORDER BY site, kind, value"
            ),
            dead_links=[
                tuple(r)
                for r in self.db.execute(
                    "SELECT l.target_url, l.source_url, l.source_site, l.anchor_text "
                    f"FROM links l JOIN targets t ON t.url = l.target_url WHERE {dead} "
                    "ORDER BY l.target_url, l.source_url"
                ).fetchall()
            ],
            broken_links=self._broken_links(dead, query.min_score, since),
            prospects=self._prospects(dead, query.min_score, since),
            dead_targets=self._all(
                "SELECT t.url, t.host, t.reason, t.status, t.first_seen, t.checked_at, "
                f"{CONFIRMATION} FROM targets t WHERE {dead} ORDER BY t.url"
            ),
            guest_posts=self._all(
                """SELECT g.url, coalesce(g.title, '') AS title, g.site, g.score,
                          coalesce(g.reasons, '') AS reasons,
                          coalesce(p.found_by, '') AS found_by, p.first_seen
                   FROM guest_posts g JOIN pages p ON p.url = g.url
                   WHERE g.score >= 0 ORDER BY g.score DESC, g.url"""
            ),
            competitors=self._competitors(sites, query.mine),
            backlinks=self._all(
                """SELECT b.source_url, b.target_url, b.anchor_text, b.rel, b.placement,
                          l.kind, b.state, b.reason, b.toxic_score, b.toxic_reasons,
                          l.checked_at
                   FROM backlinks b JOIN backlink_links l
                     ON l.source_url = b.source_url AND l.target_url = b.target_url
                   ORDER BY b.source_url, b.target_url"""
            ),
        )

    def run_started_at(self, run_id: int) -> str:
        row = self.db.execute("SELECT started_at FROM runs WHERE id = ?", [run_id]).fetchone()
        if row is None:
            raise UnknownRun(run_id)
        return row[0]

    def dead_counts(self) -> DeadCounts:
        confirmed, suspected, first = self.db.execute(
            "SELECT sum(coalesce(confirmed, 0) = 1), sum(coalesce(confirmed, 0) = 0), "
            "min(CASE WHEN coalesce(confirmed, 0) = 0 THEN first_dead_at END) "
            f"FROM targets t WHERE {DEAD_TARGET}"
        ).fetchone()
        return DeadCounts(confirmed or 0, suspected or 0, first)

    def _broken_links(self, dead: str, min_score: float, since: str | None) -> list[dict]:
        params: list = [min_score]
        where = f"{dead} AND coalesce(p.resource_score, 0) >= ?"
        if since:
            where += " AND l.first_seen >= ?"
            params.append(since)
        return self._all(
            f"""SELECT l.source_url, coalesce(p.title, '') AS title,
                       coalesce(p.site, l.source_site) AS site, l.target_url,
                       coalesce(l.anchor_text, '') AS anchor_text, t.reason, t.status,
                       l.first_seen, t.checked_at,
                       coalesce(p.resource_score, 0) AS resource_score, {CONFIRMATION}
                FROM links l JOIN targets t ON t.url = l.target_url
                LEFT JOIN pages p ON p.url = l.source_url
                WHERE {where} ORDER BY l.source_url, l.target_url""",
            params,
        )

    def _prospects(self, dead: str, min_score: float, since: str | None) -> list[dict]:
        params: list = [min_score]
        where = "p.is_resource = 1 AND p.resource_score >= ?"
        if since:
            where += " AND p.first_seen >= ?"
            params.append(since)
        return self._all(
            f"""SELECT p.url, coalesce(p.title, '') AS title, p.site, p.resource_score,
                       coalesce(p.resource_reasons, '') AS resource_reasons, p.outbound_links,
                       (SELECT count(*) FROM links l JOIN targets t ON t.url = l.target_url
                        WHERE l.source_url = p.url AND {dead}) AS dead_links,
                       p.first_seen
                FROM pages p WHERE {where}
                ORDER BY p.resource_score DESC, p.url""",
            params,
        )

    def _competitors(self, sites: list[str], mine: str | None) -> CompetitorRows:
        if not sites:
            return CompetitorRows()
        return CompetitorRows(
            sites=sites,
            intersect=competitor_queries.link_intersect(self.db, mine, sites) if mine else [],
            broken=competitor_queries.broken_outbound_links(self.db, sites),
            dead_pages=competitor_queries.dead_pages(self.db, sites),
            profile=competitor_queries.outbound_profile(self.db, sites, top=20),
        )

    def _all(self, sql: str, params: list | None = None) -> list[dict]:
        return list(self.db.query(sql, params or []))
