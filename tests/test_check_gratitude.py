"""connect.gratitude: the customer is thanked or appreciated in some agent reply."""

import pytest

from tests.qa_conversations import conv, run


@pytest.mark.parametrize(
    "channel, replies, expected, quote",
    [
        ("email", ["Hi Maria,\n\nThanks for reaching out. Refunded."], "pass", "Thanks for reaching out"),
        ("chat", ["One moment.", "Thank you for your patience!"], "pass", "Thank you for your patience"),
        ("phone", ["Thank you for calling Acme, this is Sam."], "pass", "Thank you for calling Acme"),
        # twcs, BofA_Help
        ("social", ["@117038 Thank you for the info. We will follow up with you. ^nw"], "pass", "Thank you for the info"),
        # twcs, SpotifyCares
        ("social", ["@116886 Hey Paula, we appreciate your feedback! /GK"], "pass", "we appreciate your feedback"),
        ("social", ["@1 Thanks! ^CB"], "pass", "Thanks"),
        ("email", ["Hi, refunded. Thanks to our billing team it was quick."], "fail", "Hi, refunded."),
        # twcs, Ask_Spectrum: declining is not thanking
        ("social", ["@115716 No thank you. ^JK"], "fail", "No thank you."),
        # twcs, VerizonSupport
        ("social", ["@116652 Let's take a look. Have you had a chance to run a tracert? ^RMD"], "fail", "Let's take a look."),
        ("phone", ["Account number?", "Done. Bye."], "fail", "Account number?"),
    ],
)
def test_gratitude(channel, replies, expected, quote):
    c = conv(("customer", "help"), *[("agent", r) for r in replies], channel=channel)
    outcome = run("gratitude", c)
    assert outcome.result == expected
    assert outcome.evidence[0].quote == quote


def test_gratitude_na_without_reply():
    assert run("gratitude", conv(("customer", "hello"))).result == "na"
