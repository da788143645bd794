"""connect.customer_name: the name from the record or the customer's own words, used naturally."""

import pytest

from tests.qa_conversations import conv, run


@pytest.mark.parametrize(
    "channel, customer, turns, expected, uses",
    [
        ("email", "Maria Lopez", [("customer", "Charged twice."), ("agent", "Hi Maria, refunded.")], "pass", 1),
        ("email", "Maria Lopez", [("customer", "x"), ("agent", "Hi Maria, done."), ("agent", "Thanks Maria!")], "pass", 2),
        ("email", "Maria Lopez", [("customer", "x"), ("agent", "Hello, refunded.")], "fail", 0),
        ("email", "Maria Lopez",
         [("customer", "x"), ("agent", "Hi Maria, done. Maria, anything else?"), ("agent", "Bye Maria!")], "fail", 3),
        ("email", "Robert Fox", [("customer", "x"), ("agent", "Hi Bob, all sorted.")], "pass", 1),
        ("chat", "Elizabeth Hart", [("customer", "x"), ("agent", "Hi Liz! One moment.")], "pass", 1),
        ("email", "Will Grant", [("customer", "x"), ("agent", "Hello, we will refund it and will email you.")], "fail", 0),
        ("phone", "Ruth Diaz", [("agent", "Thank you for calling."), ("customer", "Hi, this is Ruth."),
                                ("agent", "Okay Ruth, let me pull that up."), ("agent", "All set, Ruth. Bye!")], "pass", 2),
        ("phone", "Ruth Diaz", [("agent", "Thank you for calling."), ("customer", "Hi."),
                                ("agent", "Okay Ruth, let me pull that up."), ("agent", "All set. Bye!")], "fail", 1),
        ("phone", "Ruth Diaz", [("agent", "Hi Ruth"), ("customer", "Hi."), ("agent", "Ruth, okay. Ruth, one sec, Ruth.")],
         "fail", 4),
        # name from the customer's own sign-off or introduction
        ("social", None, [("customer", "@brand my router keeps dropping\nThanks, Dave"), ("agent", "@1 Hi Dave, DM us. ^CB")],
         "pass", 1),
        ("email", None, [("customer", "Hello, my name is Ngozi and my card was declined."), ("agent", "Hi, sorry to hear that.")],
         "fail", 0),
        # twcs, AmazonHelp: the agent addressed the customer by a profile name the data does not carry
        ("social", None, [("customer", "@AmazonHelp my package is late again"),
                          ("agent", "@116851 I'm sorry for the poor experience, Skylar. Were you given a reason? ^FD")],
         "pass", 1),
    ],
)
def test_customer_name(channel, customer, turns, expected, uses):
    outcome = run("customer_name", conv(*turns, channel=channel, customer=customer))
    assert outcome.result == expected
    named = [e for e in outcome.evidence if outcome.result == "pass" or uses]
    assert len(named) == uses or (uses == 0 and len(outcome.evidence) == 1)


@pytest.mark.parametrize(
    "customer, turns",
    [
        (None, [("customer", "@brand my order is late"), ("agent", "@115716 What information is incorrect? ^JK")]),
        ("@zoe_c", [("customer", "i want to cancel"), ("agent", "Sure, done.")]),
        ("115716", [("customer", "help"), ("agent", "Hi there, DM us.")]),
    ],
)
def test_customer_name_not_knowable(customer, turns):
    outcome = run("customer_name", conv(*turns, channel="social", customer=customer))
    assert outcome.result == "na"


def test_the_agents_own_signature_is_not_a_use():
    c = conv(("customer", "x"), ("agent", "Hi Juan, all done.\n\nBest,\nJuan", "Juan Perez"), customer="Juan Diaz")
    outcome = run("customer_name", c)
    assert outcome.result == "pass"
    assert [e.start for e in outcome.evidence] == [3]
