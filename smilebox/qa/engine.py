"""One engine for ``smilebox check`` (stateless) and ``smilebox score`` (into the store).

The engine runs each check of a rubric on a conversation and sums what the evidence shows:
pass earns the check's points, fail earns none, na leaves the check out of ``possible``.
A failed critical check makes the whole score 0. A bonus check can only add points: when it finds
nothing it reports na, never fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from smilebox.qa.results import CheckResult, Cue, Evaluation, Outcome

if TYPE_CHECKING:
    from smilebox.model import Conversation
    from smilebox.qa.rubric import Rubric
    from smilebox.qa.view import ConversationView


@dataclass(slots=True)
class LaterContact:
    """Another conversation by the same customer, as the resolution check needs it."""

    conversation_id: str
    created_at: datetime | None
    subject: str | None
    first_customer_text: str
    tags: list[str]


class HistoryLookup(Protocol):
    """What the store offers checks that look beyond one conversation (resolution)."""

    def later_contacts(self, conversation: "Conversation", within: timedelta) -> list[LaterContact]: ...


@dataclass
class EvaluationContext:
    """Everything a check may need beyond the conversation itself.

    ``history`` is None in stateless mode (``smilebox check``): checks that need it answer na when
    they cannot know. ``templates`` is the corpus-wide index of canned replies (``qa.templates``).
    ``analyzer`` is the language-model analyzer (``smilebox.nlp``), or None for the lexicons only.
    """

    history: HistoryLookup | None = None
    templates: Any = None
    analyzer: Any = None
    company_name: str | None = None
    _cue_cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _view: Any = field(default=None, repr=False)

    def view(self, conversation: "Conversation") -> "ConversationView":
        """The conversation prepared once for every check (bodies, sign-offs, the customer's name)."""
        if self._view is None or self._view.conversation is not conversation:
            from smilebox.qa.view import ConversationView

            self._view = ConversationView(conversation, self.company_name)
        return self._view

    def cues(self, conversation: "Conversation") -> list[Cue]:
        """Emotional cues in the customer's messages, found once per conversation.

        Cached by identity, not id: two different conversations may share an id across sources.
        """
        cached = self._cue_cache.get("cues")
        if cached is None or self._cue_cache.get("of") is not conversation:
            from smilebox.qa.cues import detect_cues

            cached = detect_cues(conversation, self.analyzer, self.view(conversation))
            self._cue_cache = {"of": conversation, "cues": cached}
        return cached


class Engine:
    def __init__(self, rubric: "Rubric", context: EvaluationContext | None = None):
        self.rubric = rubric
        self.context = context or EvaluationContext(company_name=rubric.company_name)

    def evaluate(self, conversation: "Conversation") -> Evaluation:
        results: list[CheckResult] = []
        earned = possible = 0.0
        critical_failed = False
        for check in self.rubric.checks:
            if check.applies(conversation):
                outcome = check.evaluate(conversation, self.context)
            else:
                outcome = Outcome("na", f"Does not apply to {conversation.channel} conversations.")
            if check.bonus and outcome.result == "fail":
                outcome = Outcome("na", outcome.reason, outcome.evidence, outcome.tip)
            points = 0.0
            if outcome.result == "pass":
                points = round(check.max_points * max(0.0, min(1.0, outcome.fraction)), 4)
            if outcome.result != "na":
                earned += points
                possible += check.max_points
            if outcome.result == "fail" and check.is_critical:
                critical_failed = True
            results.append(
                CheckResult(
                    id=check.id,
                    name=check.name,
                    version=check.version,
                    result=outcome.result,
                    points=points,
                    max_points=check.max_points,
                    evidence=outcome.evidence,
                    reason=outcome.reason,
                    tip=outcome.tip if outcome.result == "fail" else None,
                    critical=check.is_critical,
                    bonus=check.bonus,
                )
            )
        return Evaluation(
            conversation_id=conversation.id,
            rubric=self.rubric.name,
            rubric_version=self.rubric.version,
            checks=results,
            cues=self.context.cues(conversation),
            earned=earned,
            possible=possible,
            critical_failed=critical_failed,
        )
