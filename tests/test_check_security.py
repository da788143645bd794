"""connect.security (critical): secrets never written; account details only after verification."""

import pytest

from smilebox.qa import Engine, load_rubric
from smilebox.qa.phrases import luhn_valid
from tests.qa_conversations import conv, run


@pytest.mark.parametrize("digits, valid", [("4111111111111111", True), ("4111111111111112", False),
                                           ("378282246310005", True), ("5555555555554444", True)])
def test_luhn(digits, valid):
    assert luhn_valid(digits) is valid


@pytest.mark.parametrize(
    "turns, quote",
    [
        ([("customer", "Card declined"), ("agent", "I see card 4111 1111 1111 1111 on the account.")], "4111 1111 1111 1111"),
        ([("customer", "My card is 4111-1111-1111-1111"), ("agent", "Thanks, I charged 4111-1111-1111-1111 again.")],
         "4111-1111-1111-1111"),
        ([("customer", "x"), ("agent", "Done"), ("note", "Cust SSN 123-45-6789 checked.")], "123-45-6789"),
        ([("customer", "locked out"), ("agent", "Your temporary password is X7f!k9Lq, change it after login.")],
         "password is X7f!k9Lq"),
        ([("customer", "x"), ("agent", "Please reply with your full card number so I can check.")],
         "reply with your full card number"),
        ([("customer", "Hi, what address do you have for me?"), ("agent", "The address on file is 12 Elm Street.")],
         "address on file is"),
        ([("customer", "Change my email to new@example.com"), ("agent", "Done, I've updated your email address.")],
         "I've updated your email"),
    ],
)
def test_security_fails_on_the_offending_characters(turns, quote):
    outcome = run("security", conv(*turns))
    assert outcome.result == "fail"
    assert quote in outcome.evidence[0].quote


@pytest.mark.parametrize(
    "channel, turns",
    [
        ("email", [("customer", "Card declined"), ("agent", "Can you confirm your postcode and date of birth?"),
                   ("customer", "SW1 1AA, 3 May 1980"), ("agent", "Thanks. The card ending 1111 was declined by the bank.")]),
        ("phone", [("customer", "Change my address please"), ("agent", "Can you confirm your date of birth and postcode?"),
                   ("customer", "3 May 1980, SW1 1AA"), ("agent", "Thanks. I've updated your address to 4 Oak Road.")]),
        ("chat", [("customer", "What's my balance?"), ("note", "ID verified via security questions"),
                  ("agent", "Your balance is $42.10.")]),
        # twcs, AskPayPal: asking for details by DM, not for secrets
        ("social", [("customer", "@AskPayPal payment stuck"),
                    ("agent", "@117184 Hey there, please DM us your email address so we can take a look.")]),
        ("social", [("customer", "refund?"), ("agent", "@1 Can you DM us the last 4 digits of the card used?")]),
        ("email", [("customer", "x"), ("agent", "Please DM us your Nectar card number so we can add the points.")]),
    ],
)
def test_security_passes(channel, turns):
    outcome = run("security", conv(*turns, channel=channel))
    assert outcome.result == "pass"


def test_public_social_disclosure_fails_even_after_verification():
    c = conv(("customer", "What's my balance?"), ("note", "ID verified"), ("agent", "@1 Your balance is $42.10."),
             channel="social")
    assert run("security", c).result == "fail"


def test_critical_failure_zeroes_the_score():
    c = conv(("customer", "Card?"), ("agent", "Hi Maria, thanks! Card 4111 1111 1111 1111 is fine. Have a great day!"))
    ev = Engine(load_rubric("connect")).evaluate(c)
    assert ev.check("security").result == "fail"
    assert ev.critical_failed is True
    assert ev.score == 0.0
    assert ev.earned > 0


def test_security_na_without_replies():
    assert run("security", conv(("customer", "hello"))).result == "na"


def test_social_disclosure_in_a_direct_message_is_not_public():
    c = conv(("customer", "@brand card declined"), ("agent", "@1 Please DM us your account number and postcode."),
             ("customer", "AC-91-1245, 98107"), ("agent", "That all matches. The card ending 0005 was declined."),
             channel="social")
    assert run("security", c).result == "fail"
    c.messages[3].__pydantic_extra__["visibility"] = "dm"
    assert run("security", c).result == "pass"


@pytest.mark.parametrize(
    "reply, quote",
    [
        # a detail of a named account read out before anyone checked who is asking
        ("The login on AC-51-9096 is jo.parker@example.com, last used from an iPad on Monday.",
         "The login on AC-51-9096 is"),
        ("The service address on AC-46-2952 is 12 Mill Lane, and the plan is Fibre 500.",
         "The service address on AC-46-2952 is"),
        ("I've pulled up AC-20-5584: the card on file ends in 0005 and both charges are there.", "I've pulled up AC-20-5584"),
    ],
)
def test_account_details_read_out_before_verification(reply, quote):
    c = conv(("customer", "I can't log in and I was charged twice"), ("agent", reply), channel="chat")
    outcome = run("security", c)
    assert outcome.result == "fail"
    assert outcome.evidence[0].quote == quote
    verified = conv(("customer", "I can't log in and I was charged twice"),
                    ("agent", "Could you confirm the postcode and the last four digits of the phone on the account?"),
                    ("customer", "02110, 0120"), ("agent", reply), channel="chat")
    assert run("security", verified).result == "pass"
