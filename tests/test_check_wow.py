"""connect.wow (bonus): a genuine personal touch; never a penalty."""

import pytest

from smilebox.qa import Engine, load_rubric
from tests.qa_conversations import conv, run


@pytest.mark.parametrize(
    "channel, customer, reply, expected",
    [
        ("email", "Need the dress before my sister's wedding on Saturday!", "It ships today. Enjoy the wedding!", "pass"),
        ("chat", "Moving house with the new puppy next week.", "Done. Hope the new puppy is settling in!", "pass"),
        ("social", "@brand it's my birthday and my cake order vanished", "@1 Happy birthday! A new cake is on the way. ^CB", "pass"),
        ("phone", "I was charged twice.", "I've refunded it and added a $10 credit as a thank you for your patience.", "pass"),
        # twcs, SouthwestAir: picks up what the customer said
        ("social", "Flew with my dog today and the crew was great", "@1 We love that! Hope your dog enjoyed the flight too! ^TL",
         "pass"),
        ("email", "Router down.", "Engineer booked. Have a great day!", "na"),
        ("chat", "Router down.", "Enjoy the wedding!", "na"),  # echoes nothing the customer said
    ],
)
def test_wow(channel, customer, reply, expected):
    outcome = run("wow", conv(("customer", customer), ("agent", reply), channel=channel))
    assert outcome.result == expected


def test_wow_never_costs_points():
    ev = Engine(load_rubric("connect")).evaluate(conv(("customer", "Router down."), ("agent", "Engineer booked.")))
    wow = ev.check("wow")
    assert (wow.result, wow.points, wow.tip) == ("na", 0.0, None)
    assert all(c.id != "wow" for c in ev.checks if c.result == "fail")


@pytest.mark.parametrize(
    "customer, reply, expected",
    [
        # joking along with banter, picking up the customer's own words
        ("Bought the dinosaur jelly sweets for movie night", "@1 A dinosaur movie night sounds roarsome :P", "pass"),
        ("Sunday brunch with the pancake tower again", "@1 That pancake tower deserves its own postcode 😉", "pass"),
        # a wink with nothing of the customer's, or banter inside a complaint, is no personal touch
        ("Sunday brunch at the cafe", "@1 Thanks for the shout out ;)", "na"),
        ("My order is late and the pancake mix is missing", "@1 Sorry, the pancake mix is on its way 😉", "na"),
    ],
)
def test_wow_playful_banter(customer, reply, expected):
    assert run("wow", conv(("customer", customer), ("agent", reply), channel="social")).result == expected
