"""Bundled sample data for a fictional company, and the deterministic generator that writes it.

``sample_paths()`` finds the bundled files (used by ``smilebox quickstart``); ``generate(out_dir, seed)``
writes a fresh copy. Importing this package is cheap: the generator loads only when called.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from smilebox.errors import SmileboxError
from smilebox.sample.company import COMPANY_NAME

__all__ = ["COMPANY_NAME", "DEFAULT_SEED", "SAMPLE_FILES", "generate", "sample_paths"]

DEFAULT_SEED = 7
SAMPLE_FILES = {
    "conversations": "conversations.jsonl",
    "feedback": "feedback.jsonl",
    "agents": "agents.csv",
    "customer_events": "customer_events.csv",
    "readme": "README.md",
}


def sample_paths() -> dict[str, Path]:
    """The bundled sample files by kind (conversations, feedback, agents, customer_events, readme)."""
    folder = resources.files("smilebox.sample") / "data"
    paths = {kind: Path(str(folder / name)) for kind, name in SAMPLE_FILES.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise SmileboxError(
            f"the bundled sample data is missing ({', '.join(missing)}); regenerate it with "
            f"'python -m smilebox.sample.generator --out smilebox/sample/data --seed {DEFAULT_SEED}'"
        )
    return paths


def generate(out_dir: Path, seed: int = DEFAULT_SEED) -> dict[str, Path]:
    """Write the sample files into ``out_dir``; the same seed always gives byte-identical files."""
    from smilebox.sample.generator import generate as _generate

    return _generate(out_dir, seed)
