"""Native conversation JSONL (contract section 1): one conversation per line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
from pydantic import ValidationError

from smilebox.errors import InputError
from smilebox.importers.base import Importer, Item, describe_utf8_error
from smilebox.model import Conversation, format_validation_error


def load_json_line(name: str, lineno: int, raw: bytes) -> dict | InputError | None:
    """The JSON object on one line; None for a blank line; an ``InputError`` for anything else."""
    raw = raw.rstrip(b"\r\n")
    if not raw.strip():
        return None
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as uexc:
            return InputError(name, lineno, describe_utf8_error(uexc))
        return InputError(name, lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        return InputError(name, lineno, f"expected a JSON object, got {type(obj).__name__}")
    return obj


def iter_json_lines(path: Path) -> Iterator[tuple[int, dict | InputError]]:
    """(line number, object) for each non-blank line; an ``InputError`` for lines that are not a JSON object."""
    name = str(path)
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            obj = load_json_line(name, lineno, raw)
            if obj is not None:
                yield lineno, obj


def parse_conversation_line(name: str, lineno: int, raw: bytes) -> Conversation | InputError | None:
    if not raw.strip():
        return None
    try:  # the fast path: pydantic parses and validates in one pass
        return Conversation.model_validate_json(raw)
    except ValidationError:
        pass  # the slow path below says what is wrong, in the words the contract promises
    obj = load_json_line(name, lineno, raw)
    if obj is None or isinstance(obj, InputError):
        return obj
    try:
        return Conversation.model_validate(obj)
    except ValidationError as exc:
        return InputError(name, lineno, format_validation_error(exc))


class JsonlImporter(Importer):
    name = "jsonl"
    description = "Smilebox conversation JSONL, one conversation per line (the native format)."
    extensions = (".jsonl", ".ndjson", ".json")
    #: lines can be parsed independently, so the import pipeline may spread them over worker processes
    line_parser = staticmethod(parse_conversation_line)

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        first = head.lstrip()[:1]
        return first == b"{" and b'"messages"' in head

    def read(self, path: Path) -> Iterator[Item]:
        name = str(path)
        with open(path, "rb") as fh:
            for lineno, raw in enumerate(fh, start=1):
                item = parse_conversation_line(name, lineno, raw)
                if item is not None:
                    yield item
