"""Reading records out of help-desk exports, whatever shape the user saved them in, in flat memory.

Vendors' tooling saves the same records in three shapes, and every JSON importer accepts all three:

* **a JSON document** holding the records in an array under a key (``{"tickets": [...]}``), possibly
  nested (``{"_embedded": {"conversations": [...]}}``), or a bare top-level array. It is streamed with
  ``ijson`` (C backend), so a multi-GB export never sits in memory; locations are JSON paths
  (``tickets[3]``).
* **JSONL, one record per line** (what most scripts and ETL tools write); locations are line numbers.
* **JSONL, one API page per line** (``{"tickets": [...], "after_cursor": ...}`` as the API returned it);
  locations are ``LINE:tickets[i]``.

A file whose first line is a whole JSON object is JSONL (a one-line document is then read as one page,
which gives the same records); anything else is a document. In JSONL each line stands alone: a broken
line (bad JSON, bytes that are not UTF-8) costs that line only. A syntax error in a document stops that
document (nothing after it can be found again) and is reported where it happened; records before it are
kept. Bytes that are not UTF-8 in a document are read as U+FFFD and reported once, with the byte offset
of the first one, instead of losing the whole file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ijson
import orjson

from smilebox.errors import InputError
from smilebox.importers.base import describe_utf8_error

_READ_SIZE = 1024 * 1024
_SCAN_SIZE = 8 * 1024 * 1024


@dataclass(frozen=True)
class Record:
    """One raw record and where it came from (a line number or a JSON path)."""

    location: int | str
    value: Any


class _Utf8Repair:
    """A binary reader for ijson that swaps bytes which are not UTF-8 for U+FFFD and remembers the first.

    A multi-byte character split across two reads is held back until the next read, so only bytes that
    are really wrong get replaced. Checking costs one C-speed decode per chunk.
    """

    def __init__(self, fh):
        self.fh = fh
        self.offset = 0  # file offset of the first byte not yet handed out
        self.first_bad: tuple[int, int] | None = None  # (file offset, byte value)
        self.bad_count = 0
        self._carry = b""

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson probes with read(0) to see whether the file gives bytes or str
            return b""
        while True:
            data = self.fh.read(_READ_SIZE if size is None or size < 0 else max(size, 4))
            chunk = self._carry + data
            if not data:  # end of file: hand out whatever is left, repaired
                self._carry = b""
                return self._checked(chunk)
            cut = _incomplete_tail(chunk)
            body, self._carry = chunk[: len(chunk) - cut], chunk[len(chunk) - cut :]
            if body:
                return self._checked(body)

    def _checked(self, body: bytes) -> bytes:
        base = self.offset
        self.offset += len(body)
        try:
            body.decode("utf-8")
            return body
        except UnicodeDecodeError as exc:
            if self.first_bad is None:
                self.first_bad = (base + exc.start, body[exc.start])
            fixed = body.decode("utf-8", errors="replace")
            self.bad_count += fixed.count("\ufffd") - body.count("\ufffd".encode())
            return fixed.encode("utf-8")


def _incomplete_tail(chunk: bytes) -> int:
    """How many bytes at the end of ``chunk`` start a UTF-8 character that the next read completes."""
    for back in range(1, min(4, len(chunk)) + 1):
        byte = chunk[-back]
        if byte < 0x80:
            return 0
        if byte >= 0xC0:  # a lead byte: how long is its character?
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return back if need > back else 0
    return 0


def _first_line(path: Path, limit: int = 8 * 1024 * 1024) -> bytes:
    """The first non-blank line, or b"" when it is longer than ``limit`` (then it is a one-line document)."""
    with open(path, "rb") as fh:
        while True:
            raw = fh.readline(limit)
            if not raw:
                return b""
            if len(raw) >= limit and not raw.endswith(b"\n"):
                return b""
            if raw.strip():
                return raw.strip()


def dig(obj: Any, key_path: str) -> Any:
    """``obj["a"]["b"]`` for ``key_path`` "a.b"; None when any step is missing or not an object."""
    for part in key_path.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj


def file_shape(path: Path) -> str:
    """ "document" (streamed with ijson) or "lines" (JSONL: records or pages, one per line).

    A file is JSONL when its first line is a whole JSON object on its own; a one-line document is
    then read as one page, which gives the same records. A first line too long to load is a document.
    """
    first = _first_line(path)
    if not first.startswith(b"{"):
        return "document"
    try:
        obj = orjson.loads(first)
    except orjson.JSONDecodeError:
        return "document"  # a pretty-printed (or broken) document
    return "lines" if isinstance(obj, dict) else "document"


def iter_records(
    path: Path,
    key_path: str,
    *,
    side: Callable[[str, Any], None] | None = None,
    side_keys: tuple[str, ...] = (),
) -> Iterator[Record | InputError]:
    """Every record under ``key_path`` in ``path``, in file order, or an ``InputError`` where one is broken.

    In JSONL, ``side(key, value)`` is called for the ``side_keys`` of a line (side-loaded users...),
    before that line's records, so a page's records can use them; a line with only side keys is not
    a record.
    """
    if file_shape(path) == "document":
        yield from _document_records(path, key_path)
    else:
        yield from _line_records(path, key_path, side=side, side_keys=side_keys)


def _document_records(path: Path, key_path: str) -> Iterator[Record | InputError]:
    name = str(path)
    with open(path, "rb") as raw:
        head = raw.read(64).lstrip()
        raw.seek(0)
        prefix, label = (
            ("item", "") if head.startswith(b"[") else (f"{key_path}.item", key_path.split(".")[-1])
        )
        reader = _Utf8Repair(raw)
        index = 0
        try:
            for index, value in enumerate(ijson.items(reader, prefix, use_float=True)):
                yield Record(f"{label}[{index}]", value)
            else:
                index = -1
        except ijson.JSONError as exc:
            where = f"{label}[{index + 1 if index >= 0 else 0}]"
            detail = str(exc.args[0] if exc.args else exc)
            if isinstance(exc.args[0] if exc.args else None, bytes):
                detail = exc.args[0].decode("utf-8", "replace")
            yield InputError(
                name,
                where,
                f"not valid JSON ({detail.splitlines()[0].strip()}); "
                "the rest of the file cannot be read: fix or re-export it",
            )
        if reader.first_bad is not None:
            offset, byte = reader.first_bad
            yield InputError(
                name,
                f"byte {offset + 1}",
                f"not valid UTF-8 (byte 0x{byte:02x}); {reader.bad_count} "
                "such place(s) were read as U+FFFD; re-save the file as UTF-8",
            )


def parse_line(name: str, lineno: int, raw: bytes) -> Any | InputError:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as uexc:
            return InputError(name, lineno, describe_utf8_error(uexc))
        return InputError(name, lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")


def _line_records(
    path: Path, key_path: str, *, side, side_keys: tuple[str, ...]
) -> Iterator[Record | InputError]:
    name = str(path)
    label = key_path.split(".")[-1]
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            raw = raw.strip()
            if not raw:
                continue
            obj = parse_line(name, lineno, raw)
            if isinstance(obj, InputError):
                yield obj
                continue
            if not isinstance(obj, dict):
                yield InputError(name, lineno, f"expected a JSON object, got {type(obj).__name__}")
                continue
            present = [k for k in side_keys if k in obj] if side is not None else []
            for key in present:
                side(key, obj[key])
            records = dig(obj, key_path)
            if records is None:
                if not present or "id" in obj:  # a record (a line of side tables only is not)
                    yield Record(lineno, obj)
                continue
            if not isinstance(records, list):
                yield InputError(name, lineno, f"{label} should be a list, got {type(records).__name__}")
                continue
            for i, value in enumerate(records):
                yield Record(f"{lineno}:{label}[{i}]", value)


def _key_offsets(path: Path, keys: tuple[str, ...]) -> dict[str, int | None]:
    """For each key whose quoted name occurs in the file: its byte offset when it occurs exactly once as a
    key (then it can only be the table itself), else None (it must be searched for by a full pass).
    Keys that never occur are left out. A plain substring scan in chunks: GB/s, flat memory."""
    needles = {k: b'"' + k.encode() + b'"' for k in keys}
    hits: dict[str, list[int]] = {k: [] for k in keys}
    overlap = max(len(n) for n in needles.values()) - 1 if needles else 0
    with open(path, "rb") as fh:
        base, tail = 0, b""
        while True:
            chunk = fh.read(_SCAN_SIZE)
            if not chunk:
                break
            window = tail + chunk
            start = base - len(tail)
            for key, needle in needles.items():
                at = window.find(needle)
                while at != -1 and len(hits[key]) < 2:
                    if start + at not in hits[key]:
                        hits[key].append(start + at)
                    at = window.find(needle, at + 1)
            base += len(chunk)
            tail = window[-overlap:] if overlap else b""
        out: dict[str, int | None] = {}
        for key, found in hits.items():
            if not found:
                continue
            fh.seek(found[0] + len(needles[key]))
            is_key = fh.read(64).lstrip().startswith(b":")
            out[key] = found[0] if len(found) == 1 and is_key else None
    return out


class _SliceReader:
    """Reads ``prefix`` and then the file from ``offset``: lets the parser start at a table's key."""

    def __init__(self, fh, offset: int, prefix: bytes):
        fh.seek(offset)
        self.fh, self.prefix = fh, prefix

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        if self.prefix:
            out, self.prefix = self.prefix, b""
            return out
        return self.fh.read(_READ_SIZE if size is None or size < 0 else size)


def collect_side(path: Path, key_paths: tuple[str, ...]) -> dict[str, list[Any]]:
    """Small side tables (users, ratings) of a document, wherever they sit in the file, before the main
    records are streamed (so the tables may come after the records in the file).

    A table whose key occurs once is parsed from that key on, and parsing stops at the table's end: the
    cost is the table's size, not the file's. Otherwise one pass of the C parser over the whole file
    finds it. A broken document yields what was read before the break; the main pass reports the break.
    """
    found: dict[str, list[Any]] = {k: [] for k in key_paths}
    if file_shape(path) != "document":
        return found
    for key, offset in _key_offsets(path, key_paths).items():
        with open(path, "rb") as raw:
            try:
                if offset is not None:
                    reader = _Utf8Repair(_SliceReader(raw, offset, b"{"))
                    for value in ijson.items(reader, key, use_float=True):
                        found[key].extend(value if isinstance(value, list) else [])
                        break
                else:
                    for value in ijson.items(_Utf8Repair(raw), f"{key}.item", use_float=True):
                        found[key].append(value)
            except ijson.JSONError:
                pass
    return found
