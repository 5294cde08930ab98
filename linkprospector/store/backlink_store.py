"""SQLite reads and writes of the user's backlinks: each referring page × URL as last
checked (``backlink_links``), its history (``backlink_checks``), toxic signals."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from linkprospector.judge.backlink_history import next_backlink_state
from linkprospector.judge.toxic import ToxicSignal
from linkprospector.store.upserts import upsert_keeping_first_seen

LINK_COLUMNS = ("source_url", "target_url", "anchor_text", "rel", "placement", "state", "reason")


class BacklinkStore:
    """The backlinks tables (a part of ``SQLiteStore``)."""

    db: sqlite_utils.Database

    def record_backlink(
        self, row: dict, run_id: int | None, now: str, confirm_hours: float
    ) -> list[str]:
        """Store one referring page × my URL as checked now, with its history; returns the
        transitions (new, lost, lost_suspected, recovered, changed).

        A page of a list without targets that no longer links to the site (target "")
        applies to every link stored for it; a link found again on such a page takes over
        the history of the page's "" row."""
        table = self.db["backlink_links"]
        source = row["source_url"]
        if not row["target_url"]:
            stored = list(table.rows_where("source_url = ? AND target_url != ''", [source]))
            if stored:
                return [
                    t
                    for old in stored
                    for t in self.record_backlink(
                        {**row, "target_url": old["target_url"],
                         **{k: old[k] for k in ("anchor_text", "rel", "placement", "kind")}},
                        run_id, now, confirm_hours,
                    )
                ]  # fmt: skip
        where = "source_url = ? AND target_url = ?"
        prev = next(table.rows_where(where, [source, row["target_url"]]), None)
        if prev is None and row["target_url"]:
            prev = next(table.rows_where("source_url = ? AND target_url = ''", [source]), None)
            if prev is not None:
                table.delete((source, ""))
        history, transition = next_backlink_state(prev, row, confirm_hours)
        # first_seen: the export's date when it gives one, else this check's time
        full = {**row, **history, "transition": transition, "run_id": run_id,
                "first_seen": row.get("first_seen") or now}  # fmt: skip
        with self.db.atomic():
            upsert_keeping_first_seen(table, [full], ("source_url", "target_url"))
            self.db["backlink_checks"].upsert(
                {"run_id": run_id or 0, "source_url": source, "target_url": row["target_url"],
                 "checked_at": row["checked_at"], "state": row["state"], "reason": row["reason"],
                 "anchor_text": row["anchor_text"], "rel": row["rel"],
                 "confirmed": history["confirmed"], "transition": transition},
                pk=("run_id", "source_url", "target_url"),
            )  # fmt: skip
        return [transition] if transition else []

    def live_backlinks(self) -> list[dict]:
        """Live backlinks as the toxic rules read them."""
        return list(
            self.db.query(
                "SELECT source_url, target_url, anchor_text, kind, rel, placement, "
                "toxic_score, toxic_reasons FROM backlink_links WHERE state = 'live'"
            )
        )

    def add_toxic_signals(self, signals: Iterable[ToxicSignal]) -> int:
        """Add each signal's weight (capped at 100) and reason to its link; returns how many."""
        added = 0
        with self.db.atomic():
            for signal in signals:
                key = (signal.source_url, signal.target_url)
                row = self.db["backlink_links"].get(key)
                self.db["backlink_links"].update(
                    key,
                    {"toxic_score": min(100, (row["toxic_score"] or 0) + signal.weight),
                     "toxic_reasons": "; ".join(filter(None, [row["toxic_reasons"],
                                                              signal.reason]))},
                )  # fmt: skip
                added += 1
        return added

    def backlink_rows(self, state: str | None = None) -> list[dict]:
        """The ``backlinks`` view (every state, or one)."""
        where, params = ("WHERE state = ?", [state]) if state else ("", [])
        return list(
            self.db.query(f"SELECT {', '.join(LINK_COLUMNS)} FROM backlinks {where}", params)
        )

    def backlink_summary(self) -> dict[str, Any]:
        """Counts per state, confirmed lost links, the last backlinks run's change line."""
        last = self.db.execute(
            "SELECT stats FROM runs WHERE spider = 'backlinks' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        stats = json.loads(last[0] or "{}") if last else {}
        return {
            "counts": dict(
                self.db.execute("SELECT state, count(*) FROM backlinks GROUP BY state").fetchall()
            ),
            "confirmed_lost": self.db.execute(
                "SELECT count(*) FROM backlink_links WHERE state = 'lost' AND confirmed = 1"
            ).fetchone()[0],
            "changes": stats.get("linkprospector/backlink_changes"),
            "imported": stats.get("linkprospector/backlinks/import"),  # what the run imported
        }

    def latest_run_args(self, spider: str) -> dict[str, Any]:
        """The arguments of the latest run of ``spider`` ({} when there is none)."""
        row = self.db.execute(
            "SELECT args FROM runs WHERE spider = ? ORDER BY id DESC LIMIT 1", [spider]
        ).fetchone()
        return json.loads(row[0] or "{}") if row else {}

    def toxic_sources(self, min_score: int) -> list[tuple[str, int, list[str]]]:
        """Referring pages whose links score at least ``min_score``: (url, best score,
        reasons in the order first given; each reason whole, commas and all)."""
        best: dict[str, tuple[int, list[str]]] = {}
        for source, score, reasons in self.db.execute(
            "SELECT source_url, toxic_score, toxic_reasons FROM backlink_links "
            "WHERE toxic_score >= ? ORDER BY source_url, toxic_score DESC",
            [min_score],
        ).fetchall():
            _top, listed = best.setdefault(source, (int(score), []))
            for reason in (reasons or "").split("; "):
                if reason and reason not in listed:
                    listed.append(reason)
        return [(source, score, reasons) for source, (score, reasons) in best.items()]
