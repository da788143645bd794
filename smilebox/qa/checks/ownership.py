"""connect.ownership: no flat "no", no empty hand-off.

A reply fails when it refuses or deflects ("I can't help you with that", "there's nothing we can do",
"that's not our department", "you'll need to contact your bank") and what follows it in the same reply
offers neither an alternative of its own ("what I can do is...", "I'll", "instead") nor a concrete route (a link, a phone
number, an email address, a handle, "DM us", a place to go). A hand-off that gives the customer a
route passes. Not applicable when the customer asks for nothing and reports no problem (praise,
banter, a thank-you).
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.phrases import Phrases, lowered, phrase_pattern, sentence_spans

REFUSALS = [
    "re:(?:i|we)(?: really| simply| just)? (?:can't|cannot|can not|won't be able to|are unable to|am unable to|"
    "aren't able to|am not able to|are not able to|'re not able to|'m not able to|'re unable to|'m unable to|don't|do not) "
    "(?:help|assist|do anything|support|deal with|handle)(?: you)?(?: with)?(?: (?:that|this|it|those))?\\b",
    "re:(?:there's|there is)(?: really)? (?:nothing|not much|not anything) (?:else |more )?(?:i|we) can do",
    "re:(?:there isn't|there is not) (?:anything|much) (?:else |more )?(?:i|we) can do",
    "re:(?:that's|that is|this is|it's|it is) (?:not possible|impossible|not something we offer|not an option)",
    "re:(?:that|this|it) (?:isn't|is not) (?:possible|something we offer|an option)",
    "re:(?:i|we) (?:can't|cannot|can not|are unable to|am unable to|'re unable to|'m unable to) (?:waive|refund|change|"
    "cancel|offer|make an exception|do that|do this|do anything about)",
    "re:nothing (?:more |else |further )?(?:i|we) can do", "re:out of (?:our|my) hands",
    "re:not (?:our|my) (?:department|problem|responsibility|area|fault|issue)",
    "re:(?:that's|that is|this is|it's|it is) not something (?:i|we) (?:can|handle|deal with|do)",
    "re:(?:you'll|you will|you'd|you would|you) (?:need|have) to (?:contact|call|speak (?:to|with)|reach out to|ask|"
    "get in touch with|go to|take it up with)",
    "re:(?:please )?(?:contact|call|ask) (?:your|the) (?:bank|carrier|provider|seller|manufacturer|retailer|store|"
    "airline|airport|post office|courier|local)",
    "re:we don't (?:handle|deal with|do|offer|support) (?:that|this|those|these)",
    "re:(?:unfortunately|sadly),? (?:no|not)\\b",
]
ALTERNATIVES = [
    "re:https?://\\S+", "re:www\\.\\S+", "re:\\+?\\d[\\d ().-]{6,}\\d", "re:[\\w.+-]+@[\\w-]+\\.[\\w.]+",
    "re:@[A-Za-z]\\w+", "re:\\bdm\\b", "direct message", "private message", "send us", "message us",
    "what i can do", "what we can do", "instead", "alternatively", "however", "but you can", "but we can",
    "re:(?:i|we)(?:'ll| will| can| could|'d be happy to| would be happy to)\\b(?! not)", "re:let (?:me|us)\\b",
    "re:(?:visit|head to|go to|pop into|call|ring|reach|contact) (?:\\w+ ){0,3}(?:at|on|via|through|by)\\b",
    "re:(?:local|nearest|nearby) (?:store|branch|office|center|centre|location|shop)",
    "re:(?:in|through|via|using) (?:the|our|your) (?:app|website|site|portal|account|help center|settings)",
]
# Every default refusal holds one of these: a fast literal scan skips replies that cannot refuse.
_REFUSAL_HINT = re.compile(r"n't|not|unable|nothing|out of|need|have to|contact|call|ask|unfortunately|sadly|impossible")
REQUEST = Phrases(
    r"\b(?:not|n't|no|never|issue|problem|error|broken|charged|refund|cancel|wrong|late|delay\w*|missing|still|"
    r"help|how|why|when|where|what|can|could|need|want|won't|doesn't|didn't|fail\w*|crash\w*|stuck|lost|waiting)\b",
)


def _asks(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a customer's words ask for something or report a problem (a question mark, or a problem word)."""
    end = len(text) if end is None else end
    return "?" in text[start:end] or REQUEST.search(text, start, end) is not None


def _window_end(reply, pos: int) -> int:
    """End of the sentence after the refusal's: where an alternative must appear to count for it."""
    spans = [e for s, e in sentence_spans(reply.text, pos, min(reply.end, pos + 300))]
    return spans[1] if len(spans) > 1 else (spans[0] if spans else reply.end)


class Ownership(Check):
    id = "ownership"
    name = "connect.ownership"
    version = 1
    description = "No flat refusal or empty hand-off: every 'no' comes with an alternative or a route."
    reads = ("agent_replies", "customer_messages")
    default_config = {"refusals": REFUSALS, "alternatives": ALTERNATIVES}

    def setup(self) -> None:
        self._refusal = phrase_pattern(self.config["refusals"])
        self._hint = _REFUSAL_HINT if self.config["refusals"] == REFUSALS else None
        self._alternative = phrase_pattern(self.config["alternatives"])

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply to judge.")
        subject = conversation.subject or ""
        if view.customer and not _asks(subject) and not any(_asks(c.text, c.start, c.end) for c in view.customer):
            return not_applicable("The customer asks for nothing and reports no problem.")
        handed_off = []
        for r in view.agent:
            if self._hint is not None and not self._hint.search(lowered(r.text), r.start, r.end):
                continue
            for m in self._refusal.finditer(r.text, r.start, r.end):
                alt = self._alternative.search(r.text, m.end(), _window_end(r, m.end()))
                if alt is None:
                    return failed(
                        "An agent reply refuses or deflects without an alternative or a route.",
                        [span(r, m.start(), m.end())],
                        tip="Pair every \"no\" with what you can do: an alternative, a next step, or a concrete "
                            "route (link, number, handle) to who can help.",
                    )
                handed_off.append((span(r, m.start(), m.end()), span(r, alt.start(), alt.end())))
        if handed_off:
            refusal, route = handed_off[0]
            return passed("A refusal comes with an alternative or a concrete route.", [refusal, route])
        return passed("No agent reply refuses or deflects.", [opening(view.agent[0], 60)])
