"""connect.ownership: no flat "no", no empty hand-off.

A reply fails when it refuses or deflects ("I can't help you with that", "there's nothing we can do",
"that's not our department", "you'll need to contact your bank") and what follows it in the same reply
offers neither an alternative of its own ("what I can do is...", "I'll", "instead", "Someone from that team will
get back to you") nor a concrete route (a link, a phone
number, an email address, a handle, "DM us", a place to go) in the same or the next sentence (or at the start
of the next part of a split reply). An offer of *other* help ("Is there anything else I can help with?") is
no alternative for the request just refused. A bare "No," with a rule ("No, the last month is always billed"),
a policy stated flatly ("We don't give credits for outages"), the limit of what is owed ("We're only obligated to
provide bags for un-packaged meat") and a hedged no ("i dont think there are any additional vouchers") are refusals.
A hand-off that gives the customer a route passes, and so does a refusal after which the reply goes on to ask the
customer for what it needs ("... What's the domain?"). Not applicable when the customer asks for nothing and reports
no problem (praise, banter, a thank-you): the opening message praises or reports no problem, and no later message
asks a question or shows an emotional cue (after an opening that is not praise, a later plea such as "Help" or "Pls
check" asks too). The customer asks after all when the opening is a question without a question mark ("hi all,
what's the score with Liverpool Lime Street on Sunday, is it open... Thanks."), a request in another language ("saya
nak tukar flight"), or when the first agent reply meets a problem the words do not name (it apologises, sympathises,
sets out to see what is going on or offers to help with it: "We want to help. Send us a DM"), unless the opening is praise that names no problem (a refund template under
praise meets nothing). An opening that tells of a problem already solved ("my problem has been resolved") asks for
nothing, and neither does a later message answering the agent's question ("No, a fellow associate did it for me").
"What was asked for is gone" ("this app is no longer supported") is a refusal. Banter answered in kind is no request
either: no customer message asks a question or voices a strong feeling, one carries a friendly face (":)", "😄"), and
no agent reply asks anything or uses a word of the support process ("We love your contest entrees!").
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.cues import is_praise, lexicon_cues
from smilebox.qa.phrases import Phrases, phrase_pattern, sentence_spans

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
    # a policy stated as a flat no: "We don't give credits for outages."
    "re:(?:we|i) (?:don't|do not|won't|will not|never) (?:give|offer|provide|issue|allow|accept|refund|cover|compensate|"
    "reimburse|grant|make) (?:any )?(?:\\w+ )?(?:credits?|refunds?|compensation|exceptions?|discounts?|vouchers?|"
    "goodwill|reimbursements?|price ?match\\w*)",
    "re:(?:unfortunately|sadly),? (?:no|not)\\b",
    # what was asked for is gone: "unfortunately this app is no longer supported"
    "re:(?:is|are) no longer (?:supported|available|offered|sold|stocked|produced|made)\\b",
    "re:(?:i|we) (?:could not|couldn't|can't|cannot|are unable to|am unable to) offer (?:any|you any)",
    "re:(?:i|we) (?:don't|do not) have (?:any )?(?:info|information|details|visibility|access|news|an update)"
    "(?: (?:on|about|regarding) (?:that|this|it))?",
    "re:(?:please )?(?:see|speak (?:to|with)|visit) (?:an?|the|one of our) (?:\\w+ )?(?:agent|representative|rep|"
    "manager|team member)(?: at the (?:airport|store|counter|desk))?",
    # a bare "No," answering a request with a rule: "No, the last month is always billed.", "No, prices are set by
    # head office."
    "re:no, (?:the|our|that|this|it|prices?|fees?|we|you|i'm afraid|sorry)\\b[^.!?\\n]{0,60}?\\b(?:always|not|n't|never|"
    "only|set by|policy|standard|non-refundable|final)\\b",
    # a rule stated as the limit of what is owed: "We're only obligated to provide bags for un-packaged meat."
    "re:(?:we're|we are|i'm|i am) only (?:obligated|obliged|required|allowed|permitted|authori[sz]ed) to",
    # "ok but i dont think there are any additional vouchers": a no, hedged
    "re:(?:i|we) (?:don't|dont|do not) think (?:there (?:are|is|was|were|will be)|(?:we|i) (?:have|can|could|offer|do)) "
    "(?:any|an?)\\b",
    "re:(?:address\\w*|rais\\w*|tak\\w*) (?:this |it |that )?(?:up )?with (?:the |your )?(?:\\w+ )?(?:management|manager|store|"
    "restaurant|cafe|branch)",
]
ALTERNATIVES = [
    "re:https?://\\S+", "re:www\\.\\S+", "re:\\+?\\d[\\d ().-]{6,}\\d", "re:[\\w.+-]+@[\\w-]+\\.[\\w.]+",
    "re:@[A-Za-z]\\w+", "re:\\bdm\\b", "direct message", "private message", "send us", "message us",
    "what i can do", "what we can do", "instead", "alternatively", "however", "but you can", "but we can",
    "re:(?:i|we)(?:'ll| will| can| could|'d be happy to| would be happy to)\\b(?! not)", "re:let (?:me|us)\\b",
    "re:(?:visit|head to|go to|pop into|call|ring|reach|contact) (?:\\w+ ){0,3}(?:at|on|via|through|by)\\b",
    "re:(?:local|nearest|nearby) (?:store|branch|office|center|centre|location|shop)",
    "re:(?:in|through|via|using) (?:the|our|your) (?:app|website|site|portal|account|help center|settings)",
    # the team that can act takes it up itself: "Someone from that team will get back to you soon"
    "re:(?:someone|somebody|a member|a colleague|an agent|our team|the team|that team|they)(?: [\\w'’]+){0,4} "
    "(?:will|'ll|is going to|are going to) (?:\\w+ )?(?:get back to you|contact you|reach out|be in touch|call you|"
    "follow up)",
]
# Every default refusal holds one of these: a fast literal scan skips replies that cannot refuse.
_REFUSAL_HINT = re.compile(r"n't|not|no longer|dont th|unable|nothing|out of|need|have to|contact|call|ask|unfortunately|sadly|impossible|"
                           r"no,|see an?|see the|see one|management|manager|only (?:obl|req|all|per|aut)")


def _may_refuse(low: str) -> bool:
    """``_REFUSAL_HINT`` as substring tests over the whole lowercased text (a superset of its matches in the body;
    faster than the regular expression over a short reply)."""
    return ("n't" in low or "not" in low or "no longer" in low or "dont th" in low or "unable" in low or "out of" in low
            or "need" in low or "have to" in low or "contact" in low or "call" in low or "ask" in low
            or "unfortunately" in low or "sadly" in low or "impossible" in low or "no," in low or "see a" in low
            or "see the" in low or "see one" in low or "manage" in low or "only " in low)


# (a curly apostrophe counts as well: "this layout isn’t friendly to left handed users")
REQUEST = Phrases(
    r"(?:n['’]t\b|\b(?:without|not|no|never|issue|problem|error|broken|charged|refund|cancel|wrong|late|delay\w*|missing|still|"
    r"help|how|why|when|where|what|can|could|need|want|won['’]t|doesn['’]t|didn['’]t|fail\w*|crash\w*|stuck|lost|waiting|"
    r"expired?|down|outage|out of service|disappeared|deny|denied|declined?|bill\w*|fix|please|would like|"
    r"speak to|talk to|reach out|contact|disappoint\w*|complain\w*|poor|bad|worst|questions?|know|stopped|"
    r"broke|faulty|damaged|cracked|dead|leak\w*|overcharged|scratched|torn|would like|i'd like|looking for|keeps?|trying to)\b)",
)


# A question asked without a question mark: a sentence that opens like one ("hi all, what's the score with Liverpool
# Lime Street on Sunday, is it open...", "who would I message for...", "why not try illustrating call backs").
_QUESTION = Phrases(
    r"(?:^|[.!?\n]\s*|^\W*(?:hi|hey|hello|yo)\b[^.!?\n]{0,12}?,\s*)(?:who|what|what['’]s|when|where|which|why|how|is it|"
    r"are (?:you|yous|u|ya|y['’]all)|are there|is there|can (?:you|i|u|we|someone)|could (?:you|i|u|someone)|will (?:you|i|u)|would (?:you|i)|"
    r"do (?:you|i|u)|does|did (?:you|u))\b"
)
# Words of a request in the other languages of support threads ("saya nak tukar flight", "me ayudan").
_OTHER_LANGUAGE_REQUEST = Phrases(
    r"\b(?:nak|tukar|tolong|boleh|bantu|mau|ayuda\w*|ayudan|necesito|quiero|problema|hilfe|bitte|besoin|aidez|"
    r"reschedule|rebook\w*|booking)\b"
)
# The opening message reports a problem already solved ("Seems like my problem has been resolved"): nothing is asked.
_SOLVED = Phrases(r"\b(?:has been|have been|was|got|is|are|now|all) (?:resolved|fixed|sorted|solved)\b")
# The first agent reply meets a problem: it apologises or sympathises ("We apologize for the inconvenience", "Oh my! I
# can see why this has bothered you") or sets out to find what went wrong ("so that I can see what's going on").
_MEETS_A_PROBLEM = Phrases(
    r"\b(?:sorry|apolog\w*|regret\w*|inconvenien\w*|frustrat\w*|bothered|what['’]s going on|what['’]s happening|"
    r"look(?:ing)? into (?:this|it|that)|investigat\w*|"
    # or offers to help with it: "We want to help. Send us a DM letting us know if you are updated to iOS 11.1"
    r"(?:want|like|love|here|happy|glad) to help|(?:send|shoot|drop) (?:us|me) an? (?:dm|direct message)|dm us)\b"
)


# The words of a problem (not of a request): "... if y'all don't get my service going", "decides to have an outage".
_PROBLEM_WORD = Phrases(
    r"(?:n['’]t\b|\b(?:not|never|no|issue|problem|error|broken|charged|wrong|late|delay\w*|missing|still|fail\w*|"
    r"crash\w*|stuck|lost|outage|down|waiting|poor|bad|worst|faulty|damaged|dead)\b)"
)


def _asks(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a customer's words ask for something or report a problem (a question mark, or a problem word)."""
    end = len(text) if end is None else end
    return "?" in text[start:end] or "？" in text[start:end] or REQUEST.search(text, start, end) is not None


