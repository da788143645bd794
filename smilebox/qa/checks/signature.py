"""connect.signature: replies are signed by a person, not a faceless team.

What counts as a person's signature: initials or a name after a sign-off mark at the end of a reply
(``^CB``, ``-KC``, ``*JM``, ``/NQ``, ``~RW``, ``- Dave``), a name line under a valediction ("Best,\\nJuan"),
a closing name line the author's own, or a self-introduction ("I'm Sam from the team", "Sam here").
A mark-less sign-off standing alone after the last sentence counts on
social, as the labelling guide says: two or three capitals ("... your line? FA") or a known first name
("When did you visit? Robbie"); so do "Thanks, Priya" and "Chloé D." closing a reply. A team signature
("- The Support Team", ``^Team``, "Customer Service Team") fails. On email every reply must be signed (the
configured ``every_reply_channels``); elsewhere one signed reply is enough, as on Twitter where
agents sign some tweets of a thread. Not applicable on the phone (nothing is written) and in chat (the widget shows who is typing).
"""

from __future__ import annotations

from smilebox.qa.check import Check
from smilebox.qa.checks._common import ending, failed, not_applicable, passed, span


class Signature(Check):
    id = "signature"
    name = "connect.signature"
    version = 1
    description = "Agent replies are signed with the agent's own name or initials."
    reads = ("agent_replies", "author")
    channels = frozenset({"email", "social", "sms", "other"})
    default_config = {"every_reply_channels": ["email"]}

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        if not view.agent:
            return not_applicable("No agent reply to judge.")
        found = [(r, view.signoff(r)) for r in view.agent]
        people = [(r, s) for r, s in found if s and s[0] == "person"]
        teams = [(r, s) for r, s in found if s and s[0] == "team"]
        every = view.channel in self.config["every_reply_channels"]
        unsigned = [r for r, s in found if not s or s[0] != "person"]
        if people and not (every and unsigned):
            evidence = [span(r, s[1], s[2]) for r, s in people]
            return passed(f"Signed by a person ({evidence[0].quote.strip()}).", evidence)
        tip = ("Sign every reply with your own name, e.g. \"Best,\\nJuan\"; a team name is faceless."
               if every else "Sign off with your name or initials, e.g. \"^CB\" or \"- Dave\".")
        if teams:
            r, s = teams[0]
            return failed("Signed by a team, not a person.", [span(r, s[1], s[2])], tip=tip)
        target = unsigned[0]
        reason = ("A reply is not signed by its agent." if people else "No agent reply is signed by a person.")
        return failed(reason, [ending(target, 40)], tip=tip)
