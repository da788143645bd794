"""connect.tailored: a canned reply must still be about this customer.

The reply judged is the first public agent reply (the one answering the customer's issue). It is
*canned* when it is a near-copy of a template in the rubric's ``templates`` library, when the corpus
index (``context.templates``, built by ``smilebox.qa.templates.build_template_index`` over the whole
input) finds near-copies in at least ``min_conversations`` conversations, or when every sentence of
it is generic boilerplate ("Sorry for any inconvenience. Please DM us your details.").

Generic boilerplate is what is left with no word of its own once the stock phrases, the vocabulary of
the support process itself (DM, details, order number, look into, review, specifics, instructions, and the stock moves
of triage: "what's happening", "which device / iOS version", "we can definitely", "we'll see what we can suggest") in
any of its forms ("responded", "replying", "frustrations"), names, links and sign-offs are taken out: it
could be pasted under any tweet. It fails unless the customer gave almost no detail and named no issue
("Help", "disgusted with your service", "awful customer service": feelings are no detail, while "when u
gonna fix hq" or "I'm not getting your texts" name one), or the agent's turn goes on in the next message
with words of its own (a chat introduction). A reply that picks up the private message the customer says
they sent ("I've replied to your DM") engages with it, and so does one that gives the route a customer
asked for ("who can I complain to...?" answered with a link or number). A reply that is only a link or an emoji fails; a reply opening with a
direct answer to the customer's yes/no question ("We sure do!") passes. The process vocabulary covers the words of any
brand's stock moves ("DM your confirmation number for privacy", "a member of our team will be following up", "call ... to
have this rectified", "under the hood"), and a customer names an issue however briefly ("trouble with a cable box", "no
one has replied yet", "you are being slow"). An acronym the customer wrote ("DVR") is theirs when the reply repeats it.

A reply whose only specifics are an apology for something the customer never raised ("Our sincere apologies for any last
minute gate changes" answering a complaint about unanswered feedback) is judged like boilerplate: its specifics are not
the customer's. Praise naming the people who served ("the Flight Attendants on Flight 1361") answered only by a stock
thank-you and good wish ("Thanks for your kind words! We hope you have a fantastic evening.") fails; being glad to hear
it, passing it on or reacting to the story takes it in.

When the customer's last message before the reply praises, thanks or reports the problem solved, generic
boilerplate is judged as an answer to praise: taking it in passes ("That's great Chris! Thanks for the
feedback!"); offering help nobody asked for ("Please let us know if we can offer you any further
assistance") or a bare farewell ("Have a great week") fails.

A reply that is not canned passes. A canned reply fails when it ignores the customer's issue (it
shares no topic word with the customer's messages or the subject beyond the boilerplate's own
words; a brand or product name the template carries does not count), or when it carries none of its
own greeting, closing or empathy; otherwise it passes.
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.cues import is_praise
from smilebox.qa.phrases import STOPWORDS, Phrases, content_stems, phrase_pattern, sentence_spans, words
from smilebox.qa.templates import TemplateLibrary

# "not sorted", "isn't fixed": a confirmation word that is negated confirms nothing (as in resolution)
_NEGATED = re.compile(r"(?:\b(?:not|never|no|hasn't|haven't|isn't|wasn't)\b|n't)\W*(?:\w+\W+)?$", re.IGNORECASE)

GENERIC = [
    "re:(?:we're|we are|i'm|i am|we'd be|i'd be|we would be|i would be) (?:\\w+ ){0,2}(?:sorry|happy|glad|here|delighted)"
    "(?: to (?:hear|help|assist|look into (?:this|it|that)(?: for you)?))?(?: (?:about )?(?:that|this|the trouble|"
    "the inconvenience|any inconvenience))?",
    "re:(?:so |very |really )?sorry (?:to hear (?:that|this|about (?:that|this))|for (?:any|the) (?:inconvenience|trouble|"
    "issues?|confusion|frustration|delay|hassle|problems?)|about (?:that|this|the (?:trouble|inconvenience|issue|delay)))",
    "re:(?:we |i )?apologi[sz]e for (?:any |the )?(?:inconvenience|trouble|issues?|confusion|frustration|delay)(?: caused)?",
    "re:(?:please |kindly )?(?:send|shoot|drop)(?: us| me)? (?:a |us a |me a )?(?:dm|direct message|private message|message)",
    "re:(?:please )?(?:follow (?:us )?(?:and|&amp;|&) )?dm(?: us)?", "re:reach out (?:to us )?(?:via|by|in|through) dm",
    "re:(?:with|including|and)? ?(?:your|the) (?:full name|account (?:details|number|info\\w*|email(?: address)?)|"
    "order (?:details|number)|email address|contact (?:details|info\\w*)|details|phone number|zip(?: code)?|postcode)",
    "re:(?:so |and )?(?:we|i)(?:'ll| will| can| could)(?: be (?:happy|glad) to)? (?:look into (?:this|it|that)|take a "
    "(?:closer )?look|help(?: you)?(?: out)?|assist(?: you)?|follow up|get back to you|check (?:this|it|that)(?: out)?|"
    "look into (?:this|it) further)(?: for you)?(?: further)?",
    "re:(?:thanks?|ty|thx) (?:you )?for (?:reaching out|contacting us|getting in touch|letting us know|your patience|"
    "bringing this to our attention|the (?:feedback|heads up))", "re:(?:we're|we are) here to help",
    "re:(?:we'd|we would|i'd|i would) (?:like|love) to (?:help|look into (?:this|it)|assist)(?: further)?",
    "re:(?:so )?(?:we|i) can (?:help|assist|look into (?:this|it))", "re:(?:hi|hello|hey)(?: there)?",
    "re:(?:you )?bringing (?:this|it|that) to (?:our|my) attention", "re:under the hood",
    "re:(?:let us know|keep us posted)(?: how (?:it|that) goes)?", "re:(?:and )?we'll go from there",
    # an apology for the brand's own slow answer says nothing of the customer's issue
    "re:(?:for )?(?:the |our |my )?(?:delayed|late|slow) (?:response|reply)",
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
review query queries specific specifics inquire inquiry instruction status goal possible associate concerned read
regarding related situation matter request ticket helpful booking reference
confirmation privacy attention gather outreach member members rectify rectified sincere sincerely currently
anyway answer username poor call complete seeing better sound area confusion difficulty difficulties ongoing
gamertag addressed escalate forum community log system proper correct suggestion
happening happen exactly exact definitely suggest recommend using installed version device model currently quick
quickly deeper dig find collect require start visit investigation onto meet everything constructive serious advisement
telephone locator record holders must never always strive positive allow future first place immediately
current wait disappointment disappointed anxiety upset
hola por favor para mensaje mensajes directo directos asistencia ayuda ayudarte ayudarle inconveniente inconvenientes
revisa lamentamos
""".split())


