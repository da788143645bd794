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


@pytest.mark.parametrize(
    "replies, expected, quote",
    [
        # a policy stated as a flat no
        (["We don't give credits for outages."], "fail", "We don't give credits"),
        (["No, the last month is always billed in full."], "fail", "No, the last month is always"),
        (["No, prices are set by head office."], "fail", "No, prices are set by"),
        # an offer of *other* help is no alternative for the refused request
        (["Sorry, I can't help you with that. Is there anything else I can help you with today?"], "fail",
         "I can't help you with that"),
        (["Sorry, I can't help you with that.", "Is there anything else I can help you with today?"], "fail",
         "I can't help you with that"),
        (["Sorry, I can't help you with that. Let me know if you have any other questions."], "fail",
         "I can't help you with that"),
        # hand-offs that leave the customer nowhere
        (["Please see an agent at the check-in desk for assistance."], "fail", "Please see an agent"),
        (["Have you raised it with the store management?"], "fail", "raised it with the store"),
        (["Sadly we don't have information on that yet."], "fail", "we don't have information on that"),
        # a real alternative, in the same reply or in the next part of a split reply
        (["I can't waive the last month, but I can end service on the 14th so you only pay for the days used."],
         "pass", "I can't waive"),
        # twcs, Postmates_Help: the team that can act will come back to the customer itself
        (["Hello! We do not have access to Fleet Information via this channel, our apologies! Someone from that team "
          "will get back to you soon."], "pass", "We do not have access"),
        (["We do not have access to that information, sorry."], "fail", "We do not have access"),
        (["If you want a technician you need to contact our phone support. 1/2",
          "Use this form to reach them: https://example.test/form 2/2"], "pass", "you need to contact"),
    ],
)
def test_ownership_refusals_and_alternatives(replies, expected, quote):
    c = conv(("customer", "Can you waive the last month's bill?"), *[("agent", r) for r in replies], channel="chat")
    outcome = run("ownership", c)
    assert outcome.result == expected
    assert outcome.evidence[0].quote.startswith(quote)


@pytest.mark.parametrize(
    "customer, expected",
    [
        ("Big thanks to the lady at the returns desk who sorted my issue in two minutes. Brilliant service.", "na"),
        ("The pizza was still piping hot after a 40 minute drive home! Cheers, great job.", "na"),
        ("Sunset from the rooftop pool tonight", "na"),
        # complaints need not be phrased as requests
        ("the kettle stopped heating two days after the guarantee ran out", "pass"),
        ("the courier marked my parcel delivered without coming to the door", "pass"),
        ("I would like the opening hours of your Leeds branch. Thanks.", "pass"),
    ],
)
def test_ownership_applies_when_the_customer_reports_or_asks(customer, expected):
    c = conv(("customer", customer), ("agent", "@1 Thanks for letting us know! ^NA"), channel="social")
    assert run("ownership", c).result == expected


@pytest.mark.parametrize(
    "customer, replies, expected, quote",
    [
        # twcs, marksandspencer: a rule stated as the limit of what is owed, with nothing offered
        ("y do they charge you for a meat bag at colliers woods branch. Poor service.",
         ["@115749 We're only obligated to provide bags for un-packaged meat. As ours is prepackaged, a charge will be "
          "applied"], "fail", "We're only obligated to"),
        # twcs, ArgosHelpers: a hedged no, spelled without its apostrophe
        ("Are you able to help with the voucher codes from the Argos Home catalogue?",
         ["@116785 ok but i dont think there are any additional vouchers in this one, this year. Marc"], "fail",
         "i dont think there are any"),
        # twcs, GoDaddyHelp: a denial followed by a question asking for what the agent needs is no flat no
        ("I'd appreciate it if you wouldn't sell my personal info to other companies.",
         ["@116067 Hi, that's not something we do. If your domain is public, spammers have access to your contact "
          "info. What's the domain? ^KJ"], "pass", "that's not something we do"),
        # twcs, askpanera: but a question that is itself the hand-off leaves the customer nowhere
        ("you guys call this chicken?",
         ["@116252 We take food quality seriously - Have you had a chance to address with cafe management? They'd be "
          "happy to assist you further."], "fail", "address with cafe management"),
    ],
)
def test_ownership_policy_limits_and_questions(customer, replies, expected, quote):
    c = conv(("customer", customer), *[("agent", r) for r in replies], channel="social")
    outcome = run("ownership", c)
    assert outcome.result == expected
    assert outcome.evidence[0].quote.startswith(quote)


