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
        # an instruction whose purpose is help, and offers made conditional on the customer's need (twcs)
        ("social", "@117027 Hi Kellen, please DM us your full name and street address so I can check your area. -Mary",
         "pass", "Hi Kellen, please DM us your full name and street address so I can check your area."),
        ("social", "@116349 Send us a DM please and we will go from there. https://t.co/x", "pass",
         "Send us a DM please and we will go from there."),
        ("social", "@115992 Hello! Thank you for reaching out to us. Send us a DM for further assistance. ^ML", "pass",
         "Send us a DM for further assistance."),
        ("social", "@116536 We apologize for the inconvenience. If you need additional help please let us know. ^jv",
         "pass", "If you need additional help please let us know."),
        ("social", "@116248 You're welcome. Have a good Halloween! - Tom", "pass", "Have a good Halloween!"),
        ("social", "@116574 Thanks for your loyalty! It means the world to us.", "pass", "It means the world to us."),
        ("social", "@116971 No problem Ange. :) Rach", "pass", "No problem Ange."),
        # a team hashtag or a part counter after the sign-off is not the ending
        ("social", "@115904 We'll be sure to pass along your kind words! #AATeam", "pass",
         "We'll be sure to pass along your kind words!"),
        ("social", "@116546 pre-order the game on the UK version of the site. Let us know if you are unable to.  2 ^RR",
         "pass", "Let us know if you are unable to."),
        # requests stay requests
        ("social", "@1 Did we miss the delivery date? Please let us know.", "fail", "Please let us know."),
        ("social", "@1 You would need to have an active Game Pass subscription during the promo period to qualify:",
         "fail", "You would need to have an active Game Pass subscription during the promo period to qualify:"),
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


# The ending classes the labelling guide lists beyond plain thanks and farewells (own phrasings).
@pytest.mark.parametrize(
    "last, expected, quote",
    [
        # an instruction that ends on an offer of help
        ("@1 Please DM us the postcode so we can look into this for you.", "pass",
         "Please DM us the postcode so we can look into this for you."),
        ("@1 Send me a DM with the booking reference and I can take a closer look. ^RT", "pass",
         "Send me a DM with the booking reference and I can take a closer look."),
        ("@1 Drop us a DM and we’ll work through it with you there.", "pass",
         "Drop us a DM and we’ll work through it with you there."),  # curly apostrophe
        ("@1 Is there anything we can do to help? ^LM", "pass", "Is there anything we can do to help?"),
        # a reassurance that the matter is in hand
        ("@1 Leave it with me and I'll get this sorted today. - Jo", "pass",
         "Leave it with me and I'll get this sorted today."),
        ("@1 We'll pass your kind words on to the crew. ^PK", "pass", "We'll pass your kind words on to the crew."),
        ("@1 I've shared this with our network team, we will be in touch with you tomorrow.", "pass",
         "I've shared this with our network team, we will be in touch with you tomorrow."),
        # good wishes about the customer's time ahead
        ("@1 Hope you're enjoying the new flat!", "pass", "Hope you're enjoying the new flat!"),
        ("@1 We can't wait to welcome you aboard next month!", "pass",
         "We can't wait to welcome you aboard next month!"),
        # a valediction inside the last line, before initials
        ("@1 Please DM the details to talk this through. Kind Regards ^ab", "pass", "Kind Regards"),
        # a bare first name after the last sentence is the sign-off, not the ending
        ("@1 Which branch did you visit? Gemma", "fail", "Which branch did you visit?"),
        ("@1 Thanks for bearing with us. Marc", "pass", "Thanks for bearing with us."),
        # declining an offer is not thanking
        ("@1 No thank you, we have the form already. ^JK", "fail", "No thank you, we have the form already."),
        ("@1 Please DM us your postcode.", "fail", "Please DM us your postcode."),
        ("@1 What's the order number?", "fail", "What's the order number?"),
        # twcs: the same families in other words (and typos)
        ("@1 Please share your record locator via DMs and we can take look.", "pass",
         "Please share your record locator via DMs and we can take look."),
        ("@1 Hey Paul, please shoot me a DM, I´ll help you out! ^MH", "pass",
         "Hey Paul, please shoot me a DM, I´ll help you out!"),  # an acute accent for the apostrophe
        ("@1 Please share the details in our Community forum for further investigation: https://t.co/x", "pass",
         "Please share the details in our Community forum for further investigation:"),
        ("@1 Send us a DM if you have any questions, we'll sort it. *JW", "pass",
         "Send us a DM if you have any questions, we'll sort it."),
        ("@1 Check out this link: https://t.co/x Send us a DM if it doesn't help.", "pass",
         "Check out this link: https://t.co/x Send us a DM if it doesn't help."),  # no sentence break after a link
        ("@1 Thanks for reaching out! I see you sent a DM. I will respond to you there.", "pass",
         "I will respond to you there."),
        ("@1 We would love to have you back with us, Lina. *HCA", "pass", "We would love to have you back with us, Lina."),
        ("@1 Send us a DM if you want. ^K", "fail", "Send us a DM if you want."),
    ],
)
def test_closing_offers_reassurances_and_wishes(last, expected, quote):
    c = conv(("customer", "@brand help"), ("agent", "@1 Looking now."), ("agent", last), channel="social")
    outcome = run("closing", c)
    assert outcome.result == expected
    assert outcome.evidence[0].quote == quote


