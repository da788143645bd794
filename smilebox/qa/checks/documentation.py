"""connect.documentation: an internal note records the essential facts, briefly and professionally.

Rule for conversations without notes: sources that cannot carry internal notes (``sources_without_notes``,
e.g. ``twcs``, public Twitter threads) are not applicable; on social and SMS (``optional_channels``) a
missing note is not applicable either, since many tools route those without a note field. On email,
chat, phone and other channels a conversation with no note fails: the next colleague has nothing.

The note judged is the last internal note (the summary). It passes when it is at most ``max_chars``
characters (a tweet), says what was done (an action: refunded, reset, escalated...), names the issue (a
word of the customer's issue or subject) or a reference (an order or ticket number), in at least three
words; and it carries no gripes or insults about the customer.
"""

from __future__ import annotations

import re

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.phrases import content_stems, phrase_pattern

ACTIONS = [
    "re:(?:re)?(?:fund|sen[dt]|issu|replac|reset|escalat|updat|cancel|credit|resolv|advis|explain|book|creat|fix|verif|"
    "ship|process|email|call|transferr?|confirm|appl|schedul|chang|clos|open|request|rais|arrang|order|remov|add|"
    "waiv|reimburs|rebook|refer|forward|assign|investigat|check|restor|unlock|reactivat|deactivat|activat|"
    "instruct|guid|walk|dispatch|log|report|offer|provid|help|answer|told|inform|promis|follow|upgrad|downgrad|"
    "switch|enabl|disabl|adjust|push|install|link|mov|swap|renew|extend|pause|reconnect|linked|set up|set to)\\w*",
    "re:set (?:\\w+[- ])?(?:\\w+ )?(?:to|on|off|up)?", "active", "done", "sorted", "no action",
    "tbc", "pending", "awaiting", "waiting on", "cx", "cust",
]
GRIPES = [
    "rude", "idiot", "idiotic", "stupid", "dumb", "moron", "crazy", "nutter", "nightmare", "jerk", "clueless",
    "whiny", "whining", "whinging", "karen", "annoying", "difficult customer", "pain in the", "waste of time",
    "lol", "lmao", "ugh", "smh", "useless customer", "can't be bothered", "cannot be bothered", "hate", "hated",
    "psycho", "loser", "is a pain", "a pain", "demanding", "impatient", "obnoxious", "ignorant", "arrogant",
    "re:wasted (?:\\w+ ){0,3}(?:time|mins?|minutes|hours?|hrs?|afternoon|morning|day)", "re:of my (?:time|life|day)",
    "re:(?:total|complete|absolute) (?:joke|nightmare|idiot|waste)", "re:(?:can't|cannot) stand", "complains", "complaining", "moaning", "moans", "shouting", "yelled", "pathetic", "drunk", "liar", "scammer", "entitled", "pest", "troll", "wtf",
]
_REFERENCE = re.compile(r"#?\b[A-Z]{0,4}-?\d{3,}\b|\b(?:order|ticket|case|ref|booking|account|invoice)\b", re.IGNORECASE)


class Documentation(Check):
    id = "documentation"
    name = "connect.documentation"
    version = 1
    description = "An internal note holds the essential facts in at most 140 characters, without gripes."
    reads = ("internal_notes", "customer_messages", "subject")
    default_config = {
        "max_chars": 140,
        "sources_without_notes": ["twcs", "twitter", "airline_tweets"],
        "optional_channels": ["social", "sms"],
        "actions": ACTIONS,
        "gripes": GRIPES,
    }

    def setup(self) -> None:
        self._actions = phrase_pattern(self.config["actions"])
        self._gripes = phrase_pattern(self.config["gripes"])

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if conversation.source in self.config["sources_without_notes"]:
            return not_applicable(f"Conversations from {conversation.source} cannot carry internal notes.")
        if not view.notes:
            if view.channel in self.config["optional_channels"]:
                return not_applicable(f"No internal note, and notes are optional on {view.channel}.")
            evidence = [opening(view.agent[-1], 40)] if view.agent else []
            return failed("No internal note documents the conversation.", evidence,
                          tip="Add a short internal note: what the issue was, what you did, any reference "
                              "number, e.g. \"Refunded duplicate charge, order 4411.\"")
        note = view.notes[-1]
        text = note.text.strip()
        whole = span(note, note.text.index(text) if text else 0, (note.text.index(text) + len(text)) if text else 0)
        gripe = self._gripes.search(note.text)
        if gripe:
            return failed("The internal note carries a gripe about the customer.", [span(note, gripe.start(), gripe.end())],
                          tip="Keep notes factual and neutral: what happened and what was done, never opinions "
                              "about the customer.")
        limit = self.config["max_chars"]
        if len(text) > limit:
            return failed(f"The internal note is {len(text)} characters; at most {limit} keeps it scannable.",
                          [whole], tip=f"Cut the note to the essentials in {limit} characters or fewer.")
        facts = self._actions.search(note.text) or _REFERENCE.search(note.text) or (
            content_stems(note.text) & content_stems(" ".join([conversation.subject or ""] + [c.body for c in view.customer]))
        )
        if facts and len(text.split()) >= 3:
            return passed("A short internal note records the essential facts.", [whole])
        return failed("The internal note does not say what the issue was or what was done.", [whole],
                      tip="Say what the issue was and what you did, with any reference, e.g. \"Refunded "
                          "duplicate charge, order 4411.\"")
