"""Backlinks over runs: new, lost, recovered, changed anchor or rel,
with the confirmation rule of dead links: a lost link is *suspected* until a second
check at least LINKPROSPECTOR_CONFIRM_HOURS later still finds it lost. Pure."""

from __future__ import annotations

from collections import Counter
from typing import Any

from linkprospector.judge.history import hours_between

TRANSITIONS = ("new", "lost", "lost_suspected", "recovered", "changed")


def next_backlink_state(
    prev: dict[str, Any] | None, row: dict[str, Any], confirm_hours: float
) -> tuple[dict[str, Any], str | None]:
    """The history columns for ``row`` (``lost_since``, ``confirmed``) and its transition."""
    state, now = row["state"], row["checked_at"]
    was = prev.get("state") if prev else None
    if state == "unknown":  # says nothing: the streak and confirmation stay as they were
        keep = {k: prev.get(k) for k in ("lost_since", "confirmed")} if prev else {}
        return {"lost_since": keep.get("lost_since"), "confirmed": keep.get("confirmed") or 0}, None
    if state == "lost":
        since = prev.get("lost_since") if prev and was == "lost" and prev.get("lost_since") else now
        confirmed = confirm_hours <= 0 or hours_between(since, now) >= confirm_hours
        already = bool(prev and was == "lost" and prev.get("confirmed"))
        if confirmed and not already:
            transition = "lost"
        elif since == now:
            transition = "lost_suspected"
        else:
            transition = None
        return {"lost_since": since, "confirmed": int(confirmed)}, transition
    transition = None
    if prev is None:  # the first check: compared with what the export said, if anything
        transition = "changed" if differs_from_claim(row) else "new"
    elif was == "lost":
        transition = "recovered"
    elif was == "live" and (
        (prev.get("anchor_text") or "") != (row.get("anchor_text") or "")
        or (prev.get("rel") or "") != (row.get("rel") or "")
    ):
        transition = "changed"
    return {"lost_since": None, "confirmed": 0}, transition


def differs_from_claim(row: dict[str, Any]) -> bool:
    """The page shows another anchor or rel than the export said (``claimed_anchor``,
    ``claimed_rel``; None or "" anchor: the export did not say). Anchors compare without
    case and runs of spaces: tools normalise them differently."""
    claimed_anchor, claimed_rel = row.get("claimed_anchor"), row.get("claimed_rel")
    if claimed_anchor and _words(claimed_anchor) != _words(row.get("anchor_text") or ""):
        return True
    return claimed_rel is not None and set(claimed_rel.split()) != set(
        (row.get("rel") or "").split()
    )


def _words(text: str) -> str:
    return " ".join(text.casefold().split())


def changes_line(run_id: int, transitions: Counter[str]) -> str:
    """The change summary of a backlinks run, for the log and ``backlinks-report``."""
    return (
        f"backlink changes in run {run_id}: {transitions.get('new', 0)} new, "
        f"{transitions.get('lost', 0)} lost (confirmed), "
        f"{transitions.get('lost_suspected', 0)} lost (suspected, confirmed by a later run), "
        f"{transitions.get('recovered', 0)} recovered, {transitions.get('changed', 0)} changed "
        "anchor or rel"
    )
