"""connect.resolution: the customer's problem was solved, first time.

From the conversation itself, as the labelling guide reads it: the customer's *last* message decides. It confirms
the fix ("that worked, thanks", "all sorted", "ordered arrived just now", "tracked down our bag"; even before the
agent's reply) -> pass; after an answer, plain thanks with no move to private messages ("Ok will do, thank you!")
confirms it too, unless the thread is praise; a bare thanks ("Thanks", "ty", "Thank you.") confirms nothing unless
the same customer confirmed the fix before. Coming after an agent reply, it says the problem is still there,
disputes the answer or comes back for more help ("still not working", "that is not what happened", "how does that
help?", "need further assistance", "I have. No luck.", "There definitely was", "its not letting me do that", "Any
response to this?"), opens with a "No," that answers no question of the agent's (or their question whether it is
fixed: "Have your issues been addressed?" - "Not really!") or with an objection ("But this does not show the
music..."), is lost by the answer ("What do you mean by local user"), says the step asked for was done already
("Already did weeks ago"), keeps asking ("Do u expect people to travel with a compass???"), or it still shows
frustration, anger or disappointment -> fail. An answer means an agent reply between the customer's first message
and this one (a brand's own post opening the thread answers nothing). Thanks that look ahead ("I look forward to
working with you"), arrange a call, carry a new request ("please help me. thanks"), thank for the reply itself
("Thank you for replying") or promise to try it later ("Thank you. Will post results") confirm nothing; thanks in
another language ("Danke") do. Words of a fix that is wanted or still to come ("It needs to be fixed", "when the
outage is expected to be resolved", "is it fixed now?") confirm nothing; "none of it worked" fails. Thanks that come
with details the agent asked for ("what's your local store?") or are addressed to another customer say nothing.
After the answer, a route that was tried and failed ("was told it was not possible", "Wouldn't refund my $75",
"Still couldn't find anything") or a new request on the matter ("Could you please provide phone numbers") fails; any
message of the customer's last turn counts for that. In a thread with several customers, the one who raised the
issue (whom the first agent reply answers) decides; the others count only when that customer's last message says
nothing. Otherwise, with the store's history: a later contact by the same customer within ``within_days`` days on
the same issue (a shared tag, or a similar subject or first message by rapidfuzz) -> fail, none -> pass. In
stateless mode (no history) with no word from the customer, the result is not knowable: na.
"""

from __future__ import annotations

import re
from datetime import timedelta

