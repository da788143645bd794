"""connect.ownership: no flat refusal or empty hand-off."""

import pytest

from tests.qa_conversations import conv, run


@pytest.mark.parametrize(
    "channel, reply, expected, quote",
    [
        ("email", "Hi Maria, sorry, I can't help you with that.", "fail", "I can't help you with that"),
        ("chat", "Unfortunately there's nothing we can do about the fee.", "fail", "there's nothing we can do"),
        ("phone", "That's not our department.", "fail", "not our department"),
        ("email", "You'll need to contact your bank about this charge.", "fail", "You'll need to contact"),
        ("email", "Refunded. Sorry, I can't help you with that.", "fail", "I can't help you with that"),
        # twcs, AmazonHelp: a refusal with a concrete route
        ("social", "@115822 I am unable to affect your account via Twitter. For real time support, phone or chat use "
                   "this link: https://t.co/hApLpMlfHN ^CH", "pass", None),
        ("email", "I can't waive the fee, but I can split it over three bills.", "pass", "I can't waive"),
        ("chat", "We don't handle that, but you can reach the warranty team at 1-800-555-0199.", "pass", None),
        ("email", "You'll need to contact your bank at https://bank.example/disputes to dispute it.", "pass", None),
        # twcs, AdobeCare: an answer, no refusal
        ("social", "@115767 Hi Jason, could you please try resetting the preferences of Photoshop ^SC", "pass", None),
    ],
)
def test_ownership(channel, reply, expected, quote):
    c = conv(("customer", "Can you refund the late fee?"), ("agent", reply), channel=channel)
    outcome = run("ownership", c)
    assert outcome.result == expected
    assert outcome.evidence[0].message_id == "m2"
    if quote:
        assert outcome.evidence[0].quote.startswith(quote)


@pytest.mark.parametrize("praise", [
    # twcs, a customer thanking a crew (Delta)
    "The flight attendant and pilot on @Delta flight 4985 were nothing short of amazing. Super kind and funny.",
    "Love you guys, thanks so much!",
])
def test_ownership_not_applicable_to_praise(praise):
    c = conv(("customer", praise), ("agent", "@1 Thanks for the love! ^NA"), channel="social")
    assert run("ownership", c).result == "na"
