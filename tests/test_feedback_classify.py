"""Classification from rating and text together (VADER reader, so no model is needed)."""

import pytest

from smilebox.feedback.classify import classify, clauses, complaint_cues, praise_cues, read_text
from smilebox.feedback.scales import normalise
from smilebox.feedback.sentiment import sentiment_reader

READER = sentiment_reader("off")
CRITICAL_TWEET = "Prior to helping others improve their customer service, you might first want to improve yours."
DERRICK = ("Derrick was very helpful and polite. I used his services twice today. I only wish he worked at my bank, "
           "my cable company and could handle all my communications with my ex-wife. haha.")


def _classify(comment, raw=None, scale=None, kind="customer"):
    pieces = clauses(comment or "")
    return classify(normalise(raw, scale), read_text(pieces, READER(pieces)), kind)


@pytest.mark.parametrize("comment, raw, scale, label", [
    ("Thanks to Juan for OWNING THE CUSTOMERS and helping them solve issues — always!", None, None, "smile"),
    (DERRICK, None, None, "smile"),
    (CRITICAL_TWEET, None, None, "opportunity"),
    ("Juan was great but it took three weeks to get my refund.", 5, "csat5", "mixed"),
    ("Lovely agent, however nobody called me back.", 5, "csat5", "mixed"),
    ("Great service, thank you!", 5, "csat5", "smile"),
    ("", 5, "csat5", "smile"),
    ("", "bad", "goodbad", "opportunity"),
    ("Thanks!", 1, "csat5", "opportunity"),
    ("Juan was kind and patient with me today", 1, "csat5", "mixed"),
    ("The agent was rude and the problem is still not fixed.", None, None, "opportunity"),
    ("I was charged twice for my order.", None, None, "opportunity"),
    ("Order arrived on Tuesday.", None, None, "neutral"),
    ("", None, None, "neutral"),
    ("", "okay", "helpscout", "neutral"),
    ("Sorted, thanks a lot for the quick help", 3, "csat5", "smile"),
    ("You could do better.", 4, "csat5", "mixed"),
])
def test_rating_and_text_together(comment, raw, scale, label):
    assert _classify(comment, raw, scale).label == label


def test_colleague_notes_are_smiles():
    result = _classify("Thanks for covering my shift, it was a terrible day", kind="colleague")
    assert result.label == "smile"
    assert result.reason == "a colleague's thank-you note"


def test_reason_names_the_rating_and_the_cue():
    result = _classify("Juan was great but it took three weeks to get my refund.", 5, "csat5")
    assert result.reason == "positive rating (csat5 1.00); mixed text (slow: 'took three weeks')"


@pytest.mark.parametrize("text, kinds", [
    (CRITICAL_TWEET, ["should-improve"]),
    ("I have never been disappointed by you", []),
    ("Very disappointed.", ["upset"]),
    ("Still waiting for a reply, no one answers.", ["unresolved", "no-response"]),
])
def test_complaint_cues(text, kinds):
    assert [c.kind for c in complaint_cues(text)] == kinds


@pytest.mark.parametrize("text, kinds", [
    ("Fast and friendly, no complaints.", ["no-complaints"]),
    ("Not bad at all, quick fix.", ["not-bad"]),
    ("Couldn't be happier with the service", ["could-not-be-better"]),
    ("Tom went above and beyond for us.", ["above-and-beyond"]),
    ("Maria sorted it in five minutes.", ["quick-fix"]),
    ("No problem was too much for Priya", ["no-trouble"]),
    ("Never had a problem. Would recommend to anyone.", ["no-complaints", "recommend"]),
    ("I'm not techy at all and never felt stupid.", ["never-felt"]),
    ("Everything is working the way I want now.", ["working-now"]),
    ("Shoutout to @AcmeHomeHelp and Nick for getting us back online", ["shout-out"]),
    ("The problem was not fixed", []),
    ("Nothing is working and I never had this problem before", []),
    ("It was bad. Not good at all.", []),
])
def test_praise_cues(text, kinds):
    assert [c.kind for c in praise_cues(text)] == kinds


@pytest.mark.parametrize("comment, raw, label", [
    ("Fast and friendly, no complaints.", 5, "smile"),
    ("Not bad at all, quick fix.", 4, "smile"),
    ("Maria sorted it in five minutes. Brilliant.", 5, "smile"),
    ("No complaints about Juan, but nobody called me back.", 5, "mixed"),  # a complaint cue still wins its clause
    ("I had no complaints until they charged me twice.", 2, "opportunity"),
])
def test_praise_cues_keep_negated_praise_a_smile(comment, raw, label):
    assert _classify(comment, raw, "csat5").label == label


def test_clauses_split_sentences_and_contrasts():
    assert clauses("Juan was great, but the app crashed. Fix it!") == ["Juan was great", "the app crashed.", "Fix it!"]


def test_agreement_with_human_polarity_on_airline_tweets(shared_data):
    """Text-only classes vs the Crowdflower airline tweets' labels; mixed opens a case, so it counts for negatives."""
    import csv

    rows = list(csv.DictReader(open(shared_data / "airline_tweets" / "tweets.csv", encoding="utf-8")))
    negatives = hits = agree = 0
    for row in rows:
        label = _classify(row["text"]).label
        gold = row["airline_sentiment"]
        agree += (gold, label) in {("positive", "smile"), ("negative", "opportunity"), ("negative", "mixed"), ("neutral", "neutral")}
        if gold == "negative":
            negatives += 1
            hits += label in ("opportunity", "mixed")
    assert agree / len(rows) >= 0.57  # measured 0.590 with VADER (models="off")
    assert hits / negatives >= 0.57  # measured 0.60: share of bad feedback that opens a case
