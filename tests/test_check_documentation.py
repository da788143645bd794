"""connect.documentation: a short factual internal note, no gripes; na where notes cannot exist."""

import pytest

from tests.qa_conversations import conv, run

TURNS = [("customer", "I was charged twice for order 4411."), ("agent", "Hi Maria, refunded.")]


@pytest.mark.parametrize(
    "channel, note, expected",
    [
        ("email", "Refunded dup charge, order 4411.", "pass"),
        ("phone", "Firmware update sent; retest advised.", "pass"),
        ("chat", "Linked to INC-27173. No truck needed.", "pass"),
        ("social", "Duplicate charge refunded to card.", "pass"),
        ("email", "Customer was rude and annoying, refunded anyway.", "fail"),
        ("chat", "Transfer svc to new address August 7. customer is a pain, complains every month.", "fail"),
        ("email", "Called. " + "The customer explained at length what happened with the two charges and I listened "
                  "and then we went through the statement line by line together until it was clear.", "fail"),
        ("phone", "ok", "fail"),
        # gripes about the customer's demands or the agent's time
        ("chat", "Plan upgrade, active today. very demanding customer, wasted 40 mins of my time.", "fail"),
        ("email", "Refunded order 4411. Impatient and obnoxious on the phone.", "fail"),
        # what was done, in the words of the trade
        ("chat", "Plan upgrade, active today.", "pass"),
        ("phone", "WiFi drops from interference: set auto-channel + band steering.", "pass"),
    ],
)
def test_documentation_note(channel, note, expected):
    c = conv(*TURNS, ("note", note), channel=channel)
    outcome = run("documentation", c)
    assert outcome.result == expected
    assert outcome.evidence[0].message_id == "m3"


@pytest.mark.parametrize("channel, source, expected", [
    ("email", "jsonl", "fail"), ("chat", "zendesk", "fail"), ("phone", "jsonl", "fail"),
    ("social", "jsonl", "na"), ("sms", "jsonl", "na"), ("social", "twcs", "na"), ("email", "twcs", "na"),
])
def test_documentation_without_a_note(channel, source, expected):
    outcome = run("documentation", conv(*TURNS, channel=channel, source=source))
    assert outcome.result == expected


def test_the_note_length_limit_is_configurable():
    c = conv(*TURNS, ("note", "Refunded dup charge, order 4411."))
    outcome = run("documentation", c, {"max_chars": 20})
    assert outcome.result == "fail"
    assert outcome.reason == "The internal note is 32 characters; at most 20 keeps it scannable."