# "Is there anything else I can help with?", "Let me know if you have other questions": an offer of *other*
# help, not an alternative for the request just refused.
_GENERIC_OFFER = Phrases(
    r"(?:anything|something) else|any other|other (?:questions?|issues?|concerns?)|further (?:questions?|help|"
    r"assistance)|(?:have|has) a (?:great|good|nice|lovely) |(?:hope|wish) (?:you|this)|feel free|don't hesitate"
)


def _answers_a_question(view, message) -> bool:
    """Whether the message comes right after an agent reply that asked the customer something."""
    before = [r for r in view.agent if r.index < message.index]
    return bool(before) and before[-1].index == message.index - 1 and "?" in before[-1].body


class _Found:
    """A span found by hand, read like a match: ``start()`` and ``end()``."""

    __slots__ = ("_s", "_e")

    def __init__(self, s: int, e: int):
        self._s, self._e = s, e

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e


def _window_end(reply, pos: int) -> int:
    """End of the sentence after the refusal's: where an alternative must appear to count for it.

    When that reaches the end of the reply's body, the trailing links the body leaves out count too
    ("... contact our billing team: https://...").
    """
    spans = [e for s, e in sentence_spans(reply.text, pos, min(reply.end, pos + 300))]
    end = spans[1] if len(spans) > 1 else (spans[0] if spans else reply.end)
    return len(reply.text) if end >= reply.end else end


