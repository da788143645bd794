"""Canned replies: near-duplicate agent replies across a corpus, and the rubric's template library.

Two questions the ``tailored`` check asks of a reply:

- is it a near-copy of a template in the rubric's library? Word-trigram shingles, compared by Jaccard
  similarity or by how much of the template the reply contains (a template plus one extra sentence is
  still that template).
- is it a near-copy of replies used in many *other* conversations of the corpus? ``TemplateIndex``
  answers with MinHash signatures split into LSH bands: two replies whose shingle sets are similar
  share at least one band with high probability. The index keeps only a count of conversations per
  band key, never the texts, so it is fed the whole input once (an iterable, streamed) and stays
  small; when it grows past ``max_keys`` the keys seen once are dropped (they cannot mark a template).

Replies are normalised before shingling: @handles, links and numbers are masked, case folded, so
"@115716 Hi, please DM us" and "@998877 Hi, please DM us" are the same text.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from typing import Any

import numpy as np

_HANDLE = re.compile(r"[@＠]\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
# "\d+" and "[a-z0-9']+" written to start with one class, so the search skips in C to where a match can start
_NUMBER = re.compile(r"\d\d*")
_TOKEN = re.compile(r"[a-z0-9'][a-z0-9']*")
_PRIME = (1 << 31) - 1


def normalise(text: str) -> list[str]:
    # (each substitution only when its literal can be there: the same result, without scanning for nothing)
    if "@" in text or "＠" in text:
        text = _HANDLE.sub(" ", text)
    if "http" in text or "www." in text:
        text = _URL.sub(" url ", text)
    text = _NUMBER.sub("0", text).lower()
    if "’" in text:
        text = text.replace("’", "'")
    return _TOKEN.findall(text)


def shingles(tokens: list[str], k: int = 3) -> set[int]:
    """Hashes of the word k-grams (the tokens themselves when the text is shorter than k)."""
    if len(tokens) < k:
        return {hash(tuple(tokens))} if tokens else set()
    if k == 3:  # the default: the same tuples, built by ``zip`` in C rather than sliced one by one
        return set(map(hash, zip(tokens, tokens[1:], tokens[2:])))
    return {hash(tuple(tokens[i : i + k])) for i in range(len(tokens) - k + 1)}


def similarity(reply: set[int], template: set[int]) -> float:
    """Jaccard similarity, or containment of the template when the reply is at most twice its size."""
    if not reply or not template:
        return 0.0
    common = len(reply & template)
    jaccard = common / (len(reply) + len(template) - common)
    if len(reply) <= 2 * len(template):
        return max(jaccard, common / len(template))
    return jaccard


class TemplateLibrary:
    """The rubric's own templates, shingled once."""

    def __init__(self, templates: Iterable[str], k: int = 3):
        self.k = k
        self.templates = [(t, shingles(normalise(t), k)) for t in templates if t.strip()]

    def best_match(self, text: str) -> tuple[str, float] | None:
        if not self.templates:
            return None
        reply = shingles(normalise(text), self.k)
        # (the first of the best, as ``max`` would pick it)
        best, score = self.templates[0][0], -1.0
        if not reply:  # ``similarity`` is 0.0 for every template: the first is the best
            return best, 0.0
        # ``similarity(reply, s)`` inlined, the same operations in the same order (so the same floats): it runs for
        # every template of the library, for every conversation
        n = len(reply)
        for t, s in self.templates:
            if not s:
                v = 0.0
            else:
                m = len(s)
                common = len(reply & s)
                v = common / (n + m - common)
                if n <= 2 * m:
                    v = max(v, common / m)
            if v > score:
                best, score = t, v
        return best, score


class TemplateIndex:
    """Corpus-wide near-duplicate counts of agent replies (MinHash with LSH bands; counts only)."""

    def __init__(self, num_perm: int = 32, bands: int = 8, min_tokens: int = 6, max_keys: int = 2_000_000,
                 seed: int = 20261122):
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        rng = np.random.default_rng(seed)
        self._a = rng.integers(1, _PRIME, size=(num_perm, 1), dtype=np.int64)
        self._b = rng.integers(0, _PRIME, size=(num_perm, 1), dtype=np.int64)
        self.rows = num_perm // bands
        self.bands = bands
        self.min_tokens = min_tokens
        self.max_keys = max_keys
        self.counts: dict[int, int] = {}
        self.conversations = 0

    def band_keys(self, text: str) -> list[int]:
        tokens = normalise(text)
        if len(tokens) < self.min_tokens:
            return []
        grams = {" ".join(tokens[i : i + 3]) for i in range(len(tokens) - 2)}
        hashes = np.fromiter((zlib.crc32(g.encode()) & 0x7FFFFFFF for g in grams), dtype=np.int64, count=len(grams))
        signature = ((self._a * hashes + self._b) % _PRIME).min(axis=1)
        r = self.rows
        return [hash((i, signature[i * r : (i + 1) * r].tobytes())) for i in range(self.bands)]

    def add_conversation(self, replies: Iterable[str]) -> None:
        """Count each band key once per conversation: a template is what many conversations share."""
        keys: set[int] = set()
        for text in replies:
            keys.update(self.band_keys(text))
        for key in keys:
            self.counts[key] = self.counts.get(key, 0) + 1
        self.conversations += 1
        if len(self.counts) > self.max_keys:
            self.counts = {k: v for k, v in self.counts.items() if v > 1}

    def conversations_sharing(self, text: str) -> int:
        """How many indexed conversations hold a near-copy of ``text`` (its own included, if indexed)."""
        return max((self.counts.get(k, 0) for k in self.band_keys(text)), default=0)


def build_template_index(conversations: Iterable[Any], config: dict[str, Any] | None = None) -> TemplateIndex:
    """Index every public agent reply of ``conversations``, read once; the CLI calls this before scoring."""
    config = config or {}
    index = TemplateIndex(
        num_perm=int(config.get("num_perm", 32)),
        bands=int(config.get("bands", 8)),
        min_tokens=int(config.get("min_tokens", 6)),
    )
    for conv in conversations:
        index.add_conversation(m.text or "" for m in conv.messages if m.role == "agent" and not m.internal)
    return index
