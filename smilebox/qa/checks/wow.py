"""connect.wow (bonus): a genuine personal touch beyond the script.

Passes for a personal remark about the customer's own situation - a good wish that picks up what the
customer told ("Enjoy the wedding!" after they mentioned the wedding; "Happy birthday!"), a
congratulation, a remark about their pet or family they mentioned - or a gesture beyond the process
("I've added a $10 credit as a thank you", "the upgrade is on us"). Stock wishes that echo nothing the
customer said ("Have a great day") do not count. Playful banter counts too: in a thread where the customer
only chats or praises, a reply with a joke's mark (":P", a wink or laughing face, "haha") that picks up a
word of the customer's own message. Never a penalty: when nothing is found the engine reports na.
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import not_applicable, passed, span
from smilebox.qa.checks.tailored import _GENERIC_WORDS
from smilebox.qa.cues import is_praise_words, lexicon_cues
from smilebox.qa.phrases import Phrases, content_stems, lowered, phrase_pattern

# Marks of a joke: a tongue or wink, laughing faces, "haha"/"lol", a pun's groan.
_FACES = "😜😝😛😉😂🤣😆😄😁😎🙈🎃👻"
_PLAYFUL = re.compile(r"[:;]-?[pP]\b|;-?\)|[😜😝😛😉😂🤣😆😄😁😎🙈🎃👻]|\b(?:haha\w*|hehe\w*|lol|lmao|ha ha)\b", re.IGNORECASE)
def _may_joke(text: str) -> bool:
    """A cheap literal test before ``_PLAYFUL``: most replies have no laughing face, no ":P" and no "haha"."""
    if not text.isascii() and any(face in text for face in _FACES):
        return True
    low = lowered(text)
    return any(mark in low for mark in (":p", ":-p", ";p", ";)", ";-)", "haha", "hehe", "lol", "lmao", "ha ha"))


_PROBLEM_HINT = re.compile(r"n't|\b(?:not|no|never|problem|issue|broken|refund|help|wrong|late|missing)\b")

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
        banter = self._playful_reply_to_banter(view)
        if banter is not None:
            return passed("Playful banter that picks up what the customer said.", [banter])
        return not_applicable("No personal touch beyond the script (bonus: no penalty).")

    @staticmethod
    def _playful_reply_to_banter(view):
        """In a thread where the customer only chats or praises (asks for nothing, no complaint), an agent reply
        that jokes along: a playful mark (":P", a laughing or winking face, "haha") together with a word of the
        customer's own message beyond the stock vocabulary of support replies."""
        marked = [(r, m) for r in view.agent if _may_joke(r.text)
                  for m in [_PLAYFUL.search(r.text, r.start, len(r.text))] if m]
        first = view.customer[0] if view.customer else None
        if not marked or first is None or any("?" in c.body or lexicon_cues("", c.text, c.start, c.end)
                                              for c in view.customer):
            return None
        if not is_praise_words(first.text, first.start, first.end) and _PROBLEM_HINT.search(first.body.lower()):
            return None
        told = content_stems(" ".join(c.body for c in view.customer), _GENERIC_WORDS)
        for r, mark in marked:
            if content_stems(r.body, _GENERIC_WORDS) & told:
                return span(r, mark.start(), mark.end())
        return None
