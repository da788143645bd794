"""connect.signature: a person's sign-off, not a faceless team; not applicable on the phone."""

import pytest

from smilebox.qa import Engine, load_rubric
from tests.qa_conversations import conv, run

REPLIES_TWCS = [
    # real twcs replies, brands in comments
    ("@115716 What information is incorrect? ^JK", "^JK"),  # Ask_Spectrum
    ("@116375 Sorry about that. Can you DM us your account's email address or username? /NQ https://t.co/ldFdZRiNAt", "/NQ"),  # SpotifyCares
    ("@115885 Hi Richard, I apologize for the delayed response time. Please DM your conf # so I can review.  *TLT... 1/2", "*TLT"),  # Delta
    ("@117024 Thank you for understanding. Should info become available, it will be here: https://t.co/ihjTPQcO6Y \n -Erica", "-Erica"),  # CoxHelp
    ("@116939 We sure can send us a DM and we can chat! We are here for you :)  https://t.co/EHqYValTw3 *MichaelPhillips", "*MichaelPhillips"),  # TMobileHelp
    ("@117029 You may visit a local Financial Center to open a checking account. ^ag", "^ag"),  # BofA_Help
    ("@116118 Finally could you please send me the bottom most row of digits from your receipt. - Nick 3/3", "- Nick"),  # Tesco
]


@pytest.mark.parametrize("reply, quote", REPLIES_TWCS)
def test_social_initials_and_names_pass(reply, quote):
    outcome = run("signature", conv(("customer", "@brand help"), ("agent", reply), channel="social", customer=None))
    assert outcome.result == "pass"
    assert outcome.evidence[0].quote == quote


@pytest.mark.parametrize(
    "channel, replies, expected, quote",
    [
        ("email", ["Hi Maria,\n\nDone.\n\nKind regards,\nJuan Perez"], "pass", "Juan Perez"),
        ("email", ["Hi Maria,\n\nDone.\n\nBest,\nJuan", "Hi again, all sorted.\n\nThanks,\nJuan"], "pass", "Juan"),
        ("email", ["Hi Maria,\n\nDone.\n\nBest,\nJuan", "Hi again, all sorted."], "fail", "Hi again, all sorted."),
        ("email", ["Hi Maria,\n\nDone.\n\nRegards,\nThe Support Team"], "fail", "The Support Team"),
        ("email", ["Hi Maria,\n\nDone.\n\nAcme Customer Care"], "fail", "Acme Customer Care"),
        ("social", ["@1 We're on it! ^Team"], "fail", "^Team"),
        ("social", ["@1 We're on it!", "@1 All fixed now -KC"], "pass", "-KC"),
        # twcs, Uber_Support: brand-only reply
        ("social", ["@116634 We're here to help. We just sent you a DM."], "fail", "here to help. We just sent you a DM."),
        ("sms", ["Your engineer is booked for Thursday. - Priya"], "pass", "- Priya"),
        ("email", ["Hi Maria, I'm Sam from the billing team and I've refunded it."], "pass", "I'm Sam"),
    ],
)
def test_signature(channel, replies, expected, quote):
    c = conv(("customer", "Help please"), *[("agent", r) for r in replies], channel=channel)
    outcome = run("signature", c)
    assert outcome.result == expected
    assert outcome.evidence[0].quote == quote


@pytest.mark.parametrize("channel", ["phone", "chat"])
def test_signature_not_applicable_where_nothing_is_signed(channel):
    c = conv(("customer", "Hi"), ("agent", "Thank you for calling, this is Sam."), channel=channel)
    result = Engine(load_rubric("connect")).evaluate(c).check("signature")
    assert result.result == "na"
    assert result.points == 0.0


def test_customer_name_thanked_is_not_a_signature():
    c = conv(("customer", "Where is my parcel? Thanks, Dave"), ("agent", "It arrives today.\nThanks, Dave"),
             customer=None)
    assert run("signature", c).result == "fail"


@pytest.mark.parametrize("reply", ["Refund sent.\n\nRegards,\nAcme", "@1 Refund sent. -Acme"])
def test_company_name_alone_is_a_team_signature(reply):
    c = conv(("customer", "refund?"), ("agent", reply), channel="social")
    assert run("signature", c, company_name="Acme").result == "fail"
    assert run("signature", c).result == "pass"


@pytest.mark.parametrize(
    "channel, reply, expected, quote",
    [
        # a sign-off with no mark, standing alone after the last sentence (the labelling guide's bare initials)
        ("social", "@1 Could you share the model so we can check the warranty? KT", "pass", "KT"),
        ("social", "@1 Which day did the top-up fail?OB", "pass", "OB"),
        ("social", "@1 Your phone number is visible, please remove the tweet.  = RW https://t.co/x", "pass", "RW"),
        ("social", "@1 Was it the large or the small loaf? Which store? Lucy", "pass", "Lucy"),
        ("social", "@1 The replacement bus leaves from stand C. Tony.", "pass", "Tony."),
        ("social", "@1 Thanks for your patience. TY", "fail", "Thanks for your patience. TY"),
        ("social", "@1 Your parcel left the depot. Enjoy.", "fail", "Your parcel left the depot. Enjoy."),
        # a valediction and a name on one line; accented names; surname initials
        ("sms", "Your engineer is booked for Thursday. Thanks, Priya", "pass", "Priya"),
        ("email", "Hi Maria,\n\nAll done.\n\nChloé D.", "pass", "Chloé D."),
        ("email", "Hi Maria, all done. Best, Chloé D.", "pass", "Chloé D."),
        # faceless team signatures
        ("email", "Hi Maria,\n\nWe have received your request.\n\nCustomer Service Team", "fail", "Customer Service Team"),
        ("email", "Hi Maria,\n\nWe have received your request.\n\nThe Support Team", "fail", "The Support Team"),
        ("email", "Hi Maria, all done. Thanks, Team", "fail", "Hi Maria, all done. Thanks, Team"),
    ],
)
def test_bare_and_inline_signoffs(channel, reply, expected, quote):
    c = conv(("customer", "help please"), ("agent", reply), channel=channel)
    outcome = run("signature", c)
    assert outcome.result == expected
    assert outcome.evidence[0].quote == quote
