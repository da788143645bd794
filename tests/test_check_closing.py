"""connect.closing: the last agent reply ends with thanks, a farewell or an offer of help."""

import pytest

from tests.qa_conversations import conv, run


@pytest.mark.parametrize(
    "channel, last, expected, quote",
    [
        ("email", "Hi Maria,\n\nDone.\n\nIs there anything else I can help with?\n\nBest,\nJuan", "pass", "Best,"),
        ("email", "The refund is on its way. Let me know if you need anything else.\n\nJuan", "pass",
         "Let me know if you need anything else."),
        # twcs, comcastcares
        ("social", "@116675 Understood and I'm glad to hear you have a service visit.\n\nWe're here 24/7 and are "
                   "happy to help whenever you're ready. -BG", "pass",
         "We're here 24/7 and are happy to help whenever you're ready."),
        # twcs, AsurionCares
        ("social", "@116295 We're glad you had a good experience! Please let us know if we can offer you any further "
                   "assistance. ^KF", "pass", "Please let us know if we can offer you any further assistance."),
        ("social", "@1 DM us your order number and we'll be happy to help. ^CB https://t.co/x", "pass",
         "DM us your order number and we'll be happy to help."),
        ("chat", "You're all set. Have a great weekend! 😊", "pass", "Have a great weekend!"),
        ("phone", "You're all set, Ruth. Anything else I can do for you? No? Okay, take care now, bye!", "pass",
         "Okay, take care now, bye!"),
        ("email", "Your ticket is closed.", "fail", "Your ticket is closed."),
        # twcs, Delta
        ("social", "@116451 Please follow and DM your confirmation number.  *AFC https://t.co/6iDGBJAc2m", "fail",
         "Please follow and DM your confirmation number."),
        # twcs, VerizonSupport
        ("social", "@115727 Which app are you referring too?\n^ACM", "fail", "Which app are you referring too?"),
        ("phone", "Your engineer comes Thursday between 8 and 12.", "fail", "Your engineer comes Thursday between 8 and 12."),
        ("chat", "Please restart the router: https://example.test/restart", "fail", "Please restart the router:"),
    ],
)
def test_closing(channel, last, expected, quote):
    c = conv(("customer", "Help"), ("agent", "Hi, looking now."), ("agent", last), channel=channel)
    outcome = run("closing", c)
    assert outcome.result == expected
    assert [e.message_id for e in outcome.evidence] == ["m3"]
    assert outcome.evidence[0].quote == quote


def test_closing_judges_only_the_last_reply():
    c = conv(("customer", "Help"), ("agent", "Thanks for reaching out! Have a great day."), ("agent", "Ticket closed."))
    assert run("closing", c).result == "fail"


def test_closing_na_without_reply():
    assert run("closing", conv(("customer", "Hello?"))).result == "na"
