"""connect.closing: the last agent reply ends courteously.

The ending judged is the last sentence of the last public agent reply, after cutting the sign-off
(``^CB``, "Best,\\nJuan" keeps "Best,"), links, "1/2" counters and emoji. It passes when it is or holds
thanks, a farewell or good wish, or an open offer of further help ("Let us know if you need anything
else"); an instruction that ends on an offer ("DM us and we'll be happy to help") passes too. A bare
request, a question for information or a plain statement fails.
"""

from __future__ import annotations

from smilebox.qa.check import Check
from smilebox.qa.checks._common import ending, failed, not_applicable, passed, span
from smilebox.qa.phrases import VALEDICTION, body_end, phrase_pattern, sentence_spans


class Closing(Check):
    id = "closing"
    name = "connect.closing"
    version = 1
    description = "The last agent reply closes with thanks, a farewell or an offer of further help."
    reads = ("agent_replies",)
    default_config = {
        "phrases": [
            "thanks", "thank you", "thx", "ty", "many thanks", "appreciate", "cheers", "take care", "enjoy",
            "bye", "goodbye", "all the best", "best wishes", "good luck", "stay safe", "safe travels",
            "talk soon", "speak soon", "see you", "you're welcome", "my pleasure", "happy to help", "glad to help",
            "happy to assist", "glad we could help", "glad I could help", "feel free", "don't hesitate",
            "anything else", "any other questions", "any further questions", "any more questions",
            "keep us posted", "keep us updated", "keep us informed", "keep me posted", "hope this helps",
            "hope that helps", "hope this clears", "hope that clears", "hope this answers",
            "re:have an? (?:\\w+ ){0,2}(?:day|evening|night|weekend|week|one|time|trip|flight|holiday|afternoon|morning)",
            "re:happy (?:travels|flying|listening|gaming|shopping|holidays|streaming|weekend|friday|monday|new year|thanksgiving|halloween)",
            "re:let (?:us|me) know (?:if|how|whether|when you|should|anytime|any time)",
            "re:(?:we're|we are|i'm|i am|we'll be|i'll be) (?:\\w+ ){0,2}(?:here|around|available)\\b",
            "re:here (?:for you|if you need|to help|whenever|24/7|anytime|any time)",
            "re:(?:be|are|am|'re|'m|'ll be) (?:\\w+ )?(?:happy|glad|delighted|more than happy) to (?:help|assist)",
            "any time", "anytime", "come back", "re:see (?:you|us) (?:again|soon|next time)",
            "re:you(?:'re| are) (?:very |most |so )?welcome",
            "re:reach (?:out|back)(?: to us)? (?:again|anytime|any time|if|whenever)",
            "re:(?:get|be) in touch (?:again|anytime|any time|if|whenever)",
        ],
    }

    def setup(self) -> None:
        self._phrases = phrase_pattern(self.config["phrases"])

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply to judge.")
        last = view.agent[-1]
        end = last.end
        signed = view.signoff(last)
        if signed and signed[1] > last.start:
            end = body_end(last.text[:signed[1]], last.start)
        spans = sentence_spans(last.text, last.start, end)
        spans = [(s, e) for s, e in spans if any(ch.isalnum() for ch in last.text[s:e])]
        if spans:
            s, e = spans[-1]
            m = self._phrases.search(last.text, s, e) or VALEDICTION.search(last.text, s, e)
            if m:
                return passed("The last agent reply ends courteously.", [span(last, s, e)], phrase=m.group(0))
            return failed(
                "The last agent reply ends without thanks, a farewell or an offer of further help.",
                [span(last, s, e)],
                tip="End with an offer of further help or a good wish, e.g. \"Let us know if there's anything "
                    "else we can do. Have a great day!\".",
            )
        return failed(
            "The last agent reply has no closing sentence.",
            [ending(last)],
            tip="End with an offer of further help or a good wish, e.g. \"Have a great day!\".",
        )
