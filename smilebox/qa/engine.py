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

from smilebox.qa.check import Check
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
        self._plan: tuple = ()
        self._plan_of: tuple = ()

    def _checks(self) -> tuple:
        """Per check, read once: (check, whether it overrides ``applies``). Rebuilt when the rubric's list changes."""
        checks = tuple(self.rubric.checks)
        if checks != self._plan_of:
            self._plan = tuple((c, type(c).applies is not Check.applies) for c in checks)
            self._plan_of = checks
        return self._plan

    def evaluate(self, conversation: "Conversation") -> Evaluation:
        results: list[CheckResult] = []
        append = results.append
        earned = possible = 0.0
        critical_failed = False
        context = self.context
        channel = conversation.channel
        for check, own_applies in self._checks():
            # ``Check.applies`` inlined (checks that override it, in their class or on the instance, are asked)
            if check.applies(conversation) if own_applies or "applies" in check.__dict__ \
                    else (check.applies_to is None or channel in check.applies_to):
                outcome = check.evaluate(conversation, context)
            else:
                outcome = Outcome("na", f"Does not apply to {conversation.channel} conversations.")
            result = outcome.result
            if result == "fail" and check.bonus:
                result = "na"  # a bonus check never takes points away
            points = 0.0
            if result == "pass":
                fraction = outcome.fraction
                points = check.max_points * (1.0 if fraction == 1.0 else max(0.0, min(1.0, fraction)))
                # ``round`` is slow for what it does (a decimal conversion each time) and changes nothing in a whole
                # number of points, the usual case (nan and inf are not whole: they are rounded as before)
                if not points.is_integer():
                    points = round(points, 4)
            if result != "na":
                earned += points
                possible += check.max_points
                if result == "fail" and check.is_critical:
                    critical_failed = True
            append(CheckResult(check.id, check.name, check.version, result, points, check.max_points,
                               outcome.evidence, outcome.reason, outcome.tip if result == "fail" else None,
                               check.is_critical, check.bonus))
        return Evaluation(
            conversation_id=conversation.id,
            rubric=self.rubric.name,
            rubric_version=self.rubric.version,
            checks=results,
            cues=context.cues(conversation),
            earned=earned,
            possible=possible,
            critical_failed=critical_failed,
        )
