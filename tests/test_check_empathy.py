"""connect.empathy and the cue detector: feelings met with acknowledgement and ownership."""

import pytest

from smilebox.qa.cues import detect_cues, lexicon_cues
from tests.qa_conversations import conv, run

SEED_REPLY = "I'm sorry to hear that you're frustrated. I'm here to get this solved for you."  # seeds/, product.md


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("I'm so frustrated, this is the third time I've asked!", ["frustration"]),
        ("This is unacceptable and I'm furious.", ["anger"]),
        ("Really disappointed with the service today.", ["disappointment"]),
        ("I'm worried my payment went to the wrong account.", ["worry"]),
        ("Still waiting for my refund after two weeks", ["frustration"]),
        # twcs customer tweets
        ("@AmazonHelp i reset my password 3 times and it still says incorrect you gotta be shitting me", ["anger", "frustration"]),
        ("So upset with ubereats! No one will get back to ME!!", ["disappointment", "frustration"]),
        ("I'm not angry, just confused about the bill.", []),
        ("No worries, take your time.", []),
        ("Don't worry about it, thanks!", []),
        ("My order hasn't arrived, can you check?", []),
        ("I was not disappointed at all, great job", []),
        ("Great, thanks :) see you (again) soon", []),  # a happy face, brackets in prose
        ("I haven't heard of that plan before, can you explain?", []),  # not waiting on anyone
        ("They said it was UPS. UPS says they never received the package", []),  # a carrier named twice: no shouting
        # complaint words, worsening and how long it has gone on; starred-out swearing; "???" like "!!!"
        ("look at my download speed. Been like this for past 30 min! https://t.co/x", ["frustration"]),
        ("I have and my battery life has become even worse", ["frustration"]),
        ("T-mobile data does not work in Nigeria? This is crazy, you need to be global.", ["frustration"]),
        ("since the update your system dosnt work by paypal. F*** it i'm taking taxis.", ["anger"]),
        ("your site tells me my account number must be 12 characters. Mine is 9. So???", ["frustration"]),
        ("Is the store open on Sunday??", []),  # two question marks still ask calmly
        # complaint idioms: can't stand, messed up, heard nothing back, inadequate, bricked
        ("We're going to need you to share the answers. I can’t stand this!", ["frustration"]),
        ("UR team messed up again lol", ["frustration"]),
        ("Does not appear that Comcast is too concerned. I’ve heard zero from Comcast!", ["frustration"]),
        ("this is an inadequate response to me telling you I had to throw away the entire order", ["frustration"]),
        ("There is literally no way to download the rest. You have basically bricked my console", ["frustration"]),
        ("I can stand in the queue, no problem", []),
        # the upside-down face of sarcasm; a wait told with decimals
        ("When your order came to be $30 after tax and tip but they charge you nearly $40. Neat 🙃", ["frustration"]),
        ("Nothing like waiting at the airport for 3.5 hours because the bag was not tagged", ["frustration"]),
        ("My flight leaves in 2.5 hrs, see you there", []),
        # the curly apostrophe phones type reads as the straight one
        ("um, I still haven’t received an email on how to unlock it...", ["frustration"]),
        ("It works now, and it's getting better every day", []),
    ],
)
def test_cue_lexicon(text, kinds):
    cues = lexicon_cues("m1", text)
    assert sorted({c.kind for c in cues}) == sorted(kinds)
    for cue in cues:
        assert text[cue.start : cue.end] == cue.quote


class FakeAnalyzer:
    """Stands in for smilebox.nlp: flags sentences containing 'meh' as disappointment, 'kind' as empathic."""

    kind = "model"

    def emotion(self, texts):
        return [{"negative_cue": "meh" in t, "cue_score": 0.66, "emotions": {"disappointment": 0.7, "anger": 0.1}}
                for t in texts]

    def empathy(self, texts):
        return [{"empathy": "kind" in t, "score": 0.9 if "kind" in t else 0.1} for t in texts]


