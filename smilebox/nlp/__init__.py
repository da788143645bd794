"""Language models for sentiment, emotion cues and empathy (contract section 3).

    from smilebox.nlp import get_analyzer
    a = get_analyzer(mode="auto")      # "auto" | "on" | "off"
    a.kind                              # "model" | "lexicon"
    a.sentiment(texts); a.emotion(texts); a.empathy(texts)

``auto`` uses the model when the ``models`` extra is installed, else the lexicon analyzer with a
one-time notice on stderr; ``on`` insists on the model (``ModelUnavailable`` otherwise); ``off`` is
the lexicon. Analyzers are cached per process. Importing this package loads nothing heavy.
"""

from __future__ import annotations

import sys
from typing import Any

from smilebox.errors import ModelUnavailable, UsageError

__all__ = ["MODES", "default_backend", "get_analyzer", "model_missing", "reset_cache"]

MODES = ("auto", "on", "off")
NOTICE = (
    "notice: language models are not installed; using the VADER/lexicon fallback "
    "(less accurate). Install them with: pip install 'smilebox[models]'"
)

_analyzers: dict[tuple[str, str], Any] = {}
_notice_shown = False


def default_backend() -> str:
    """The embedding backend of a fresh install: the default of the ``embedding_backend`` setting."""
    from smilebox.settings import Settings

    return Settings.model_fields["embedding_backend"].default


def get_analyzer(mode: str = "auto", backend: str | None = None):
    """The analyzer for ``mode``, built once per process; ``backend`` defaults to the settings' one."""
    if mode not in MODES:
        raise UsageError(f"models mode {mode!r} is not valid; choose one of: {', '.join(MODES)}")
    if backend is None:
        from smilebox.settings import load_settings

        backend = load_settings().embedding_backend
    key = (mode, backend)
    if key not in _analyzers:
        _analyzers[key] = _build(mode, backend)
    return _analyzers[key]


def _build(mode: str, backend: str):
    from smilebox.nlp.lexicon import LexiconAnalyzer

    if mode == "off":
        return LexiconAnalyzer()
    missing = model_missing(backend)
    if missing is None:
        from smilebox.nlp.analyzer import ModelAnalyzer
        from smilebox.nlp.backends import load_backend

        return ModelAnalyzer(backend, lambda: load_backend(backend))
    if mode == "on":
        raise ModelUnavailable(missing)
    _show_notice()
    return LexiconAnalyzer()


def model_missing(backend: str) -> str | None:
    """Why the model analyzer cannot run here (a message with the fix), or None when it can."""
    from smilebox.nlp.backends import INSTALL_HINT, backend_spec
    from smilebox.nlp.heads import HEAD_NAMES, head_dir

    spec = backend_spec(backend)
    if not spec.available():
        return f"the language models are not installed; {INSTALL_HINT}"
    folder = head_dir(backend)
    absent = [n for n in HEAD_NAMES if not (folder / f"{n}.npz").is_file()]
    if absent:
        return (f"head weights {', '.join(absent)} for embedding backend {backend!r} are missing from {folder}; "
                f"reinstall smilebox or run: python tools/train_heads.py --data ../shared/data --backend {backend}")
    return None


def _show_notice() -> None:
    global _notice_shown
    if not _notice_shown:
        print(NOTICE, file=sys.stderr)
        _notice_shown = True


def reset_cache() -> None:
    """Forget built analyzers and the notice (tests, long-running servers after an install)."""
    global _notice_shown
    _analyzers.clear()
    _notice_shown = False
