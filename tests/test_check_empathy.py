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
    ],
)
def test_empathy_commitment(reply, expected):
    c = conv(("customer", "This is ridiculous, I've been overcharged again!"), ("agent", reply))
    assert run("empathy", c).result == expected