@pytest.mark.parametrize(
    "turns, expected",
    [
        # twcs, ATVIAssist / AirAsiaSupport: a chatty or bare opening, then a plea: the customer asks after all
        ([("customer", "Only three days left until #WWIIZombies arrive. Stay safe tonight."), ("customer", "@115766 Help"),
          ("agent", "@116228 Hi there! Please reach out to me at this link for assistance. ^TV https://t.co/x")], "pass"),
        ([("customer", "@AirAsiaSupport name correction my case number 494610"),
          ("agent", "@116720 Hi there, there is no payment transaction made on your booking number. -Jimy"),
          ("customer", "@AirAsiaSupport Pls check because my credit card got debited RM676.90. Please take it seriously."),
          ("agent", "@116720 Kindly DM us full name, email and flight details. - Ed")], "pass"),
        # after praise, a polite "please" is no request
        ([("customer", "Your crew on flight 88 were wonderful, thank you!"), ("agent", "@1 So glad to hear it! ^TL"),
          ("customer", "@brand Please pass my thanks on to them")], "na"),
        # a complaint typed with a curly apostrophe is still a complaint
        ([("customer", "@brand my parcel hasn’t arrived"),
          ("agent", "@1 Hey! We hear you. Rest assured, the courier has been chased /RH")], "pass"),
        ([("customer", "@brand my parcel has arrived"),
          ("agent", "@1 Hey! Enjoy it /RH")], "na"),
    ],
)
def test_ownership_later_pleas_and_curly_apostrophes(turns, expected):
    assert run("ownership", conv(*turns, channel="social")).result == expected


@pytest.mark.parametrize(
    "turns, expected",
    [
        # a question asked without a question mark, even wrapped in thanks (twcs nationalrailenq, XboxSupport, Delta)
        ([("customer", "@nationalrailenq hi all, what’s the score with Liverpool Lime Street on Sunday, is it open. Thanks."),
          ("agent", "@1 Where is it you are travelling from?"),
          ("customer", "@nationalrailenq That would help... Watford Junction 🙌🏻"),
          ("agent", "@1 These service appear to be running fine this coming Sunday")], "pass"),
        ([("customer", "@XboxSupport who would I message for backwards compatible game suggestions 2 great games"),
          ("agent", "@1 Thanks for reaching out! Casting your votes on https://t.co/x is the best way")], "pass"),
        # a request in another language (twcs AirAsiaSupport, AskPlayStation)
        ([("customer", "@AirAsiaSupport saya nak tukar flight sbb reschedule. booking #YIU8NM"),
          ("agent", "@1 Hi Ijan :) Yes sure, we has respond you via DM, see you there!-Anwar")], "pass"),
        ([("customer", "@116216 me pueden ayudar me robaronmi cuenta de psn"),
          ("agent", "@1 Lemantamos el inconveniente. Por favor revisa tus mensajes directos para asistencia.")], "pass"),
        # the agent meets a problem the customer's words do not name (twcs AmericanAir, eBay, Tesco)
        ([("customer", "@AmericanAir Exactly as seen on our flight.  #GetSomeRealPoliciesAndEnforceThem"),
          ("agent", "@1 We apologize for the inconvenience. Travelers submit their paperwork to us.")], "pass"),
        ([("customer", "2/2 @Tesco #Hindley cafe - 3 members of staff and I am served this.  #ThanksForNothing"),
          ("agent", "@1 Hi Rob, Oh my! I can see why this has bothered you. Can you please provide a name?")], "pass"),
        # ... but a refund template answering praise meets nothing (twcs TfL)
        ([("customer", "Hi @TfL please give the man who is giving updates on the Piccadilly line at Leicester square a pay "
                       "rise... he's make the whole platform smile with his hilarious  announcements @117046 #london"),
          ("agent", "@1 Hi, you'll need to log full details here https://t.co/x for an agent to check and refund you "
                    "accordingly. Sorry for the disruption to your journey. Thanks.")], "na"),
        # a problem already solved, told as praise (twcs CoxHelp)
        ([("customer", "@116021 Seems like my problem has been resolved, the technicians you sent were very capable"),
          ("agent", "@1 Okay great! If you have any further concerns please reach out to us. -Xavier")], "na"),
        # answering the agent's question asks for nothing (twcs Walmart)
        ([("customer", "Got to dress up at work. Thank you walmart lol"),
          ("agent", "@1 Impressive, the love symbol looks awesome! Did you draw that? -Sabi"),
          ("customer", "@Walmart No, a fellow associate did it for me.")], "na"),
    ],
)
def test_ownership_what_counts_as_asking(turns, expected):
    assert run("ownership", conv(*turns, channel="social")).result == expected


