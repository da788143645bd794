"""Accuracy evaluations on the public labelled data in ``../shared/data``; ``smilebox eval`` runs them.

Each entry of ``SECTIONS`` is "module:function"; the function takes the data folder (a ``Path``) and
returns a Markdown section for ``docs/accuracy.md``, or None when its data is not there.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

SECTIONS: tuple[str, ...] = (
    "smilebox.evaluation.qa_eval:run",
    "smilebox.evaluation.nlp_eval:run",
)

DEFAULT_DATA_DIR = Path("../shared/data")


def section_functions() -> list[tuple[str, Callable[[Path], str | None]]]:
    found = []
    for target in SECTIONS:
        module_name, _, attr = target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        found.append((module_name.rsplit(".", 1)[-1], getattr(module, attr)))
    return found
