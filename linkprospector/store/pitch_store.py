"""Reads and writes of the pitch work (tables in ``schema_pitch.py``): the user's pages,
link sentences, archived captures, replacements, pitch statuses, and the opportunities
(linking page × dead target) with what a pitch needs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import sqlite_utils

CHUNK = 500


OPPORTUNITY_COLUMNS = (
    "page_url", "target_url", "anchor_text", "source_site", "page_title", "reason", "status",
    "evidence", "confirmed", "first_dead_at", "confirmed_at", "last_live_at", "final_url",
    "sentence", "placement",
)  # fmt: skip


class PitchStore:
    """The pitch tables (a part of ``SQLiteStore``)."""

    db: sqlite_utils.Database

    def save_pitch_pages(self, pages: list[dict], contexts: list[dict]) -> None:
        """The user's own pages and the sentences around links, in one transaction."""
        with self.db.atomic():
            if pages:
                self.db["my_pages"].upsert_all(pages, pk="url")
            if contexts:
                self.db["link_contexts"].upsert_all(contexts, pk=("source_url", "target_url"))

    def load_my_pages(self) -> list[dict]:
        return list(self.db["my_pages"].rows_where(order_by="url"))

    def my_sites(self) -> list[str]:
        return [
            row[0] for row in self.db.execute("SELECT DISTINCT site FROM my_pages ORDER BY site")
        ]

    def dead_targets_to_look_up(self, limit: int | None = None) -> list[dict]:
        """Dead targets that pages still link to and that have no finished lookup (a lookup
        that failed is tried again: the step resumes where it stopped)."""
        sql = (
            "SELECT t.url, t.last_live_at, t.first_dead_at, t.checked_at FROM targets t "
            "WHERE t.verdict = 'dead' "
            "AND EXISTS (SELECT 1 FROM links l WHERE l.target_url = t.url) "
            "AND NOT EXISTS (SELECT 1 FROM wayback_captures w WHERE w.target_url = t.url "
            "AND w.state IN ('found', 'none')) ORDER BY t.url"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [dict(zip(("url", "last_live_at", "first_dead_at", "checked_at"), row, strict=True))
                for row in self.db.execute(sql).fetchall()]  # fmt: skip

    def save_capture(self, row: dict) -> None:
        self.db["wayback_captures"].upsert(row, pk="target_url")

    def load_captures(self) -> dict[str, dict]:
        return {row["target_url"]: row for row in self.db["wayback_captures"].rows}

    def opportunities(self, target: str | None = None) -> list[dict]:
        """Every linking page × dead target, with the page, the check state and the sentence."""
        where, params = "t.verdict = 'dead'", []
        if target is not None:
            where += " AND t.url = ?"
            params.append(target)
        rows = self.db.execute(
            "SELECT l.source_url, l.target_url, l.anchor_text, l.source_site, p.title, t.reason, "
            "t.status, t.evidence, coalesce(t.confirmed, 0), t.first_dead_at, t.confirmed_at, "
            "t.last_live_at, t.final_url, c.sentence, l.placement "
            "FROM links l JOIN targets t ON t.url = l.target_url "
            "LEFT JOIN pages p ON p.url = l.source_url "
            "LEFT JOIN link_contexts c "
            "ON c.source_url = l.source_url AND c.target_url = l.target_url "
            f"WHERE {where} ORDER BY l.target_url, l.source_url",
            params,
        ).fetchall()
        return [dict(zip(OPPORTUNITY_COLUMNS, row, strict=True)) for row in rows]

    def anchors_and_sentences(self) -> dict[str, tuple[list[str], list[str]]]:
        """Per dead target: the anchors other pages used for it, and the sentences around them."""
        found: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for target, anchor, sentence in self.db.execute(
            "SELECT l.target_url, l.anchor_text, c.sentence FROM links l "
            "JOIN targets t ON t.url = l.target_url AND t.verdict = 'dead' "
            "LEFT JOIN link_contexts c "
            "ON c.source_url = l.source_url AND c.target_url = l.target_url "
            "ORDER BY l.target_url, l.source_url"
        ).fetchall():
            anchors, sentences = found[target]
            if anchor:
                anchors.append(anchor)
            if sentence:
                sentences.append(sentence)
        return dict(found)

    def check_history(self, urls: Iterable[str]) -> dict[str, list[dict]]:
        """Each target's checks, oldest first (checked_at, verdict, reason, status, transition)."""
        urls = list(dict.fromkeys(urls))
        history: dict[str, list[dict]] = defaultdict(list)
        for start in range(0, len(urls), CHUNK):
            chunk = urls[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                "SELECT target_url, checked_at, verdict, reason, status, transition FROM checks "
                f"WHERE target_url IN ({marks}) ORDER BY checked_at, id",
                chunk,
            ).fetchall():
                history[row[0]].append(
                    dict(zip(("checked_at", "verdict", "reason", "status", "transition"), row[1:],
                             strict=True))
                )  # fmt: skip
        return dict(history)

    def contacts_of_sites(self) -> dict[str, list[dict]]:
        """Every contact by site (kind, value, label, source_url)."""
        found: dict[str, list[dict]] = defaultdict(list)
        for row in self.db["contacts"].rows_where(order_by="site, kind, value"):
            found[row["site"]].append(row)
        return dict(found)

    def save_replacements(self, target: str, rows: list[dict], ranked_at: str) -> None:
        """The ranked replacements of one dead target (replacing the earlier ranking)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM replacements WHERE target_url = ?", [target])
            if rows:
                self.db["replacements"].insert_all(
                    [{"target_url": target, "rank": i, "ranked_at": ranked_at, **row}
                     for i, row in enumerate(rows, 1)]
                )  # fmt: skip

    def load_replacements(self) -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = defaultdict(list)
        for row in self.db["replacements"].rows_where(order_by="target_url, rank"):
            found[row["target_url"]].append(row)
        return dict(found)

    def load_pitch_statuses(self) -> dict[tuple[str, str], dict]:
        return {(row["page_url"], row["target_url"]): row for row in self.db["pitch_status"].rows}

    def save_pitch_status(self, row: dict) -> None:
        self.db["pitch_status"].upsert(row, pk=("page_url", "target_url"))

    def page_links_to(self, page_url: str, sites: list[str]) -> list[str]:
        """The targets on ``page_url`` that are on one of ``sites`` (the user's own)."""
        if not sites:
            return []
        marks = ",".join("?" * len(sites))
        return [
            row[0]
            for row in self.db.execute(
                f"SELECT target_url FROM links WHERE source_url = ? AND target_site IN ({marks}) "
                "ORDER BY target_url",
                [page_url, *sites],
            )
        ]

    def page_fetched_at(self, url: str) -> str | None:
        row = self.db.execute("SELECT fetched_at FROM pages WHERE url = ?", [url]).fetchone()
        return row[0] if row else None

    def save_pitch_and_outreach_status(self, row: dict, outreach: list[dict]) -> None:
        """A pitch's status and the outreach status rows it means, in one transaction."""
        with self.db.atomic():
            self.save_pitch_status(row)
            self.save_statuses(outreach)  # OutreachStatuses, the other part of the store
