"""Nightly judgement over time: what is due, when a dead link is confirmed, what changed.

Pure functions over plain data (no Scrapy, no SQLite). Times are ISO-8601 strings as
stored in the database (see :mod:`linkprospector.clock`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from linkprospector.clock import parse_time
from linkprospector.config import DEFAULTS
from linkprospector.judge.verdicts import DEAD, LIVE

#: A check is due a little before its interval is up: a cron job that starts at 02:30
#: every night checks a target at 02:41 one night and reaches it at 02:35 the next.
RECHECK_SLACK = timedelta(hours=4)


#: Dead reasons that say the same thing ("this page is gone") in different words.
FAILURE_CLASSES = {
    "http_404": "gone",
    "http_410": "gone",
    "soft_404": "gone",
    "redirect_loop": "redirect",
    "too_many_redirects": "redirect",
    "dns": "dns",
    "refused": "refused",
    "parked": "parked",
}

#: Transitions a check can cause (stored in ``checks.transition``).
NEW_DEAD = "new_dead"
CONFIRMED = "confirmed"
RECOVERED = "recovered"


def failure_class(verdict: str | None, reason: str | None) -> str | None:
    """The class of a failure (``gone``, ``http_5xx``, ``dns``...), None unless dead."""
    if verdict != DEAD:
        return None
    reason = reason or ""
    if reason in FAILURE_CLASSES:
        return FAILURE_CLASSES[reason]
    if reason.startswith("http_5"):
        return "http_5xx"
    if reason.startswith("http_4"):
        return "http_4xx"
    return reason or DEAD


@dataclass(frozen=True)
class RecheckPolicy:
    """How long a check (or a crawled page) stays fresh."""

    live_days: float = DEFAULTS.recheck_live_days
    failed_days: float = DEFAULTS.recheck_failed_days
    force: bool = False  # -a recheck=all

    def interval(self, verdict: str | None) -> timedelta:
        """How long a result with this verdict stays fresh."""
        days = self.live_days if verdict == LIVE else self.failed_days
        return timedelta(days=days)

    def is_due(self, verdict: str | None, last_checked: str | None, now: datetime) -> bool:
        """Whether a target (or page, verdict ``live`` when it answered) needs a new visit."""
        if self.force or not last_checked or not verdict:
            return True
        try:
            age = now - parse_time(last_checked)
        except ValueError:
            return True
        interval = self.interval(verdict)
        return age >= interval - min(RECHECK_SLACK, interval / 2)


def fresh_urls(
    rows: Iterable[tuple[str, str | None, str | None]], policy: RecheckPolicy, now: datetime
) -> set[str]:
    """URLs of ``(url, verdict, last_checked)`` rows that are not due."""
    if policy.force:
        return set()
    return {url for url, verdict, checked in rows if not policy.is_due(verdict, checked, now)}


@dataclass(frozen=True)
class TargetState:
    """The history-derived state of one target (columns of ``targets``)."""

    verdict: str | None = None
    last_checked: str | None = None
    first_dead_at: str | None = None
    consecutive_failures: int = 0
    failure_class: str | None = None
    last_live_at: str | None = None
    confirmed: bool = False
    confirmed_at: str | None = None
    recovered_at: str | None = None

    def as_row(self) -> dict:
        """The state as ``targets`` columns (verdict excluded: the check sets it)."""
        return {
            "last_checked": self.last_checked,
            "first_dead_at": self.first_dead_at,
            "consecutive_failures": self.consecutive_failures,
            "failure_class": self.failure_class,
            "last_live_at": self.last_live_at,
            "confirmed": int(self.confirmed),
            "confirmed_at": self.confirmed_at,
            "recovered_at": self.recovered_at,
        }


def hours_between(earlier: str, later: str) -> float:
    """Hours from ``earlier`` to ``later`` (ISO strings)."""
    return (parse_time(later) - parse_time(earlier)).total_seconds() / 3600


def confirmation_due(first_dead_at: str, confirm_hours: float) -> datetime:
    """When a run can confirm a dead link first seen failing at ``first_dead_at``."""
    return parse_time(first_dead_at) + timedelta(hours=max(confirm_hours, 0.0))


def confirmation_text(
    confirmed: bool | None,
    confirmed_at: str | None,
    first_dead_at: str | None,
    failures: int | None,
    confirm_hours: float = DEFAULTS.confirm_hours,
) -> str:
    """The Confirmed cell of an export: "yes — ..." or "no — ..." saying why and until when.

    ``confirmed`` None: the database does not record confirmation (an old database)."""
    if confirmed is None:
        return "not recorded"
    if confirmed:
        return f"yes — confirmed {shown_time(confirmed_at)}" if confirmed_at else "yes"
    if not first_dead_at:
        return "no — not confirmed yet"
    due = shown_time(confirmation_due(first_dead_at, confirm_hours).isoformat())
    seen = "checked once" if (failures or 0) <= 1 else f"failing since {shown_time(first_dead_at)}"
    return f"no — {seen}; confirmed by a run after {due}"


def shown_time(moment: str | None) -> str:
    """``2026-12-01 10:00 UTC`` from a stored ISO time."""
    if not moment:
        return ""
    try:
        return parse_time(moment).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return moment


def next_state(
    prev: TargetState | None,
    verdict: str,
    reason: str,
    checked_at: str,
    confirm_hours: float = DEFAULTS.confirm_hours,
) -> tuple[TargetState, str | None]:
    """The state after one more check, and the transition it caused (or None).

    A dead link is confirmed by a second failure of the same class at least
    ``confirm_hours`` after the first failure of the streak (0: the first failure
    confirms). ``live`` ends a streak (``recovered`` when there was one); ``blocked``
    and ``unknown`` say nothing either way and leave the streak as it is.
    """
    prev = prev or TargetState()
    state = replace(prev, verdict=verdict, last_checked=checked_at)
    if verdict == "live":
        was_failing = prev.consecutive_failures > 0 or prev.verdict == "dead"
        state = replace(
            state,
            last_live_at=checked_at,
            first_dead_at=None,
            consecutive_failures=0,
            failure_class=None,
            confirmed=False,
            confirmed_at=None,
            recovered_at=checked_at if was_failing else prev.recovered_at,
        )
        return state, RECOVERED if was_failing else None
    if verdict != DEAD:
        return state, None
    cls = failure_class(verdict, reason)
    streak = prev.consecutive_failures > 0 and prev.first_dead_at is not None
    if streak and (prev.confirmed or prev.failure_class == cls):
        state = replace(
            state, consecutive_failures=prev.consecutive_failures + 1, failure_class=cls
        )
        transition = None
    else:
        state = replace(
            state,
            first_dead_at=checked_at,
            consecutive_failures=1,
            failure_class=cls,
            confirmed=False,
            confirmed_at=None,
        )
        transition = NEW_DEAD if not streak else None
    if not state.confirmed and (
        confirm_hours <= 0
        or (
            state.consecutive_failures >= 2
            and hours_between(state.first_dead_at or checked_at, checked_at) >= confirm_hours
        )
    ):
        state = replace(state, confirmed=True, confirmed_at=checked_at)
        transition = CONFIRMED if transition is None else transition
    return state, transition


class RunFailures:
    """Dead verdicts seen in this run, for a confirmation check within one long run.

    A target that failed is checked once more when a page links to it again at least
    ``confirm_hours`` after the failure (times are seconds on a monotonic clock).
    """

    def __init__(self, confirm_hours: float):
        self.seconds = confirm_hours * 3600
        self.failed_at: dict[str, float] = {}
        self.rechecked: set[str] = set()

    def failed(self, url: str, at: float) -> None:
        """Note a dead verdict (the first one of the run counts)."""
        self.failed_at.setdefault(url, at)

    def due(self, url: str, at: float) -> bool:
        """Whether ``url`` needs its confirmation check now (True at most once)."""
        first = self.failed_at.get(url)
        if self.seconds <= 0 or first is None or url in self.rechecked:
            return False
        if at - first < self.seconds:
            return False
        self.rechecked.add(url)
        return True


# -- what changed in a run ------------------------------------------------------------


@dataclass
class RunChanges:
    """What one run changed, for the log, ``runs.changes`` and ``linkprospector changes``."""

    run_id: int
    new_dead_links: list[tuple[str, str, str]]  # (source_url, target_url, reason)
    newly_confirmed: list[tuple[str, int]]  # (target_url, linking pages)
    recovered: list[str]
    new_prospects: list[tuple[str, float]]  # (url, resource_score)
    removed_dead_links: list[tuple[str, str]]  # (source_url, target_url)
    counts: dict[str, int]

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id,
            "new_dead_links": [list(x) for x in self.new_dead_links],
            "newly_confirmed": [list(x) for x in self.newly_confirmed],
            "recovered": list(self.recovered),
            "new_prospects": [list(x) for x in self.new_prospects],
            "removed_dead_links": [list(x) for x in self.removed_dead_links],
            "counts": dict(self.counts),
        }

    @classmethod
    def from_dict(cls, data: dict) -> RunChanges:
        return cls(
            run_id=int(data.get("run_id", 0)),
            new_dead_links=[tuple(x) for x in data.get("new_dead_links", [])],
            newly_confirmed=[tuple(x) for x in data.get("newly_confirmed", [])],
            recovered=list(data.get("recovered", [])),
            new_prospects=[tuple(x) for x in data.get("new_prospects", [])],
            removed_dead_links=[tuple(x) for x in data.get("removed_dead_links", [])],
            counts=dict(data.get("counts", {})),
        )


def format_changes(changes: RunChanges, limit: int = 20) -> list[str]:
    """Plain-text lines describing a run's changes (at most ``limit`` rows per list)."""
    c = changes.counts
    lines = [
        f"changes in run {changes.run_id}: "
        f"{len(changes.new_dead_links)} new dead links, "
        f"{len(changes.newly_confirmed)} newly confirmed, "
        f"{len(changes.recovered)} recovered, "
        f"{len(changes.new_prospects)} new prospects, "
        f"{len(changes.removed_dead_links)} dead links removed by their pages",
        f"  checked {c.get('checked', 0)} targets ({c.get('fresh_skipped', 0)} still fresh, "
        f"not requested); {c.get('confirmed_total', 0)} confirmed dead targets in all, "
        f"{c.get('suspected_total', 0)} suspected",
    ]
    sections: list[tuple[str, list[str]]] = [
        ("new dead links", [f"{t} ({r}) on {s}" for s, t, r in changes.new_dead_links]),
        ("newly confirmed", [f"{t} ({n} linking pages)" for t, n in changes.newly_confirmed]),
        ("recovered", list(changes.recovered)),
        ("new prospects", [f"{score:.2f} {url}" for url, score in changes.new_prospects]),
        (
            "dead links removed (close the outreach)",
            [f"{t} from {s}" for s, t in changes.removed_dead_links],
        ),
    ]
    for title, rows in sections:
        if not rows:
            continue
        lines.append(f"{title}:")
        lines += [f"  {row}" for row in rows[:limit]]
        if len(rows) > limit:
            lines.append(f"  ... and {len(rows) - limit} more")
    return lines
