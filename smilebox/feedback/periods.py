"""Reporting periods: a month written ``YYYY-MM``, read in the configured time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from smilebox.errors import ConfigError, UsageError

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    year: int
    month: int
    tz: str = "UTC"

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def _zone(self):
        try:
            return ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"report_timezone {self.tz!r} is not a known time zone (example: Europe/Madrid)") from None

    @property
    def start(self) -> datetime:
        """First instant of the month, in UTC."""
        return datetime(self.year, self.month, 1, tzinfo=self._zone()).astimezone(timezone.utc)

    @property
    def end(self) -> datetime:
        """First instant of the next month, in UTC (the period is start <= t < end)."""
        year, month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        return datetime(year, month, 1, tzinfo=self._zone()).astimezone(timezone.utc)

    def previous(self) -> "Period":
        year, month = (self.year - 1, 12) if self.month == 1 else (self.year, self.month - 1)
        return Period(year, month, self.tz)


def parse_period(text: str, tz: str = "UTC") -> Period:
    """``2026-10`` -> Period; anything else is a usage error."""
    m = _PERIOD.match(text.strip()) if isinstance(text, str) else None
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:
        raise UsageError("--period must look like 2026-10")
    return Period(int(m.group(1)), int(m.group(2)), tz)


def last_month(tz: str = "UTC", now: datetime | None = None) -> Period:
    now = (now or datetime.now(timezone.utc)).astimezone(Period(2000, 1, tz)._zone())
    return Period(now.year, now.month, tz).previous()


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; the store writes UTC, so naive means UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
