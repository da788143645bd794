"""connect.empathy: emotional cues are met with acknowledgement and ownership.

The cues are those of ``smilebox.qa.cues`` (the lexicon, plus the emotion model when an analyzer is given).
The reply judged is the first public agent reply after the first customer message with a cue. It passes when
it acknowledges the feeling or the bad experience ("I'm sorry to hear that you're frustrated", "I can imagine
how annoying that is", "We're concerned to read your message", "you appear to be frustrated", "That doesn't
sound good", "We know how frustrating delays can be", "that's definitely a crazy situation") **and** commits
to helping ("I'm here to get this solved for you", "let me look into it", "please DM us your order number",
"Shoot me a DM", "What's going on?", "I've replied to your DM", "Please contact our Baggage Service Center").
An apology with no step towards helping fails, as does a reply that goes straight to business. Not applicable
when no cue is followed by an agent reply.

With an analyzer, the empathy model scores the reply's sentences too; a sentence it calls empathic counts as
acknowledgement, so the evidence is still a sentence of the reply.
"""

from __future__ import annotations

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.phrases import phrase_pattern, sentence_spans
from smilebox.qa.results import Evidence

ACKNOWLEDGE = [
    "sorry", "apologise", "apologize", "apologies", "apologizing", "apologising", "our apologies", "regret",
    "i can imagine", "we can imagine", "can only imagine", "i hear", "we hear", "i understand",
    "we understand", "completely understand", "totally understand", "feel your pain", "re:oh,? no", "yikes",
    "not the experience", "not what we want", "not what we like", "not what we'd", "never what we want",
    "unfortunate", "hate to hear", "every right to", "understandable", "understandably", "i know how", "we know how",
    # the bad experience named for what it is: "that's definitely a crazy situation"
    "re:(?:that's|that is|this is|what a|such a) (?:\\w+ ){0,2}(?:crazy|frustrating|annoying|awful|terrible|horrible|"
    "stressful|tough|difficult|bad|rough|scary|upsetting) (?:situation|experience|position|time|day)",
    "re:(?:i|we) can (?:hear|see|tell|understand) (?:how|why|that|this|you)", "sad to hear", "not great to hear", "not good to hear", "that's not ideal",
    "re:(?:that|this|it) (?:must|sounds|can|would|is) (?:\\w+ ){0,2}(?:frustrat\\w*|annoying|stressful|difficult|"
    "hard|worrying|upsetting|disappointing|inconvenient|concerning|confusing|a pain|awful|terrible)",
    "re:understand (?:how|why|your|that|the) (?:\\w+ ){0,3}(?:frustrat\\w*|concern\\w*|disappoint\\w*|upset\\w*|worr\\w*|annoy\\w*|feel\\w*)",
    "re:(?:not|never) (?:the )?(?:experience|service|standard|level) (?:we|you)",
    "re:(?:we|i) (?:never|don't|do not|would never) want (?:you|to (?:disappoint|upset|frustrate))",
    "re:(?:never|not) our intention", "re:(?:that|this|it)(?: is|'s| was) (?:never|not|no) (?:good|fun|ideal|great|okay|ok)",
    "re:(?:that|this|it) (?:does not|doesn't|did not|didn't) (?:sound|look|seem) (?:good|great|right|ideal|fun|okay|ok)",
    "re:(?:never|don't|do not|wouldn't|would not) (?:like|want|love) to (?:hear|see|read)",
    # the feeling named in other words: "We're concerned to read your message", "you appear to be frustrated"
    "re:(?:concerned|saddened|disappointed|troubled|upset|sad|gutted|dismayed|unhappy|distressed) to (?:read|hear|see|learn)",
    "re:you(?:'re| are)? (?:appear|seem|sound)(?:s|ing)? (?:to (?:be|have been) )?(?:\\w+ )?(?:frustrat\\w*|upset|annoyed|"
    "disappointed|angry|unhappy|concerned|worried|stressed|let down)",
    "re:(?:appreciate|recogni[sz]e|acknowledge) (?:your|the|how) (?:\\w+ )?(?:frustrat\\w*|concern\\w*|disappoint\\w*|annoy\\w*|worr\\w*)",
    "re:(?:that's|that is|what a|such a) (?:shame|pity|bummer)",
    "re:(?:caused|cause|made|make|makes) you (?:to )?feel (?:this|that) way",
    # "Ouch!", "I'm sorry to see that you feel this way", "What made you upset?"
    "ouch", "re:(?:sorry|sad) to see (?:that )?you", "re:made you (?:so )?(?:upset|angry|unhappy|frustrated)",
]
COMMIT = [
    # "we can't", "we could not" and "as far as I can see" are no commitment
    "re:(?:i|we)(?:'ll| will| can| could|'d like to| would like to| want to| need to| are going to|'re going to| am going to|'m going to)\\b"
    "(?!'t| not| never| only| see\\b| tell\\b| imagine| understand)",
    "re:let (?:me|us)\\b", "re:let's\\b", "re:(?:we|i)(?:'d| would) (?:love|like|be happy|be glad) to", "have you tried",
    "re:(?:i'm|we're|i am|we are) (?:\\w+ )?(?:here to|happy to|glad to|on it|looking|checking|investigating|working)",
    "re:(?:can|could|would) you (?:please )?(?:dm|send|share|provide|tell|let|confirm|check|try|follow|reach|give)",
    "re:please (?:dm|send|follow|reach|contact|try|check|provide|share|confirm|reply|visit|call|restart|update|reset|let us|give|"
    "tell|return|speak|talk|file|head|bring)",
    "re:(?:dm|message|send) us", "re:(?:look|looking) into", "take a look", "take a closer look",
    # a DM invitation in other words: "Shoot me a DM", "drop us a message", "DM me"
    "re:(?:shoot|send|drop|fire) (?:us|me) (?:a |an )?(?:dm|direct message|private message|message|note|line)",
    "re:(?:dm|message) me\\b",
    "re:(?:sort|sorting) (?:this|it|that) out", "re:get (?:this|it|that) (?:solved|sorted|fixed|resolved)",
    "re:(?:i've|we've|i have|we have) (?:\\w+ )?(?:sent|refunded|escalated|issued|credited|replaced|fixed|updated|"
    "passed|forwarded|reported|raised|shared|added|applied|cancelled|canceled|booked|arranged|reached|replied|responded|"
    "answered|messaged|contacted|emailed|followed up)",
    "re:here(?:'s| is) (?:how|what)", "re:you can\\b",
    "re:you (?:may|might) (?:want to |wish to |also )?(?:call|contact|reach|visit|check|try|submit|request|report|file|use)\\b",
    "re:(?:try|head|visit|check out)\\b",
    "re:(?:working|work|are on|is on) (?:on )?(?:it|this|that|a fix|fixing|resolving|getting)",
    "re:(?:our|the) (?:\\w+ )?(?:team|teams|engineers|crew|staff|technicians?) (?:is|are|will) (?:\\w+ )?(?:working|looking|"
    "investigating|be in touch|contact|reach|follow)",
    # a question back for the details needed to fix it ("Which model do you have?") is a step towards helping
    "re:(?:what|which|when|where|how|who|are|is|was|were|did|do|does|have|has|can|could|would|may) [^.!?\\n]{0,80}\\?",
    "re:(?:what|where|how|who)'s [^.!?\\n]{0,80}\\?",
]


