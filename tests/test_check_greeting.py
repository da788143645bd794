"""connect.greeting: the first agent reply opens with a salutation, on every channel."""

import pytest

from tests.qa_conversations import conv, run


@pytest.mark.parametrize(
    "channel, reply, expected, quote",
    [
        ("email", "Hi Maria,\n\nI've refunded the duplicate charge.", "pass", "Hi Maria"),
        ("email", "Dear Mr Lopez,\nThank you for your email.", "pass", "Dear Mr"),
        ("chat", "Hello! I'm Juan, how can I help?", "pass", "Hello"),
        ("chat", "Good morning, let me check that for you.", "pass", "Good morning"),
        # twcs, SpotifyCares
        ("social", "@116391 Hi there! Can you DM us your account's email address or username? /NQ", "pass", "Hi there"),
        # twcs, AdobeCare
        ("social", "@116766 Hi Derrick, do you have hex codes you could share for that gradient? ^Wren", "pass", "Hi Derrick"),
        ("social", "@116378 👋 Hey there, help's here!", "pass", "Hey there"),
        ("phone", "Thank you for calling Acme Home Internet, this is Sam. How can I help?", "pass", "Thank you for calling"),
        ("phone", "Acme Home Internet, good afternoon, you're speaking with Liz.", "pass", "good afternoon"),
        ("email", "I've refunded the duplicate charge.", "fail", "I've refunded the duplicate charge."),
        # twcs, AppleSupport
        ("social", "@117108 We are here to help. So we can best isolate the cause, could you verify your iOS version?",
         "fail", "We are here to help."),
        ("social", "@116851 I'm sorry for the poor experience, Skylar.", "fail", "I'm sorry for the poor experience,"),
        ("chat", "Maria, we can help with that.", "fail", "Maria, we can help with that."),
        ("phone", "Account number?", "fail", "Account number?"),
    ],
)
def test_greeting(channel, reply, expected, quote):
    c = conv(("customer", "My order never arrived."), ("agent", reply), ("agent", "Hi again!"), channel=channel)
    outcome = run("greeting", c)
    assert outcome.result == expected
    assert outcome.evidence[0].message_id == "m2"
    assert outcome.evidence[0].quote == quote


def test_greeting_not_applicable_without_agent_reply():
    outcome = run("greeting", conv(("customer", "Hello?")))
    assert outcome.result == "na"
    assert outcome.evidence == []


def test_configured_salutation():
    c = conv(("customer", "Order late"), ("agent", "Howdy partner, we're on it."))
    assert run("greeting", c, {"salutations": ["yo"]}).result == "fail"
    assert run("greeting", conv(("customer", "x"), ("agent", "Yo, we're on it.")), {"salutations": ["yo"]}).result == "pass"
