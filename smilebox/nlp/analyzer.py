"""The model analyzer: one embedding backend, three small heads, the contract section 3 outputs.

Texts are cleaned (links and @handles removed, as in training), embedded once per distinct text (a
bounded cache, so asking for sentiment and then emotion of the same feedback embeds it once) and fed
to the heads. Empathy is scored per sentence and a message takes its most empathic sentence.
The backend and the heads load on first use, not when the analyzer is built.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from smilebox.nlp.backends import EmbeddingBackend
from smilebox.nlp.heads import LinearHead, load_head
from smilebox.nlp.textprep import clean, clean_sentences

EMBEDDING_CACHE_SIZE = 20_000


class ModelAnalyzer:
    kind = "model"

    def __init__(
        self,
        backend_name: str,
        load: Callable[[], EmbeddingBackend],
        head_loader: Callable[[str, str], LinearHead] | None = None,
    ):
        self.backend_name = backend_name
        self.name = f"model:{backend_name}"
        self._load_backend = load
        self._backend: EmbeddingBackend | None = None
        self._head_loader = head_loader or (lambda name, backend: load_head(name, backend=backend))
        self._heads: dict[str, LinearHead] = {}
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # one analyzer serves every thread of a web server

    @property
    def backend(self) -> EmbeddingBackend:
        with self._lock:
            if self._backend is None:
                self._backend = self._load_backend()
            return self._backend

    def head(self, name: str) -> LinearHead:
        with self._lock:
            if name not in self._heads:
                self._heads[name] = self._head_loader(name, self.backend_name)
            return self._heads[name]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of already-cleaned texts, each distinct text embedded once (texts beyond the cache
        size in one call are still all returned: the batch's own vectors are kept until it is done)."""
        if not texts:
            return np.zeros((0, self.backend.dimension), dtype=np.float32)
        backend = self.backend
        with self._lock:
            found = {t: self._cache[t] for t in dict.fromkeys(texts) if t in self._cache}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            found.update(zip(missing, backend.embed(missing)))
            with self._lock:
                for text in missing:
                    self._cache[text] = found[text]
                while len(self._cache) > EMBEDDING_CACHE_SIZE:
                    self._cache.popitem(last=False)
        return np.stack([found[t] for t in texts])

    def _scores(self, head_name: str, texts: Sequence[str]) -> tuple[LinearHead, np.ndarray]:
        head = self.head(head_name)
        cleaned = [clean(t) for t in texts]
        return head, head.scores(self.embed(cleaned), cleaned)

    def sentiment(self, texts: Sequence[str]) -> list[dict[str, Any]]:
        if not texts:
            return []
        head, P = self._scores("sentiment", texts)
        return [
            {"label": head.labels[int(row.argmax())], "scores": {k: round(float(v), 4) for k, v in zip(head.labels, row)}}
            for row in P
        ]

    def emotion(self, texts: Sequence[str]) -> list[dict[str, Any]]:
        if not texts:
            return []
        head, P = self._scores("emotion", texts)
        cue = head.labels.index("negative_cue")
        out = []
        for row in P:
            emotions = {k: round(float(v), 4) for k, v in zip(head.labels, row) if k != "negative_cue"}
            out.append({"negative_cue": bool(row[cue] >= 0.5), "cue_score": round(float(row[cue]), 4), "emotions": emotions})
        return out

    def empathy(self, texts: Sequence[str]) -> list[dict[str, Any]]:
        if not texts:
            return []
        head = self.head("empathy")
        split = [clean_sentences(t) for t in texts]
        flat = [s for parts in split for s in parts]
        scores = head.scores(self.embed(flat), flat)[:, 0]
        out, pos = [], 0
        for parts in split:
            best = float(scores[pos : pos + len(parts)].max())
            pos += len(parts)
            out.append({"empathy": best >= 0.5, "score": round(best, 4)})
        return out