_GENERIC_FORMS: dict[str, bool] = {}


def _is_generic_word(w: str) -> bool:
    """Whether a lowercased word is support vocabulary, in any of its forms ("responded", "replying",
    "frustrations", "resolved", "clicking", "instructions" as "respond", "reply", "frustration"...)."""
    if w in _GENERIC_WORDS:
        return True
    if w.endswith("'s") and w[:-2] in _GENERIC_WORDS:
        return True
    known = _GENERIC_FORMS.get(w)
    if known is not None:
        return known
    if len(_GENERIC_FORMS) > 4096:
        _GENERIC_FORMS.clear()
    known = _GENERIC_FORMS[w] = _generic_form(w)
    return known


def _generic_form(w: str) -> bool:
    for suffix in ("ing", "ed", "es", "s", "d", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: -len(suffix)]
            if base in _GENERIC_WORDS or base + "e" in _GENERIC_WORDS or (base.endswith("i") and base[:-1] + "y" in
                                                                         _GENERIC_WORDS):
                return True
    return False


_GENERIC_ONLY = "generic boilerplate only"
# What says nothing about the customer's issue however specific it looks: links, sign-offs ("^AJ", "- Kirsty",
# "*KellenF") and capitalised words inside a sentence (the customer's name, the brand, the agent's name).
# Also @handles anywhere ("send us a dm to @doordash_help"), a sign-off glued to the text ("Thank you!-Nick") and a name on
# the line under "Regards,".
_PROPER_AND_LINKS_AS_WRITTEN = (r"https?://\S+|www\.\S+|[@＠]\w+|(?:^|(?<=[\s!.,]))[\^*~/=-]\s?\w+"
                                r"|(?<=[\w,;:&][ \n])[A-Z][\w'’-]*")