def test_detect_cues_uses_the_analyzer_per_sentence():
    c = conv(("customer", "Ordered a lamp. The service was meh. Where is it?"), ("agent", "Hi"))
    assert detect_cues(c) == []
    cues = detect_cues(c, FakeAnalyzer())
    assert [(cue.kind, cue.quote, cue.score) for cue in cues] == [("disappointment", "The service was meh.", 0.66)]


@pytest.mark.parametrize(
    "channel, customer_text, reply, expected",
    [
        ("email", "I'm really frustrated, I was charged twice!", SEED_REPLY, "pass"),
        ("chat", "This is ridiculous, third time asking.", "I can imagine how annoying that is. Let me fix it now.", "pass"),
        # twcs, Delta: acknowledgement and a next step
        ("social", "@delta extremely disappointed in your service at SFO.",
         "@116451 I hear the frustration. If you care to share details, please follow and DM details. *AFC", "pass"),
        # twcs, AmazonHelp
        ("social", "Way to drop the ball on customer service @115821 so pissed right now!",
         "@115820 I'm sorry we've let you down! Will you describe the issue? We'd love to help. ^TN", "pass"),
        ("phone", "Seriously?? This is ridiculous. Three outages in a month.",
         "I can hear how disappointed you are, and you have every right to be. I'll take it from here.", "pass"),
        # twcs, Uber_Support: straight to business
        ("social", "So upset with ubereats! No one will get back to ME!!",
         "@116581 Here to help. Send us a note at https://t.co/xRfusvlJhN so our team can connect.", "fail"),
        ("email", "I'm worried my account was hacked.", "Please reset your password from the app.", "fail"),
        ("chat", "I'm so angry about this.", "Sorry about that.", "fail"),
        # twcs, SouthwestAir / TMobileHelp: "we know how frustrating", the experience named, a DM invitation in other words
        ("social", "any updates on flight 6353 from DEN to BOS? Four hours is a bit much 😩",
         "@117174 We know how frustrating delays can be, Danielle. Flight #6353 is set to depart at 8 p.m. We're working "
         "hard to have you on your way soon ^MS", "pass"),
        ("social", "needs to ship phones in inconspicuous boxes so they don't get stolen along the way!!!!",
         "@1 Adrianne, that's definitely a crazy situation and we want to do everything we can to help. Send us a DM!",
         "pass"),
        ("social", "Wow. You just allowed someone to steal my phone number!",
         "@116940 Oh wow! That's no good at all! Shoot me a DM, I'm your savior! *DannyHarvey", "pass"),
        # ... but a DM invitation alone is no acknowledgement
        ("social", "Wow. You just allowed someone to steal my phone number!", "@1 Shoot me a DM. *Danny", "fail"),
    ],
)
def test_empathy(channel, customer_text, reply, expected):
    c = conv(("customer", customer_text), ("agent", reply), channel=channel)
    outcome = run("empathy", c)
    assert outcome.result == expected
    assert outcome.evidence[0].message_id == "m1"  # the cue
    assert outcome.evidence[1].message_id == "m2"  # the reply judged


def test_empathy_judges_the_next_reply_after_the_cue():
    c = conv(("customer", "Where is my order?"), ("agent", "Checking."), ("customer", "This is ridiculous, I'm fed up."),
             ("agent", SEED_REPLY))
    outcome = run("empathy", c)
    assert outcome.result == "pass"
    assert [e.message_id for e in outcome.evidence] == ["m3", "m4", "m4"]


@pytest.mark.parametrize(
    "turns",
    [
        [("customer", "Hi, can you update my address?"), ("agent", "Done!")],
        [("agent", "Hello"), ("customer", "This is ridiculous!")],  # no reply after the cue
    ],
)
def test_empathy_not_applicable(turns):
    assert run("empathy", conv(*turns)).result == "na"


def test_empathy_model_counts_as_acknowledgement():
    c = conv(("customer", "I'm fed up with this."), ("agent", "That was not kind of us. I'll fix it today."))
    assert run("empathy", c).result == "fail"
    assert run("empathy", c, analyzer=FakeAnalyzer()).result == "pass"