def _sentence_around(reply, pos: int) -> tuple[int, int]:
    for s, e in sentence_spans(reply.text, reply.start, reply.end):
        if s <= pos < e:
            return s, e
    return pos, pos


class Ownership(Check):
    id = "ownership"
    name = "connect.ownership"
    version = 1
    description = "No flat refusal or empty hand-off: every 'no' comes with an alternative or a route."
    reads = ("agent_replies", "customer_messages")
    default_config = {"refusals": REFUSALS, "alternatives": ALTERNATIVES}

    def setup(self) -> None:
        self._generic_offer = _GENERIC_OFFER
        self._refusal = phrase_pattern(self.config["refusals"])
        self._hint = _REFUSAL_HINT if self.config["refusals"] == REFUSALS else None
        self._alternative = phrase_pattern(self.config["alternatives"])

    def _alternative_for(self, r, refusal, view):
        """(reply, match) of the first alternative or route for ``refusal``, or None.

        It must be in the refusal's own sentence or the next one, and not inside a generic offer of *other*
        help ("Is there anything else I can help with?"): that does not answer the request just refused.
        """
        found = self._specific_alternative(r, refusal.end(), _window_end(r, refusal.end()))
        if found is not None:
            return r, found
        # the reply goes on to ask for what it needs to help ("that's not something we do. If your domain is public,
        # spammers have access to your contact info. What's the domain?"): the agent keeps the matter
        if "?" in r.text[refusal.end():r.end]:
            for s, e in sentence_spans(r.text, max(refusal.end(), _sentence_around(r, refusal.start())[1]), r.end):
                if "?" in r.text[s:e] and not self._generic_offer.search(r.text, s, e):
                    return r, _Found(s, e)
        # a reply split in parts ("... contact HP phone support. 1/2" then "Fill in this form: https://..."):
        # the route may open the agent's next message, when the customer has not spoken in between
        following = r.index + 1
        messages = view.conversation.messages
        if following < len(messages) and messages[following].role == "agent" and not messages[following].internal:
            nxt = view.next_agent_after(r.index)
            if nxt is not None and nxt.index == following:
                found = self._specific_alternative(nxt, nxt.start, _window_end(nxt, nxt.start))
                if found is not None:
                    return nxt, found
        return None

    def _specific_alternative(self, r, start: int, end: int):
        for alt in self._alternative.finditer(r.text, start, end):
            s, e = _sentence_around(r, alt.start())
            if s >= start and self._generic_offer.search(r.text, s, e):
                continue
            return alt
        return None

    @staticmethod
    def _nothing_asked(view) -> bool:
        """Praise, thanks or banter only: the opening message praises (or says nothing of a problem) and no
        later message of the customer asks a question or shows an emotional cue.

        A complaint need not be phrased as a request ("my warranty expired one day early", "this shit is
        annoying, fix it"), so only a message that is praise, or that has no problem word and no question at all,
        asks for nothing.
        """
        first = view.customer[0]
        praised = is_praise(first.text, first.start, first.end)
        solved = False
        if not praised and (_asks(first.text, first.start, first.end)
                            or lexicon_cues("", first.text, first.start, first.end)):
            # an opening that tells of a problem already solved ("my problem has been resolved") asks for nothing
            if "?" in first.body or _SOLVED.search(first.text, first.start, first.end) is None:
                return False
            solved = True
        # a question without a question mark, or a request in another language
        if _QUESTION.search(first.body) or _OTHER_LANGUAGE_REQUEST.search(first.text, first.start, first.end):
            return False
        # the agent met a problem in the opening: it was there even if the customer's words do not name it
        # ("Exactly as seen on our flight. #GetSomeRealPoliciesAndEnforceThem" answered with an apology), unless the
        # opening is praise naming no problem (a refund template answering praise meets nothing)
        reply = view.agent[0]
        if reply.index > first.index and _MEETS_A_PROBLEM.search(reply.text, reply.start, reply.end) \
                and (not praised or _PROBLEM_WORD.search(first.text, first.start, first.end)):
            return False
        # after a praising opening, a later message asks only with a question or a cue of its own; after a merely chatty
        # one (no praise, no problem word), a later plea counts too ("Help", "Pls check, my card got debited")
        # (a message answering the agent's question answers it: "No, a fellow associate did it for me.")
        return not any(("?" in c.body and not is_praise(c.text, c.start, c.end)) or lexicon_cues("", c.text, c.start, c.end)
                       or _QUESTION.search(c.body)
                       or (not praised and not solved and not _answers_a_question(view, c)
                           and _asks(c.text, c.start, c.end) and not is_praise(c.text, c.start, c.end))
                       for c in view.customer[1:])

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply to judge.")
        if view.customer and not _asks(conversation.subject or "") and self._nothing_asked(view):
            return not_applicable("The customer asks for nothing and reports no problem.")
        handed_off = []
        for r in view.agent:
            if self._hint is not None and not _may_refuse(r.low):
                continue
            for m in self._refusal.finditer(r.text, r.start, r.end):
                found = self._alternative_for(r, m, view)
                if found is None:
                    return failed(
                        "An agent reply refuses or deflects without an alternative or a route.",
                        [span(r, m.start(), m.end())],
                        tip="Pair every \"no\" with what you can do: an alternative, a next step, or a concrete "
                            "route (link, number, handle) to who can help.",
                    )
                where, alt = found
                handed_off.append((span(r, m.start(), m.end()), span(where, alt.start(), alt.end())))
        if handed_off:
            refusal, route = handed_off[0]
            return passed("A refusal comes with an alternative or a concrete route.", [refusal, route])
        if view.customer and self._banter_only(view):
            return not_applicable("The customer asks nothing and every reply answers as to a chat, not a request.")
        return passed("No agent reply refuses or deflects.", [opening(view.agent[0], 60)])

    @staticmethod
    def _banter_only(view) -> bool:
        """A chat, not a request: no customer message asks a question or voices a strong feeling, one of them carries a
        friendly mark (a smiling face, "lol", ":)"), and no agent reply asks anything or uses a word of the support
        process (DM, sorry, help, order, refund...): both sides treat the thread as banter ("Have a wonderful flight over
        the pond!", "We love your contest entrees!"), so nothing was asked to own."""
        # (``"?" in c.body`` without copying the body out; the cheapest tests first: most customers ask)
        customer = view.customer
        for c in customer:
            if c.text.find("?", c.start, c.end) >= 0:
                return False
        for r in view.agent:
            if r.text.find("?", r.start, r.end) >= 0:
                return False
        from smilebox.qa.checks.wow import _MARKS_WARM, _friendly, _is_process

        if not any(_friendly(c.text, c.start, _MARKS_WARM, False) for c in customer):
            return False
        if any(q.score >= 0.8 for c in customer for q in lexicon_cues("", c.text, c.start, c.end)):
            return False  # a strong feeling ("Really disappointed with my boots") is a problem told, however it ends
        return not any(_is_process(r) for r in view.agent)
