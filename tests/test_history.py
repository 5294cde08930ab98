"""Pure history rules: recheck policy, failure classes, confirmation, recovery, changes."""

from __future__ import annotations

import pytest

from linkprospector.clock import parse_time
from linkprospector.judge.history import (
    CONFIRMED,
    NEW_DEAD,
    RECOVERED,
    RecheckPolicy,
    RunChanges,
    RunFailures,
    TargetState,
    failure_class,
    format_changes,
    fresh_urls,
    next_state,
)

NOW = parse_time("2026-11-10T02:30:00+00:00")


@pytest.mark.parametrize(
    ("verdict", "reason", "expected"),
    [
        ("dead", "http_404", "gone"),
        ("dead", "http_410", "gone"),
        ("dead", "soft_404", "gone"),
        ("dead", "http_400", "http_4xx"),
        ("dead", "http_500", "http_5xx"),
        ("dead", "http_503", "http_5xx"),
        ("dead", "dns", "dns"),
        ("dead", "refused", "refused"),
        ("dead", "redirect_loop", "redirect"),
        ("dead", "too_many_redirects", "redirect"),
        ("dead", "parked", "parked"),
        ("dead", "something_new", "something_new"),
        ("live", "ok", None),
        ("blocked", "http_403", None),
        ("unknown", "timeout", None),
    ],
)
def test_failure_class(verdict, reason, expected):
    assert failure_class(verdict, reason) == expected


@pytest.mark.parametrize(
    ("verdict", "last_checked", "policy", "due"),
    [
        (None, None, RecheckPolicy(), True),  # never checked
        ("live", None, RecheckPolicy(), True),
        ("live", "2026-11-09T02:30:00+00:00", RecheckPolicy(), False),  # 1 day old
        ("live", "2026-11-04T02:30:00+00:00", RecheckPolicy(), False),  # 6 days old
        ("live", "2026-11-03T06:00:00+00:00", RecheckPolicy(), True),  # 6d20.5h: cron drift
        ("live", "2026-11-03T02:30:00+00:00", RecheckPolicy(), True),  # 7 days old
        ("dead", "2026-11-09T02:30:00+00:00", RecheckPolicy(), True),  # 1 day old
        ("dead", "2026-11-09T02:41:00+00:00", RecheckPolicy(), True),  # 23h49m: cron drift
        ("dead", "2026-11-09T12:00:00+00:00", RecheckPolicy(), False),  # 14.5 h
        ("unknown", "2026-11-09T02:30:00+00:00", RecheckPolicy(), True),
        ("blocked", "2026-11-10T01:00:00+00:00", RecheckPolicy(), False),
        ("live", "2026-11-10T02:00:00+00:00", RecheckPolicy(force=True), True),  # recheck=all
        ("live", "2026-11-09T02:30:00+00:00", RecheckPolicy(live_days=1), True),
        ("dead", "2026-11-08T02:30:00+00:00", RecheckPolicy(failed_days=3), False),
        ("dead", "2026-11-10T02:29:00+00:00", RecheckPolicy(failed_days=0), True),
        ("live", "not a time", RecheckPolicy(), True),
        ("live", "2026-11-09T02:30:00", RecheckPolicy(), False),  # naive = UTC
    ],
)
def test_is_due(verdict, last_checked, policy, due):
    assert policy.is_due(verdict, last_checked, NOW) is due


def test_fresh_urls_and_force():
    rows = [
        ("http://a/", "live", "2026-11-09T02:30:00+00:00"),
        ("http://b/", "dead", "2026-11-09T02:30:00+00:00"),
        ("http://c/", "live", None),
    ]
    assert fresh_urls(rows, RecheckPolicy(), NOW) == {"http://a/"}
    assert fresh_urls(rows, RecheckPolicy(force=True), NOW) == set()


D1, D2, D3 = "2026-11-01T02:00:00+00:00", "2026-11-02T02:00:00+00:00", "2026-11-03T02:00:00+00:00"
H10 = "2026-11-01T12:00:00+00:00"  # 10 hours after D1


def run(checks, confirm_hours=20.0, prev=None):
    """Apply (verdict, reason, at) checks in order; return the states and transitions."""
    state, transitions = prev, []
    for verdict, reason, at in checks:
        state, transition = next_state(state, verdict, reason, at, confirm_hours)
        transitions.append(transition)
    return state, transitions


