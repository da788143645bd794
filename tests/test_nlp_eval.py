"""The metric helpers of ``smilebox eval``'s language-model section, and its clean skip without data."""

from __future__ import annotations

import pytest

from smilebox.evaluation import nlp_eval


@pytest.mark.parametrize(
    "gold, predicted, expected",
    [
        ([True, True, False, False], [True, False, True, False], (0.5, 0.5, 0.5)),
        ([True, False], [True, False], (1.0, 1.0, 1.0)),
        ([True, True], [False, False], (0.0, 0.0, 0.0)),
    ],
)
def test_precision_recall_f1(gold, predicted, expected):
    assert nlp_eval.prf(gold, predicted) == pytest.approx(expected)


@pytest.mark.parametrize(
    "gold, scores, expected",
    [
        ([True, True, False, False], [0.9, 0.8, 0.2, 0.1], 1.0),
        ([True, True, False, False], [0.1, 0.2, 0.8, 0.9], 0.0),
        ([True, False, True, False], [0.5, 0.5, 0.5, 0.5], 0.5),
        ([True, False, False], [0.7, 0.9, 0.1], 0.5),
    ],
)
def test_auc(gold, scores, expected):
    assert nlp_eval.auc(gold, scores) == pytest.approx(expected)


def test_macro_f1_and_accuracy():
    gold = ["negative", "neutral", "positive", "negative"]
    predicted = ["negative", "neutral", "negative", "negative"]
    assert nlp_eval.accuracy(gold, predicted) == 0.75
    # negative F1 0.8, neutral 1.0, positive 0.0
    assert nlp_eval.macro_f1(gold, predicted, ("negative", "neutral", "positive")) == pytest.approx(0.6)


def test_section_is_skipped_when_the_data_is_absent(tmp_path, monkeypatch):
    monkeypatch.setattr(nlp_eval, "_systems", lambda: {})
    assert nlp_eval.run(tmp_path) is None


def test_uss_user_turns_label_dissatisfied_turns(tmp_path):
    from smilebox.nlp import datasets

    folder = tmp_path / "uss"
    folder.mkdir()
    (folder / "MWOZ.txt").write_text(
        "USER\tI need a taxi to the station.\tTaxi-Inform\t3,3,4\n"
        "SYSTEM\tWhere from?\tTaxi-Request\t\n"
        "USER\tI told you already, from the hotel!\t\t2,1,2\n"
        "USER\tOVERALL\t\t2,2,2\n\n"
        "USER\tno ratings here\t\t\n", encoding="utf-8")
    (folder / "ReDial.txt").write_text("USER\tAny comedies?\t\tx,y\n", encoding="utf-8")
    (folder / "CCPE.txt").write_text("USER\tI love jazz\t\t4,5\n", encoding="utf-8")
    turns = datasets.uss_user_turns(tmp_path)
    assert turns.texts == ["I need a taxi to the station.", "I told you already, from the hotel!", "I love jazz"]
    assert turns.labels == [False, True, False]
