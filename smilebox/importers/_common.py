"""Small pieces every help-desk importer shares: typed field access, timestamps, people, and the last step
(validate into a ``Conversation`` or report why not).

Exports are messy: a field that is usually an object may be a string, an id may be a number or a string,
a list may be null. The getters here never raise on a wrong type; they return None (or an empty list)
so one odd field does not cost the whole ticket. What *is* required raises ``RecordProblem`` with a
message naming the field, which the importer reports as ``FILE:LOCATION: problem``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from pydantic import ValidationError

from smilebox.errors import InputError
from smilebox.model import Conversation, format_validation_error


class RecordProblem(ValueError):
    """A record lacks something it needs; the message says what and how to fix it."""


def obj(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list:
    """A list field; vendors sometimes wrap lists (``{"tags": [...]}``, ``{"_results": [...]}``)."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in ("_results", "data", "items"):
            if isinstance(value.get(key), list):
                return value[key]
    return []


def text(value: Any) -> str | None:
    """A string field; numbers become strings, other types None."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def ident(value: Any) -> str | None:
    """An id as a string (vendors number them); floats that are whole numbers lose their ``.0``."""
    kind = type(value)  # the usual cases first: this runs for every id of every record
    if kind is int:
        return str(value)
    if kind is str:
        return value if value.strip() else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, (int, str)):
        return str(value) if str(value).strip() else None
    return None


def flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def timestamp(value: Any) -> datetime | str | None:
    """ISO strings pass through (pydantic parses them); epoch seconds (int/float) become UTC datetimes."""
    if type(value) is str:
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def person(**fields: Any) -> dict | None:
    """A Person dict with only the fields that have a value; None when nothing is known."""
    out = {}
    for key, value in fields.items():
        value = ident(value) if key == "id" else text(value)
        if value is not None and value.strip():
            out[key] = value.strip()
    return out or None


def full_name(first: Any, last: Any) -> str | None:
    name = " ".join(p for p in (text(first), text(last)) if p and p.strip())
    return name or None


def tag_names(value: Any, key: str = "name") -> list[str]:
    """Tags as plain strings, from ``["a"]``, ``[{"name": "a"}]`` or ``{"tags": [...]}``."""
    if isinstance(value, dict):
        value = value.get("tags")
    out = []
    for tag in items(value):
        name = (
            text(tag)
            if not isinstance(tag, dict)
            else text(tag.get(key) or tag.get("tag") or tag.get("name"))
        )
        if name and name.strip() and name.strip() not in out:
            out.append(name.strip())
    return out


def lookup(table: dict[str, str], value: Any, default: str | None = None) -> str | None:
    key = text(value)
    return table.get(key.strip().lower(), default) if key is not None else default


def finish(data: dict, file: str, location: int | str) -> Iterator[Conversation | InputError]:
    """Validate ``data`` into a Conversation, or say which field is wrong and in which record."""
    yield finished(data, file, location)


def finished(data: dict, file: str, location: int | str) -> Conversation | InputError:
    """``finish`` for one record: the Conversation, or an InputError naming the field and the record."""
    try:
        return Conversation.model_validate(data)
    except ValidationError as exc:
        return InputError(file, location, f"{_label(data)}: {format_validation_error(exc)}")


def _label(data: dict) -> str:
    return f"conversation {data.get('id')!r}" if data.get("id") else "record"
