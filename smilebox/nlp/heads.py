"""Small linear heads over sentence embeddings, stored as plain numpy arrays so inference needs only numpy.

Heads are trained on one embedding backend's vectors and live in that backend's folder,
``weights/BACKEND/``. A head file ``NAME.npz`` holds ``W`` (dimension x outputs), ``b`` (outputs) and ``labels``, and
optionally ``ngram_W`` (buckets x outputs) for a lexical term over hashed word n-grams and ``lexicon_W``
(4 x outputs) for a term over VADER's scores of the text (both in ``features.py``);
``NAME.json`` beside it records how it was made (data hashes, hyper-parameters, metrics) and
which embedding backend it expects. ``tools/train_heads.py`` writes both.

Two kinds of head:

* ``softmax``: mutually exclusive classes (sentiment); scores sum to 1.
* ``sigmoid``: independent yes/no outputs (emotions, negative cue, empathy). The decision threshold
  chosen in training is folded into the bias, so for every sigmoid output "yes" means score >= 0.5.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from smilebox.errors import ModelUnavailable
from smilebox.nlp.features import LEXICON_FEATURES, lexicon_features, ngram_logits

WEIGHTS_DIR = Path(__file__).parent / "weights"
HEAD_NAMES = ("sentiment", "emotion", "empathy")


def head_dir(backend: str) -> Path:
    """The folder holding the heads trained on ``backend``'s vectors."""
    return WEIGHTS_DIR / backend
KINDS = ("softmax", "sigmoid")


@dataclass
class LinearHead:
    name: str
    kind: str
    W: np.ndarray
    b: np.ndarray
    labels: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict)
    ngram_W: np.ndarray | None = None
    ngram_scale: float = 1.0
    lexicon_W: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"head {self.name!r}: kind must be one of {KINDS}, not {self.kind!r}")
        outputs = len(self.labels)
        if self.ngram_W is not None and self.ngram_W.shape[1] != outputs:
            raise ValueError(f"head {self.name!r}: n-gram weights {self.ngram_W.shape} do not fit labels {self.labels}")
        if self.lexicon_W is not None and self.lexicon_W.shape != (len(LEXICON_FEATURES), outputs):
            raise ValueError(f"head {self.name!r}: lexicon weights {self.lexicon_W.shape} do not fit "
                             f"{len(LEXICON_FEATURES)} features and labels {self.labels}")
        if self.W.shape[1] != outputs or self.b.shape != (outputs,):
            raise ValueError(f"head {self.name!r}: weights {self.W.shape} and bias {self.b.shape} do not fit labels {self.labels}")

    @property
    def dimension(self) -> int:
        return int(self.W.shape[0])

    def logits(self, X: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        logits = X @ self.W + self.b
        if (self.ngram_W is not None or self.lexicon_W is not None) and texts is None:
            raise ValueError(f"head {self.name!r} has a lexical term and needs the texts")
        if self.ngram_W is not None:
            logits = logits + ngram_logits(texts, self.ngram_W, self.ngram_scale)
        if self.lexicon_W is not None:
            logits = logits + lexicon_features(texts) @ self.lexicon_W
        return logits

    def scores(self, X: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """Probabilities, one row per input vector and one column per label."""
        logits = self.logits(X, texts)
        if self.kind == "softmax":
            return softmax(logits)
        return sigmoid(logits)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # the tanh form cannot overflow


def softmax(z: np.ndarray) -> np.ndarray:
    shifted = np.exp(z - z.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def save_head(head: LinearHead, directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    npz = directory / f"{head.name}.npz"
    sidecar = directory / f"{head.name}.json"
    arrays = {"W": head.W.astype(np.float32), "b": head.b.astype(np.float32), "labels": np.array(head.labels)}
    if head.ngram_W is not None:
        arrays["ngram_W"] = head.ngram_W.astype(np.float32)
    if head.lexicon_W is not None:
        arrays["lexicon_W"] = head.lexicon_W.astype(np.float32)
    np.savez_compressed(npz, **arrays)
    meta = {"name": head.name, "kind": head.kind, "labels": list(head.labels), "ngram_scale": head.ngram_scale,
            **head.meta}
    sidecar.write_text(json.dumps(meta, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return npz, sidecar


def load_head(name: str, directory: Path | None = None, backend: str | None = None) -> LinearHead:
    """Load a head from ``directory`` (default: ``backend``'s folder); with ``backend``, refuse a head
    trained on another backend's vectors."""
    if directory is None:
        if backend is None:
            raise ValueError("load_head needs a directory or a backend")
        directory = head_dir(backend)
    npz, sidecar = directory / f"{name}.npz", directory / f"{name}.json"
    if not npz.is_file() or not sidecar.is_file():
        raise ModelUnavailable(f"{npz}: head weights not found; run: python tools/train_heads.py --data ../shared/data")
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    trained_on = meta.get("backend")
    if backend is not None and trained_on != backend:
        raise ModelUnavailable(
            f"{npz}: head was trained on embedding backend {trained_on!r}, not {backend!r}; "
            f"retrain it with: python tools/train_heads.py --data ../shared/data --backend {backend}"
        )
    with np.load(npz, allow_pickle=False) as arrays:
        W, b, labels = arrays["W"], arrays["b"], tuple(str(x) for x in arrays["labels"])
        ngram_W = arrays["ngram_W"] if "ngram_W" in arrays.files else None
        lexicon_W = arrays["lexicon_W"] if "lexicon_W" in arrays.files else None
    extra = {k: v for k, v in meta.items() if k not in ("name", "kind", "labels", "ngram_scale")}
    return LinearHead(name, meta["kind"], W, b, labels, extra, ngram_W, float(meta.get("ngram_scale", 1.0)), lexicon_W)