@pytest.mark.parametrize(
    "regex, text, matches",
    [
        ("re:we'll (?:help|look)", "we’ll look into it", True),
        ("re:we'll (?:help|look)", "we'll help", True),
        ("re:[\\w']+ thanks", "it’s thanks", False),  # inside a class the apostrophe is left as written
    ],
)
def test_regex_phrases_accept_curly_apostrophes(regex, text, matches):
    from smilebox.qa.phrases import phrase_pattern

    assert (phrase_pattern([regex]).search(text) is not None) is matches


# Reassurance, offer and good-wish families in more words (twcs quotes, holdout review).
@pytest.mark.parametrize(
    "last, expected, quote",
    [
        # reassurance: whoever acts, the matter is in hand
        ("@117052 Hello! We do not have access via this channel, our apologies! Someone from that team will get back to "
         "you soon.", "pass", "Someone from that team will get back to you soon."),
        ("@116410 Thank you for reaching out.  I will forward this feedback for you.--JV", "pass",
         "I will forward this feedback for you."),
        ("@117005 Thanks Will. Can you DM us your Nectar card number via the link please? We'll pop on a refund and feed "
         "this back. Lauren https://t.co/x", "pass", "We'll pop on a refund and feed this back."),
        ("@117119 Please use the link below to send us your name/ZIP/phone and I’ll call. ^kc https://t.co/x", "pass",
         "Please use the link below to send us your name/ZIP/phone and I’ll call."),
        ("@1 A member of our team will be in touch shortly through DM.", "pass",
         "A member of our team will be in touch shortly through DM."),
        ("@1 We will be sure to share your concerns with Leadership.", "pass",
         "We will be sure to share your concerns with Leadership."),
        # offers: "a tweet away", "would like to help", conditional doors, reporting back
        ("@115719 Awesome! If you ever need us we are just a tweet away.\n^HSB", "pass",
         "If you ever need us we are just a tweet away."),
        ("@116019 Can you DM the account name and complete service address? We would like to help.  -Dan", "pass",
         "We would like to help."),
        ("@117137 We'd like to get you to the right area, please DM us. https://t.co/x", "pass",
         "We'd like to get you to the right area, please DM us."),
        ("@115956 If you change you're mind please let us know. ^RR", "pass", "If you change you're mind please let us know."),
        ("@116354 Please let us know the results after the technician visits.   -Latitia", "pass",
         "Please let us know the results after the technician visits."),
        ("@116833 Click on the link to send us a DM as we value the chance to address your concern. ^HE", "pass",
         "Click on the link to send us a DM as we value the chance to address your concern."),
        # help given and taken; carrying on together
        ("@116018 We're glad we were able to help! ^JG", "pass", "We're glad we were able to help!"),
        ("@116649 We've just sent a DM your way. Let's carry on chatting there /AN", "pass", "Let's carry on chatting there"),
        ("@116940 Oh no! even with tapping the link? Let's try again! https://t.co/x *MikeVance", "pass", "Let's try again!"),
        ("@116008 For assistance please follow us and send us a Direct Message, we look forward to your reply.", "pass",
         "For assistance please follow us and send us a Direct Message, we look forward to your reply."),
        ("@115780 Hi Lauren, can you try changing your forum screen name at https://t.co/x? That should do the trick! "
         "^Madison", "pass", "That should do the trick!"),
        # good wishes: hoping to have you on your way, "Happy <Event>"
        ("@117180 Sorry to hear that. The airport is experiencing congestion. Hoping to have you on your way soon.  *ALA",
         "pass", "Hoping to have you on your way soon."),
        ("@116550 Yay! Happy Bay2Breakers. #iRunAlaska -Kimball", "pass", "Happy Bay2Breakers."),
        # twcs, Delta / AskPlayStation / Ask_WellsFargo / SpotifyCares / Argos / AmericanAir: a purpose of help (also in
        # Spanish), a door left open for the customer's need, a hand-off on their behalf, passing it on, doing one's best
        ("@115818 Glad to check. Pls, DM your confirmation number for assistance.  *QB", "pass",
         "Pls, DM your confirmation number for assistance."),
        ("@116218  Por favor siguenos para poder enviarte más instrucciones vía mensaje directo.", "pass",
         "Por favor siguenos para poder enviarte más instrucciones vía mensaje directo."),
        ("@116841 I suggest that you call 1-800-956-4442. You can get back to us if further review is needed. ^HE", "pass",
         "You can get back to us if further review is needed."),
        ("@115881 Hi Cade, I have sent an email to the Store Manager to look into this for you. -", "pass",
         "Hi Cade, I have sent an email to the Store Manager to look into this for you."),
        ("@116374 Hey Katie, thanks for the feedback! We’ll get this passed onto the right team 💚 /CG", "pass",
         "We’ll get this passed onto the right team"),
        ("@117222 Sorry for the long lines. Our Employees will do their best to get you moving as quickly as possible. ^SJ",
         "pass", "Our Employees will do their best to get you moving as quickly as possible."),
        # twcs, AppleSupport: a next step together, carried on in private
        ("@116861 Let's look into this further in DM. https://t.co/x", "pass", "Let's look into this further in DM."),
        # ... but a bare request for details stays a request, in any language
        ("@1 Por favor envíanos tu número de pedido.", "fail", "Por favor envíanos tu número de pedido."),
        # still requests: "if you could DM us", "if you get in touch", "Let's take a closer look ...:", "happy with"
        ("@1 It would also be helpful if you could DM us your booking reference.", "fail",
         "It would also be helpful if you could DM us your booking reference."),
        ("@1 It would be best if you get in touch with us by phone or chat.", "fail",
         "It would be best if you get in touch with us by phone or chat."),
        ("@1 Hmm.... Let's take a closer look into what's going on here: https://t.co/x ^ML", "fail",
         "Let's take a closer look into what's going on here:"),
        ("@1 We hope you're happy with the new plan? Which postcode is it for?", "fail", "Which postcode is it for?"),
    ],
)
def test_closing_reassurance_offer_and_wish_families(last, expected, quote):
    c = conv(("customer", "@brand help"), ("agent", "@1 Looking now."), ("agent", last), channel="social")
    outcome = run("closing", c)
    assert outcome.result == expected
    assert outcome.evidence[0].quote == quote
