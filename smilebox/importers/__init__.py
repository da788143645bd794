"""Importers, registered in one place: the built-in list below.

``get_importer(name)`` returns an importer class; ``detect_format(path)`` picks one for ``--format auto``
by asking each importer, in list order, whether the file's first bytes look like its format.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from smilebox.errors import UsageError
from smilebox.importers.base import ImportOptions, Importer, Item

#: name -> "module:Class". Order matters for detection: specific formats before generic ones.
BUILTIN_IMPORTERS: dict[str, str] = {
    "zendesk": "smilebox.importers.zendesk:ZendeskImporter",
    "zendesk-chat": "smilebox.importers.zendesk_chat:ZendeskChatImporter",
    "helpscout": "smilebox.importers.helpscout:HelpScoutImporter",
    "freshdesk": "smilebox.importers.freshdesk:FreshdeskImporter",
    "intercom": "smilebox.importers.intercom:IntercomImporter",
    "front": "smilebox.importers.front:FrontImporter",
    "aws-transcribe": "smilebox.importers.transcripts:AwsTranscribeImporter",
    "contact-lens": "smilebox.importers.transcripts:ContactLensImporter",
    "deepgram": "smilebox.importers.transcripts:DeepgramImporter",
    "whisper": "smilebox.importers.transcripts:WhisperImporter",
    "twcs": "smilebox.importers.twcs:TwcsImporter",
    "feedback-csv": "smilebox.importers.feedback:FeedbackCsvImporter",
    "feedback-jsonl": "smilebox.importers.feedback:FeedbackJsonlImporter",
    "csv": "smilebox.importers.csv_messages:CsvMessagesImporter",
    "jsonl": "smilebox.importers.jsonl:JsonlImporter",
}

SNIFF_BYTES = 64 * 1024

__all__ = ["BUILTIN_IMPORTERS", "ImportOptions", "Importer", "Item", "available_importers", "detect_format", "get_importer"]


@lru_cache(maxsize=None)
def _load(name: str) -> type[Importer] | None:
    module_name, _, attr = BUILTIN_IMPORTERS[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:  # not written yet
            return None
        raise
    return getattr(module, attr)


def available_importers() -> dict[str, type[Importer]]:
    found = {}
    for name in BUILTIN_IMPORTERS:
        cls = _load(name)
        if cls is not None:
            found[name] = cls
    return found


def get_importer(name: str) -> type[Importer]:
    available = available_importers()
    if name not in available:
        raise UsageError(f"unknown format {name!r}: use one of auto, {', '.join(available)}")
    return available[name]


def detect_format(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    for name, cls in available_importers().items():
        if cls.sniff(path, head):
            return name
    by_extension = [name for name, cls in available_importers().items() if path.suffix.lower() in cls.extensions]
    if len(by_extension) == 1:  # content unclear (say, a broken first line), but the extension is not
        return by_extension[0]
    raise UsageError(f"{path}: cannot tell its format; name it with --format ({', '.join(available_importers())})")
