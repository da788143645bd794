"""Accuracy of the language models beside VADER and TextBlob on the same held-out data.

* Feedback sentiment: the airline tweets' seeded 20 % test split (never used in training or tuning).
* Negative emotion cue and the seven emotions: GoEmotions dev (training used train only).
* Empathy: EPITOME responses, empathic when rated >= 1 for emotional reactions or interpretations;
  evaluation only (its licence forbids training on it). VADER and TextBlob have no empathy notion.

Baselines use their documented conventions: VADER compound >= 0.05 positive, <= -0.05 negative;
TextBlob polarity > 0 positive, < 0 negative, else neutral. For the cue, "negative" means a cue.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path

from smilebox.nlp import datasets

REPRODUCE = "smilebox eval --data ../shared/data --only nlp_eval"
Labeller = Callable[[Sequence[str]], list[str]]


def run(data_dir: Path) -> str | None:
    systems = _systems()
    parts = [
        "## Language models (sentiment, emotion cues, empathy)\n",
        f"Reproduce with `{REPRODUCE}`. Our heads are retrained with "
        "`python tools/train_heads.py --data ../shared/data` (hashes, parameters and metrics in "
        "`smilebox/nlp/weights/BACKEND/*.json`). Every embedding backend with trained heads is measured; "
        "the first is the default.\n",
    ]
    sections = [_sentiment(data_dir, systems), _cue(data_dir, systems), _dissatisfaction(data_dir, systems),
                _empathy(data_dir, systems)]
    found = [s for s in sections if s]
    if not found:
        return None
    if not any(key.startswith("model:") for key in systems):
        parts.append("_The model extra is not installed here: only the lexicon fallback and the baselines ran._\n")
    return "\n".join(parts + found)


def _systems() -> dict[str, object]:
    """``model:BACKEND`` for every backend whose extra and heads are installed (default first), then ``lexicon``."""
    from smilebox.nlp import default_backend, get_analyzer, model_missing
    from smilebox.nlp.backends import BACKENDS

    default = default_backend()
    found: dict[str, object] = {}
    for backend in sorted(BACKENDS, key=lambda name: name != default):
        if model_missing(backend) is None:
            found[f"model:{backend}"] = get_analyzer("on", backend)
    found["lexicon"] = get_analyzer("off", default)
    return found


def _label(key: str, model_note: str = " + head") -> str:
    """How a system is named in the tables."""
    if key.startswith("model:"):
        return f"Smilebox model ({key.removeprefix('model:')}{model_note})"
    return "Smilebox lexicon fallback"


# --- baselines ------------------------------------------------------------------------------
def _vader_labels(texts: Sequence[str]) -> list[str]:
    from smilebox.nlp.lexicon import LexiconAnalyzer

    return [r["label"] for r in LexiconAnalyzer().sentiment(texts)]


def _vader_compound(texts: Sequence[str]) -> list[float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    return [vader.polarity_scores(t)["compound"] for t in texts]


def _textblob_polarity(texts: Sequence[str]) -> list[float] | None:
    if importlib.util.find_spec("textblob") is None:
        return None
    from textblob import TextBlob

    return [TextBlob(text).sentiment.polarity for text in texts]


def _textblob_labels(texts: Sequence[str]) -> list[str] | None:
    polarity = _textblob_polarity(texts)
    if polarity is None:
        return None
    return ["positive" if x > 0 else "negative" if x < 0 else "neutral" for x in polarity]


# --- metrics ---------------------------------------------------------------------------------
def accuracy(gold: Sequence, predicted: Sequence) -> float:
    return sum(g == p for g, p in zip(gold, predicted)) / max(len(gold), 1)


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    return sum(prf([g == lab for g in gold], [p == lab for p in predicted])[2] for lab in labels) / len(labels)


def prf(gold: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, predicted))
    fp = sum(p and not g for g, p in zip(gold, predicted))
    fn = sum(g and not p for g, p in zip(gold, predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def auc(gold: Sequence[bool], scores: Sequence[float]) -> float:
    """Area under the ROC curve (Mann-Whitney, ties count half): threshold-free ranking quality."""
    import numpy as np

    values = np.asarray(scores, dtype=float)
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    ranks = (np.cumsum(counts) - (counts - 1) / 2.0)[inverse]  # average rank of ties, 1-based
    pos = np.asarray(gold, dtype=bool)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _baseline_rows(gold: Sequence[bool], texts: Sequence[str], vader: str, textblob: str) -> list[str]:
    """Rows for VADER and TextBlob as negative detectors: F1, precision, recall and ROC AUC."""
    rows = [_detector_row(vader, gold, [lab == "negative" for lab in _vader_labels(texts)],
                          [-c for c in _vader_compound(texts)])]
    blob = _textblob_polarity(texts)
    if blob is None:
        rows.append(_row(textblob.split(" ")[0], "not installed", "", "", ""))
    else:
        rows.append(_detector_row(textblob, gold, [x < 0 for x in blob], [-x for x in blob]))
    return rows


def _row(name: str, *cells: float | str) -> str:
    return "| " + " | ".join([name, *(c if isinstance(c, str) else f"{c:.3f}" for c in cells)]) + " |"


def _detector_row(name: str, gold: Sequence[bool], yes: Sequence[bool], scores: Sequence[float] | float,
                  *before: str) -> str:
    """One yes/no detector's row: ``before`` cells, then F1, precision, recall and ROC AUC (``scores`` may be
    the AUC itself when there are no scores to rank, as for the base rate)."""
    p, r, f = prf(gold, yes)
    return _row(name, *before, f, p, r, scores if isinstance(scores, float) else auc(gold, scores))


# --- sections --------------------------------------------------------------------------------
def _sentiment(data_dir: Path, systems: dict) -> str | None:
    try:
        data = datasets.airline_tweets(data_dir)
    except FileNotFoundError:
        return None
    _, test = datasets.airline_split(data)
    texts, gold = [data.texts[i] for i in test], [data.labels[i] for i in test]
    text = (
        f"### Feedback sentiment: airline tweets, held-out test split ({len(test)} tweets, seed "
        f"{datasets.AIRLINE_SPLIT_SEED})\n\n" + _sentiment_table(texts, gold, systems) + "\n"
    )
    try:
        other = datasets.goemotions_sentiment(data_dir, "dev")
    except FileNotFoundError:
        return text
    return text + (
        f"\n### Sentiment away from airlines: GoEmotions dev, one polarity per comment ({len(other.texts)} "
        "Reddit comments)\n\nThe head saw airline tweets and a lightly weighted share of GoEmotions *train*; "
        "this split was never fitted. Labels are the data set's own `sentiment_group` regrouping.\n\n"
        + _sentiment_table(other.texts, other.labels, systems)
        + "\n"
    )


def _sentiment_table(texts: Sequence[str], gold: Sequence[str], systems: dict) -> str:
    rows = ["| system | accuracy | macro F1 |", "|---|---|---|"]
    candidates: dict[str, list[str] | None] = {}
    for key, analyzer in systems.items():
        if key.startswith("model:"):
            candidates[_label(key)] = [r["label"] for r in analyzer.sentiment(texts)]
    candidates["VADER (= Smilebox lexicon fallback)"] = _vader_labels(texts)
    candidates["TextBlob"] = _textblob_labels(texts)
    for name, predicted in candidates.items():
        if predicted is None:
            rows.append(_row(name, "not installed", "not installed"))
        else:
            rows.append(_row(name, accuracy(gold, predicted), macro_f1(gold, predicted, datasets.SENTIMENT_LABELS)))
    return "\n".join(rows)


def _cue(data_dir: Path, systems: dict) -> str | None:
    try:
        dev = datasets.goemotions(data_dir, "dev")
    except FileNotFoundError:
        return None
    gold = [datasets.negative_cue(s) for s in dev.labels]
    rows = ["| system | F1 | precision | recall | ROC AUC |", "|---|---|---|---|---|"]
    results = {name: a.emotion(dev.texts) for name, a in systems.items()}
    for name, out in results.items():
        rows.append(_detector_row(_label(name), gold, [o["negative_cue"] for o in out], [o["cue_score"] for o in out]))
    rows += _baseline_rows(gold, dev.texts, "VADER (compound <= -0.05)", "TextBlob (polarity < 0)")
    cue_def = ", ".join(datasets.NEGATIVE_CUE_EMOTIONS)
    text = (
        f"### Negative emotion cue: GoEmotions dev ({len(gold)} comments, {sum(gold)} with a cue)\n\n"
        f"A comment has a cue when a rater gave it any of: {cue_def}.\n\n" + "\n".join(rows) + "\n"
    )
    return text + _per_emotion(dev, results)


def _per_emotion(dev, results: dict) -> str:
    names = [n for n in results]
    rows = ["| emotion | positives | " + " | ".join(f"{n.removeprefix('model:')} F1" for n in names) + " |",
            "|---|---|" + "---|" * len(names)]
    for emotion in datasets.EMOTIONS:
        gold = [emotion in s for s in dev.labels]
        cells = [prf(gold, [o["emotions"][emotion] >= 0.5 for o in results[n]])[2] for n in names]
        rows.append(_row(emotion, str(sum(gold)), *cells))
    return "\nPer emotion (GoEmotions dev):\n\n" + "\n".join(rows) + "\n"


def _dissatisfaction(data_dir: Path, systems: dict) -> str | None:
    """Transfer to task dialogues: do the cue and the negative polarity find turns where the user was unhappy?"""
    try:
        turns = datasets.uss_user_turns(data_dir)
    except FileNotFoundError:
        return None
    gold = turns.labels
    rows = ["| system | score | F1 | precision | recall | ROC AUC |", "|---|---|---|---|---|---|"]
    for name, analyzer in systems.items():
        cues = analyzer.emotion(turns.texts)
        rows.append(_detector_row(_label(name, ""), gold, [o["negative_cue"] for o in cues],
                                  [o["cue_score"] for o in cues], "negative cue"))
        if name.startswith("model:"):
            polarity = analyzer.sentiment(turns.texts)
            rows.append(_detector_row(_label(name, ""), gold, [o["label"] == "negative" for o in polarity],
                                      [o["scores"]["negative"] for o in polarity], "negative sentiment"))
    rows += _baseline_rows(gold, turns.texts, "VADER | compound <= -0.05", "TextBlob | polarity < 0")
    return (
        f"### Dissatisfied users in task dialogues: USS user turns ({len(gold)} turns of MWOZ, ReDial and CCPE, "
        f"{sum(gold)} dissatisfied)\n\n"
        f"Dissatisfied = the raters' mean satisfaction at that turn is below {datasets.USS_DISSATISFIED_BELOW} of 5. "
        "Never trained on. Users of these assistants rarely show emotion when unhappy (they repeat or correct "
        "the request), so this measures how far a text-only cue reaches, not a target.\n\n" + "\n".join(rows) + "\n"
    )


def _empathy(data_dir: Path, systems: dict) -> str | None:
    try:
        ep = datasets.epitome(data_dir)
    except FileNotFoundError:
        return None
    gold = ep.labels
    rows = ["| system | F1 | precision | recall | ROC AUC |", "|---|---|---|---|---|"]
    for name, analyzer in systems.items():
        out = analyzer.empathy(ep.texts)
        rows.append(_detector_row(_label(name, " + head, own phrases"), gold, [o["empathy"] for o in out],
                                  [o["score"] for o in out]))
    rows.append(_detector_row("always 'empathic' (base rate)", gold, [True] * len(gold), 0.5))
    rows.append(_row("VADER / TextBlob", "no empathy notion", "", "", ""))
    return (
        f"### Empathy statements: EPITOME responses ({len(gold)} responses, {sum(gold)} empathic)\n\n"
        "Empathic = rated at least weak for emotional reactions or interpretations. Reddit peer support, "
        "not customer service, so this measures transfer; EPITOME is never trained on. Most responses are "
        "empathic, so F1 must be read beside the base-rate row and the threshold-free ROC AUC.\n\n"
        + "\n".join(rows) + "\n"
    )
