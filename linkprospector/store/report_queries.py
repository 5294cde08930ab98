"""SQLite reads of the HTML report and the terminal summary."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from linkprospector.judge.verdicts import BLOCKED, DEAD, UNKNOWN
from linkprospector.store import competitor_queries
from linkprospector.store.interface import ReportRows, SummaryRows

DEAD_TARGET = f"verdict = '{DEAD}'"


class ReportQueries:
    """The report's and the summary's reads (a part of ``SQLiteStore``)."""

    db: sqlite_utils.Database

    def report_rows(self, top_dead: int, runs_shown: int) -> ReportRows:
        """Everything the HTML report shows."""
        one = self._one
        metrics = {
            "pages": one("SELECT count(*) FROM pages"),
            "targets": one("SELECT count(*) FROM targets"),
            "dead_confirmed": one(
                f"SELECT count(*) FROM targets WHERE {DEAD_TARGET} AND coalesce(confirmed, 0) = 1"
            ),
            "dead_suspected": one(
                f"SELECT count(*) FROM targets WHERE {DEAD_TARGET} AND coalesce(confirmed, 0) = 0"
            ),
            "dead_links": one("SELECT count(*) FROM dead_links"),
            "prospects": one("SELECT count(*) FROM prospects"),
            "contacts": one("SELECT count(*) FROM contacts"),
        }
        run_ids = [
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT run_id FROM checks WHERE run_id > 0 ORDER BY run_id DESC LIMIT ?",
                [runs_shown],
            ).fetchall()
        ][::-1]
        competitors = competitor_queries.competitor_sites(self.db)
        return ReportRows(
            metrics=metrics,
            dead_by_reason=[
                (reason or "?", count)
                for reason, count in self.db.execute(
                    f"SELECT reason, count(*) FROM targets WHERE {DEAD_TARGET} "
                    "GROUP BY reason ORDER BY count(*) DESC, reason"
                ).fetchall()
            ],
            runs=[(run_id, self._verdicts_of_run(run_id)) for run_id in run_ids],
            top_dead=list(
                self.db.query(
                    """SELECT d.target_url AS url, d.referring_domains, d.referring_pages,
                              d.reason, d.status, coalesce(d.anchor_texts, '') AS anchors,
                              t.evidence, coalesce(t.confirmed, 0) AS confirmed,
                              t.confirmed_at, t.first_dead_at, t.consecutive_failures
                       FROM dead_targets d JOIN targets t ON t.url = d.target_url
                       ORDER BY d.referring_domains DESC, d.referring_pages DESC, d.target_url
                       LIMIT ?""",
                    [top_dead],
                )
            ),
            prospects=list(
                self.db.query(
                    "SELECT url, coalesce(title, '') AS title, site, resource_score AS score, "
                    "coalesce(resource_reasons, '') AS reasons FROM prospects "
                    "ORDER BY resource_score DESC, url"
                )
            ),
            competitors=competitors,
            competitor_dead=competitor_queries.dead_pages(self.db) if competitors else [],
            backlink_states=dict(
                self.db.execute("SELECT state, count(*) FROM backlinks GROUP BY state").fetchall()
            ),
            anchors=[
                (anchor or "(empty)", n)
                for anchor, n in self.db.execute(
                    "SELECT anchor_text, count(*) FROM backlinks WHERE state = 'live' "
                    "GROUP BY anchor_text ORDER BY count(*) DESC, anchor_text LIMIT 15"
                ).fetchall()
            ],
            lost_backlinks=list(
                self.db.query(
                    "SELECT source_url AS source, target_url AS target, reason FROM backlinks "
                    "WHERE state = 'lost' ORDER BY reason, source_url LIMIT 200"
                )
            ),
        )

    def summary_rows(self, top: int, hidden_sites: Iterable[str] = ()) -> SummaryRows:
        """Counts, targets by verdict and reason (dead first), top prospects and dead links
        (none on ``hidden_sites``: the do-not-contact list)."""
        one = self._one
        hidden = sorted(hidden_sites)
        not_hidden = f"NOT IN ({', '.join('?' * len(hidden))})" if hidden else "IS NOT NULL"
        return SummaryRows(
            pages=one("SELECT count(*) FROM pages"),
            links=one("SELECT count(*) FROM links"),
            targets=one("SELECT count(*) FROM targets"),
            by_verdict=[
                tuple(row)
                for row in self.db.execute(
                    "SELECT verdict, reason, count(*) FROM targets GROUP BY verdict, reason "
                    f"ORDER BY CASE verdict WHEN '{DEAD}' THEN 0 WHEN '{BLOCKED}' THEN 1 "
                    f"WHEN '{UNKNOWN}' THEN 2 ELSE 3 END, count(*) DESC, reason"
                ).fetchall()
            ],
            prospect_count=one("SELECT count(*) FROM prospects"),
            prospects=[
                tuple(row)
                for row in self.db.execute(
                    "SELECT url, resource_score, title FROM prospects "
                    f"WHERE coalesce(site, '') {not_hidden} LIMIT ?",
                    [*hidden, top],
                ).fetchall()
            ],
            dead_link_count=one("SELECT count(*) FROM dead_links"),
            dead_links=[
                tuple(row)
                for row in self.db.execute(
                    "SELECT source_url, target_url, reason FROM dead_links "
                    f"WHERE coalesce(source_site, '') {not_hidden} LIMIT ?",
                    [*hidden, top * 2],
                ).fetchall()
            ],
        )

    def _verdicts_of_run(self, run_id: int) -> dict[str, int]:
        sql = "SELECT verdict, count(*) FROM checks WHERE run_id = ? GROUP BY verdict"
        return dict(self.db.execute(sql, [run_id]).fetchall())

    def _one(self, sql: str) -> int:
        return self.db.execute(sql).fetchone()[0] or 0