# The same matches, written to start with one character class (the first characters of the five alternatives, which
# share none), each alternative then checking what it started with and what came before: the search skips in C to the
# few candidate characters instead of trying every position (four times faster; tests/test_qa_speed_patterns.py).
_PROPER_AND_LINKS = re.compile(r"[hw@＠\^*~/=A-Z-](?:(?<=h)ttps?://\S+|(?<=w)ww\.\S+|(?<=[@＠])\w+"
                               r"|(?<=[\^*~/=-])(?:(?<=^.)|(?<=[\s!.,].))\s?\w+|(?<=[A-Z])(?<=[\w,;:&][ \n].)[\w'’-]*)")


# "Yes, ...", "We sure do!", "Nope": a reply that opens by answering the customer's yes/no question engages with it.
_DIRECT_ANSWER = re.compile(
    r"\W*(?i:yes|yeah|yep|yup|no|nope|absolutely|definitely|of course|sure|we (?:sure |certainly |definitely )?(?:do|can|will|are|did)"
    r"|it (?:is|does|will|can)|you (?:can|can't|cannot|will|do|don't))\b(?![\w'’])(?!\s+(?i:help|assist|look))"
)


# Answering praise (the customer asks for nothing): a reply that takes the praise in ("That's great, Chris! Thanks
# for the feedback!", "Glad we could help you out!") is all the message calls for; one that offers help nobody asked for
# ("Please let us know if we can offer you any further assistance.", "Is there anything we can do to help?") or only says
# goodbye ("Have a great week.") is the script.
_TAKES_PRAISE = re.compile(
    r"\b(?:thanks?|thank you|ty|thx) (?:so much |very much |again )?for (?:the |your |all the |such )?(?:kind |lovely |great |"
    r"nice |sweet )?(?:feedback|words|shout ?-?outs?|sharing|love|support|compliments?|comments?|message|note|tweet|praise|"
    r"recommendation|mention)"
    r"|\b(?:glad|great|happy|pleased|good|love|lovely|awesome|wonderful|nice|thrilled|delighted) to (?:hear|see|read|know)"
    r"|\b(?:that's|that is|this is|how) (?:so |really |very )?(?:great|awesome|wonderful|fantastic|amazing|brilliant|lovely|"
    r"cool|fab|nice|sweet|good)\b"
    r"|\b(?:glad|happy|pleased|thrilled|delighted) (?:you|we|it|that|your)\b"
    r"|\b(?:we'll|we will|i'll|i will) (?:be sure to |make sure to |happily )?(?:pass|share|send)\b|\bpass (?:it|this|that|them|"
    r"your \w+(?: \w+)?) (?:on|along)\b|\byou're (?:very |more than |most )?welcome\b|\b(?:we|i) appreciate\b|\bwoo+t?\b|\byay\b",
    re.IGNORECASE,
)
_OFFERS_HELP = re.compile(
    r"\b(?:let (?:us|me) know if|if (?:you|there)(?:'s| is| are| have| need| ever)|anything (?:else )?(?:we|i) can|"
    r"(?:how|what) can (?:we|i)|can (?:we|i) help|(?:we're|we are|i'm|i am) (?:always |here )?(?:here|happy|glad) to (?:help|assist)|"
    r"further assistance|questions or concerns|(?:send|drop|shoot) us|dm us|reach out|get in touch)",
    re.IGNORECASE,
)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# The customer names an issue, however briefly ("when u gonna fix hq for xbox", "If I don't provide the required
# information..."): the "no detail at all" exception is for messages that name none ("Help", "disgusted with your service").
_NAMES_ISSUE = Phrases(
    r"(?:n['’]t|\bnot) (?:work|load|arrive|get|receive|let|open|connect|provide|send|show|turn|charge)\w*|"
    r"\b(?:no longer|fix\w*|broke\w*|error\w*|wrong|missing|late|lost|cancel\w*|refund\w*|charg\w+|"
    r"bill\w*|deliver\w*|password|log ?in|internet|wifi|outage|slow\w*|lag\w*|freez\w*|crash\w*|"
    # "having trouble with a cable box", "an issue with my router"; "Sent a DM and no one has replied yet"
    r"(?:trouble|problems?|issues?) with (?:my|a|an|the|our|this)|"
    r"no ?(?:one|body) (?:has |have |had )?(?:replied|responded|answered|got back|gotten back|called)|"
    r"(?:no|without an?|never got an?|never received an?) (?:reply|response|answer|call back|callback))\b")