@pytest.mark.parametrize(
    ("checks", "confirm_hours", "confirmed", "failures", "transitions"),
    [
        # one failure is only suspected
        ([("dead", "http_404", D1)], 20, False, 1, [NEW_DEAD]),
        # two failures of the same class a day apart: confirmed
        ([("dead", "http_404", D1), ("dead", "http_404", D2)], 20, True, 2, [NEW_DEAD, CONFIRMED]),
        # 404 then 410: same class ("gone")
        ([("dead", "http_404", D1), ("dead", "http_410", D2)], 20, True, 2, [NEW_DEAD, CONFIRMED]),
        # two failures only 10 hours apart: not yet
        ([("dead", "http_404", D1), ("dead", "http_404", H10)], 20, False, 2, [NEW_DEAD, None]),
        # ... a third one a day after the first confirms
        (
            [("dead", "http_404", D1), ("dead", "http_404", H10), ("dead", "http_404", D2)],
            20,
            True,
            3,
            [NEW_DEAD, None, CONFIRMED],
        ),
        # different classes: the streak restarts, no confirmation
        ([("dead", "http_500", D1), ("dead", "dns", D2)], 20, False, 1, [NEW_DEAD, None]),
        (
            [("dead", "http_500", D1), ("dead", "dns", D2), ("dead", "dns", D3)],
            20,
            True,
            2,
            [NEW_DEAD, None, CONFIRMED],
        ),
        # a live check in between resets everything
        (
            [("dead", "http_404", D1), ("live", "ok", D2), ("dead", "http_404", D3)],
            20,
            False,
            1,
            [NEW_DEAD, RECOVERED, NEW_DEAD],
        ),
        # timeouts and blocks say nothing: the streak goes on
        (
            [("dead", "http_404", D1), ("unknown", "timeout", D2), ("dead", "http_404", D3)],
            20,
            True,
            2,
            [NEW_DEAD, None, CONFIRMED],
        ),
        (
            [("dead", "dns", D1), ("blocked", "http_403", D2), ("dead", "dns", D3)],
            20,
            True,
            2,
            [NEW_DEAD, None, CONFIRMED],
        ),
        # confirmation off: the first failure confirms
        ([("dead", "http_404", D1)], 0, True, 1, [NEW_DEAD]),
        # a confirmed dead link that fails differently stays confirmed
        (
            [("dead", "http_404", D1), ("dead", "http_404", D2), ("dead", "dns", D3)],
            20,
            True,
            3,
            [NEW_DEAD, CONFIRMED, None],
        ),
        # live all along: nothing happens
        ([("live", "ok", D1), ("live", "ok", D2)], 20, False, 0, [None, None]),
        # a first check that is blocked or unknown is not a failure
        ([("blocked", "http_999", D1), ("unknown", "timeout", D2)], 20, False, 0, [None, None]),
    ],
)
def test_confirmation_rule(checks, confirm_hours, confirmed, failures, transitions):
    state, seen = run(checks, confirm_hours)
    assert state.confirmed is confirmed
    assert state.consecutive_failures == failures
    assert seen == transitions
    assert state.last_checked == checks[-1][2]
    assert state.verdict == checks[-1][0]


def test_state_fields_through_death_confirmation_and_recovery():
    state, _ = run([("live", "ok", D1), ("dead", "http_404", D2)])
    assert (state.last_live_at, state.first_dead_at, state.failure_class) == (D1, D2, "gone")
    state, _ = run([("dead", "http_404", D3)], prev=state)
    assert state.confirmed and state.confirmed_at == D3
    later = "2026-11-04T02:00:00+00:00"
    state, transitions = run([("live", "redirect_ok", later)], prev=state)
    assert transitions == [RECOVERED]
    assert state.recovered_at == later and state.last_live_at == later
    assert not state.confirmed and state.confirmed_at is None and state.first_dead_at is None
    assert state.as_row()["confirmed"] == 0


def test_previous_state_from_an_upgraded_database():
    # m005 backfills a dead target as one failure of its class: the next failure confirms
    prev = TargetState(
        verdict="dead", last_checked=D1, first_dead_at=D1, consecutive_failures=1,
        failure_class="gone",
    )  # fmt: skip
    state, transitions = run([("dead", "http_404", D2)], prev=prev)
    assert state.confirmed and transitions == [CONFIRMED]


def test_format_changes_lists_and_limits():
    changes = RunChanges(
        run_id=3,
        new_dead_links=[("http://hub/p", f"http://gone/{i}", "http_404") for i in range(3)],
        newly_confirmed=[("http://gone/0", 2)],
        recovered=["http://back/"],
        new_prospects=[("http://hub/resources", 0.9)],
        removed_dead_links=[("http://hub/p", "http://gone/9")],
        counts={"checked": 5, "fresh_skipped": 12, "confirmed_total": 1, "suspected_total": 2},
    )
    lines = format_changes(changes, limit=2)
    assert lines[0] == (
        "changes in run 3: 3 new dead links, 1 newly confirmed, 1 recovered, "
        "1 new prospects, 1 dead links removed by their pages"
    )
    assert "checked 5 targets (12 still fresh" in lines[1]
    assert "  ... and 1 more" in lines
    assert "  http://back/" in lines
    assert "  http://gone/9 from http://hub/p" in lines
    assert RunChanges.from_dict(changes.as_dict()) == changes


@pytest.mark.parametrize(
    ("hours", "events", "expected"),
    [
        (1.0, [("fail", 0), ("due", 1800)], [False]),  # half an hour: too soon
        (1.0, [("fail", 0), ("due", 3600), ("due", 7200)], [True, False]),  # once only
        (1.0, [("due", 9999)], [False]),  # never failed
        (1.0, [("fail", 0), ("fail", 3000), ("due", 3600)], [True]),  # first failure counts
        (0.0, [("fail", 0), ("due", 99999)], [False]),  # confirmation off: nothing to do
    ],
)
def test_run_failures_confirmation_check_in_a_long_run(hours, events, expected):
    failures = RunFailures(hours)
    seen = []
    for kind, at in events:
        if kind == "fail":
            failures.failed("http://x/", at)
        else:
            seen.append(failures.due("http://x/", at))
    assert seen == expected