@pytest.mark.parametrize(
    "text, kinds",
    [
        # complaint words, swearing and accusations the guide lists as cues
        ("Third agent today who told me something different. Not cool", ["frustration"]),
        ("The checkout page is glitchy on every phone I try", ["frustration"]),
        ("You lied to me about the price for life deal", ["anger"]),
        ("The search page is broken once again.", ["frustration"]),
        ("Now I have to go to the branch and complain", ["frustration"]),
        ("I'm thinking of leaving for another carrier", ["frustration"]),
        # faces and shouting
        ("the voucher code got rejected at the till 😤", ["anger"]),
        ("ALL OF YOUR NETWORK IS DOWN, when is the fix", ["anger"]),
        ("My card was NEVER charged but you cancelled my order", ["frustration"]),
        # not cues: politeness, joy, surprise, a calm decision
        ("I didn't keep the box I'm afraid, it was a gift", []),
        ("THANK YOU!!! YOU ARE THE BEST!!!", []),
        ("Is there parking at the venue ?!", []),
        ("How do I cancel? I'm switching providers.", []),
    ],
)
def test_cue_lexicon_classes(text, kinds):
    cues = lexicon_cues("m1", text)
    assert sorted({c.kind for c in cues}) == sorted(kinds)
    for cue in cues:
        assert text[cue.start : cue.end] == cue.quote


@pytest.mark.parametrize(
    "reply, expected",
    [
        # a question back for the details needed is a step towards helping
        ("I apologise for the mix-up. Which part of the offer were you told differently?", "pass"),
        ("Oh no, sorry to hear that. Are you seeing an error code?", "pass"),
        ("Sorry to hear it. Our engineers are working on it and it should be back within the hour.", "pass"),
        # "as far as I can see" and "we could not" commit to nothing
        ("I'm sorry to hear this. As far as I can see the train ran to schedule.", "fail"),
        ("We are terribly sorry but we could not offer any options.", "fail"),
        # twcs: the bad experience named plainly, then a step
        ("Oh wow! That's no good at all! I appreciate you reaching out! Shoot me a DM and I'll sort it.", "pass"),
        ("Oh wow! Shoot me a DM and I'll sort it.", "fail"),
        ("Ouch! Send us a DM and we'll chat about your options.", "pass"),
        ("I'm sorry to see that you feel this way and I'm happy to help. Can you DM us?", "pass"),
    ],
)
def test_empathy_commitment(reply, expected):
    c = conv(("customer", "This is ridiculous, I've been overcharged again!"), ("agent", reply))
    assert run("empathy", c).result == expected


