"""The lexicon fallback (VADER + readable word lists): outputs, shapes, negation, exclusions."""

from __future__ import annotations

import pytest

from smilebox.nlp.lexicon import LexiconAnalyzer, saturate

lexicon = LexiconAnalyzer()


@pytest.mark.parametrize(
    "text, label",
    [
        ("Thank you, the crew was wonderful!", "positive"),
        ("Worst flight ever, I hate this airline", "negative"),
        ("My booking reference is ABC123", "neutral"),
    ],
)
def test_sentiment_follows_vader_compound(text, label):
    [result] = lexicon.sentiment([text])
    assert result["label"] == label
    assert set(result["scores"]) == {"negative", "neutral", "positive"}


@pytest.mark.parametrize(
    "text, emotion",
    [
        ("I am absolutely furious", "anger"),
        ("So frustrating, still waiting for my refund", "annoyance"),
        ("Really disappointed with the quality", "disappointment"),
        ("I'm worried someone has hacked my account", "fear"),
        ("Thanks so much for your help", "gratitude"),
        ("I'm so happy with my new phone", "joy"),
    ],
)
def test_emotion_words_raise_their_emotion(text, emotion):
    [result] = lexicon.emotion([text])
    assert result["emotions"][emotion] == saturate(1) or result["emotions"][emotion] > saturate(1)
    others = {k: v for k, v in result["emotions"].items() if k != emotion}
    assert result["emotions"][emotion] > max(others.values())


@pytest.mark.parametrize(
    "text, cue",
    [
        ("I'm not happy at all with this", True),  # a negated positive word reads as disappointment
        ("This is disgusting, the order was wrong", True),  # words of the wider negative group
        ("Thanks, that fixed it", False),
        ("Please send the invoice to my office address", False),
    ],
)
def test_negative_cue(text, cue):
    [result] = lexicon.emotion([text])
    assert result["negative_cue"] is cue
    assert (result["cue_score"] >= 0.5) is cue


@pytest.mark.parametrize(
    "text, empathic",
    [
        ("I'm so sorry to hear your parcel arrived damaged.", True),
        ("I completely understand how frustrating this must be.", True),
        ("That must be so stressful for you.", True),
        ("I'd be upset too if that happened to me.", True),
        ("Sorry for the late reply, your refund was issued.", False),
        ("Your refund was issued on Monday.", False),
        ("I understand the policy, but I want a refund.", False),
    ],
)
def test_empathy_patterns(text, empathic):
    [result] = lexicon.empathy([text])
    assert result["empathy"] is empathic


def test_saturation_grows_with_evidence_and_stays_below_one():
    values = [saturate(n) for n in range(6)]
    assert values[0] == 0.0 and values == sorted(values) and values[-1] < 1.0


def test_lexicon_kind():
    assert lexicon.kind == "lexicon"
