"""The crawl's notion of "now" (overridable, so tests can simulate time)."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(value: str) -> datetime:
    """Parse an ISO-8601 time; naive times are taken as UTC."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def now(override: str | None = None) -> datetime:
    """The current time, or ``override`` (LINKPROSPECTOR_NOW) when set."""
    return parse_time(override) if override else datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO-8601 text in UTC with seconds precision, as stored in the database."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")
