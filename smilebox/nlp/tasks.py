"""Reading texts to analyse and running one analysis task over them in chunks (``smilebox analyze``).

Input is a text file with one text per line (blank lines skipped), or JSONL with a ``text`` field per
line (detected by a ``.jsonl``/``.ndjson`` name or a first line starting with ``{``). A bad JSONL line
is reported through ``on_error`` as ``InputError(file, line, problem)`` and skipped: it produces no
output object, so the outputs keep the order of the good inputs and the errors name the lines missing.
Input is read as bytes and decoded line by line, so a line that is not UTF-8 is one such error, not the
end of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import IO, Any

import orjson

from smilebox.errors import InputError, UsageError

TASKS = ("sentiment", "emotion", "empathy")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CHUNK = 512
_BOM = b"\xef\xbb\xbf"


def check_task(task: str) -> str:
    if task not in TASKS:
        raise UsageError(f"unknown task {task!r}; choose one of: {', '.join(TASKS)}")
    return task


def read_texts(
    lines: Iterable[bytes | str], name: str, on_error: Callable[[InputError], None], jsonl: bool | None = None
) -> Iterator[str]:
    """Texts from ``lines`` (bytes as read from a file, or str); ``jsonl=None`` decides from the first
    non-blank line. A byte order mark before the first line is not part of its text."""
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            if number == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM):]
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                on_error(InputError(name, number, f"not valid UTF-8 (byte {exc.start + 1} of the line); "
                                                  "save the file as UTF-8"))
                continue
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if jsonl is None:
            jsonl = line.lstrip().startswith("{")
        if not jsonl:
            yield line
            continue
        try:
            yield _text_of(orjson.loads(line))
        except orjson.JSONDecodeError as exc:
            on_error(InputError(name, number, f"not valid JSON: {exc.args[0].split(':')[0]}"))
        except ValueError as exc:
            on_error(InputError(name, number, str(exc)))


def _text_of(record: Any) -> str:
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object with a 'text' field")
    if "text" not in record:
        raise ValueError("missing field 'text'")
    if not isinstance(record["text"], str):
        raise ValueError(f"field 'text' must be a string, not {type(record['text']).__name__}")
    return record["text"]


def is_jsonl_name(name: str) -> bool | None:
    return True if name.lower().endswith(JSONL_SUFFIXES) else None


def analyze_texts(analyzer: Any, task: str, texts: Iterable[str], chunk: int = CHUNK) -> Iterator[dict[str, Any]]:
    """Results in input order, computed a chunk at a time so memory stays flat on big inputs."""
    run = getattr(analyzer, check_task(task))
    iterator = iter(texts)
    while batch := list(islice(iterator, chunk)):
        yield from run(batch)


def open_input(path: str | None, stdin: IO[bytes] | IO[str]) -> tuple[IO[bytes] | IO[str], str]:
    """The byte stream and the name errors should use; a missing file is a usage error naming it.

    Bytes, not text: ``read_texts`` decodes each line on its own, so one badly encoded line is reported
    and skipped instead of stopping the run."""
    if path is None or path == "-":
        return stdin, "<stdin>"
    try:
        return open(path, "rb"), path
    except FileNotFoundError:
        raise UsageError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory, expected a text or JSONL file") from None
