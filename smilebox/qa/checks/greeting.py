"""connect.greeting: the first agent reply opens with a proper salutation. (First cut.)"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.results import Evidence, Outcome


class Greeting(Check):
    id = "greeting"
    name = "connect.greeting"
    version = 1
    description = "The first agent reply opens with a proper salutation."
    default_config = {"salutations": ["hi", "hello", "hey", "dear", "good morning", "good afternoon", "good evening"]}

    def setup(self) -> None:
        words = "|".join(re.escape(w) for w in self.config["salutations"])
        self._pattern = re.compile(rf"^\W*(?:{words})\b[^\n.!?,]{{0,40}}", re.I)

    def evaluate(self, conversation, context) -> Outcome:
        replies = conversation.agent_replies
        if not replies:
            return Outcome("na", "No agent reply to judge.")
        first = replies[0]
        m = self._pattern.match(first.text or "")
        if m:
            return Outcome("pass", "First agent reply opens with a salutation.", [Evidence.span(first.id, first.text, m.start(), m.end())])
        end = min(len(first.text or ""), 40)
        return Outcome(
            "fail",
            "First agent reply goes straight into the answer.",
            [Evidence.span(first.id, first.text or "", 0, end)],
            tip="Open with a greeting and the customer's name, e.g. \"Hi Maria,\".",
        )
