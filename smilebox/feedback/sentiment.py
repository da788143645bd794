"""Polarity of feedback text: the project's language models when available, else VADER.

``smilebox.nlp.get_analyzer(models).sentiment(texts)`` returns ``{"label", "scores"}`` per text
(contract section 3). That package may be absent in a minimal install or not written yet; then VADER,
a lexicon model that needs no download, gives the same shape so classification never stops.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Sentiment = dict[str, Any]

#: VADER's documented cut-offs for its compound score.
VADER_POSITIVE = 0.05
VADER_NEGATIVE = -0.05


def _vader() -> Callable[[Sequence[str]], list[Sentiment]]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()

    def score(texts: Sequence[str]) -> list[Sentiment]:
        out = []
        for text in texts:
            s = analyzer.polarity_scores(text)
            label = "positive" if s["compound"] >= VADER_POSITIVE else "negative" if s["compound"] <= VADER_NEGATIVE else "neutral"
            out.append({"label": label, "scores": {"negative": s["neg"], "neutral": s["neu"], "positive": s["pos"]}})
        return out

    return score


def _project_analyzer(models: str):
    """The language-model analyzer, or None when ``smilebox.nlp`` is not importable in this install."""
    try:
        from smilebox.nlp import get_analyzer
    except ImportError as exc:  # ModuleNotFoundError included
        if exc.name in ("smilebox.nlp", "smilebox"):
            return None
        raise
    return get_analyzer(models)


@dataclass
class SentimentReader:
    """Reads the polarity of many texts in one call; ``model`` names what did the reading."""

    model: str
    _score: Callable[[Sequence[str]], list[Sentiment]]

    def __call__(self, texts: Sequence[str]) -> list[Sentiment]:
        if not texts:
            return []
        return list(self._score(list(texts)))


def sentiment_reader(models: str = "auto") -> SentimentReader:
    """``models="off"`` uses VADER; otherwise the project's analyzer when it can be imported."""
    if models != "off":
        analyzer = _project_analyzer(models)
        if analyzer is not None:
            return SentimentReader(f"smilebox.nlp:{type(analyzer).__name__}", analyzer.sentiment)
    return SentimentReader("vader", _vader())
