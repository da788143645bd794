"""Text clean-up shared by training and inference, so both see texts the same way.

Tweets address the airline with ``@handles`` and end with links; feedback comments and chat lines do
not. Removing both keeps the sentiment head from learning "starts with @united" and lets it transfer
to other kinds of feedback.
"""

from __future__ import annotations

import re

_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_HANDLE = re.compile(r"(?<!\w)@\w+")
_SPACES = re.compile(r"\s+")
# a sentence ends at . ! ? (runs of them) followed by space, or at a line break
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*")


def clean(text: str) -> str:
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def sentences(text: str, max_sentences: int = 12) -> list[str]:
    """Split a message into sentences (at most ``max_sentences``, the rest joined to the last).

    Empathy is a property of one sentence ("I'm so sorry this happened") inside a longer reply; scoring
    sentence by sentence and taking the highest keeps it from being averaged away.
    """
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    if len(parts) > max_sentences:
        parts = parts[: max_sentences - 1] + [" ".join(parts[max_sentences - 1 :])]
    return parts or [text]


def clean_sentences(text: str) -> list[str]:
    """``sentences`` then ``clean``, dropping pieces that clean to nothing (always at least one item)."""
    parts = [c for c in (clean(s) for s in sentences(text)) if c]
    return parts or [clean(text)]