@pytest.mark.parametrize(
    "text, kind, quote",
    [
        # twcs: hashtags whose words run together
        ("2/2 @Tesco #Hindley cafe - 3 members of staff and I am served this.  #ThanksForNothing", "frustration",
         "#ThanksForNothing"),
        ("the delay is due to a vomit clean up... #ohgreat #alaskaairlines #tmi #ignoranceisbliss \n#gross", "frustration",
         "#ohgreat"),
        ("why are Nena's releases between 2002 and 2012 all missing? #sadness #emptyplaylist", "frustration", "#sadness"),
        ("Exactly as seen on our flight.  #GetSomeRealPoliciesAndEnforceThem", "frustration",
         "#GetSomeRealPoliciesAndEnforceThem"),
        ("OMG Never had WORSE Customer Service than @116827 \n#EpicFail", "frustration", "#EpicFail"),
        # sarcasm
        ("you do a great job empowering your employees, oh wait, you don’t. Never coming back.", "frustration",
         "oh wait, you don’t"),
        ("Too bad they sent drink coupons to an almost 4 year sober former alcoholic.", "disappointment", "Too bad"),
        ("So much for the 2 day delivery", "disappointment", "So much for"),
        ("@116253 you guys call this chicken?", "frustration", "you guys call this"),
        ("why not try illustrating call backs to current customers.", "frustration", "why not try"),
        # slang and exasperation
        ("your reps are super nice— but imma start trippin if y’all don’t get my service going!", "frustration",
         "start trippin"),
        ("how the stinker does this route make any sense? Dasher drove right by my house.", "frustration", "the stinker"),
        ("My picture pretty much every day. Why should I pay $171 per month?", "frustration", "Why should I pay"),
        ("Your contact website isn’t working. It kept telling me to enter my street address", "frustration", "kept telling"),
        ("Trying to order bonded DSL but getting conflicting answers from customer support. Help!!", "frustration",
         "conflicting answers"),
        ("help website crashed and don’t know if flights booked or not. Can’t get thru on phone!", "frustration",
         "Can’t get thru"),
        ("Don’t seem like u guy want me back", "frustration", "Don’t seem like u guy want"),
        ("Rapidly losing faith in @115821 and their CS ability to solve problems.", "frustration", "losing faith"),
        ("I don't recommend upgrading to the Fall Creators update.", "disappointment", "don't recommend"),
        ("my redeem code DOSENT work 😭", "disappointment", "😭"),
        ("Look what @AmericanAir did to my bag.", "frustration", "Look what @AmericanAir did to"),
        # "?!" with a word of a problem; "!!!" with one is no joy, even after "wow"
        ("how are you going to charge me and THEN tell me you can’t deliver my luggage?!", "frustration", "?!"),
        ("wow when you want to watch the world series and @115900  decides to have an outage!!!!", "frustration", "!!!!"),
        # waiting on a reply that never came, a sad face typed as text, exasperation and worry in few letters
        ("Please check on this I haven't heard from my case officer in weeks and provided all docs.", "frustration",
         "haven't heard from my case officer in weeks"),
        ("I sent copy of passport about a week ago, but you still remain silent.", "frustration", "remain silent"),
        ("I have been without internet for two days and y'all gonna tell me to wait", "frustration",
         "without internet for"),
        ("My iPhone erased my emails twice in the past 24 hours. Wth???", "frustration", "Wth"),
        ("I had to end my trip way sooner than expected. :( What do I need to do to cancel?", "disappointment", ":("),
        ("its a bit concerning", "worry", "concerning"),
        ("I had a horrifying experience with the driver", "anger", "horrifying"),
        ('maybe don\'t ask people to pay $8 for "launch day arrival" if you\'re not going to ship it', "frustration",
         "maybe don't ask"),
        ("Absolute JOKE that the app logs me out every day", "frustration", "Absolute JOKE"),
        ("Worse experience 0 customer service. 3 years of this?", "frustration", "Worse experience"),
        ("fix your app it won't even open", "frustration", "won't even open"),
        ("Someone used my card in Paris 😓", "worry", "😓"),
    ],
)
def test_cue_sarcasm_hashtags_and_slang(text, kind, quote):
    cues = lexicon_cues("m1", text)
    found = [c for c in cues if c.kind == kind]
    assert [c.quote for c in found] == [quote]
    assert text[found[0].start : found[0].end] == quote


@pytest.mark.parametrize(
    "text",
    [
        "@GWRHelp Thank you so much for getting back to me - ange",  # gratitude, not "so much for"
        "Thanks so much for the quick reply!",
        # happy "can't believe"
        "Can't believe I am about to leave the @Kimpton #palomarDC had a wonderful time here",
        "my ps4 software is stuck on 5.00 but i can still play online",  # a version, not a stranded traveller
        "I didn’t keep the box I’m afraid",  # polite, with a curly apostrophe
        "Is there parking at the venue ?!",  # surprise: no word of a problem
        "Outage issue solved; #CSIssue not #CSFail",  # a negated hashtag
        "it keeps telling me I’ve been temporary locked out",  # a plain report of the symptom
    ],
)
def test_cue_not_sarcasm(text):
    assert lexicon_cues("m1", text) == []


