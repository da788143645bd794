"""connect.tailored: a canned reply must still be about this customer.

The reply judged is the first public agent reply (the one answering the customer's issue). It is
*canned* when it is a near-copy of a template in the rubric's ``templates`` library, when the corpus
index (``context.templates``, built by ``smilebox.qa.templates.build_template_index`` over the whole
input) finds near-copies in at least ``min_conversations`` conversations, or when every sentence of
it is generic boilerplate ("Sorry for any inconvenience. Please DM us your details.").

A reply that is not canned passes. A canned reply fails when it ignores the customer's issue (it
shares no topic word with the customer's messages or the subject beyond the boilerplate's own
words), or when it carries none of its own greeting, closing or empathy; otherwise it passes.
"""

from __future__ import annotations

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
        issue = content_stems(" ".join([conversation.subject or ""] + [c.body for c in view.customer_before(reply)]))
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

    def _canned_by(self, body: str, context) -> str | None:
        best = self._library.best_match(body)
        if best and best[1] >= self.config["library_threshold"]:
            return f"{best[1]:.0%} like a library template"
        index = context.templates
        if index is not None:
            shared = index.conversations_sharing(body)
            if shared >= self.config["min_conversations"]:
                return f"near-copies in {shared} conversations"
        spans = sentence_spans(body)
        if spans and all(self._is_generic(body[s:e]) for s, e in spans):
            return "generic boilerplate only"
        return None

    def _is_generic(self, sentence: str) -> bool:
        rest = self._generic.sub(" ", sentence)
        return len(content_stems(rest)) == 0
