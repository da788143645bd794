"""connect.gratitude: the customer is thanked or appreciated.

Any public agent reply thanking the customer passes: "Thanks for reaching out", "Thank you for your
patience", a bare "Thanks!", "We appreciate your feedback", "Thank you for calling". Thanks aimed at
someone else ("thanks to our team") and declining ("No, thank you") do not count.
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.phrases import lowered, phrase_pattern


class Gratitude(Check):
    id = "gratitude"
    name = "connect.gratitude"
    version = 1
    description = "The customer is thanked for reaching out, their patience or their business."
    reads = ("agent_replies",)
    default_config = {
        "phrases": [
            "thanks", "thank you", "thank u", "thx", "ty", "many thanks", "cheers for", "much appreciated",
            "re:(?:we|i|we really|i really|we truly|i truly|we do|i do|we always|really) appreciate",
            "re:appreciate (?:you|your|it|that|the|this|all)", "re:grateful (?:for|that)",
        ],
        "not_to_customer": [
            "re:thanks? (?:you )?to (?:our|the|my|all|every)", "re:no,? thanks?(?: you)?",
            "re:thanks? (?:our|the) (?:team|staff|crew)",
        ],
    }

    def setup(self) -> None:
        self._thanks = phrase_pattern(self.config["phrases"])
        self._excluded = phrase_pattern(self.config["not_to_customer"])
        # the literal test below holds for the default phrases only: configured ones are always searched
        self._hinted = self.config["phrases"] == Gratitude.default_config["phrases"]

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply to judge.")
        for r in view.agent:
            if self._hinted and not _may_thank(r.text):
                continue
            blocked = None  # the thanks not aimed at the customer, found only once a reply thanks at all
            for m in self._thanks.finditer(r.text, r.start, r.end):
                if blocked is None:
                    blocked = [(m.start(), m.end()) for m in self._excluded.finditer(r.text, r.start, r.end)]
                if any(s <= m.start() < e for s, e in blocked):
                    continue
                e = _phrase_end(r.text, m.end(), r.end)
                return passed("An agent reply thanks the customer.", [span(r, m.start(), e)])
        return failed(
            "No agent reply thanks the customer.",
            [opening(view.agent[0], 40)],
            tip="Thank the customer, e.g. \"Thanks for reaching out\" or \"Thank you for your patience\".",
        )


def _may_thank(text: str) -> bool:
    """Whether ``text`` may hold a default thanks phrase: each holds one of these literals ("ty" and "thx" included).

    Substring tests in C, before the phrase pattern reads every position; most replies (six in seven on Twitter) have
    none. The phrase pattern reads the lowercased copy only when lowercasing keeps the length (``Phrases``); otherwise
    it matches the original text case-insensitively, where a literal test could miss ("THANKſ"), so it always runs.
    """
    low = lowered(text)
    return len(low) != len(text) or "thank" in low or "ty" in low or "thx" in low or "cheers" in low \
        or "appreciat" in low or "grateful" in low


_PHRASE_TAIL = re.compile(r"[^.!?\n,;]{0,50}")


def _phrase_end(text: str, pos: int, limit: int) -> int:
    """Extend a thanks to the end of its phrase ("Thanks for reaching out"), for a readable quote."""
    m = _PHRASE_TAIL.match(text, pos, limit)
    end = m.end() if m else pos
    while end > pos and text[end - 1].isspace():
        end -= 1
    return end