@pytest.mark.parametrize(
    "reply, expected",
    [
        # twcs ATVIAssist: what was asked for is gone, and nothing else is offered
        ("@1 Good afternoon William, unfortunately this app is no longer supported. Sincerest apologies. ^JP", "fail"),
        ("@1 That model is no longer sold, but the X200 replaces it: https://t.co/x", "pass"),
    ],
)
def test_ownership_no_longer_offered(reply, expected):
    c = conv(("customer", "Are yous going to update COD Zombies on IOS for IOS 11."), ("agent", reply), channel="social")
    assert run("ownership", c).result == expected


@pytest.mark.parametrize(
    "customer, reply, expected",
    [
        # twcs, AmericanAir / TMobileHelp: banter with a friendly face, answered in kind with no support process
        ("Heading to London tonight will be there for 5 days doing some exciting stuff:) get the drinks ready I coming "
         "aboard:) JB", "@115907 It's always a pleasure to have you on board, John. Have a wonderful flight over the pond!",
         "na"),
        ("#Thankenstein + #Contest @115911 Keeping it creepy!!!! :D https://t.co/x",
         "@116157 We love your contest entrees! 👍😄💗 #HappyHalloween *PatrickUllmann", "na"),
        # ... a reply that takes it up as a support case, or a strong feeling told, is a request after all
        ("Keeping it creepy!!!! :D my costume order never came though", "@1 Sorry! Please DM us your order number.",
         "pass"),
        ("Really disappointed with my boots - split after 2 months 😞 Exchanged with no fuss today 😁",
         "@117006 Great! Glad it's sorted for you.....👍🏻", "pass"),
    ],
)
def test_ownership_not_applicable_to_banter_answered_in_kind(customer, reply, expected):
    assert run("ownership", conv(("customer", customer), ("agent", reply), channel="social")).result == expected


@pytest.mark.parametrize(
    "customer, reply, expected",
    [
        # twcs, AppleSupport: the agent sets out to help with a problem the words barely name: a request after all
        ("if my words even mean a thing to you; I am an iPhone 7 owner and have updated to your latest software and now "
         "am having the most dropped calls in history",
         "@116105 We want to help. Send us a DM letting us know if you are updated to iOS 11.1 https://t.co/x", "pass"),
        # ... while praise answered with thanks asks for nothing
        ("The crew on my flight today were amazing, thank you!", "@1 We're glad to hear it! Thanks for flying with us.",
         "na"),
    ],
)
def test_ownership_applies_when_the_agent_sets_out_to_help(customer, reply, expected):
    assert run("ownership", conv(("customer", customer), ("agent", reply), channel="social")).result == expected
