"""connect.tailored and the canned-reply index."""

import pytest

from smilebox.qa.templates import TemplateIndex, TemplateLibrary, build_template_index
from tests.qa_conversations import conv, run

CANNED = "Here to help. Send us a note at https://t.co/5MN4s6W3AA so our team can connect."  # twcs, Uber_Support


def corpus(n_canned: int, n_other: int):
    out = []
    for i in range(n_canned):
        out.append(conv(("customer", f"problem {i}"), ("agent", f"@{1000 + i} {CANNED}"), cid=f"k{i}", channel="social"))
    for i in range(n_other):
        out.append(conv(("customer", "x"), ("agent", f"@{i} The courier scanned parcel {i} in Leeds at {i}pm yesterday "
                                                      f"and it is out for delivery today, number {i * 7}."), cid=f"o{i}"))
    return out


def test_index_counts_conversations_sharing_a_near_copy():
    index = build_template_index(iter(corpus(5, 3)), {})
    assert index.conversations == 8
    assert index.conversations_sharing("@999 Here to help! Send us a note at https://t.co/ZZZ so our team can connect.") == 5
    assert index.conversations_sharing("Your replacement router ships on Monday with tracking by email to you.") == 0


def test_index_drops_single_keys_when_full():
    index = TemplateIndex(max_keys=10)
    for c in corpus(3, 6):
        index.add_conversation(m.text for m in c.agent_replies)
    assert all(v > 1 for v in index.counts.values())
    assert index.conversations_sharing(CANNED) == 3


def test_library_match_and_containment():
    library = TemplateLibrary(["Sorry for any inconvenience. Please DM us your account details and we'll look into this."])
    text, score = library.best_match("Sorry for any inconvenience! Please DM us your account details and we'll look into this.")
    assert score == pytest.approx(1.0)
    assert library.best_match("The engineer comes on Thursday between 8 and 12.")[1] == 0.0


@pytest.mark.parametrize(
    "customer, reply, expected",
    [
        # twcs, Uber_Support: canned and blind to the issue
        ("@Uber_Support it's cold and we have to wait 15 min. I want to cancel my taxi. It doesn't work.",
         "@116361 " + CANNED, "fail"),
        ("My paypal payment is not working on the app", "Sorry for any inconvenience. Please DM us your account details "
                                                      "and we'll look into this.", "fail"),
        ("My paypal payment is not working on the app", "Hi Sam, sorry your PayPal payment fails. Please DM us your "
                                                      "account details and we'll look into this. Thanks!", "pass"),
        ("The router light is blinking red", "A red light means the line is down; I've booked an engineer for Thursday.",
         "pass"),
        # twcs, AmazonHelp: specific
        ("@AmazonHelp package is late", "@116851 I'm sorry for the poor experience, Skylar. Were you given a reason for "
                                        "the delay? Check here: https://t.co/KhGfgWxX2q ^FD", "pass"),
    ],
)
def test_tailored(customer, reply, expected):
    c = conv(("customer", customer), ("agent", reply), channel="social")
    outcome = run("tailored", c, templates=build_template_index(corpus(5, 2), {}))
    assert outcome.result == expected
    assert outcome.evidence[0].message_id == "m2"


def test_canned_by_the_corpus_only_when_the_index_says_so():
    reply = "@1 We have passed this on and someone from the team will follow up by email later this week."
    c = conv(("customer", "@brand my fridge arrived dented"), ("agent", reply), channel="social")
    assert run("tailored", c).result == "pass"
    many = [conv(("customer", f"issue {i}"), ("agent", reply), cid=f"x{i}") for i in range(4)]
    outcome = run("tailored", c, templates=build_template_index(many, {}))
    assert outcome.result == "fail"
    assert "4 conversations" in outcome.reason


def test_tailored_na_without_reply():
    assert run("tailored", conv(("customer", "hello"))).result == "na"


@pytest.mark.parametrize(
    "customer, replies, expected",
    [
        # boilerplate that could sit under any tweet, answering a customer who gave details
        ("@brand my card was declined abroad and the phone line keeps hanging up on me",
         ["@1 Hi Tamsin. We'd like to see if we can help. Please DM us your account type and country. ^MC"], "fail"),
        ("@brand the app logs me out every time I open the camera roll",
         ["@1 Hi Kez. What can we do for you today?"], "fail"),
        ("@brand my parcel shows delivered but nothing came to the flat",
         ["@1 We're sorry to hear about this experience. Please DM us your phone number so we can look into this!"],
         "fail"),
        # the customer gave no detail: a general offer is as tailored as it can be
        ("@brand help", ["@1 Hi there, sorry to hear that. Is there something we can help with?"], "pass"),
        # engaged: names the issue, answers the question
        ("@brand my parcel shows delivered but nothing came to the flat",
         ["@1 Sorry your parcel hasn't turned up. Can you DM us the order number so we can chase the courier?"], "pass"),
        ("@brand do you take group bookings for 12 people?", ["@1 We sure do, Dana! Details here: https://t.co/x ^MA"],
         "pass"),
        # only a link or an emoji
        ("@brand loved the new oat latte this morning, thanks!", ["@1 ☕"], "fail"),
        # a chat turn opened by an introduction, answered in the next message
        ("I want to move my plan to my new flat next month",
         ["Hi Ruth! I'm Mei and I'll be helping you today.",
          "Fibre is available at the new flat; I've booked the move for the 24th."], "pass"),
    ],
)
def test_tailored_generic_replies(customer, replies, expected):
    c = conv(("customer", customer), *[("agent", r) for r in replies], channel="social", customer=None)
    outcome = run("tailored", c)
    assert outcome.result == expected
    assert outcome.evidence[0].message_id == "m2"
