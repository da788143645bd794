"""connect.wow (bonus): a genuine personal touch beyond the script.

Passes for a personal remark about the customer's own situation - a good wish that picks up what the
customer told ("Enjoy the wedding!" after they mentioned the wedding; "Happy birthday!"), a
congratulation, a remark about their pet or family they mentioned - or a gesture beyond the process
("I've added a $10 credit as a thank you", "the upgrade is on us"). Stock wishes that echo nothing the
customer said ("Have a great day") do not count. Never a penalty: when nothing is found the engine
reports na.
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import not_applicable, passed, span
from smilebox.qa.phrases import Phrases, lowered, phrase_pattern

TOUCHES = [
    "happy birthday", "happy anniversary", "congratulations", "congrats", "get well soon", "feel better soon",
    "re:(?:i|we)(?:'ve| have)? (?:\\w+ )?(?:added|sent|applied|included|popped|given you) (?:\\w+ ){0,3}(?:gift|voucher|"
    "credit|bonus|treat|goodwill|gesture|discount|complimentary|little something|freebie)",
    "re:(?:on us|on the house|as a (?:gesture|thank you|token|little treat|surprise))",
    "re:(?:went|gone|going) (?:ahead and )?(?:upgraded|upgrade) you",
]
_ECHO = Phrases(
    r"\b(?:enjoy|hope|have (?:a|an)|good luck with|best of luck with|congrats on|congratulations on|love|adorable|cute|"
    r"lovely|sorry about|wish)\b[^.!?\n]{0,40}?\b(?:your|the|that|this|his|her)\s+((?:\w+\s+)?\w+)"
)
# A literal scan (fast) for the words every personal remark starts with, before the full pattern.
_ECHO_HINT = re.compile(r"enjoy|hope|have a|luck|congrat|love|adorable|cute|sorry about|wish")
_LIFE = frozenset("""
wedding honeymoon birthday anniversary vacation holiday holidays trip concert show game match party graduation
baby son daughter kids kid dog puppy pup cat kitten pet wife husband mum mom dad family mother father
grandma grandmother grandpa grandfather new home house move exam exams interview surgery recovery festival
christmas thanksgiving halloween weekend getaway visit reunion race marathon tour flight cruise first
""".split())


class Wow(Check):
    id = "wow"
    name = "connect.wow"
    version = 1
    description = "A genuine personal touch beyond the script (bonus: never a penalty)."
    reads = ("agent_replies", "customer_messages")
    bonus = True
    default_config = {"touches": TOUCHES}

    def setup(self) -> None:
        self._touches = phrase_pattern(self.config["touches"])

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply to judge.")
        told = " ".join(c.body.lower() for c in view.customer)
        for r in view.agent:
            m = self._touches.search(r.text, r.start, r.end)
            if m:
                return passed("A personal touch beyond the script.", [span(r, m.start(), m.end())])
            if not _ECHO_HINT.search(lowered(r.text), r.start, r.end):
                continue
            for e in _ECHO.finditer(r.text, r.start, r.end):
                for word in e.group(1).lower().split():
                    if word in _LIFE and re.search(rf"\b{re.escape(word)}\b", told):
                        return passed(f"A personal remark about the customer's {word}.", [span(r, e.start(), e.end())])
        return not_applicable("No personal touch beyond the script (bonus: no penalty).")
