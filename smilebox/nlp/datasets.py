"""Readers of the public labelled data in ``../shared/data``, shared by training and ``smilebox eval``.

Every reader takes the data folder and returns plain lists; a missing file raises ``FileNotFoundError``
so callers can skip a section cleanly. The data itself is never copied into the package.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

SENTIMENT_LABELS = ("negative", "neutral", "positive")
EMOTIONS = ("anger", "annoyance", "disappointment", "sadness", "fear", "gratitude", "joy")
#: GoEmotions labels that make a customer message a negative cue: the five of contract section 3 plus
#: the other emotions of GoEmotions' own "negative" sentiment group (sentiment_group/ in the data).
#: A customer who disapproves ("that is not what I asked for"), is disgusted, nervous, embarrassed,
#: grieving or remorseful is as much a cue for the agent as an annoyed one; with the narrow five, raters
#: disagree so often on Reddit comments that no model (nor VADER, F1 0.45) separates them well.
NEGATIVE_CUE_EMOTIONS = (
    "anger", "annoyance", "disappointment", "sadness", "fear",
    "disapproval", "disgust", "embarrassment", "grief", "nervousness", "remorse",
)
#: seed and share of the airline tweets held out for testing (never seen by training or tuning)
AIRLINE_SPLIT_SEED = 20260301
AIRLINE_TEST_SHARE = 0.2


@dataclass
class Labelled:
    texts: list[str]
    labels: list  # str for single-label sets, set[str] for multi-label
    files: list[Path]


def airline_tweets(data_dir: Path) -> Labelled:
    path = data_dir / "airline_tweets" / "tweets.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("airline_sentiment") in SENTIMENT_LABELS]
    return Labelled([r["text"] for r in rows], [r["airline_sentiment"] for r in rows], [path])


def airline_split(data: Labelled) -> tuple[list[int], list[int]]:
    """Seeded, stratified train/test indices; the same split every run and in ``smilebox eval``."""
    rng = random.Random(AIRLINE_SPLIT_SEED)
    train, test = [], []
    for label in SENTIMENT_LABELS:
        idx = [i for i, y in enumerate(data.labels) if y == label]
        rng.shuffle(idx)
        cut = round(len(idx) * AIRLINE_TEST_SHARE)
        test += idx[:cut]
        train += idx[cut:]
    return sorted(train), sorted(test)


def _goemotions_rows(folder: Path, split: str) -> tuple[list[str], list[set[str]], list[Path]]:
    """Texts and their sets of label names from one GoEmotions-format folder (``text \t ids \t id``)."""
    names = (folder / "labels.txt").read_text(encoding="utf-8").split()
    path = folder / f"{split}.tsv"
    texts, labels = [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            texts.append(parts[0])
            labels.append({names[int(i)] for i in parts[1].split(",") if i})
    return texts, labels, [path, folder / "labels.txt"]


def goemotions(data_dir: Path, split: str) -> Labelled:
    """``split`` is train or dev; labels are sets of emotion names."""
    return Labelled(*_goemotions_rows(data_dir / "goemotions", split))


def goemotions_sentiment(data_dir: Path, split: str) -> Labelled:
    """GoEmotions comments with exactly one polarity in its ``sentiment_group`` regrouping (negative,
    neutral or positive); comments rated "ambiguous" only, or rated both ways, are left out."""
    texts, groups, files = _goemotions_rows(data_dir / "goemotions" / "sentiment_group", split)
    kept = [(t, g - {"ambiguous"}) for t, g in zip(texts, groups)]
    kept = [(t, next(iter(g))) for t, g in kept if len(g) == 1]
    return Labelled([t for t, _ in kept], [g for _, g in kept], files)


USS_SETS = ("MWOZ", "ReDial", "CCPE")
#: a user turn is "dissatisfied" when its raters' mean satisfaction (1-5) is below this
USS_DISSATISFIED_BELOW = 2.5


def uss_user_turns(data_dir: Path) -> Labelled:
    """User turns of the User Satisfaction Simulation dialogues (English sets) with ``True`` when the
    raters, on average, scored the user's satisfaction at that turn below 2.5 of 5. Dialogue-level
    ``OVERALL`` lines and turns without ratings are left out."""
    texts, labels, files = [], [], []
    for name in USS_SETS:
        path = data_dir / "uss" / f"{name}.txt"
        files.append(path)
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 4 or parts[0] != "USER" or parts[1] == "OVERALL" or not parts[1].strip():
                    continue
                try:
                    scores = [int(x) for x in parts[3].split(",") if x.strip()]
                except ValueError:
                    continue
                if scores:
                    texts.append(parts[1])
                    labels.append(sum(scores) / len(scores) < USS_DISSATISFIED_BELOW)
    return Labelled(texts, labels, files)


def negative_cue(labels: set[str]) -> bool:
    return bool(labels & set(NEGATIVE_CUE_EMOTIONS))


EPITOME_FILES = {
    "emotional_reactions": "emotional-reactions-reddit.csv",
    "interpretations": "interpretations-reddit.csv",
}


def epitome(data_dir: Path) -> Labelled:
    """Responses labelled empathic when they show an emotional reaction or an interpretation (level >= 1).

    EPITOME rates three mechanisms; explorations (questions about the seeker's feelings) are left out
    because they are not the "I'm sorry / I understand" statements the empathy check looks for.
    Evaluation only: its licence forbids shipping a model trained on it.
    """
    folder = data_dir / "epitome"
    levels: dict[str, list[int]] = {}
    texts: dict[str, str] = {}
    paths = []
    for file_name in EPITOME_FILES.values():
        path = folder / file_name
        paths.append(path)
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = f"{row['sp_id']}/{row['rp_id']}"
                texts[key] = row["response_post"]
                levels.setdefault(key, []).append(int(row["level"]))
    keys = sorted(texts)
    return Labelled([texts[k] for k in keys], [max(levels[k]) >= 1 for k in keys], paths)
