"""Native conversation JSONL (contract section 1): one conversation per line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
from pydantic import ValidationError

from smilebox.errors import InputError
from smilebox.importers.base import Importer, Item, describe_utf8_error
from smilebox.model import Conversation, format_validation_error


def iter_json_lines(path: Path) -> Iterator[tuple[int, dict | InputError]]:
    """(line number, object) for each non-blank line; an ``InputError`` for lines that are not a JSON object."""
    name = str(path)
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                obj = orjson.loads(raw.rstrip(b"\r\n"))
            except orjson.JSONDecodeError as exc:
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as uexc:
                    yield lineno, InputError(name, lineno, describe_utf8_error(uexc))
                    continue
                yield lineno, InputError(name, lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield lineno, InputError(name, lineno, f"expected a JSON object, got {type(obj).__name__}")
                continue
            yield lineno, obj


class JsonlImporter(Importer):
    name = "jsonl"
    description = "Smilebox conversation JSONL, one conversation per line (the native format)."
    extensions = (".jsonl", ".ndjson", ".json")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        first = head.lstrip()[:1]
        return first == b"{" and b'"messages"' in head

    def read(self, path: Path) -> Iterator[Item]:
        for lineno, obj in iter_json_lines(path):
            if isinstance(obj, InputError):
                yield obj
                continue
            try:
                conv = Conversation.model_validate(obj)
            except ValidationError as exc:
                yield InputError(str(path), lineno, format_validation_error(exc))
                continue
            yield conv
