"""Linear heads and hashed n-gram features: the inference math with tiny fake weights, no model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from smilebox.errors import ModelUnavailable
from smilebox.nlp.features import LEXICON_FEATURES, lexicon_features, ngram_buckets, ngram_logits, ngram_matrix
from smilebox.nlp.heads import LinearHead, load_head, logit, save_head, sigmoid, softmax


def tiny_head(kind="softmax", labels=("negative", "neutral", "positive"), ngrams=False) -> LinearHead:
    W = np.array([[2.0, 0.0, -2.0], [0.0, 1.0, 0.0]])[:, : len(labels)]
    b = np.array([0.1, 0.0, -0.1])[: len(labels)]
    ngram_W = np.linspace(-1, 1, 64 * len(labels)).reshape(64, len(labels)) if ngrams else None
    return LinearHead("tiny", kind, W, b, labels, {"backend": "fake"}, ngram_W, 1.5)


@pytest.mark.parametrize(
    "x, expected_label",
    [([1.0, 0.0], "negative"), ([-1.0, 0.0], "positive"), ([0.0, 5.0], "neutral")],
)
def test_softmax_head_picks_the_label_with_the_largest_logit(x, expected_label):
    head = tiny_head()
    scores = head.scores(np.array([x]))
    assert scores.sum() == pytest.approx(1.0)
    assert head.labels[int(scores.argmax())] == expected_label


def test_sigmoid_head_matches_the_logistic_function_per_output():
    head = tiny_head("sigmoid", ("a", "b"))
    X = np.array([[0.5, -0.25]])
    expected = 1 / (1 + np.exp(-(X @ head.W + head.b)))
    assert np.allclose(head.scores(X), expected)


@pytest.mark.parametrize("z", [-800.0, -3.0, 0.0, 3.0, 800.0])
def test_sigmoid_and_softmax_do_not_overflow(z):
    assert 0.0 <= float(sigmoid(np.array([z]))[0]) <= 1.0
    assert np.isfinite(softmax(np.array([[z, 0.0, -z]]))).all()


def test_folded_threshold_puts_the_decision_at_one_half():
    """Training subtracts logit(threshold) from the bias: p >= t before is score >= 0.5 after."""
    t, raw_logit = 0.3, logit(0.35)
    assert sigmoid(np.array([raw_logit - logit(t)]))[0] > 0.5
    assert sigmoid(np.array([logit(0.25) - logit(t)]))[0] < 0.5


def test_ngram_term_equals_the_training_matrix_product():
    head = tiny_head(ngrams=True)
    texts = ["not happy at all!", "thanks, great crew", ""]
    direct = ngram_logits(texts, head.ngram_W, head.ngram_scale)
    via_matrix = ngram_matrix(texts, dim=64, scale=head.ngram_scale) @ head.ngram_W
    assert np.allclose(direct, via_matrix)
    assert not direct[2].any()


def test_ngram_buckets_cover_unigrams_and_bigrams_case_insensitively():
    assert np.array_equal(ngram_buckets("Not HAPPY"), ngram_buckets("not happy"))
    assert len(ngram_buckets("not happy")) == 3  # "not", "happy", "not happy" (no collision at 2**15)


def test_head_with_ngram_weights_needs_the_texts():
    with pytest.raises(ValueError, match="needs the texts"):
        tiny_head(ngrams=True).scores(np.zeros((1, 2)))


def test_save_and_load_round_trip(tmp_path):
    head = tiny_head(ngrams=True)
    npz, sidecar = save_head(head, tmp_path)
    loaded = load_head("tiny", tmp_path, backend="fake")
    assert loaded.labels == head.labels and loaded.ngram_scale == 1.5
    X = np.array([[0.2, -0.7]])
    assert np.allclose(loaded.scores(X, ["hello"]), head.scores(X, ["hello"]), atol=1e-6)
    assert json.loads(sidecar.read_text())["backend"] == "fake"


def test_load_refuses_a_head_trained_on_another_backend(tmp_path):
    save_head(tiny_head(), tmp_path)
    with pytest.raises(ModelUnavailable) as exc:
        load_head("tiny", tmp_path, backend="minilm-int8")
    assert str(exc.value) == (
        f"{tmp_path / 'tiny.npz'}: head was trained on embedding backend 'fake', not 'minilm-int8'; "
        "retrain it with: python tools/train_heads.py --data ../shared/data --backend minilm-int8"
    )


def test_missing_head_names_the_training_command(tmp_path):
    with pytest.raises(ModelUnavailable) as exc:
        load_head("absent", tmp_path)
    assert str(exc.value) == (
        f"{tmp_path / 'absent.npz'}: head weights not found; run: python tools/train_heads.py --data ../shared/data"
    )


def test_shape_mismatch_is_refused():
    with pytest.raises(ValueError, match="do not fit labels"):
        LinearHead("bad", "softmax", np.zeros((2, 2)), np.zeros(3), ("a", "b", "c"))


def lexicon_head() -> LinearHead:
    W, b = np.zeros((2, 3)), np.zeros(3)
    lexicon_W = np.array([[2.0, 0.0, -1.0], [-1.0, 0.0, 2.0], [-3.0, 0.0, 3.0], [1.0, 0.0, -1.0]])
    return LinearHead("lex", "softmax", W, b, ("negative", "neutral", "positive"), {"backend": "fake"},
                      lexicon_W=lexicon_W)


def test_lexicon_features_are_vaders_scores_in_a_fixed_order():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = ["This is awful, I hate it", "Lovely, thanks!", "The parcel is at the depot"]
    rows = lexicon_features(texts)
    assert rows.shape == (3, len(LEXICON_FEATURES)) and rows.dtype == np.float32
    for text, row in zip(texts, rows):
        s = SentimentIntensityAnalyzer().polarity_scores(text)
        assert np.allclose(row, [s["neg"], s["pos"], s["compound"], s["compound"] <= -0.05], atol=1e-6)
    assert rows[0, 3] == 1.0 and rows[1, 3] == 0.0  # the negative flag


def test_lexicon_term_moves_the_decision_by_vaders_reading():
    head = lexicon_head()
    zeros = np.zeros((2, 2))
    labels = [head.labels[i] for i in head.scores(zeros, ["This is awful, I hate it", "Lovely, thanks!"]).argmax(1)]
    assert labels == ["negative", "positive"]  # the embedding term is zero: only VADER's scores decide
    expected = lexicon_features(["Lovely, thanks!"]) @ head.lexicon_W
    assert np.allclose(head.logits(zeros[:1], ["Lovely, thanks!"]), expected)
    with pytest.raises(ValueError, match="needs the texts"):
        head.scores(zeros)


def test_lexicon_weights_survive_save_and_load(tmp_path):
    head = lexicon_head()
    save_head(head, tmp_path)
    loaded = load_head("lex", tmp_path, backend="fake")
    assert np.array_equal(loaded.lexicon_W, head.lexicon_W.astype(np.float32))
    texts = ["Terrible service", "ok"]
    assert np.allclose(loaded.scores(np.zeros((2, 2)), texts), head.scores(np.zeros((2, 2)), texts), atol=1e-6)


def test_lexicon_weights_of_the_wrong_shape_are_refused():
    with pytest.raises(ValueError, match="lexicon weights"):
        LinearHead("bad", "sigmoid", np.zeros((2, 1)), np.zeros(1), ("yes",), lexicon_W=np.zeros((3, 1)))


def test_trainer_splits_the_weights_in_the_order_it_stacks_the_features():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import train_heads

    texts = ["not good at all", "great, thanks"]
    X = np.array([[0.1, 0.2], [0.3, 0.4]])
    F = train_heads.design(X, texts, 1.0, lexicon=True).toarray()
    assert F.shape[1] == 2 + len(LEXICON_FEATURES) + train_heads.DEFAULT_DIM
    coef = np.arange(F.shape[1], dtype=float)[None, :]
    w, lex, ngram = train_heads.split_coef(coef, 2, 1.0, lexicon=True)
    # the pieces, used as the head uses them, give back the product with the stacked matrix
    direct = F @ coef.T
    head = LinearHead("t", "sigmoid", w, np.zeros(1), ("y",), ngram_W=ngram, ngram_scale=1.0, lexicon_W=lex)
    assert np.allclose(head.logits(X, texts), direct)
