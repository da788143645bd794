"""CSV with one row per message (the native tabular format).

Columns (header names, any order; only the starred ones are required)::

    conversation_id*, channel*, role*, text (or html)*, message_id, internal, created_at, author_name,
    author_id, subject, status, tags (;-separated), conversation_created_at, customer_id, customer_name,
    customer_email, customer_phone, customer_handle, assignee_id, assignee_name, assignee_email

Rows of one conversation must be next to each other (export sorted by conversation); conversation-level
columns are read from the conversation's first row. Streaming: one conversation in memory at a time.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from smilebox.errors import InputError
from smilebox.importers.base import Importer, Item, describe_utf8_error
from smilebox.model import Conversation, format_validation_error

REQUIRED = ("conversation_id", "channel", "role")
_TRUE = {"1", "true", "yes", "y", "t", "internal", "private", "note"}
csv.field_size_limit(64 * 1024 * 1024)


def _person(row: dict[str, str], prefix: str) -> dict | None:
    person = {k: row.get(f"{prefix}_{k}") or None for k in ("id", "name", "email", "phone", "handle")}
    return {k: v for k, v in person.items() if v} or None


class _Lines:
    """Decode a binary file line by line, remembering the line number and reporting bad UTF-8 per line."""

    def __init__(self, fh, path: Path):
        self.fh, self.path, self.lineno, self.errors = fh, path, 0, []

    def __iter__(self):
        for raw in self.fh:
            self.lineno += 1
            try:
                yield raw.decode("utf-8-sig" if self.lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                self.errors.append(InputError(str(self.path), self.lineno, describe_utf8_error(exc)))
                yield raw.decode("utf-8", errors="replace")


class CsvMessagesImporter(Importer):
    name = "csv"
    description = "CSV, one row per message, grouped by conversation_id."
    extensions = (".csv",)

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        header = head.split(b"\n", 1)[0].decode("utf-8", "replace").lower()
        cols = {c.strip().strip('"') for c in header.split(",")}
        return all(c in cols for c in REQUIRED) and ("text" in cols or "html" in cols)

    def read(self, path: Path) -> Iterator[Item]:
        name = str(path)
        with open(path, "rb") as fh:
            lines = _Lines(fh, path)
            reader = csv.DictReader(lines)
            fields = reader.fieldnames or []
            missing = [c for c in REQUIRED if c not in fields]
            if "text" not in fields and "html" not in fields:
                missing.append("text")
            if missing:
                yield InputError(name, 1, f"missing column(s) {', '.join(missing)}; found: {', '.join(fields) or 'none'}")
                return
            current: dict | None = None
            current_line = 0
            seen: dict[str, int] = {}
            bad_conv: str | None = None
            for row in reader:
                lineno = lines.lineno
                while lines.errors:
                    yield lines.errors.pop(0)
                if None in row:
                    yield InputError(name, lineno, f"{len(fields) + len(row[None])} fields where the header has {len(fields)}")
                    continue
                conv_id = (row.get("conversation_id") or "").strip()
                if not conv_id:
                    yield InputError(name, lineno, "conversation_id is empty")
                    continue
                if current is not None and conv_id != current["id"]:
                    yield from self._finish(current, current_line, name)
                    current = None
                if current is None:
                    if conv_id in seen:
                        if bad_conv != conv_id:
                            yield InputError(name, lineno, f"rows of conversation {conv_id!r} are not together "
                                             f"(it started at line {seen[conv_id]}); sort the file by conversation_id")
                        bad_conv = conv_id
                        continue
                    seen[conv_id] = lineno
                    if len(seen) > 1_000_000:
                        seen.clear()
                    current = self._start(row, conv_id)
                    current_line = lineno
                msg = {
                    "id": row.get("message_id") or None,
                    "role": (row.get("role") or "").strip().lower(),
                    "text": row.get("text") or None,
                    "html": row.get("html") or None,
                    "internal": (row.get("internal") or "").strip().lower() in _TRUE,
                    "created_at": row.get("created_at") or None,
                }
                if row.get("author_name") or row.get("author_id"):
                    msg["author"] = {"id": row.get("author_id") or None, "name": row.get("author_name") or None}
                if msg["text"] is None and msg["html"] is None:
                    msg["text"] = ""
                current["messages"].append((lineno, msg))
            while lines.errors:
                yield lines.errors.pop(0)
            if current is not None:
                yield from self._finish(current, current_line, name)

    @staticmethod
    def _start(row: dict[str, str], conv_id: str) -> dict:
        tags = [t.strip() for t in (row.get("tags") or "").split(";") if t.strip()]
        return {
            "id": conv_id,
            "source": "csv",
            "channel": (row.get("channel") or "").strip().lower(),
            "subject": row.get("subject") or None,
            "status": (row.get("status") or "").strip().lower() or None,
            "created_at": row.get("conversation_created_at") or None,
            "tags": tags,
            "customer": _person(row, "customer"),
            "assignee": _person(row, "assignee"),
            "messages": [],
        }

    @staticmethod
    def _finish(data: dict, first_line: int, name: str) -> Iterator[Item]:
        lines = [ln for ln, _ in data["messages"]]
        data = {**data, "messages": [m for _, m in data["messages"]]}
        try:
            yield Conversation.model_validate(data)
        except ValidationError as exc:
            problem = format_validation_error(exc)
            # point at the message row when the problem is in one message
            errors = exc.errors()
            loc = errors[0].get("loc", ()) if errors else ()
            line = lines[loc[1]] if len(loc) > 1 and loc[0] == "messages" and isinstance(loc[1], int) and loc[1] < len(lines) else first_line
            yield InputError(name, line, f"conversation {data['id']!r}: {problem}")