# The customer asks where to go ("who can I complain to...? Do you have an email or phone number...?") and the reply
# gives the route (a link, a number, an address): it answers the question.
_ASKS_FOR_A_ROUTE = Phrases(
    r"\b(?:who (?:can|do|should|would) i (?:\w+ )?(?:to|contact|complain|speak|talk|write|email|call|message)|"
    r"where (?:can|do|should) i (?:go|complain|send|report|contact)|how (?:can|do) i (?:contact|complain|reach|get in touch)|"
    r"(?:an? |the )?(?:email(?: address)?|phone number|number|contact details|link|website) (?:for|of|to)\b)")
# How the customer feels says nothing of what happened: these words are no detail ("awful customer service, why bother
# trying to contact the head office?", "the way i am treated it's totally unacceptable").
_FEELING_WORDS = frozenset("""
awful terrible horrible unacceptable disgusted disgusting ridiculous useless worst poor shame shameful joke pathetic
treated treatment totally absolutely really bother trying hope hoping annoyed angry upset disappointed disappointing
seriously lousy rubbish appalling
""".split()) | _GENERIC_WORDS
# The customer says they sent a private message, and the reply picks it up ("DM sent!" / "Thanks for getting that DM
# sent over - I've got it"; "I've sent a dm to ask regarding a charge" / "I've replied to your DM").
_SENT_A_DM = Phrases(r"\b(?:dm|dm['’]d|dmed|direct message|private message|pm)\b[^.!?]{0,12}\bsent\b|\bsent (?:you |u |y['’]all )?"
                     r"(?:guys )?(?:a |an )?(?:dm|direct message|private message|pm|message)\b")
_ABOUT_THE_DM = Phrases(r"\b(?:your|the|that) (?:dm|direct message|private message|pm|message)s?\b")
_ROUTE = re.compile(r"https?://|www\.|\+?\d[\d ().-]{6,}\d|[\w.+-]+@[\w-]+\.[\w.]+")


_THANKS_FOR_PRAISE = re.compile(
    r"(?i)\b(?:thanks?|thank you) (?:so much |very much |again )?for (?:the |your |all the |such )?(?:kind |lovely |great |"
    r"nice |sweet )?(?:feedback|words|shout ?-?outs?|compliments?|comments?|praise|recommendation|mention)")
# Taking praise of colleagues in: being glad to hear it, or passing it on to them ("We'll pass your lovely comments on").
_REACTS_TO_PRAISE = re.compile(r"(?i)\b(?:hear|heard|read|pass\w*|shar\w+|relay\w*|forward\w*|let (?:them|him|her|the \w+|our \w+)"
                               r" know|sounds?)\b")
# What a stock good wish is made of ("We hope you have a fantastic evening."): no reaction to anything the customer said.
_GOOD_WISH_WORDS = frozenset("""
have having hope hoping wish wishing great fantastic wonderful lovely amazing awesome nice super brilliant safe happy
day days evening night morning afternoon week weekend rest flight flights trip travels travel journey again soon words
""".split())
_STOCK_MOVES = "an apology for something the customer never raised"
_APOLOGY_FOR = re.compile(r"(?i:sorry|apologi[sz]e|apologies)\s+(?i:for|about)\s+([^.!?,;]{3,60})")
# An acronym the customer wrote ("DVR", "PS4") names their issue even when the reply capitalises it like a name.
_ACRONYM = re.compile(r"\b(?!(?:DMs?|PM|ID|US|OK|FAQ|ZIP|PIN|TY|THX|HI)\b)[A-Z][A-Z0-9]{1,5}\b")
# Praise that names the people who served ("the Flight Attendants on Flight 1361", "Gate agents at BDL"): taking it in means
# reacting to them, not a stock "Thanks for your kind words!" (guide: praise that names a colleague).
_NAMES_COLLEAGUE = Phrases(
    r"\b(?:crew|flight attendants?|attendants?|pilots?|captain|gate agents?|agents?|staff|employees?|cashiers?|drivers?|"
    r"team members?|colleagues?|reps?|representatives?|associates?|manager|waiters?|waitress|servers?|stewards?|stewardess)\b")