@pytest.mark.parametrize(
    "customer_text, reply, expected, ack, commit",
    [
        # twcs replies that acknowledge in other words than a stock apology
        ("Fuck Wells Fargo 😒",
         "@116838 I saw your tweet and you appear to be frustrated, Samira. Please tell me what happened to cause you to "
         "feel this way (no account number). ^NC", "pass", "you appear to be frustrated", "Please tell"),
        ("Kid off at university is heartbroken.",
         "@117219 We're concerned to read your message, Ethan. Can you DM us a bit more information about your query? 1/2",
         "pass", "concerned to read", "Can you DM us a bit more information about your query?"),
        ("call centre has the worst customer serivce ever. Mum is not happy!",
         "@116134 We're disappointed to hear this Stephen. Is there something you would like our assistance with? ^Kit",
         "pass", "disappointed to hear", "Is there something you would like our assistance with?"),
        ("So much for the huge delays back to Chicago. #thanksnothanks",
         "@116821 We never like to hear you're disappointed, Alison. Feel free to reach back out once you complete "
         "travel, so we can follow-up with you regarding your experience.", "pass", "never like to hear", "we can"),
        ("Next day turnaround on an outage issue? #CSFail",
         "@116019 Hello, this does not sound good.  Can you DM the account name and complete service address?",
         "pass", "this does not sound good", "Can you DM the account name and complete service address?"),
        ("the zipper was broken off on my return flight #notcool",
         "@117166 That's not good. Please return to the airport and file a Damaged Bag Report. *AMC",
         "pass", "That's not good", "Please return"),
        ("Nothing works except Twitter #toobadforyouandme",
         "@115884 Oh, no! Please speak to a member of the flt crew for immediate assistance. *AAB",
         "pass", "Oh, no", "Please speak"),
        # a question that commits to helping; a reply in DM; a referral
        ("So @116021 is back fucking me again with my BUSINESS plan internet. I don't recommend.",
         "@116020 I don't want you to feel this way. What's going on? -Colleen", "pass",
         "I don't want you", "What's going on?"),
        ("are complaints taken seriously? Or just pay it lip service???",
         "@116114 Hi there, I've replied to your DM about this. Apologies - Josh", "pass", "Apologies",
         "I've replied"),
        ("how are you going to charge me and THEN tell me you can’t deliver my luggage?!",
         "@116469 Hi Kelli. I truly regret the frustration we've caused you. Please contact our Baggage Service Center "
         "at 800-325-8224.", "pass", "regret", "Please contact"),
        ("Give me and the 50,000 other people our bags @AmericanAir! #travelwoes",
         "@116570 We're sorry for the extended travel time today, Ally. Our team is working hard to reunite you with "
         "your bags.", "pass", "sorry", "Our team is working"),
        ("@Delta Your contact website isn’t working. It kept telling me to enter my street address!",
         "@116883 My apologies, Wendy. You may call Reservations at one of the worldwide locations listed here", "pass",
         "apologies", "You may call"),
        # an apology, then a justification: no step towards helping
        ("delay is due to a vomit clean up... #ohgreat #gross",
         "@116954 Sorry for the delay, Crystal. But I'm glad our team is making sure everything is clean and good to go "
         "for you! -Sara", "fail", "Sorry", None),
    ],
)
def test_empathy_acknowledgement_in_other_words(customer_text, reply, expected, ack, commit):
    c = conv(("customer", customer_text), ("agent", reply), channel="social")
    outcome = run("empathy", c)
    assert outcome.result == expected
    assert outcome.evidence[1].message_id == "m2"
    assert outcome.evidence[1].quote == ack
    if commit is not None:
        assert outcome.evidence[2].quote == commit


def test_empathy_judges_the_first_cue_with_a_reply_in_its_own_words():
    # twcs 3147: "Too bad" in the first tweet is the cue, so the first reply is judged, not the one after "Never flying"
    c = conv(("customer", "It looks like @SouthwestAir is trying to make up to me. Too bad they sent drink coupons to an "
                          "almost 4 year sober former alcoholic."),
             ("agent", "@116433 Sorry to disappoint, Ben. You can pay it forward and leave one behind. ^MA"),
             ("customer", "@SouthwestAir Not after you screwed me over last time. Never flying Southwest again."),
             ("agent", "@116433 We're saddened to hear that, Ben. Feel free to DM us your RR acct #. ^MA"),
             channel="social")
    outcome = run("empathy", c)
    assert outcome.result == "pass"
    assert [(e.message_id, e.quote) for e in outcome.evidence] == [("m1", "Too bad"), ("m2", "Sorry"),
                                                                   ("m2", "You can")]
