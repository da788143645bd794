"""What an evaluation is made of. Plain dataclasses: checks return data, report code renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Result = Literal["pass", "fail", "na"]


@dataclass(slots=True)
class Evidence:
    """The exact characters a check judged: ``text[start:end] == quote`` in message ``message_id``."""

    message_id: str
    start: int
    end: int
    quote: str

    @classmethod
    def span(cls, message_id: str, text: str, start: int, end: int) -> "Evidence":
        return cls(message_id, start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"message_id": self.message_id, "start": self.start, "end": self.end, "quote": self.quote}


@dataclass(slots=True)
class Outcome:
    """What a check's ``evaluate`` returns; the engine turns it into a scored ``CheckResult``.

    ``fraction`` lets a check earn part of its points (1.0 = all of them on a pass).
    """

    result: Result
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    tip: str | None = None
    fraction: float = 1.0
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class CheckResult:
    id: str
    name: str
    version: int
    result: Result
    points: float
    max_points: float
    evidence: list[Evidence]
    reason: str
    tip: str | None
    critical: bool = False
    bonus: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "version": self.version,
            "result": self.result,
            "points": self.points,
            "max_points": self.max_points,
            "evidence": [e.to_dict() for e in self.evidence],
            "reason": self.reason,
            "tip": self.tip,
        }


@dataclass(slots=True)
class Cue:
    """An emotional cue in a customer message (frustration, anger, disappointment, worry...)."""

    message_id: str
    kind: str
    score: float
    start: int
    end: int
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "kind": self.kind,
            "score": round(self.score, 4),
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
        }


@dataclass(slots=True)
class Evaluation:
    conversation_id: str
    rubric: str
    rubric_version: str
    checks: list[CheckResult]
    cues: list[Cue] = field(default_factory=list)
    earned: float = 0.0
    possible: float = 0.0
    critical_failed: bool = False
    evaluator: str = "auto"

    @property
    def score(self) -> float:
        if self.critical_failed or self.possible <= 0:
            return 0.0
        return round(self.earned / self.possible, 4)

    def check(self, check_id: str) -> CheckResult:
        for c in self.checks:
            if c.id == check_id:
                return c
        raise KeyError(check_id)

    def to_dict(self) -> dict[str, Any]:
        """The contract section 2 JSON object."""
        return {
            "conversation_id": self.conversation_id,
            "rubric": self.rubric,
            "rubric_version": self.rubric_version,
            "score": self.score,
            "earned": round(self.earned, 4),
            "possible": round(self.possible, 4),
            "critical_failed": self.critical_failed,
            "checks": [c.to_dict() for c in self.checks],
            "cues": [c.to_dict() for c in self.cues],
        }
