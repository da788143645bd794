"""connect.resolution: confirmed by the customer, or no repeat contact on the same issue in 7 days."""

from datetime import datetime, timedelta

import pytest

from smilebox.qa.engine import LaterContact
from tests.qa_conversations import conv, run


class History:
    def __init__(self, contacts):
        self.contacts = contacts
        self.asked = None

    def later_contacts(self, conversation, within):
        self.asked = within
        return self.contacts


@pytest.mark.parametrize(
    "channel, last_customer, expected, quote",
    [
        ("email", "That worked, thanks so much!", "pass", "That worked"),
        ("chat", "All sorted, thanks", "pass", "All sorted"),
        ("phone", "ok that did it, all good now. thank you", "pass", "that did it"),
        ("social", "@AppleSupport Already did that, still not working", "fail", "Already did that"),
        ("email", "It's not fixed, the light is still red.", "fail", "not fixed"),
        ("chat", "That doesn't help, I need a refund.", "fail", "doesn't help"),
    ],
)
def test_resolution_from_the_customer(channel, last_customer, expected, quote):
    c = conv(("customer", "My router is down."), ("agent", "Please restart it."), ("customer", last_customer),
             channel=channel)
    outcome = run("resolution", c)
    assert outcome.result == expected
    assert outcome.evidence[0].quote == quote


def later(subject, text, tags=()):
    return LaterContact("c-2", datetime(2026, 10, 5), subject, text, list(tags))


@pytest.mark.parametrize(
    "contacts, expected",
    [
        ([], "pass"),
        ([later("Refund for order 4411", "Still no refund")], "fail"),
        ([later("Something else", "Different thing", tags=["billing"])], "fail"),
        ([later("New router order", "I want to order a second router for the garage")], "pass"),
    ],
)
def test_resolution_from_history(contacts, expected):
    c = conv(("customer", "I was charged twice for order 4411."), ("agent", "Refunded."),
             subject="Refund for order 4411", tags=["billing"] if expected == "fail" and contacts and contacts[0].tags else [])
    history = History(contacts)
    outcome = run("resolution", c, history=history)
    assert outcome.result == expected
    assert history.asked == timedelta(days=7)


def test_resolution_na_in_stateless_mode():
    c = conv(("customer", "I was charged twice."), ("agent", "Refunded."), ("customer", "DM sent"))
    outcome = run("resolution", c)
    assert outcome.result == "na"
    assert outcome.evidence == []


@pytest.mark.parametrize(
    "turns, expected, quote",
    [
        # thanks after an answer says the answer did it
        ([("customer", "Do I need a new router when I move?"), ("agent", "No, your router moves with you."),
          ("customer", "Ok will do, thank you!")], "pass", "thank you"),
        # moving to DM or sending details says nothing about the fix
        ([("customer", "My bill doubled."), ("agent", "Please DM us your account number."),
          ("customer", "Thanks, I've sent you a DM")], "na", None),
        # praise threads are not about a fix
        ([("customer", "Your crew were amazing today, thank you!"), ("agent", "We'll pass it on!"),
          ("customer", "Thanks again, great service")], "na", None),
        # disputing the answer, or still annoyed after it
        ([("customer", "My parcel was left in the rain."), ("agent", "Our driver handed it to you in person."),
          ("customer", "That is not what happened, nobody knocked.")], "fail", "That is not what happened"),
        ([("customer", "My monitor arrived cracked."), ("agent", "Returns are handled by the seller."),
          ("customer", "And how does that help me exactly?")], "fail", "how does that help"),
        ([("customer", "Why was I charged a fee?"), ("agent", "Fees apply to paper bills."),
          ("customer", "This is ridiculous, nobody told me")], "fail", "ridiculous"),
        # a confirmation counts even when it came before the agent's reply
        ([("customer", "My boots split after two months."), ("customer", "Update: exchanged in store, all sorted now!"),
          ("agent", "Great to hear!")], "pass", "all sorted"),
    ],
)
def test_resolution_from_the_last_message(turns, expected, quote):
    outcome = run("resolution", conv(*turns, channel="social"))
    assert outcome.result == expected
    if quote:
        assert outcome.evidence[0].quote == quote
