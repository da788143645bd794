"""connect.customer_name: the customer's name, used naturally.

The name comes from the customer record, else from how the customer signs ("Thanks, Dave", "thx\nLinh") or
introduces themselves ("my name is Dave", any case after "my name is"), else from an agent addressing them
by a first name (the agent saw a profile name the data does not carry): after a salutation ("Hi Sam.",
"Good evening Solomon"), or as a vocative ("That's never good Wendy.", "..., Nelson."); when agents use
several spellings, the one used most often. Exclamations ("Brilliant, thanks") are not names. Social handles never count. Uses are counted in
the public agent replies, outside their sign-offs; the first name and its common nicknames count
("Bob" for Robert), case-sensitively, so the word "will" is not "Will". In writing, one or two uses
pass, none fails and more than two read as a script; on the phone two or three pass. Not applicable
when no name is knowable.
"""

from __future__ import annotations

from smilebox.qa.check import Check
from smilebox.qa.checks._common import failed, not_applicable, opening, passed, span
from smilebox.qa.phrases import capitalised_words
from smilebox.qa.view import name_variants


_SOURCES = {"record": "customer record", "sign-off": "customer's sign-off",
            "introduction": "customer's introduction", "addressed by the agent": "agent's greeting"}


class CustomerName(Check):
    id = "customer_name"
    name = "connect.customer_name"
    version = 1
    description = "The customer's first name is used, naturally: not never, not as a script."
    reads = ("agent_replies", "customer", "customer_messages")
    default_config = {"writing_range": [1, 2], "phone_range": [2, 3]}

    def evaluate(self, conversation, context):
        view = context.view(conversation)
        known = view.customer_name
        if known is None:
            return not_applicable("The customer's name is not known from the record or the messages.")
        if not view.agent:
            return not_applicable("No agent reply to judge.")
        first, source, _ = known
        source = _SOURCES.get(source, source)
        variants = name_variants(first)
        uses = []
        for r in view.agent:
            low = r.low
            if not any(v in low for v in variants):
                continue
            signed = view.signoff(r)
            stop = signed[1] if signed and signed[0] == "person" else r.end
            for m in capitalised_words(r.text[:stop]):
                if m.start() >= r.start and m.group(0).lower() in variants:
                    uses.append(span(r, m.start(), m.end()))
        low, high = self.config["phone_range" if view.channel == "phone" else "writing_range"]
        medium = "on the phone" if view.channel == "phone" else "in writing"
        count = len(uses)
        if low <= count <= high:
            times = "once" if count == 1 else f"{count} times"
            return passed(f"The customer's name ({first}, from the {source}) is used {times}.", uses)
        if count < low:
            return failed(
                f"The customer's name ({first}, from the {source}) is used {count} time(s); {low} or more "
                f"is natural {medium}.",
                uses or [opening(view.agent[0], 40)],
                tip=f"Address the customer by name, e.g. \"Hi {first},\""
                    + (", and once more before you close the call." if view.channel == "phone" else "."),
            )
        return failed(
            f"The customer's name ({first}) is used {count} times; more than {high} reads as a script {medium}.",
            uses,
            tip=f"Use the name at most {high} times: in the greeting"
                + (" and when closing." if high > 1 else "."),
        )
