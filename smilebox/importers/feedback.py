"""Feedback on its own: survey exports, emailed or social comments, colleagues' thank-you notes.

``feedback-csv``: a CSV with a header row. ``feedback-jsonl``: one JSON object per line with the same
fields (``smilebox.model.FeedbackRecord``; nested ``agent``/``author``/``customer`` objects allowed).

Columns (any order; a row needs a ``rating`` or a ``comment``; other columns are optional)::

    id (or feedback_id)       the source's id; when absent, a stable id is made from the row's content
    rating, scale             raw rating and its scale (csat5, nps, goodbad, helpscout, freshdesk, stars5,
                              thumbs; inferred from the value when absent)
    comment (or text, body, message)
    created_at (or date)      ISO 8601
    conversation_id (or ticket_id)   the conversation it is about, by its id in its source
    agent (or agent_name, to) the agent the source says it is about (a note's recipient)
    author (or author_name, from)    who wrote it
    customer_name, customer_email, customer_id, customer_phone, customer_handle
    kind                      customer (default) or colleague (a thank-you note between colleagues)
    channel                   survey, email, social, note...
    source                    names the system it came from (default "feedback"); ids are unique per source
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from smilebox.errors import InputError
from smilebox.importers.base import Importer, Item
from smilebox.importers.csv_messages import _Lines
from smilebox.importers.jsonl import iter_json_lines
from smilebox.model import FeedbackRecord, format_validation_error

DEFAULT_SOURCE = "feedback"
_SYNONYMS = {
    "id": ("id", "feedback_id"),
    "comment": ("comment", "text", "body", "message", "comments"),
    "created_at": ("created_at", "date", "submitted_at"),
    "conversation_id": ("conversation_id", "ticket_id"),
    "agent": ("agent", "agent_name", "to"),
    "author": ("author", "author_name", "from"),
}
_KINDS = {"customer": "customer", "colleague": "colleague", "thanks": "colleague", "kudos": "colleague", "note": "colleague"}


def _first(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = row.get(name)
        if value not in (None, ""):
            return value
    return None


def _stable_id(row: dict[str, Any]) -> str:
    text = "\x1f".join(f"{k}={row[k]}" for k in sorted(row) if row[k] not in (None, ""))
    return "h" + hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A flat row (CSV, or flat JSON) in the shape ``FeedbackRecord`` validates."""
    data: dict[str, Any] = {k: v for k, v in row.items() if k and v not in (None, "")}
    for field, names in _SYNONYMS.items():
        value = _first(row, names)
        for name in names:
            data.pop(name, None)
        if value is not None:
            data[field] = value
    for person in ("agent", "author"):
        if isinstance(data.get(person), str):
            data[person] = {"name": data[person]}
    customer = {k: data.pop(f"customer_{k}") for k in ("id", "name", "email", "phone", "handle") if f"customer_{k}" in data}
    if customer and "customer" not in data:
        data["customer"] = customer
    if isinstance(data.get("kind"), str):
        data["kind"] = _KINDS.get(data["kind"].strip().casefold(), data["kind"].strip().casefold())
    data.setdefault("source", DEFAULT_SOURCE)
    data.setdefault("id", _stable_id(row))
    return data


def _validate(data: dict[str, Any], name: str, line: int) -> Item:
    if data.get("rating") in (None, "") and not data.get("comment"):
        return InputError(name, line, "feedback needs a rating or a comment")
    try:
        return FeedbackRecord.model_validate(data)
    except ValidationError as exc:
        return InputError(name, line, format_validation_error(exc))


class FeedbackCsvImporter(Importer):
    name = "feedback-csv"
    description = "Feedback CSV: survey answers, comments and colleague thank-you notes, one per row."
    extensions = (".csv",)

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        header = head.split(b"\n", 1)[0].decode("utf-8-sig", "replace").lower()
        cols = {c.strip().strip('"') for c in header.split(",")}
        return bool(cols & {"rating", "comment"}) and not cols & {"messages", "role"}

    def read(self, path: Path) -> Iterator[Item]:
        name = str(path)
        with open(path, "rb") as fh:
            lines = _Lines(fh, path)
            reader = csv.DictReader(lines)
            fields = reader.fieldnames or []
            if not {"rating", "comment", "text", "body", "message"} & set(fields):
                yield InputError(name, 1, f"a feedback CSV needs a 'rating' or 'comment' column; found: {', '.join(fields) or 'none'}")
                return
            for row in reader:
                while lines.errors:
                    yield lines.errors.pop(0)
                if None in row:
                    yield InputError(name, lines.lineno, f"{len(fields) + len(row[None])} fields where the header has {len(fields)}")
                    continue
                yield _validate(record_from_row(row), name, lines.lineno)
            while lines.errors:
                yield lines.errors.pop(0)


class FeedbackJsonlImporter(Importer):
    name = "feedback-jsonl"
    description = "Feedback JSONL: one feedback record per line (rating, comment, agent, conversation_id...)."
    extensions = (".jsonl", ".ndjson")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        first = head.lstrip().split(b"\n", 1)[0]
        return first[:1] == b"{" and b'"messages"' not in head and (b'"rating"' in first or b'"comment"' in first)

    def read(self, path: Path) -> Iterator[Item]:
        for lineno, obj in iter_json_lines(path):
            if isinstance(obj, InputError):
                yield obj
                continue
            yield _validate(record_from_row(obj), str(path), lineno)
