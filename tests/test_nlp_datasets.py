"""Data readers used by training and ``smilebox eval`` (skip when ../shared/data is absent), and the
shipped head files' provenance sidecars."""

from __future__ import annotations

import json

import numpy as np
import pytest

from smilebox.nlp import datasets
from smilebox.nlp.empathy_phrases import EMPATHIC, NOT_EMPATHIC
from smilebox.nlp.backends import BACKENDS
from smilebox.nlp.heads import head_dir, load_head
from tests.conftest import SHARED_DATA

needs_data = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=f"{SHARED_DATA} is absent")


@needs_data
def test_airline_split_is_seeded_disjoint_and_stratified():
    data = datasets.airline_tweets(SHARED_DATA)
    train, test = datasets.airline_split(data)
    assert (train, test) == datasets.airline_split(data)
    assert not set(train) & set(test) and len(train) + len(test) == len(data.texts)
    for label in datasets.SENTIMENT_LABELS:
        share = sum(data.labels[i] == label for i in test) / sum(y == label for y in data.labels)
        assert share == pytest.approx(datasets.AIRLINE_TEST_SHARE, abs=0.01)


@needs_data
def test_goemotions_labels_are_names_and_the_cue_uses_the_negative_group():
    dev = datasets.goemotions(SHARED_DATA, "dev")
    names = set().union(*dev.labels)
    assert set(datasets.EMOTIONS) <= names and set(datasets.NEGATIVE_CUE_EMOTIONS) <= names
    assert datasets.negative_cue({"annoyance", "joy"}) and not datasets.negative_cue({"joy", "neutral"})


@needs_data
def test_epitome_pairs_are_labelled_from_two_mechanisms():
    ep = datasets.epitome(SHARED_DATA)
    assert len(ep.texts) == len(ep.labels) and 0 < sum(ep.labels) < len(ep.labels)


def test_empathy_phrases_are_many_distinct_and_unambiguous():
    assert len(EMPATHIC) >= 150 and len(NOT_EMPATHIC) >= 150
    assert len(set(EMPATHIC)) == len(EMPATHIC) and len(set(NOT_EMPATHIC)) == len(NOT_EMPATHIC)
    assert not set(EMPATHIC) & set(NOT_EMPATHIC)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@pytest.mark.parametrize("name, outputs", [("sentiment", 3), ("emotion", 8), ("empathy", 1)])
def test_shipped_heads_record_their_provenance(backend, name, outputs):
    head = load_head(name, backend=backend)
    assert head.W.shape == (384, outputs) and np.isfinite(head.W).all()
    meta = json.loads((head_dir(backend) / f"{name}.json").read_text())
    assert meta["backend"] == backend
    assert meta["trainer"] == "tools/train_heads.py" and meta["params"] and meta["metrics"]
    assert all(len(f["sha256"]) == 64 and f["bytes"] > 0 for f in meta["data"])
