"""connect.resolution: the customer's problem was solved, first time.

From the conversation itself, as the labelling guide reads it: the customer's *last* message decides.
It confirms the fix ("that worked, thanks", "all sorted"; even before the agent's reply) -> pass; after an
answer, plain thanks with no move to private messages ("Ok will do, thank you!") confirms it too, unless the
thread is praise. Coming after an agent reply, it says the problem is still there, disputes the answer or
comes back for more help ("still not working", "that is not what happened", "how does that help?", "need
further assistance", "I have. No luck.", "There definitely was"), opens with a "No," that answers no question of the
agent's, keeps asking ("Do u expect people to travel with a compass???"), or it still shows frustration, anger or
disappointment -> fail. An answer means an agent reply between the customer's first message and this one (a brand's
own post opening the thread answers nothing). Thanks that look ahead ("I look forward to working with you"), arrange a
call or carry a new request ("please help me. thanks") confirm nothing; thanks in another language ("Danke") do.
Otherwise, with the store's history: a later
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
from smilebox.qa.phrases import lowered, phrase_pattern
from smilebox.qa.cues import is_praise
from smilebox.qa.results import Evidence

_NEGATED = re.compile(r"(?:\b(?:not|never|no|hasn't|haven't|isn't|wasn't)\b|n't)\W*(?:\w+\W+)?$", re.IGNORECASE)

CONFIRMED = [
    "that worked", "that works", "it worked", "it works", "works now", "working now", "works again",
    "working again", "all working", "sorted", "all sorted", "all good", "all good now", "fixed", "it's fixed",
    "resolved", "problem solved", "issue solved", "that did it", "that did the trick", "did the trick", "all set",
    "that helped", "that helps", "that's helpful", "perfect, thanks", "perfect, thank you", "perfect thanks",
    "great, thanks", "brilliant, thanks", "awesome, thanks", "got it, thanks", "got it thanks", "makes sense, thanks",
    "that answers", "that's great, thank", "problem fixed", "solved", "back up and running", "up and running",
    # the thing the customer was waiting for came after all: "yeah it was delivered just fine", "arrived safely"
    "re:(?:arrived|delivered|received it|came through|turned up|showed up|went through)\\b[^.!?\\n]{0,12}?\\b(?:just fine|"
    "fine|safely|safe and sound|in the end|after all|on time)\\b",
    "re:(?:exchanged|replaced|refunded|swapped|sorted|fixed|resolved|returned|changed) (?:with no |without (?:any )?)(?:fuss|"
    "hassle|quibble|problems?|issues?)",
]
UNRESOLVED = [
    "re:still (?:not|no|nothing|doesn't|does not|isn't|won't|can't|cannot|broken|having|getting|the same|waiting)",
    "didn't work", "did not work", "doesn't work", "does not work", "not working", "isn't working", "didn't help",
    "doesn't help", "did not help", "does not help", "not helpful", "already tried", "already did that",
    "already done that", "same problem", "same issue", "same thing again", "happened again", "not fixed",
    "not resolved", "not sorted", "no change", "still the same", "not what i asked", "to no avail", "no luck",
    "tried everything", "re:(?:tried |done |did )?all (?:of (?:them|those|these)|the steps)",
    # an emphatic contradiction of the answer: "There definitely was, they were in card", "I definitely did this"
    "re:(?:there|it|they|i|we|he|she) (?:definitely|certainly|clearly|obviously) (?:was|were|is|are|did|does|have|has)",
    # the answer is disputed or did not help
    "re:(?:that's|that is|this is|it's|it is|that was|this was) not (?:what (?:happened|i (?:asked|meant|said|need\\w*))|"
    "how it (?:happened|works)|true|right|correct|the case)",
    "re:(?:that|this|it) (?:wasn't|isn't|was not|is not) (?:what (?:happened|i (?:asked|meant|said))|my question|true|"
    "right|correct|the case)",
    "not my question", "re:not what (?:happened|i (?:asked|meant|said|need\\w*|want\\w*))",
    "re:how (?:much )?(?:does|is|will|would|did) (?:that|this) help", "re:(?:that|this|it) (?:doesn't|does not|didn't|did not) answer",
    "re:(?:you're|you are) (?:wrong|not right|lying)", "re:(?:lies|liar|lying)",
    # coming back for more help on the same matter
    "re:(?:need|require|want) (?:further|more|additional) (?:help|assistance|support)",
    "re:(?:have|got) (?:further|more|additional|other) questions", "re:still (?:need|want|hoping|have|got)",
    "re:(?:any|no) (?:update|news|response|reply) (?:yet|on|about)", "re:still (?:no|nothing)",
]
# Thanks after an answer confirms it helped ("Ok will do, thank you!", "Brilliant, thank you!")...
THANKS = ["thanks", "thank you", "thank u", "thankyou", "thx", "ty", "cheers", "much appreciated", "appreciate it",
          "you're the best", "you guys rock", "you rock", "lifesaver", "life saver", "worked", "works", "sorted", "fixed",
          # the same thanks in the other languages of support threads ("Danke für die schnelle Antwort")
          "danke", "gracias", "merci", "grazie", "obrigado", "obrigada", "bedankt", "ありがとう", "谢谢", "감사"]
# ...unless the customer is only moving to private messages or sending details: nothing is said about the fix.
_MOVING_ON = ("dm", "direct message", "private message", "sent you", "sent u", "messaged", "inbox", "emailed", "will send",
              "i'll send", "following you", "followed you", "in advance")
# ...or looking forward to the help to come, arranging a call, or a polite new request ("Thank you for responding. I look
# forward to working with you.", "Thank you call me tomorrow at 3pm", "i want to rebook... please help me. thanks")
_NOT_ABOUT_THE_FIX = re.compile(
    r"\b(?:look(?:ing)? forward|(?:call|ring|contact|email|text) me|please|pls|plz|help me|i (?:want|need|would like)|"
    r"i'd like)\b"
    r"|\+?\d[\d ().-]{6,}\d"
)
# Coming back after an answer with "No, ..." (unless that answers the agent's own question) or "??": the answer was
# wrong or left the question open ("No, it is literally unobtainable.", "Do u expect people to travel with a compass???").
_DISPUTE_OPENING = re.compile(r"\W*(?:(?:no|nah)\s*[,.!]|nope\b)", re.IGNORECASE)
_STILL_ASKING = re.compile(r"\?[\s?!]*[?!]")
_SETTLED = re.compile(r"\b(?:thank|thanks|thx|ty|that's all|that is all|all good|all set|fine|ok|okay)\b", re.IGNORECASE)


class Resolution(Check):
    id = "resolution"
    name = "connect.resolution"
    version = 1
    description = "The customer confirms the fix, or does not come back about the same issue within 7 days."
    reads = ("customer_messages", "history", "tags", "subject")
    default_config = {"confirmed": CONFIRMED, "unresolved": UNRESOLVED, "thanks": THANKS, "within_days": 7, "same_issue_ratio": 70}

    def setup(self) -> None:
        self._confirmed = phrase_pattern(self.config["confirmed"])
        self._unresolved = phrase_pattern(self.config["unresolved"])
        self._thanks = phrase_pattern(self.config["thanks"])

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply: nothing was attempted yet.")
        judged = self._judged(view, context)
        if judged is not None:
            return judged
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

    def _judged(self, view, context):
        """What the customer's last message says about the fix, or None when it says nothing.

        The last message counts even when it came before the agent's reply ("Shoes exchanged with no fuss"),
        but only an answer to an agent reply can say the answer failed. A thread whose only customer message
        is its opening request says nothing either way, unless it already confirms ("That worked, thanks!").
        """
        if not view.customer:
            return None
        last = view.customer[-1]
        text, start, end = last.text, last.start, last.end
        # an answer to an agent reply: one came between the customer's first message and this one (a brand's own post
        # that opens the thread answers nothing)
        first = view.customer[0]
        before = [r for r in view.agent if first.index < r.index < last.index]
        answered = bool(before)
        if answered:
            bad = self._unresolved.search(text, start, end)
            if bad:
                return failed("The customer says the problem is not solved.", [span(last, bad.start(), bad.end())],
                              tip="Check the fix worked before closing: ask, test, or follow up.")
            dispute = _DISPUTE_OPENING.match(text, start, end)
            asked = bool(before) and "?" in before[-1].body
            if dispute and not asked and not _SETTLED.search(text, dispute.end(), end):
                return failed("The customer answers the reply with a \"no\": it did not solve the problem.",
                              [span(last, dispute.start(), dispute.end())],
                              tip="Check the fix worked before closing: ask, test, or follow up.")
            still = _STILL_ASKING.search(text, start, end)
            if still and not self._confirmed.search(text, start, end):
                return failed("The customer is still asking after the answer (\"??\").",
                              [span(last, still.start(), still.end())],
                              tip="Answer the question the customer actually asked, then check it is settled.")
            cue = next((c for c in context.cues(view.conversation) if c.message_id == last.id
                        and c.kind in ("anger", "frustration", "disappointment") and c.score >= 0.75), None)
            if cue is not None and not self._confirmed.search(text, start, end):
                return failed(f"The customer's last message after the answer still shows {cue.kind}.",
                              [Evidence(cue.message_id, cue.start, cue.end, cue.quote)],
                              tip="Check the fix worked before closing: ask, test, or follow up.")
        good = self._confirmed.search(text, start, end)
        if good and not _NEGATED.search(text, max(start, good.start() - 16), good.start()):
            return passed("The customer confirms the fix.", [span(last, good.start(), good.end())])
        if answered:
            low = lowered(text)[start:end]
            thanks = self._thanks.search(text, start, end)
            if thanks and "?" not in text[start:end] and not any(w in low for w in _MOVING_ON) \
                    and not _NOT_ABOUT_THE_FIX.search(low) \
                    and not _NEGATED.search(text, max(start, thanks.start() - 16), thanks.start()) \
                    and not is_praise(first.text, first.start, first.end):
                return passed("The customer thanks the agent for the answer.", [span(last, thanks.start(), thanks.end())])
        return None

    def _same_issue(self, conversation, view, later) -> bool:
        if set(conversation.tags) & set(later.tags):
            return True
        threshold = self.config["same_issue_ratio"]
        if conversation.subject and later.subject and fuzz.token_set_ratio(conversation.subject, later.subject) >= threshold:
            return True
        first = view.customer[0].body if view.customer else ""
        return bool(first and later.first_customer_text
                    and fuzz.token_set_ratio(first, later.first_customer_text) >= threshold)
