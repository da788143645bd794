"""connect.closing: the last agent reply ends courteously.

The ending judged is the last sentence of the last public agent reply, after cutting the sign-off (``^CB``,
"Best,\\nJuan" keeps "Best,"), links, "1/2" counters and emoji. It passes when it is or holds thanks, a farewell or
good wish, or an open offer of further help ("Let us know if you need anything else"); an instruction that ends on
an offer ("DM us and we'll be happy to help", "DM us so we can look into this for you") passes too, as do a
reassurance that the matter is in hand ("Leave it with us", "We'll follow up", "We'll pass your comments on"), a
good wish about the customer's time ahead ("Hope you're enjoying the trip!") and a valediction inside the line ("...
Kind Regards ^ab"). A bare first name or initials left after the last sentence ("When did you visit? Robbie"), a
team hashtag ("#AATeam") or a part counter ("2") are the sign-off, not the ending. An instruction whose purpose is
help ("DM us ... so I can check your area", "... and we'll go from there", "... for further assistance", "DM your
confirmation number for assistance", "para más instrucciones"), an action on the customer's behalf ("I have sent an
email to the Store Manager to look into this for you"), an offer conditional on the customer's need ("If you need
additional help please let us know", "If you change your mind please let us know", "You can get back to us if
further review is needed"), "No problem" answering thanks and appreciation said back ("It means the world to us")
pass too. So do the same families in other words: a reassurance whoever acts ("Someone from that team will get back
to you soon", "Our Employees will do their best to get you moving", "We'll get this passed onto the right team", "I
will forward this feedback", "We'll ... feed this back", "and I'll call"), an offer ("we are just a tweet away", "We
would like to help", "We'd like to get you to the right area", "we value the chance to address your concern"), an
invitation to report back ("Let us know the results"), help given and taken ("We're glad we were able to help!"), a
next step together ("Let's carry on chatting there", "Let's try again!", "we look forward to your reply", "Let's
look into this further in DM"), confidence the answer helps ("That should do the trick!") and good wishes ("Hoping
to have you on your way soon", "Happy <Event>" for any capitalised day or event). A bare request (also "It would be
helpful if you could DM us...", "Let's take a closer look ...: <link>"), a question for information, a plain
statement, or a decline ("No thank you.") fails.
"""

from __future__ import annotations

from smilebox.qa.check import Check
from smilebox.qa.checks._common import ending, failed, not_applicable, passed, span
import re

from smilebox.qa.phrases import VALEDICTION, body_end, compile_factored, phrase_pattern, sentence_spans

