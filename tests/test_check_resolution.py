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


@pytest.mark.parametrize(
    "turns, expected, quote",
    [
        # twcs, XboxSupport: "No, ..." answering a reply that asked nothing disputes it
        ([("customer", "Are you ever going to patch the BFA achievement on Xbox one?"),
          ("agent", "@116775 If you're seeing achievement issues, we recommend the steps in our guide https://t.co/x ^TJ"),
          ("customer", "@XboxSupport No, it is literally unobtainable.")], "fail", "No,"),
        # twcs, AppleSupport: "No, ..." answering the agent's own question is just an answer
        ([("customer", "Updated iPad Pro to 11.1. None of my changes saved. Help please"),
          ("agent", "@117107 We'll help in any way we can. Was this on an iCloud email account?"),
          ("customer", "@AppleSupport No, virginmedia. Tried twice with completely new mail.")], "na", None),
        # twcs, GWRHelp: still asking, loudly
        ([("customer", "Where in reading do I have to go for the bus?"),
          ("agent", "@115949 Hi there. Buses depart from the northern interchange at Reading. Phil."),
          ("customer", "@GWRHelp Do u expect people to travel with a compass???")], "fail", "???"),
        # twcs, ArgosHelpers / Uber_Support / AmazonHelp: contradicting the answer, or already tried it
        ([("customer", "I can't find the extra voucher codes."), ("agent", "@116785 i dont think there are any. Marc"),
          ("customer", "@ArgosHelpers There definitely was, they were in card. There was 2 of them.")], "fail",
         "There definitely was"),
        ([("customer", "My password reset keeps failing."), ("agent", "@1 Have you tried clearing the app cache?"),
          ("customer", "@AmazonHelp I have. No luck.")], "fail", "No luck"),
        ([("customer", "i reset my password 3 times and it still says incorrect"),
          ("agent", "@116611 I'm sorry for the trouble! Have you tried the steps outlined here? https://t.co/x ^LA"),
          ("customer", "@AmazonHelp All of them")], "fail", "All of them"),
        # thanks that say nothing about the fix: looking forward to the help, arranging a call, a new request
        ([("customer", "You should be ashamed of your distribution."), ("agent", "@1 DM us with more details."),
          ("customer", "@AskTarget Thank you for responding. I look forward to working with you.")], "na", None),
        ([("customer", "Ridiculous amount of fees again."), ("agent", "@1 I called and left a message for you. ^kl"),
          ("customer", "@BofA_Help Thank you call me tomorrow afternoon 3:00 pm (706)614-7640")], "na", None),
        ([("customer", "How do I correct my surname?"), ("agent", "@1 Correction done! See you on board!"),
          ("customer", "@AirAsiaSupport i want to rebook my return flight. please help me. thanks")], "na", None),
        # twcs, AmazonHelp (German) and Tesco: thanks in another language; the delivery came after all
        ([("customer", "Bekomme ich mein Geld nun wieder?"), ("agent", "@116933 Eine Erstattung wird veranlasst. ^MH"),
          ("customer", "@AmazonHelp Danke für die schnelle Antwort")], "pass", "Danke"),
        ([("customer", "why is your delivery guy just sitting outside?"),
          ("agent", "@116747 Can you please confirm if the delivery was made successfully? - Craig"),
          ("customer", "@Tesco Hey no problem, yeah it was delivered just fine, just a couple minutes late")], "pass",
         "delivered just fine"),
        # twcs, marksandspencer: confirmed before the agent's reply
        ([("customer", "Really disappointed with my boots - already split."),
          ("customer", "@marksandspencer Fab customer service today. Shoes exchanged with no fuss 😁"),
          ("agent", "@117006 Great! Glad it's sorted for you")], "pass", "exchanged with no fuss"),
        # a brand's own post opening the thread answers nothing: the customer's question is still unanswered
        ([("agent", "Love in the peach state! We're happy to support #ATLPride."),
          ("customer", "@Delta Good for u!  R u eliminating SLC to LHR nonstops??"),
          ("agent", "@116647 Hey Joan, the SLC to LHR non-stop is a seasonal route and will resume 3/24/2018.")], "na", None),
    ],
)
def test_resolution_disputes_repeats_and_polite_thanks(turns, expected, quote):
    outcome = run("resolution", conv(*turns, channel="social"))
    assert outcome.result == expected
    if quote:
        assert outcome.evidence[0].quote == quote