class Empathy(Check):
    id = "empathy"
    name = "connect.empathy"
    version = 1
    description = "The reply after an emotional cue acknowledges the feeling and takes ownership."
    reads = ("customer_messages", "agent_replies", "cues")
    default_config = {"acknowledge": ACKNOWLEDGE, "commit": COMMIT, "model_threshold": 0.5}

    def setup(self) -> None:
        self._ack = phrase_pattern(self.config["acknowledge"])
        self._commit = phrase_pattern(self.config["commit"])

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        cues = context.cues(conversation)
        if not cues:
            return not_applicable("No frustration, anger, disappointment or worry in the customer's messages.")
        index = {c.id: c.index for c in view.customer}
        for cue in cues:
            position = index.get(cue.message_id)
            reply = view.next_agent_after(position) if position is not None else None
            if reply is not None:
                break
        else:
            return not_applicable("No agent reply follows the customer's emotional cue.")
        cue_ev = Evidence(cue.message_id, cue.start, cue.end, cue.quote)
        ack = self._acknowledgement(reply, context)
        own = self._commit.search(reply.text, reply.start, reply.end)
        if ack and own:
            return passed(
                f"The reply after the customer's {cue.kind} acknowledges it and takes ownership.",
                [cue_ev, ack, span(reply, own.start(), own.end())],
            )
        if ack:
            return failed(
                f"The reply after the customer's {cue.kind} apologises but commits to nothing.",
                [cue_ev, ack],
                tip="After acknowledging the feeling, own the next step: \"I'm here to get this solved for you.\"",
            )
        return failed(
            f"The reply after the customer's {cue.kind} does not acknowledge it.",
            [cue_ev, opening(reply)],
            tip="Name the feeling before the fix: \"I'm sorry to hear that you're frustrated. I'm here to get "
                "this solved for you.\"",
        )

    def _acknowledgement(self, reply, context) -> Evidence | None:
        m = self._ack.search(reply.text, reply.start, reply.end)
        if m:
            return span(reply, m.start(), m.end())
        if context.analyzer is None:
            return None
        spans = sentence_spans(reply.text, reply.start, reply.end)
        if not spans:
            return None
        scores = context.analyzer.empathy([reply.text[s:e] for s, e in spans])
        for (s, e), result in zip(spans, scores):
            if result.get("empathy") and result.get("score", 0.0) >= self.config["model_threshold"]:
                return span(reply, s, e)
        return None