# A last "sentence" that is only a sign-off: a mark with initials or a name ("^sp", "- Janay", "/NS"),
# or one to three capitalised words with no sentence punctuation ("Robbie", "Idea Care").
_SIGNOFF_FRAGMENT = re.compile(
    r"(?:[:;]-?[)D(P]\s*)?(?:[-–—^*~/=]\s*[A-Za-z]{1,24}\.?|(?:[-–—~]\s*)?[A-Z][A-Za-z'’]*(?:[ \t]+[A-Z][A-Za-z'’]*){0,2})"
    r"|#\w+|\d{1,2}(?:/\d{1,2})?"  # a team hashtag ("#AATeam") or a part counter left after the sign-off
)
# A letter or a digit (``str.isalnum``: the regex word class without the underscore), as a search rather than a loop
_ALNUM = re.compile(r"[^\W_]")
_DECLINE = re.compile(r"\bno,?\s+$", re.IGNORECASE)
# "Happy Bay2Breakers", "Happy Diwali", "Happy Thanksgiving": a good wish for any named day or event (written capitalised;
# "happy to" and "happy with" stay out)
_HAPPY_EVENT = compile_factored(r"\b[Hh]appy[ \t]+(?!To\b|With\b)[A-Z0-9][\w'’&-]*")


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
            # sign-offs inside the last line ("... talk this through. Kind Regards ^ab", "Rgds, Idea Care")
            "regards", "kind regards", "best regards", "warm regards", "rgds", "re:best wishes", "sincerely",
            # thanks in the languages support teams commonly answer in
            "danke", "gracias", "merci", "grazie", "obrigado", "obrigada",
            # good wishes about the customer's time ahead
            "re:hope (?:you|you're|you are|you've|you have|you had|your|the rest of your) (?:\\w+ ){0,3}(?:enjoy\\w*|"
            "hav(?:e|ing)|had|day|evening|night|weekend|trip|flight|stay|time|holiday|visit|meal|feel\\w*|well|great|good|"
            "safe|fun)",
            "re:(?:can't|cannot|can not) wait to (?:see|welcome|greet|have|host|hear|share|fly|serve|meet)",
            "re:look(?:ing)? forward to (?:\\w+ ){0,2}(?:see\\w*|welcom\\w*|hav\\w*|help\\w*|hear\\w*|host\\w*|assist\\w*)",
            "re:looking forward (?:to )?help",
            # an open offer of further help, also as a question ("Is there anything we can do to help?")
            "re:(?:is there )?(?:anything|something) (?:else )?(?:we|i) can (?:do|help|assist)",
            "re:if (?:there is|there's|you have) anything (?:\\w+ ){0,3}(?:help|assist|do)",
            "re:can (?:we|i) help (?:with anything|further|you with anything)",
            # an instruction that ends on an offer of help: "DM us so we can look into this for you"
            "re:(?:i|we)(?: can| could| will|'ll| may| would|'d)(?: be (?:happy|glad) to)?(?: (?:then|gladly|definitely|"
            "certainly|further))? (?:help|assist|look into|take a (?:closer )?look|look at|check (?:on |in|into )?(?:this|it|that"
            "|things)|chat|sort (?:this|it|that)|work (?:\\w+ ){0,3}with you|reach out|clarify|follow up|investigate|review|get started|"
            "get (?:this|it|that|things) (?:sorted|fixed|resolved|moving|started)|see what (?:we|i) can do|"
            "take care of|dig into|get you|have a look)",
            # a reassurance that the matter is in hand
            "re:leave it with (?:us|me)", "re:(?:we|i)(?:'ll| will) get (?:this|it|that|you) (?:sorted|fixed|resolved)",
            "re:(?:we|i)(?:'ll| will)(?: \\w+)? (?:follow up|be in (?:touch|contact)|get back to you|keep you (?:posted|updated"
            "|informed)|update you|let you know)",
            "re:(?:be|been|'ll be) in (?:touch|contact) with you",
            "re:pass(?:ed|ing)? (?:(?:this|that|it|them|these) )?(?:on|onto|along)\\b",
            "re:pass(?:ed|ing)? (?:your|the|these|this|those|that) (?:\\w+ ){0,3}(?:on|along|onto|to)\\b",
            "re:(?:share|shared|sharing|forward|forwarded|forwarding) (?:your|the|this|these|that|it) (?:\\w+ ){0,3}"
            "(?:with|to) (?:our|the|them)",
            "re:let (?:the |our )(?:\\w+ ){0,2}(?:team|devs?|developers|folks|people) know",
            "re:(?:this|it|that|everything) (?:will|should) be (?:\\w+ )?(?:resolved|fixed|sorted|back up|restored)",
            "re:(?:i'm|we're|i am|we are) (?:\\w+ ){0,2}(?:replying|responding|on it|looking into|working on)",
            # an instruction whose purpose is help: "DM us so I can check your area", "... and we'll go from there"
            "re:so (?:that )?(?:we|i|our team) (?:can|could|may|are able to) (?:\\w+ ){0,3}?(?:help|assist|check|see|look|"
            "review|investigate|sort|find|advise|confirm|follow|dig|support|fix|resolve|get)",
            "re:(?:we|i)(?:'ll| will| can) (?:\\w+ ){0,2}?(?:go from there|take it from there|continue (?:there|from there|in dm|"
            "the conversation|this)|discuss (?:this|it|that|things|options|further)|inform you|advise (?:you|further)|"
            "check (?:on |in )?(?:your|the|for you))",
            "re:for (?:(?:further|more|additional|any further|any|immediate) )?"
            "(?:assistance|help|support|investigation)",
            # the same purpose in Spanish: "... para más instrucciones vía mensaje directo", "para asistencia"
            "re:para (?:\\w+ ){0,3}(?:asistencia|ayuda|ayudarte|ayudarle|instrucciones|asistirte)",
            # the door left open for the customer's need: "You can get back to us if further review is needed"
            "re:(?:get back|come back|write back) to (?:us|me) (?:\\w+ ){0,2}?if\\b",
            # acting on the customer's behalf: "I have sent an email to the Store Manager to look into this for you"
            "re:to (?:look into|check on|check|sort out|sort|investigate|follow up on|fix) (?:this|it|that) for you",
            # "DM us and we can take look", "DM us & well take a look", "we'll advise on this date for you"
            "re:(?:and|&) (?:we|i)(?:'ll| will| can|ll)? (?:take (?:a )?look|advise|look into)",
            "re:(?:i|we)(?:'ll| will) (?:do (?:my|our) best to help|help you out|respond to you)",
            # a reassurance whoever acts: "Our Employees will do their best to get you moving"
            "re:will do (?:my|our|their|his|her) (?:very )?best to",
            # "Send us a DM if you have any questions", "... if it doesn't help": the door left open, said after the step
            "re:(?:(?:dm|message|tweet|contact|ping) (?:us|me)|(?:send|drop|shoot) (?:us|me) an? (?:dm|message|line|tweet|note)|"
            "reach out(?: to us)?) (?:\\w+ ){0,2}?if (?:you have (?:any|more|other|further) questions|"
            "(?:it|this|that) (?:doesn't|does not|didn't|did not) (?:help|work))",
            "re:(?:team|colleagues|folks) (?:can|will|could) (?:help|assist)",
            "re:(?:happy|glad) to \\w+ (?:this|it|that) for you",
            "re:(?:love|like) to (?:have|welcome|see) you back",
            "re:(?:happy|glad|delighted) to (?:\\w+ ){1,4}(?:help|assist)",
            # an offer made conditional on the customer's need: "If you need additional help please let us know"
            "re:if you (?:\\w+ ){0,3}(?:need|have|require|want|run into)[^.!?]{0,50}(?:let (?:us|me) know|reach out|contact us|"
            "get in touch|dm us|tweet us|message us|give us a shout|we're here|we are here)",
            # more reassurance that the matter is in hand, whoever will act on it ("Someone from that team will get back
            # to you soon", "I will forward this feedback for you", "We'll pop on a refund and feed this back", "and I'll call")
            "re:(?:will|'ll|shall|are going to|is going to)(?: \\w+)? (?:get back to you|reach out to you|be (?:in touch|in contact|"
            "reaching out|following up|contacting you)|follow up with you)",
            "re:(?:forward|forwarded|forwarding|pass|passed|passing|share|shared|sharing) (?:your|the|this|these|that|those|it"
            "|them) (?:\\w+ ){0,2}?(?:feedback|comments?|suggestions?|thoughts|concerns?|words|request|idea|praise)",
            "re:feed(?:ing)? (?:this|it|that|these|them|your \\w+|the \\w+) back\\b", "re:fed (?:this|it|that) back\\b",
            "re:(?:i|we)(?:'ll| will) (?:give you a )?(?:call|ring|phone)(?: you)?(?: back)?(?=[\\s,.!:)]|$)",
            # an offer of help: "we are just a tweet away", "We would like to help.", "We'd like to get you to the right area"
            "re:(?:just |only )?an? (?:tweet|dm|message|click|call|phone call|text|reply) away",
            "re:(?:we|i)(?:'d| would) (?:like|love|be glad|be happy) (?:the (?:chance|opportunity) )?to (?:help|assist|look|take a look|"
            "check|get you|sort|fix|turn|make (?:this|it|things) right|see what|hear more|learn more|know more|work with you)",
            "re:(?:value|appreciate|welcome) the (?:chance|opportunity) to (?:help|assist|address|look|make|turn|fix|sort|review)",
            # "If you change your mind please let us know": any open door the customer may come back through
            "re:if you\\b(?! (?:could|can|would|please|kindly|don't mind)\\b| (?:get in touch|reach out|contact us|dm us|tweet us|message us))[^.!?]{0,60}(?:let (?:us|me) know|reach out|contact us|get in touch|dm us|tweet us|message us|give us a "
            "shout|we're here|we are here|we'll be here)",
            # an invitation to report back (guide: "Let us know the results"): an open door
            "re:let (?:us|me) know (?:the |your |how )?(?:results?|outcome|how (?:it|that|things) (?:goes|go|went))",
            # help given and taken: "We're glad we were able to help!"
            "re:(?:glad|happy|pleased|delighted) (?:we|i|that we|that i) (?:were|was|could|managed to|have been|got to) "
            "(?:able to )?(?:help|assist|sort|fix|resolve|get)",
            # a next step together: "Let's carry on chatting there", "Let's try again!", "we look forward to your reply"
            # ("Let's take a closer look ...: <link>" stays a bare instruction)
            "re:(?:let's|let us|we'll|we will|we can|i'll|i will|i can) (?:carry on|continue|keep) (?:chatting|talking|the "
            "conversation|there|in dms?|over)",
            "re:let's (?:try (?:again|that again|this again)|get (?:this|it|that|you) (?:sorted|fixed|resolved)|continue|carry on|chat|talk)\\b",
            # ... carried on in private: "Let's look into this further in DM."
            "re:let's (?:\\w+ ){1,4}(?:in|via|over|through) (?:a |the )?(?:dms?|direct messages?|private messages?)\\b",
            "re:look(?:ing)? forward to (?:your|our|the|hearing|chatting|talking|speaking) ?(?:\\w+ )?(?:reply|response|"
            "message|dm|call|chat|from you)?",
            # "That should do the trick!": the hope that the answer helps, said with confidence
            "re:(?:that|this|which|it) should (?:do the trick|help|sort (?:it|that|this|things|you) out|get you (?:sorted|going|back))",
            # good wishes for the time ahead: "Hoping to have you on your way soon"
            "re:hop(?:e|ing) (?:to (?:have|get|see) you|you (?:get|are|'re) (?:on your way|sorted|back|home|there))",
            # answering thanks, and appreciation said back
            "no worries", "re:no problem(?: at all)?(?=[\\s,.!:)]|$)",
            "re:means? (?:a lot|the world|so much|everything) to (?:us|me)",
            "re:have an? (?:good|great|happy|safe|lovely|wonderful|nice|fun|fantastic|amazing|awesome|brilliant|"
            "excellent|spooky|merry|blessed|relaxing|restful|enjoyable|fab|super) (?:\\w+ )?(?:halloween|christmas|thanksgiving|easter|new year|holiday season|birthday|"
            "anniversary|celebration|game|match|show|concert|vacation|journey|stay|shift)",
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
        spans = [(s, e) for s, e in spans if _ALNUM.search(last.text, s, e)]
        # a trailing sign-off the sign-off finder missed ("Robbie", "^sp", "- Janay") is not the ending
        while len(spans) > 1 and _SIGNOFF_FRAGMENT.fullmatch(last.text, *spans[-1]) \
                and not self._phrases.search(last.text, *spans[-1]):
            spans.pop()
        if spans:
            s, e = spans[-1]
            m = (self._phrases.search(last.text, s, e) or VALEDICTION.search(last.text, s, e)
                 or _HAPPY_EVENT.search(last.text, s, e))
            # "No thank you." declines an offer: a refusal, however polite, is not a courteous closing
            if m and m.group(0).lower().startswith("thank") and _DECLINE.search(last.text, max(s, m.start() - 6), m.start()):
                m = None
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
