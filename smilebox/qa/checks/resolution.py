"""connect.resolution: the customer's problem was solved, first time.

From the conversation itself: the customer's last message after an agent reply confirms the fix
("that worked, thanks", "all sorted") -> pass; says it is still broken or the answer did not help
("still not working", "I already tried that") -> fail. Otherwise, with the store's history: a later
contact by the same customer within ``within_days`` days on the same issue (a shared tag, or a
similar subject or first message by rapidfuzz) -> fail, none -> pass. In stateless mode (no
history) with no word from the customer, the result is not knowable: na.
"""

from __future__ import annotations

import re
from datetime import timedelta

from rapidfuzz import fuzz

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.phrases import phrase_pattern

_NEGATED = re.compile(r"(?:\b(?:not|never|no|hasn't|haven't|isn't|wasn't)\b|n't)\W*(?:\w+\W+)?$", re.IGNORECASE)

CONFIRMED = [
    "that worked", "that works", "it worked", "it works", "works now", "working now", "works again",
    "working again", "all working", "sorted", "all sorted", "all good", "all good now", "fixed", "it's fixed",
    "resolved", "problem solved", "issue solved", "that did it", "that did the trick", "did the trick", "all set",
    "that helped", "that helps", "that's helpful", "perfect, thanks", "perfect, thank you", "perfect thanks",
    "great, thanks", "brilliant, thanks", "awesome, thanks", "got it, thanks", "got it thanks", "makes sense, thanks",
    "that answers", "that's great, thank", "problem fixed", "solved", "back up and running", "up and running",
]
UNRESOLVED = [
    "re:still (?:not|no|nothing|doesn't|does not|isn't|won't|can't|cannot|broken|having|getting|the same|waiting)",
    "didn't work", "did not work", "doesn't work", "does not work", "not working", "isn't working", "didn't help",
    "doesn't help", "did not help", "does not help", "not helpful", "already tried", "already did that",
    "already done that", "same problem", "same issue", "same thing again", "happened again", "not fixed",
    "not resolved", "not sorted", "no change", "still the same", "not what i asked",
]


class Resolution(Check):
    id = "resolution"
    name = "connect.resolution"
    version = 1
    description = "The customer confirms the fix, or does not come back about the same issue within 7 days."
    reads = ("customer_messages", "history", "tags", "subject")
    default_config = {"confirmed": CONFIRMED, "unresolved": UNRESOLVED, "within_days": 7, "same_issue_ratio": 70}

    def setup(self) -> None:
        self._confirmed = phrase_pattern(self.config["confirmed"])
        self._unresolved = phrase_pattern(self.config["unresolved"])

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply: nothing was attempted yet.")
        answered = [c for c in view.customer if c.index > view.agent[0].index]
        if answered:
            last = answered[-1]
            bad = self._unresolved.search(last.text, last.start, last.end)
            if bad:
                return failed("The customer says the problem is not solved.", [span(last, bad.start(), bad.end())],
                              tip="Check the fix worked before closing: ask, test, or follow up.")
            good = self._confirmed.search(last.text, last.start, last.end)
            if good and not _NEGATED.search(last.text, max(last.start, good.start() - 16), good.start()):
                return passed("The customer confirms the fix.", [span(last, good.start(), good.end())])
        if context.history is None:
            return not_applicable("The customer does not confirm the fix, and no history is available to look for "
                                  "a repeat contact.")
        issue = view.customer[0] if view.customer else view.agent[0]
        within = timedelta(days=self.config["within_days"])
        for later in context.history.later_contacts(conversation, within):
            if self._same_issue(conversation, view, later):
                return failed(f"The customer came back about the same issue within {within.days} days "
                              f"(conversation {later.conversation_id}).", [opening(issue)],
                              tip="Resolve the root cause on first contact: confirm the fix with the customer "
                                  "before you close.")
        return passed(f"No repeat contact on the same issue within {within.days} days.", [opening(issue)])

    def _same_issue(self, conversation, view, later) -> bool:
        if set(conversation.tags) & set(later.tags):
            return True
        threshold = self.config["same_issue_ratio"]
        if conversation.subject and later.subject and fuzz.token_set_ratio(conversation.subject, later.subject) >= threshold:
            return True
        first = view.customer[0].body if view.customer else ""
        return bool(first and later.first_customer_text
                    and fuzz.token_set_ratio(first, later.first_customer_text) >= threshold)
