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


@pytest.mark.parametrize(
    "customer, replies, expected, name",
    [
        # after the @handles: a salutation and a capitalised word is a name, listed or not
        ("@brand my app keeps logging me out", ["@123 Hi Priyanka. Which phone are you on?"], "pass", "Priyanka"),
        ("@brand my bill doubled", ["@123 Good evening Tobiah. Which month looks wrong to you?"], "pass", "Tobiah"),
        ("@brand router dead", ["@123 HI Rosalind, thanks for flagging this. ^RG"], "pass", "Rosalind"),
        ("@brand no signal", ["@123 Hi Jean-Luc, sorry about the mast work nearby. -Mo"], "pass", "Jean-Luc"),
        ("@brand hello", ["@123 Hello there! How can we help?"], "na", None),
        # a vocative at the end of a sentence
        ("@brand forgot my gloves on the bus!", ["@123 Ah, that's a shame Laura. Which route were you on?"],
         "pass", "Laura"),
        ("@brand anyone?", ["@123 Happy to look at the booking with you, Zebedee. Pop us a DM. -Ana"], "pass", "Zebedee"),
        # a colleague named in the reply is not the customer
        ("@brand your driver was brilliant", ["@123 Lovely! We'll pass this on to Victor."], "na", None),
        # a name used more than twice reads as a script: the most-used spelling decides
        ("@brand seat change", ["@1 Hi Marguerita :) DM us please.", "@1 Hi Margarita, done.",
                                "@1 Hi Margarita, all set.", "@1 Hi Margarita, anything else?"], "fail", "Margarita"),
        # introductions: any case after "my name is"; a sign-off after "thx"
        ("hi my name is oswin, the router light is orange", ["Please DM us your account number."], "fail", "Oswin"),
        ("is the 5G plan available in my town?\n\nthx\nIngrid", ["Hello, yes it is, from $30 a month."], "fail", "Ingrid"),
        # an exclamation is not a name
        ("where is my parcel?", ["Brilliant, thanks for confirming. It ships today."], "na", None),
    ],
)
def test_name_from_greetings_vocatives_and_introductions(customer, replies, expected, name):
    c = conv(("customer", customer), *[("agent", r) for r in replies], channel="social", customer=None)
    outcome = run("customer_name", c)
    assert outcome.result == expected
    if name:
        assert f"({name}" in outcome.reason
