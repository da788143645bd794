"""Times in recovery and reports are timezone-aware UTC; SQLite hands them back naive, so normalise once."""

from __future__ import annotations

from datetime import datetime, timezone

from smilebox.errors import UsageError


def as_utc(value: datetime | None) -> datetime | None:
    """A stored time as aware UTC (SQLite returns naive values, which were written as UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, to the second: the form every JSON output uses."""
    value = as_utc(value)
    return None if value is None else value.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_now(text: str | None) -> datetime:
    """``--now`` for commands that depend on the clock (tests, re-running yesterday's reminders)."""
    if text is None:
        return datetime.now(timezone.utc)
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--now {text!r} is not an ISO 8601 time; write e.g. 2026-11-03T09:00:00Z") from None
    return as_utc(value)
