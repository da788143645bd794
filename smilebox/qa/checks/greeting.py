"""connect.greeting: the first agent reply opens with a proper salutation.

"Hi Maria," / "Hello!" / "Good morning" pass; going straight into the answer, an apology, thanks or the
customer's name alone fails. On the phone the spoken greeting counts ("Thank you for calling Acme, this
is Sam"), and may follow the company name within the first words. Social @handles are skipped; one
leading emoji is allowed.
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.phrases import phrase_pattern


class Greeting(Check):
    id = "greeting"
    name = "connect.greeting"
    version = 1
    description = "The first agent reply opens with a proper salutation."
    reads = ("agent_replies",)
    default_config = {
        "salutations": [
            "hi", "hello", "hey", "hiya", "howdy", "greetings", "dear", "good morning", "good afternoon",
            "good evening", "good day", "morning", "afternoon", "evening", "hey there", "hi there", "hello there",
            "welcome", "bonjour", "hola", "aloha",
        ],
        "spoken_greetings": [
            "thank you for calling", "thanks for calling", "thank you for contacting", "you've reached",
            "you have reached", "welcome to",
        ],
        "phone_window": 80,
    }

    def setup(self) -> None:
        words = phrase_pattern(self.config["salutations"]).pattern
        # the salutation, an optional name, up to the first punctuation
        self._opening = re.compile(
            rf"[\W_]{{0,3}}?({words}(?:[ ]+(?-i:[A-Z][\w'-]*))?(?:[ ]+there)?)(?=[\s,.!:;-]|$)", re.IGNORECASE
        )
        self._spoken = phrase_pattern(self.config["spoken_greetings"] + self.config["salutations"])

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply to judge.")
        first = view.agent[0]
        m = self._opening.match(first.text, first.start, first.end)
        if m:
            return passed("First agent reply opens with a salutation.", [span(first, m.start(1), m.end(1))])
        if view.channel == "phone":
            sm = self._spoken.search(first.text, first.start, min(first.end, first.start + self.config["phone_window"]))
            if sm:
                return passed("The call opens with a spoken greeting.", [span(first, sm.start(), sm.end())])
        return failed(
            "First agent reply goes straight into the answer without a salutation.",
            [opening(first, 40)],
            tip="Open the first reply with a greeting and the customer's name, e.g. \"Hi Maria,\"."
            if view.channel != "phone" else
            "Open the call with a greeting, e.g. \"Thank you for calling, this is Sam. How can I help?\".",
        )
