"""Report periods: a calendar month (``YYYY-MM``) read in the report's time zone, as UTC bounds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from smilebox.errors import ConfigError, UsageError

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"report_timezone {name!r} is not a known time zone; use an IANA name such as Europe/Madrid") from None


@dataclass(frozen=True)
class Period:
    year: int
    month: int
    tz: str = "UTC"

    @classmethod
    def parse(cls, text: str, tz: str = "UTC") -> "Period":
        m = _MONTH.match(text.strip())
        if not m:
            raise UsageError(f"--period {text!r} is not a month; write YYYY-MM, e.g. 2026-10")
        zone(tz)
        return cls(int(m.group(1)), int(m.group(2)), tz)

    @classmethod
    def last_month(cls, tz: str = "UTC", now: datetime | None = None) -> "Period":
        local = (now or datetime.now(timezone.utc)).astimezone(zone(tz))
        return cls(local.year, local.month, tz).previous()

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return datetime(self.year, self.month, 1).strftime("%B %Y")

    @property
    def short_label(self) -> str:
        return datetime(self.year, self.month, 1).strftime("%b %y")

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=zone(self.tz)).astimezone(timezone.utc)

    @property
    def end(self) -> datetime:
        return self.next().start

    def previous(self) -> "Period":
        return Period(self.year - 1, 12, self.tz) if self.month == 1 else Period(self.year, self.month - 1, self.tz)

    def next(self) -> "Period":
        return Period(self.year + 1, 1, self.tz) if self.month == 12 else Period(self.year, self.month + 1, self.tz)

    def contains(self, when: datetime) -> bool:
        return self.start <= when < self.end

    def __str__(self) -> str:
        return self.key