from rapidfuzz import fuzz

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.phrases import Phrases, lowered, phrase_pattern
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
    # settled in other words: "We are good!", "so far so good", "Just got off the phone with them, you guys were great!"
    "we're good", "we are good", "so far so good",
    "re:you (?:guys |all |folks |lot )?(?:were|have been) (?:great|amazing|awesome|fantastic|brilliant|so helpful|very helpful)",
    # the thing the customer was waiting for came after all: "yeah it was delivered just fine", "arrived safely"
    "re:(?:arrived|delivered|received it|came through|turned up|showed up|went through)\\b[^.!?\\n]{0,12}?\\b(?:just fine|"
    "fine|safely|safe and sound|in the end|after all|on time|just now|at last|finally)\\b",
    # what was lost is found: "awesome job by Indy employees who tracked down our bag", "My iPhone has been located"
    "re:(?:found|tracked down|located|recovered|retrieved) (?:my|our|the) (?:\\w+ )?(?:bags?|luggage|suitcases?|"
    "phone|iphone|parcel|package|order|item|wallet|purse|card|keys|laptop)\\b",
    "re:(?:exchanged|replaced|refunded|swapped|sorted|fixed|resolved|returned|changed) (?:with no |without (?:any )?)(?:fuss|"
    "hassle|quibble|problems?|issues?)",
    # the thing now does what it should: "it downloaded now", "it loads fine now", "everything's working now"
    "re:(?:it|that|this|everything)(?:'s| is)? (?!(?:is|was|has|does|goes|needs?)\\b)(?!(?:crash|fail|stopp|froze|freez|broke|die|disconnect|drop|"
    "glitch|lagg|happen|say|show|look)\\w*)[a-z]+(?:ed|s|ing) (?:fine |ok |okay |properly |again |correctly |perfectly )?now\\b",
]
UNRESOLVED = [
    "re:still (?:not|no|nothing|doesn't|does not|isn't|won't|can't|cannot|couldn't|could not|unable|haven't|hasn't|"
    "didn't|don't|broken|having|getting|the same|waiting)",
    # "none of it worked", "nothing helped"
    "re:(?:none of (?:it|them|those|these|that|this|the \\w+)|nothing) (?:has |have )?(?:worked|helped|works|fixed it)",
    # the route the agent gave was tried and failed: "I went into my Branch and was told it was not possible",
    # "spoke to a sup. Wouldn't refund my $75", "a bit later i get kicked off"
    "re:(?:was|were|been|got) told (?:it|that|this|they|we|i)(?:'s| is| was| were| would| could)? (?:not|n't|never|impossible|"
    "unable|no)\\b",
    "re:(?:it|that|this) (?:was not|is not|wasn't|isn't) possible", "re:(?:it|that|this) (?:was|is) impossible",
    "re:(?:wouldn't|won't|would not|will not|refused to|couldn't|could not) (?:refund|deliver|help|fix|replace|honou?r|"
    "cancel|let me|give me|accept)\\b",
    "re:(?:get|getting|got|gets) (?:kicked|logged|thrown|booted) (?:off|out)",
    # "Found it!! But doesn't seem to work", "I'm struggling to find the settings"
    "re:(?:doesn't|does not|didn't|did not|don't|do not) seem to (?:work|help|be working|have worked)",
    "re:(?:still )?struggling (?:to|with)\\b",
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
    # the answer left the customer lost: "What do you mean by local user"
    "re:what (?:do|did) (?:you|u|ya) mean",
    # coming back for more help on the same matter
    "re:(?:need|require|want) (?:further|more|additional) (?:help|assistance|support)",
    # "I need help" said again after the answer
    "re:i (?:still |really )?need (?:some |your )?(?:help|assistance)\\b",
    "re:(?:have|got) (?:further|more|additional|other) questions", "re:still (?:need|want|hoping|have|got)",
    "re:(?:any|no) (?:update|news|response|reply|answer) (?:yet|on|about|to)", "re:still (?:no|nothing)",
    # the thing still refuses: "its not letting me do that", "it won't let me"
    "re:(?:not|n't|nt) letting me\\b", "re:(?:won't|wont|doesn't|doesnt|does not|will not) let me\\b",
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
# Thanks for the reply itself, or a promise to try it later and report back ("Thank you for replying!", "Thx for reply",
# "Thank you. Will post results", "I will let you know if it happens again"), say nothing of whether it worked either.
_NOT_ABOUT_THE_FIX = re.compile(
    r"\b(?:look(?:ing)? forward|(?:call|ring|contact|email|text) me|please|pls|plz|help me|i (?:want|need|would like)|"
    r"i'd like|for (?:the |your |ur )?(?:reply|replying|response|responding|getting back|looking into)|"
    r"will (?:let (?:you|u) know|post|report|try|give it a try|take a look|keep (?:you|u) posted|update (?:you|u)))\b"
    r"|\bi will\W*$"
    r"|\+?\d[\d ().-]{6,}\d"
)
# Coming back after an answer with "No, ..." (unless that answers the agent's own question) or "??": the answer was
# wrong or left the question open ("No, it is literally unobtainable.", "Do u expect people to travel with a compass???").
# An objection opening with "But" ("But this does not show the music stored on my phone") disputes the answer too.
_DISPUTE_OPENING = re.compile(r"\W*(?:(?:no|nah)\s*[,.!]|nope\b|not really\b|but\b)", re.IGNORECASE)
# The agent asked whether the problem is gone ("Have your issues been addressed?", "Is it working now?", "Did that
# help?", "Are you still experiencing the issue?"): a "no" to that says it is not.
_ASKED_IF_FIXED = re.compile(r"\b(?:addressed|resolved|fixed|sorted|working|work|help|helped|"
                             r"still (?:having|experiencing|seeing|getting))\b[^.!?]{0,40}\?", re.IGNORECASE)
_ALREADY = re.compile(r"\balready (?:did|done|tried|responded|replied|sent|contacted|called|checked|reset|restarted|"
                      r"reinstalled|have|had)\b")
_STILL_ASKING = re.compile(r"\?[\s?!]*[?!]")
# "It needs to be fixed", "when the outage is expected to be resolved", "if it was going to be fixed": the fix is
# wanted or still to come, not confirmed (nor is it in a question: "is it fixed?")
_NOT_YET = re.compile(r"\b(?:to|be|get|gets|getting|will|would|when|if|until|unless|once|hope|hoping|needs?|wants?|"
                      r"should|could|can)\W+(?:\w+\W+)?$", re.IGNORECASE)
# a return for more help on the same matter: "Could you please provide phone numbers."
_ASKS_AGAIN = Phrases(r"\b(?:can|could|would|will) (?:you|u|someone|somebody|anyone) (?:please |pls |plz |kindly )?"
                      r"(?:help|provide|give|send|tell|fix|sort|look|check|get|find|call|contact|explain)\b")
# the agent's reply asks for details ("what's your local store?"): thanks with the details are no verdict on a fix
_WANTS_DETAILS = Phrases(r"\b(?:what|which|where|when)(?:'s|’s| is| are| was)? (?:\w+ ){0,3}?(?:your|you)\b[^.!?]*\?"
                         r"|\b(?:can|could|would) you (?:please )?(?:provide|send|tell|confirm|share|let us know)\b")
def _may_ask_again(low: str) -> bool:
    """A literal test before ``_ASKS_AGAIN``: one of its subjects ("you", "u", "someone", "somebody", "anyone")."""
    return "you " in low or "u " in low or "some" in low or "anyone" in low


# A bare thanks ("Thanks", "ty", "Thank you.", "I appreciate it. :)") is politeness, not a verdict: the guide keeps it na
# unless the same customer confirmed the fix before. Thanks with a word about the answer ("Brilliant, thank you!", "Ok
# will do, thank you!") still confirms it.
_BARE_THANKS = re.compile(r"(?:\W*(?:thanks?|thank (?:you|u)|thankyou|thx|ty|cheers|(?:i )?appreciate it|much appreciated)"
                          r"(?: (?:so|very) much| again| a lot)?)+[\W_]*$")
_FIX_WORDS = frozenset(("worked", "works", "sorted", "fixed"))
_SETTLED = re.compile(r"\b(?:thank|thanks|thx|ty|that's all|that is all|all good|all set|fine|ok|okay)\b", re.IGNORECASE)


def _raiser_messages(view):
    """The messages of the customer who raised the issue: the author of the first customer message the first agent
    reply answers (by its leading @handle), else of the first customer message. Bystanders' tweets are left out."""
    customer = view.customer
    if len(customer) < 2:
        return customer
    authors = [c.message.author.id if c.message.author else None for c in customer]
    if len(set(authors)) < 2 or None in authors:
        return customer
    raiser = authors[0]
    reply = view.agent[0] if view.agent else None
    if reply is not None:
        handles = _HANDLES.match(reply.text)
        named = {h.lower() for h in _HANDLE.findall(handles.group())} if handles else set()
        for c, a in zip(customer, authors):
            if c.index < reply.index and a.lower() in named:
                raiser = a
    return [c for c, a in zip(customer, authors) if a == raiser] or customer


def _to_another_customer(message, view) -> bool:
    """Whether the message is addressed first to another customer of the thread ("@117171 @LondonMidland ... thanks
    for your concern!"): its thanks are for them, not for the agent's answer."""
    handles = _HANDLES.match(message.text)
    first = _HANDLE.search(handles.group()) if handles else None
    if first is None:
        return False
    return any(c.message.author is not None and c.message.author.id == first.group(1) for c in view.customer)


def _in_question(text: str, pos: int, end: int) -> bool:
    """Whether the sentence holding ``pos`` ends with a question mark ("is it fixed yet?")."""
    stop = _STOP.search(text, pos, end)
    return bool(stop) and stop.group() == "?"


_HANDLES = re.compile(r"\s*(?:@\w+[\s:,]*)+")
_HANDLE = re.compile(r"@(\w+)")
_STOP = re.compile(r"[.!?\n]")


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
        # the customer who raised the issue decides; other people's tweets in the thread count only when the raiser's
        # last message says nothing (a bystander with the same problem: "that's what we all want to know")
        raiser = _raiser_messages(view)
        judged = self._judged(view, context, raiser)
        if judged is None and len(raiser) < len(view.customer):
            judged = self._judged(view, context, view.customer)
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

    def _judged(self, view, context, customer):
        """What the customer's last message says about the fix, or None when it says nothing.

        The last message counts even when it came before the agent's reply ("Shoes exchanged with no fuss"),
        but only an answer to an agent reply can say the answer failed. A thread whose only customer message
        is its opening request says nothing either way, unless it already confirms ("That worked, thanks!").
        """
        if not customer:
            return None
        last = customer[-1]
        text, start, end = last.text, last.start, last.end
        # an answer to an agent reply: one came between the customer's first message and this one (a brand's own post
        # that opens the thread answers nothing)
        first = customer[0]
        before = [r for r in view.agent if first.index < r.index < last.index]
        answered = bool(before)
        # the agent's reply just before asked the customer something: what follows answers it (details, not a verdict)
        asked = bool(before) and "?" in before[-1].body
        if answered:
            # the customer's last turn: every message of theirs since that reply ("I went to the service center...
            # Wouldn't refund my $75" then "I'm sure delivering my bag would be a lot less...")
            turn = [c for c in customer if c.index > before[-1].index]
            for c in turn:
                bad = self._unresolved.search(c.text, c.start, c.end)
                if bad:
                    return failed("The customer says the problem is not solved.", [span(c, bad.start(), bad.end())],
                                  tip="Check the fix worked before closing: ask, test, or follow up.")
            # the reply asked for what was done already ("Already did weeks ago", "I already tried that"): no step
            # forward, unless the customer only says they sent it by private message
            low = lowered(text)
            if "already" in low:
                done = _ALREADY.search(low, start, end)
                if done and not any(w in low for w in _MOVING_ON):
                    return failed("The customer says they had already done what the reply asks: no step forward.",
                                  [span(last, done.start(), done.end())],
                                  tip="Read what the customer has already tried before suggesting it again.")
            dispute = _DISPUTE_OPENING.match(text, start, end)
            # a "no" answering the agent's own question counts when that question was whether it is fixed ("Have your
            # issues been addressed?" - "Not really!")
            if dispute and asked and _ASKED_IF_FIXED.search(before[-1].text, before[-1].start, before[-1].end):
                asked = False
            if dispute and not asked and not _SETTLED.search(text, dispute.end(), end):
                return failed("The customer answers the reply with a \"no\" or a \"but\": it did not solve the "
                              "problem.",
                              [span(last, dispute.start(), dispute.end())],
                              tip="Check the fix worked before closing: ask, test, or follow up.")
            still = _STILL_ASKING.search(text, start, end)
            if still and not self._confirmed.search(text, start, end):
                return failed("The customer is still asking after the answer (\"??\").",
                              [span(last, still.start(), still.end())],
                              tip="Answer the question the customer actually asked, then check it is settled.")
            again = None if asked or not _may_ask_again(lowered(text)) else _ASKS_AGAIN.search(text, start, end)
            if again and not self._confirmed.search(text, start, end):
                return failed("The customer comes back for more help after the answer.",
                              [span(last, again.start(), again.end())],
                              tip="Check the fix worked before closing: ask, test, or follow up.")
            # any message of that last turn: "Misleading and incompetent." then "Then the manager said..."
            in_turn = {c.id for c in turn}
            cue = next((c for c in context.cues(view.conversation) if c.message_id in in_turn
                        and c.kind in ("anger", "frustration", "disappointment") and c.score >= 0.75), None)
            if cue is not None and not self._confirmed.search(text, start, end):
                return failed(f"The customer's last turn after the answer still shows {cue.kind}.",
                              [Evidence(cue.message_id, cue.start, cue.end, cue.quote)],
                              tip="Check the fix worked before closing: ask, test, or follow up.")
        good = self._confirmed.search(text, start, end)
        if good and not _NEGATED.search(text, max(start, good.start() - 16), good.start()) \
                and not _NOT_YET.search(text, max(start, good.start() - 24), good.start()) \
                and not _in_question(text, good.start(), end):
            return passed("The customer confirms the fix.", [span(last, good.start(), good.end())])
        if answered:
            low = lowered(text)[start:end]
            thanks = self._thanks.search(text, start, end)
            if thanks and not _WANTS_DETAILS.search(before[-1].text, before[-1].start, before[-1].end) \
                    and not _to_another_customer(last, view) and "?" not in text[start:end] and not any(w in low for w in _MOVING_ON) \
                    and not _NOT_ABOUT_THE_FIX.search(low) and not self._bare_thanks(low, customer) \
                    and not _NEGATED.search(text, max(start, thanks.start() - 16), thanks.start()) \
                    and not (thanks.group() in _FIX_WORDS
                             and _NOT_YET.search(text, max(start, thanks.start() - 24), thanks.start())) \
                    and not is_praise(first.text, first.start, first.end):
                return passed("The customer thanks the agent for the answer.", [span(last, thanks.start(), thanks.end())])
        return None

    def _bare_thanks(self, low: str, customer) -> bool:
        """Whether the last message is a bare thanks and no earlier message of the same customer confirmed the fix
        (the guide: such a confirmation stands, and the thanks after it passes)."""
        if not _BARE_THANKS.match(low):
            return False
        for c in customer[:-1]:
            good = self._confirmed.search(c.text, c.start, c.end)
            if good and not _NEGATED.search(c.text, max(c.start, good.start() - 16), good.start()):
                return False
        return True

    def _same_issue(self, conversation, view, later) -> bool:
        if set(conversation.tags) & set(later.tags):
            return True
        threshold = self.config["same_issue_ratio"]
        if conversation.subject and later.subject and fuzz.token_set_ratio(conversation.subject, later.subject) >= threshold:
            return True
        first = view.customer[0].body if view.customer else ""
        return bool(first and later.first_customer_text
                    and fuzz.token_set_ratio(first, later.first_customer_text) >= threshold)
