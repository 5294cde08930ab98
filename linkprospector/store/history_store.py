"""History in SQLite: check rows, target state, removed links, stale runs, run changes.

The judgement lives in :mod:`linkprospector.judge.history`; this module reads and writes the
rows. Writers are called inside the pipeline's batch transaction, so a batch's checks,
target states and link removals land together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

import sqlite_utils

from linkprospector.judge import history
from linkprospector.judge.history import RecheckPolicy, RunChanges, TargetState
from linkprospector.judge.verdicts import DEAD

STATE_FIELDS = (
    "verdict",
    "last_checked",
    "first_dead_at",
    "consecutive_failures",
    "failure_class",
    "last_live_at",
    "confirmed",
    "confirmed_at",
    "recovered_at",
)
CHUNK = 500


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_states(db: sqlite_utils.Database, urls: Iterable[str]) -> dict[str, TargetState]:
    """The stored state of each known target among ``urls``."""
    states: dict[str, TargetState] = {}
    columns = ", ".join(STATE_FIELDS)
    for chunk in _chunks(sorted(set(urls))):
        marks = ", ".join("?" for _ in chunk)
        for row in db.execute(
            f"SELECT url, {columns} FROM targets WHERE url IN ({marks})", chunk
        ).fetchall():
            values = dict(zip(STATE_FIELDS, row[1:], strict=True))
            values["confirmed"] = bool(values["confirmed"])
            values["consecutive_failures"] = values["consecutive_failures"] or 0
            states[row[0]] = TargetState(**values)
    return states


def apply_checks(
    db: sqlite_utils.Database, targets: list[dict], run_id: int | None, confirm_hours: float
) -> list[dict]:
    """Add history state to ``targets`` rows and write one ``checks`` row for each."""
    if not targets:
        return targets
    states = load_states(db, (row["url"] for row in targets))
    checks = []
    out = []
    for row in targets:
        state, transition = history.next_state(
            states.get(row["url"]), row["verdict"], row["reason"], row["checked_at"], confirm_hours
        )
        states[row["url"]] = state
        out.append({**row, **state.as_row()})
        checks.append(
            {
                "run_id": run_id or 0,
                "target_url": row["url"],
                "checked_at": row["checked_at"],
                "verdict": row["verdict"],
                "reason": row["reason"],
                "status": row.get("status"),
                "failure_class": state.failure_class,
                "confirmed": int(state.confirmed),
                "transition": transition,
            }
        )
    # A target checked twice in one run (a confirmation check) keeps one row per run:
    # the latest result, with both transitions ("new_dead,confirmed").
    for check in checks:
        db.execute(
            "INSERT INTO checks (run_id, target_url, checked_at, verdict, reason, status, "
            "failure_class, confirmed, transition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (run_id, target_url) DO UPDATE SET checked_at = excluded.checked_at, "
            "verdict = excluded.verdict, reason = excluded.reason, status = excluded.status, "
            "failure_class = excluded.failure_class, confirmed = excluded.confirmed, "
            "transition = CASE WHEN checks.transition IS NULL THEN excluded.transition "
            "WHEN excluded.transition IS NULL THEN checks.transition "
            "ELSE checks.transition || ',' || excluded.transition END",
            [check[k] for k in check],
        )
    return out


def record_removed_links(db: sqlite_utils.Database, run_id: int, now: str) -> int:
    """Delete links that pages fetched in run ``run_id`` no longer have.

    Called when a run has finished: every link a re-fetched page still has was written
    with this run's id, so the page's other links were removed from it. Each removal is
    kept in ``removed_links`` (with the target's verdict then) for the change summary.
    """
    where = "run_id IS NOT ? AND source_url IN (SELECT url FROM pages WHERE run_id = ?)"
    with db.atomic():
        rows = db.execute(
            "SELECT l.source_url, l.target_url, l.anchor_text, t.verdict, t.confirmed "
            f"FROM (SELECT * FROM links WHERE {where}) l "
            "LEFT JOIN targets t ON t.url = l.target_url",
            [run_id, run_id],
        ).fetchall()
        if rows:
            db["removed_links"].upsert_all(
                [
                    {
                        "run_id": run_id,
                        "source_url": source,
                        "target_url": target,
                        "anchor_text": anchor,
                        "removed_at": now,
                        "target_verdict": verdict,
                        "target_confirmed": confirmed or 0,
                    }
                    for source, target, anchor, verdict, confirmed in rows
                ],
                pk=("run_id", "source_url", "target_url"),
            )
            db.execute(f"DELETE FROM links WHERE {where}", [run_id, run_id])
    return len(rows)


#: Runs started by this process (several crawls of one nightly run share the database).
RUNS_OF_THIS_PROCESS: set[int] = set()


def mark_stale_runs(db: sqlite_utils.Database, now: str, only: list[int] | None = None) -> int:
    """Runs still marked ``running`` died without closing (we hold the run lock): ``killed``.

    Runs of this process are alive, whatever their status. ``only``: just these runs (a
    server database: the runs of this machine whose process is gone).
    """
    ours = sorted(RUNS_OF_THIS_PROCESS)
    not_ours = f" AND id NOT IN ({', '.join('?' for _ in ours)})" if ours else ""
    stale = [
        row[0]
        for row in db.execute(
            f"SELECT id FROM runs WHERE status = 'running'{not_ours}", ours
        ).fetchall()
        if only is None or row[0] in only
    ]
    for run_id in stale:
        with db.atomic():
            db.execute(
                "UPDATE runs SET status = 'killed', finished_at = coalesce(finished_at, ?) "
                "WHERE id = ?",
                [now, run_id],
            )
            # what it wrote before it died still changed things: keep its summary
            store_changes(db, compute_changes(db, run_id))
    return len(stale)


def load_fresh_targets(db: sqlite_utils.Database, policy: RecheckPolicy, now: datetime) -> set[str]:
    """Targets whose last check is still fresh under ``policy``."""
    if policy.force:
        return set()
    rows = db.execute(
        "SELECT url, verdict, coalesce(last_checked, checked_at) FROM targets"
    ).fetchall()
    return history.fresh_urls(rows, policy, now)


def compute_changes(
    db: sqlite_utils.Database, run_id: int, counts: dict[str, int] | None = None
) -> RunChanges:
    """What run ``run_id`` changed, from its check rows, links, pages and removals."""
    started = db.execute("SELECT started_at FROM runs WHERE id = ?", [run_id]).fetchone()
    started_at = started[0] if started else ""

    def transition(name: str) -> list[str]:
        return [
            row[0]
            for row in db.execute(
                "SELECT target_url FROM checks WHERE run_id = ? "
                "AND ',' || transition || ',' LIKE '%,' || ? || ',%' ORDER BY target_url",
                [run_id, name],
            ).fetchall()
        ]

    new_dead = db.execute(
        "SELECT l.source_url, l.target_url, t.reason FROM links l "
        f"JOIN targets t ON t.url = l.target_url WHERE t.verdict = '{DEAD}' AND ("
        "t.url IN (SELECT target_url FROM checks WHERE run_id = ? "
        "AND ',' || transition || ',' LIKE '%,' || ? || ',%') "
        "OR l.first_seen >= ?) ORDER BY l.target_url, l.source_url",
        [run_id, history.NEW_DEAD, started_at],
    ).fetchall()
    confirmed = [
        (
            url,
            db.execute("SELECT count(*) FROM links WHERE target_url = ?", [url]).fetchone()[0],
        )
        for url in transition(history.CONFIRMED)
    ]
    prospects = db.execute(
        "SELECT url, resource_score FROM pages WHERE is_resource = 1 AND first_seen >= ? "
        "ORDER BY resource_score DESC, url",
        [started_at],
    ).fetchall()
    removed = db.execute(
        "SELECT source_url, target_url FROM removed_links "
        f"WHERE run_id = ? AND target_verdict = '{DEAD}' ORDER BY target_url, source_url",
        [run_id],
    ).fetchall()
    totals = db.execute(
        "SELECT coalesce(sum(confirmed = 1), 0), coalesce(sum(confirmed = 0), 0) "
        f"FROM targets WHERE verdict = '{DEAD}'"
    ).fetchone()
    checked = db.execute("SELECT count(*) FROM checks WHERE run_id = ?", [run_id]).fetchone()[0]
    return RunChanges(
        run_id=run_id,
        new_dead_links=[tuple(row) for row in new_dead],
        newly_confirmed=confirmed,
        recovered=transition(history.RECOVERED),
        new_prospects=[(url, float(score or 0)) for url, score in prospects],
        removed_dead_links=[tuple(row) for row in removed],
        counts={
            **(counts or {}),
            "checked": checked,
            "confirmed_total": totals[0],
            "suspected_total": totals[1],
        },
    )


def store_changes(db: sqlite_utils.Database, changes: RunChanges) -> None:
    """Keep a run's changes in ``runs.changes`` (JSON)."""
    with db.atomic():
        db["runs"].update(changes.run_id, {"changes": json.dumps(changes.as_dict())})


def load_changes(db: sqlite_utils.Database, run_id: int | None = None) -> RunChanges | None:
    """The stored changes of run ``run_id`` (default: the latest run that has them)."""
    if run_id is None:
        row = db.execute(
            "SELECT id, changes FROM runs WHERE changes IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
    else:
        row = db.execute("SELECT id, changes FROM runs WHERE id = ?", [run_id]).fetchone()
    if row is None:
        return None
    if row[1]:
        return RunChanges.from_dict(json.loads(row[1]))
    return compute_changes(db, row[0])
