"""connect.tailored: a canned reply must still be about this customer.

The reply judged is the first public agent reply (the one answering the customer's issue). It is
*canned* when it is a near-copy of a template in the rubric's ``templates`` library, when the corpus
index (``context.templates``, built by ``smilebox.qa.templates.build_template_index`` over the whole
input) finds near-copies in at least ``min_conversations`` conversations, or when every sentence of
it is generic boilerplate ("Sorry for any inconvenience. Please DM us your details.").

Generic boilerplate is what is left with no word of its own once the stock phrases, the vocabulary of
the support process itself (DM, details, order number, look into...), names, links and sign-offs are
taken out: it could be pasted under any tweet. It fails unless the customer gave almost no detail
("Help", "disgusted with your service"), or the agent's turn goes on in the next message with words of
its own (a chat introduction). A reply that is only a link or an emoji fails; a reply opening with a
direct answer to the customer's yes/no question ("We sure do!") passes.

A reply that is not canned passes. A canned reply fails when it ignores the customer's issue (it
shares no topic word with the customer's messages or the subject beyond the boilerplate's own
words), or when it carries none of its own greeting, closing or empathy; otherwise it passes.
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.phrases import content_stems, phrase_pattern, sentence_spans, words
from smilebox.qa.templates import TemplateLibrary

GENERIC = [
    "re:(?:we're|we are|i'm|i am|we'd be|i'd be|we would be|i would be) (?:\\w+ ){0,2}(?:sorry|happy|glad|here|delighted)"
    "(?: to (?:hear|help|assist|look into (?:this|it|that)(?: for you)?))?(?: (?:about )?(?:that|this|the trouble|"
    "the inconvenience|any inconvenience))?",
    "re:(?:so |very |really )?sorry (?:to hear (?:that|this|about (?:that|this))|for (?:any|the) (?:inconvenience|trouble|"
    "issues?|confusion|frustration|delay|hassle|problems?)|about (?:that|this|the (?:trouble|inconvenience|issue|delay)))",
    "re:(?:we |i )?apologi[sz]e for (?:any|the) (?:inconvenience|trouble|issues?|confusion|frustration|delay)",
    "re:(?:please |kindly )?(?:send|shoot|drop)(?: us)? (?:a |us a )?(?:dm|direct message|private message|message)",
    "re:(?:please )?(?:follow (?:us )?(?:and|&amp;|&) )?dm(?: us)?", "re:reach out (?:to us )?(?:via|by|in|through) dm",
    "re:(?:with|including|and)? ?(?:your|the) (?:full name|account (?:details|number|info\\w*|email(?: address)?)|"
    "order (?:details|number)|email address|contact (?:details|info\\w*)|details|phone number|zip(?: code)?|postcode)",
    "re:(?:so |and )?(?:we|i)(?:'ll| will| can| could)(?: be (?:happy|glad) to)? (?:look into (?:this|it|that)|take a "
    "(?:closer )?look|help(?: you)?(?: out)?|assist(?: you)?|follow up|get back to you|check (?:this|it|that)(?: out)?|"
    "look into (?:this|it) further)(?: for you)?(?: further)?",
    "re:thanks? (?:you )?for (?:reaching out|contacting us|getting in touch|letting us know|your patience|"
    "bringing this to our attention|the (?:feedback|heads up))", "re:(?:we're|we are) here to help",
    "re:(?:we'd|we would|i'd|i would) (?:like|love) to (?:help|look into (?:this|it)|assist)(?: further)?",
    "re:(?:so )?(?:we|i) can (?:help|assist|look into (?:this|it))", "re:(?:hi|hello|hey)(?: there)?",
    "re:(?:let us know|keep us posted)(?: how (?:it|that) goes)?", "re:(?:and )?we'll go from there",
]


# Words every support exchange uses whatever the issue: sharing one of them shows no engagement.
_GENERIC_WORDS = frozenset("""
help helping helped assist assistance issue issues problem problems trouble experience experiencing details detail
info information account number further reach contact contacting message messages team customer customers service
support sorry apologize apologise apologies inconvenience hear hearing happy glad thanks thank know like love sure
able please send sent follow check checking time today look looking into care would could should right there here
want need make work working good great best hello thing things going anything something someone more well soon
tweet twitter post reply respond response back today tonight dm dms direct private conversation continue provide
share tell number phone email address name full order store location concern concerns feedback question questions
steps troubleshooting tried still investigate closer take sorted offer reaching reached note connect happened talk
through awaiting resolve hours within click below link screen showing appearing caused apologies welcome words
kind also further additional assistance experienced ensure best regards kindly contacting touch shortly soon
understand frustration frustrating appreciate patience concern hope assist feel free pass passed mention next rgds
away forward forwarded directly show along clarify outlined trouble official numbers week mentioned type country
opened acct accts pin pins elaborate alternate code codes private secure securely chat
""".split())


_GENERIC_ONLY = "generic boilerplate only"
# What says nothing about the customer's issue however specific it looks: links, sign-offs ("^AJ", "- Kirsty",
# "*KellenF") and capitalised words inside a sentence (the customer's name, the brand, the agent's name).
_PROPER_AND_LINKS = re.compile(r"https?://\S+|www\.\S+|(?:^|(?<=\s))[\^*~/=-]\s?\w+|(?<=[\w,;:&] )[A-Z][\w'’-]*")


# "Yes, ...", "We sure do!", "Nope": a reply that opens by answering the customer's yes/no question engages with it.
_DIRECT_ANSWER = re.compile(
    r"\W*(?i:yes|yeah|yep|yup|no|nope|absolutely|definitely|of course|sure|we (?:sure |certainly |definitely )?(?:do|can|will|are|did)"
    r"|it (?:is|does|will|can)|you (?:can|can't|cannot|will|do|don't))\b(?![\w'’])(?!\s+(?i:help|assist|look))"
)


class Tailored(Check):
    id = "tailored"
    name = "connect.tailored"
    version = 1
    description = "A reply built from a template still addresses this customer's issue, in its own words."
    reads = ("agent_replies", "customer_messages", "subject", "templates")
    default_config = {
        "templates": [
            "Sorry for any inconvenience. Please DM us your account details and we'll look into this.",
            "We're sorry to hear that. Please send us a DM with more details so we can help.",
            "Thank you for contacting us. Your request has been received and we will get back to you shortly.",
            "We apologize for the inconvenience. Please contact our customer service team for further assistance.",
            "We understand your frustration. Please DM us so we can look into this for you.",
        ],
        "library_threshold": 0.6,
        "min_conversations": 3,
        "generic_phrases": GENERIC,
        "num_perm": 32,
        "bands": 8,
        "min_tokens": 6,
        "min_detail_words": 2,
    }

    def setup(self) -> None:
        self._library = TemplateLibrary(self.config["templates"])
        self._generic = phrase_pattern(self.config["generic_phrases"])
        generic_words = set()
        for phrase in self.config["templates"]:
            generic_words.update(words(phrase))
        self._template_words = frozenset(generic_words)
        self._greeting = self._closing = self._empathy = None

    def _parts(self):
        """The greeting, closing and empathy patterns of their own checks, with their default phrases."""
        if self._greeting is None:
            from smilebox.qa.checks.closing import Closing
            from smilebox.qa.checks.empathy import ACKNOWLEDGE
            from smilebox.qa.checks.greeting import Greeting

            self._greeting = Greeting()._opening
            self._closing = Closing()._phrases
            self._empathy = phrase_pattern(ACKNOWLEDGE)
        return self._greeting, self._closing, self._empathy

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply to judge.")
        reply = view.agent[0]
        body = reply.body
        canned = self._canned_by(body, context)
        if canned is None:
            return passed("The first agent reply is written for this conversation, not from a template.",
                          [opening(reply)])
        told = " ".join([conversation.subject or ""] + [c.body for c in view.customer_before(reply)])
        if not any(ch.isalpha() for ch in body):
            return failed("The first agent reply is only a link or an emoji: nothing in it is about this customer.",
                          [span(reply, 0, len(reply.text.rstrip()))],
                          tip="Write at least a sentence about the customer's message before the link.")
        asked = any("?" in c.body for c in view.customer_before(reply))
        if asked and _DIRECT_ANSWER.match(body):
            return passed("The first agent reply answers the customer's question directly.", [opening(reply)])
        if canned == _GENERIC_ONLY and self._turn_goes_on(view, reply):
            return passed("The first reply only opens the agent's turn; the messages that follow it answer in their "
                          "own words.", [opening(reply)])
        if canned == _GENERIC_ONLY:
            # nothing of its own is left: it engages only when there was nothing to engage with
            if len(content_stems(told, _GENERIC_WORDS)) <= self.config["min_detail_words"]:
                return passed("The customer gave almost no detail; the first reply's general offer is as specific "
                              "as it can be.", [opening(reply)])
            return failed("The first reply is generic boilerplate that could answer any message and does not touch "
                          "the customer's issue.", [span(reply, reply.start, reply.end)],
                          tip="Name the customer's issue or answer their question before asking for details, e.g. "
                              "\"Sorry your refund hasn't arrived. Can you DM us the order number?\"")
        issue = content_stems(told)
        own = content_stems(self._generic.sub(" ", body), self._template_words) & issue
        greeting, closing, empathy = self._parts()
        touches = [p for p in (greeting.match(reply.text, reply.start, reply.end),
                               closing.search(reply.text, reply.start, reply.end),
                               empathy.search(reply.text, reply.start, reply.end)) if p]
        evidence = [span(reply, reply.start, reply.end)]
        if issue and not own:
            return failed(f"The first reply is canned ({canned}) and does not touch the customer's issue.", evidence,
                          tip="Start from the template if you must, but name this customer's issue and answer it.")
        if not touches:
            return failed(f"The first reply is canned ({canned}) with no greeting, closing or empathy of its own.",
                          evidence, tip="Make the template yours: greet the customer, acknowledge their situation, "
                                        "and close with an offer of help.")
        return passed(f"The first reply reuses a template ({canned}) but addresses this customer's issue.", evidence)

    def _turn_goes_on(self, view, reply) -> bool:
        """Whether the agent's turn continues past ``reply`` (chat, split tweets) with a message of its own words."""
        messages = view.conversation.messages
        for r in view.agent[1:]:
            between = messages[reply.index + 1 : r.index]
            if any(m.role == "customer" for m in between):
                return False
            if content_stems(self._generic.sub(" ", _PROPER_AND_LINKS.sub(" ", r.body)), _GENERIC_WORDS):
                return True
            reply = r
        return False

    def _canned_by(self, body: str, context) -> str | None:
        best = self._library.best_match(body)
        if best and best[1] >= self.config["library_threshold"]:
            return f"{best[1]:.0%} like a library template"
        index = context.templates
        if index is not None:
            shared = index.conversations_sharing(body)
            if shared >= self.config["min_conversations"]:
                return f"near-copies in {shared} conversations"
        # boilerplate that could sit under any tweet: once the stock phrases and the vocabulary of the support
        # process itself (DM, details, order number, look into...) are taken out, no word of its own is left
        if not content_stems(self._generic.sub(" ", _PROPER_AND_LINKS.sub(" ", body)), _GENERIC_WORDS):
            return _GENERIC_ONLY
        return None
