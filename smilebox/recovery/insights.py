"""What bad feedback teaches: recurring root causes, counted by period, with the changes made for them.

A case belongs to the period of its feedback (when the customer spoke), falling back to when the case
was opened. Causes are grouped case-insensitively with spacing normalised, and shown in the spelling
used most often, so "Billing system double charge" and "billing system  double charge" are one cause.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from smilebox.recovery.clock import as_utc
from smilebox.store import Store
from smilebox.store.tables import FeedbackRow, RecoveryCase


@dataclass
class RootCause:
    cause: str
    count: int = 0
    periods: dict[str, int] = field(default_factory=dict)  # YYYY-MM -> cases
    changes: list[str] = field(default_factory=list)  # distinct changes made, first seen first
    outcomes: dict[str, int] = field(default_factory=dict)  # kept / lost / unknown / open

    @property
    def recurring(self) -> bool:
        return self.count > 1

    def as_dict(self) -> dict[str, Any]:
        return {"cause": self.cause, "count": self.count, "recurring": self.recurring,
                "periods": dict(sorted(self.periods.items())), "changes": self.changes, "outcomes": self.outcomes}


def cause_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def root_causes(store: Store, start: datetime | None = None, end: datetime | None = None,
                min_count: int = 1) -> list[RootCause]:
    """Root causes of cases whose feedback falls in [start, end), most frequent first."""
    query = (select(RecoveryCase, FeedbackRow.created_at)
             .join(FeedbackRow, FeedbackRow.id == RecoveryCase.feedback_id)
             .where(RecoveryCase.root_cause.is_not(None)))
    start, end = as_utc(start), as_utc(end)
    causes: dict[str, RootCause] = {}
    spellings: dict[str, Counter] = {}
    with store.session() as session:
        for case, said_at in session.execute(query):
            when = as_utc(said_at) or as_utc(case.created_at)
            if (start and when < start) or (end and when >= end):
                continue
            key = cause_key(case.root_cause)
            if not key:
                continue
            item = causes.setdefault(key, RootCause(cause=case.root_cause))
            spellings.setdefault(key, Counter())[" ".join(case.root_cause.split())] += 1
            item.count += 1
            month = f"{when.year:04d}-{when.month:02d}"
            item.periods[month] = item.periods.get(month, 0) + 1
            state = case.outcome or case.status
            item.outcomes[state] = item.outcomes.get(state, 0) + 1
            if case.change_made and case.change_made not in item.changes:
                item.changes.append(case.change_made)
    for key, item in causes.items():
        item.cause = spellings[key].most_common(1)[0][0]
    ranked = sorted(causes.values(), key=lambda c: (-c.count, c.cause.casefold()))
    return [c for c in ranked if c.count >= min_count]
