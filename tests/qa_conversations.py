"""Builders shared by the check tests: a conversation from a few turns, one check run, evidence checks.

Quotes marked "twcs" are real agent replies or customer tweets from ``../shared/data/twcs_sample``
(the "Customer Support on Twitter" sample, research use), handles as in the data.
"""

from __future__ import annotations

from smilebox.model import Conversation
from smilebox.qa.engine import EvaluationContext
from smilebox.qa.registry import registered_checks
from smilebox.qa.results import Outcome


def conv(*turns, channel: str = "email", customer: str | None = "Maria Lopez", source: str = "jsonl",
         subject: str | None = None, tags: list[str] | None = None, cid: str = "c-1", **extra) -> Conversation:
    """Turns are (role, text) or (role, text, author name); role "note" is an internal agent note."""
    messages = []
    for i, turn in enumerate(turns, start=1):
        role, text = turn[0], turn[1]
        msg = {"id": f"m{i}", "role": "agent" if role == "note" else role, "text": text, "internal": role == "note"}
        if len(turn) > 2:
            msg["author"] = {"name": turn[2]}
        messages.append(msg)
    data = {"id": cid, "channel": channel, "source": source, "subject": subject, "tags": tags or [],
            "messages": messages, **extra}
    if customer:
        data["customer"] = {"id": "cu-1", "name": customer}
    return Conversation.model_validate(data)


def run(check_id: str, conversation: Conversation, config: dict | None = None, **context) -> Outcome:
    check = registered_checks()[check_id](config)
    outcome = check.evaluate(conversation, EvaluationContext(**context))
    assert_exact_evidence(conversation, outcome)
    return outcome


def assert_exact_evidence(conversation: Conversation, outcome: Outcome) -> None:
    """Every evidence span quotes its message exactly; every fail carries a tip; every result a reason."""
    for ev in outcome.evidence:
        assert conversation.message(ev.message_id).text[ev.start : ev.end] == ev.quote
    assert outcome.reason
    if outcome.result == "fail":
        assert outcome.tip
        assert outcome.evidence, "a fail points at what was judged"