def _own_words(text: str) -> list[str]:
    """The words of ``text`` that are neither stopwords nor support vocabulary (lowercased)."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0)
        if len(w) >= 4:
            w = w.lower().replace("’", "'")
            if w not in STOPWORDS and not _is_generic_word(w):
                out.append(w)
    return out


def _has_own_word(text: str) -> bool:
    """Whether ``content_stems(text, _GENERIC_WORDS)`` would be non-empty, stopping at the first such word."""
    for m in _WORD.finditer(text):
        w = m.group(0)
        if len(w) >= 4:
            w = w.lower().replace("’", "'")
            if w not in STOPWORDS and not _is_generic_word(w):
                return True
    return False


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
        self._confirm = None

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
        told_cache: list[str] = []

        def told_text() -> str:
            if not told_cache:
                told_cache.append(" ".join([conversation.subject or ""] + [c.body for c in view.customer_before(reply)]))
            return told_cache[0]

        if self._ignores_praised_colleagues(view, reply):
            return failed("The customer praised the people who served them, and the first reply is a stock thank-you "
                          "that does not react to them.", [span(reply, reply.start, reply.end)],
                          tip="Name the colleagues the customer praised and say you will pass it on to them.")
        canned = self._canned_by(body, context, told_text)
        if canned is None:
            return passed("The first agent reply is written for this conversation, not from a template.",
                          [opening(reply)])
        told = told_text()
        if not any(ch.isalpha() for ch in body):
            return failed("The first agent reply is only a link or an emoji: nothing in it is about this customer.",
                          [span(reply, 0, len(reply.text.rstrip()))],
                          tip="Write at least a sentence about the customer's message before the link.")
        asked = any("?" in c.body for c in view.customer_before(reply))
        if asked and _DIRECT_ANSWER.match(body):
            return passed("The first agent reply answers the customer's question directly.", [opening(reply)])
        if any(_SENT_A_DM.search(c.body) for c in view.customer_before(reply)) and _ABOUT_THE_DM.search(body):
            return passed("The customer said they sent a private message, and the first reply picks it up.",
                          [opening(reply)])
        if any(_ASKS_FOR_A_ROUTE.search(c.body) for c in view.customer_before(reply)) and _ROUTE.search(reply.text):
            return passed("The customer asked where to turn, and the first reply gives the route.", [opening(reply)])
        if canned in (_GENERIC_ONLY, _STOCK_MOVES) and self._turn_goes_on(view, reply):
            return passed("The first reply only opens the agent's turn; the messages that follow it answer in their "
                          "own words.", [opening(reply)])
        if canned in (_GENERIC_ONLY, _STOCK_MOVES) and self._praise_only(view, reply):
            if _OFFERS_HELP.search(body):
                return failed("The customer only praised, and the first reply offers help nobody asked for.",
                              [span(reply, reply.start, reply.end)],
                              tip="Answer praise as praise: thank the customer and react to what they told you (the "
                                  "colleague they named, the moment they shared).")
            if _TAKES_PRAISE.search(body):
                return passed("The customer only praised, and the first reply takes it in.", [opening(reply)])
            return failed("The customer only praised, and the first reply is a stock farewell.",
                          [span(reply, reply.start, reply.end)],
                          tip="React to what the customer told you, even in one line.")
        if canned in (_GENERIC_ONLY, _STOCK_MOVES):
            # nothing of its own is left: it engages only when there was nothing to engage with
            if len(content_stems(told, _FEELING_WORDS)) <= self.config["min_detail_words"] \
                    and not _NAMES_ISSUE.search(told):
                return passed("The customer gave almost no detail; the first reply's general offer is as specific "
                              "as it can be.", [opening(reply)])
            what = ("is generic boilerplate that could answer any message" if canned == _GENERIC_ONLY else
                    "apologises for something the customer never raised")
            return failed(f"The first reply {what} and does not touch "
                          "the customer's issue.", [span(reply, reply.start, reply.end)],
                          tip="Name the customer's issue or answer their question before asking for details, e.g. "
                              "\"Sorry your refund hasn't arrived. Can you DM us the order number?\"")
        issue = content_stems(told)
        # the brand's or a product's name ("We're official Xbox support") is part of the template, not engagement
        own = content_stems(self._generic.sub(" ", _PROPER_AND_LINKS.sub(" ", body)), self._template_words) & issue
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

    def _ignores_praised_colleagues(self, view, reply) -> bool:
        """Whether the customer only praised the people who served them ("the Flight Attendants on Flight 1361 ... were
        awesome!") and the reply only thanks in stock words ("Thanks for your kind words! We hope you have a fantastic
        evening."): it neither names them nor anything else the customer said, is not glad to hear it, passes nothing on."""
        body = reply.body
        # (a stock thank-you for the praise itself: "Thanks for your kind words!")
        if "hank" not in body or not _THANKS_FOR_PRAISE.search(body) or _REACTS_TO_PRAISE.search(body):
            return False
        before = view.customer_before(reply)
        if not before or not _NAMES_COLLEAGUE.search(before[-1].body) or _NAMES_COLLEAGUE.search(body):
            return False
        last = before[-1]
        if not is_praise(last.text, last.start, last.end):
            return False
        return set(_own_words(_PROPER_AND_LINKS.sub(" ", body))) <= _GOOD_WISH_WORDS

    def _praise_only(self, view, reply) -> bool:
        """Whether the customer's last message before ``reply`` praises or thanks, or confirms a fix ("Shoes exchanged
        with no fuss"): nothing is left to solve, only to take in."""
        before = view.customer_before(reply)
        if not before:
            return False
        last = before[-1]
        if is_praise(last.text, last.start, last.end):
            return True
        good = self._confirmed().search(last.text, last.start, last.end)
        return bool(good) and not _NEGATED.search(last.text, max(last.start, good.start() - 16), good.start())

    def _confirmed(self):
        if self._confirm is None:
            from smilebox.qa.checks.resolution import CONFIRMED

            self._confirm = phrase_pattern(CONFIRMED)
        return self._confirm

    def _turn_goes_on(self, view, reply) -> bool:
        """Whether the agent's turn continues past ``reply`` (chat, split tweets) with a message of its own words."""
        messages = view.conversation.messages
        for r in view.agent[1:]:
            between = messages[reply.index + 1 : r.index]
            if any(m.role == "customer" for m in between):
                return False
            if _has_own_word(self._generic.sub(" ", _PROPER_AND_LINKS.sub(" ", r.body))):
                return True
            reply = r
        return False

    def _canned_by(self, body: str, context, told=None) -> str | None:
        """Why ``body`` is canned, or None; ``told`` (optional) returns the customer's words before it, when asked."""
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
        stripped = _PROPER_AND_LINKS.sub(" ", body)
        rest = self._generic.sub(" ", stripped)
        if not _has_own_word(rest):
            # an acronym the customer wrote ("DVR", "PS4") is theirs, though the reply capitalises it like a name
            if told is not None:
                mine = _ACRONYM.findall(body)
                if mine:
                    mine = {a for a in map(str.lower, mine) if a not in STOPWORDS and not _is_generic_word(a)}
                    if mine and mine & {a.lower() for a in _ACRONYM.findall(told())}:
                        return None
            return _GENERIC_ONLY
        # an apology for something the customer never raised ("Our sincere apologies for any last minute gate changes"
        # answering a complaint about unanswered feedback): the only specifics of the reply are what it apologises for, and
        # not one of them is the customer's word
        at = stripped.find("polog")
        if at < 0:
            at = stripped.find("orry")
        if told is not None and at >= 0:
            about = _APOLOGY_FOR.search(stripped, max(0, at - 2))
            if about:
                named = _own_words(about.group(1))
                if len(named) >= 2 and set(_own_words(rest)) <= set(named):
                    theirs = {w[:4] for w in words(told()) if len(w) >= 4}
                    if not any(w[:4] in theirs for w in named):
                        return _STOCK_MOVES
        return None
