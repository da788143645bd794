"""Turning a validated conversation into rows, apart from writing them.

Preparing is pure CPU work (serialising, hashing, flattening messages) and needs no database, so the
import pipeline can do it in worker processes while the main process writes. ``PreparedConversation`` is
plain data that pickles cheaply.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, NamedTuple

from smilebox.model import Conversation, Feedback, Person


class PersonRef(NamedTuple):
    """The identity fields of a person, as the agent and customer directories need them."""

    id: str | None
    name: str | None
    email: str | None
    phone: str | None
    handle: str | None
    group: str | None

    @classmethod
    def of(cls, person: Person | None) -> "PersonRef | None":
        if person is None:
            return None
        return cls(person.id, clean(person.name), person.email, person.phone, person.handle, person.group)


@dataclass(slots=True)
class PreparedConversation:
    source: str
    external_id: str
    content_hash: str
    document: str
    row: dict[str, Any]  # the conversations columns that come from the record itself
    customer: PersonRef | None
    assignee: PersonRef | None
    messages: list[tuple]  # (position, external_id, role, internal, author PersonRef | None, text, created_at)
    feedback: list[Feedback]

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.external_id)


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def clean(text: str | None) -> str | None:
    """Drop NUL characters, which PostgreSQL text columns cannot hold (the JSON document keeps them escaped)."""
    if text and "\x00" in text:
        return text.replace("\x00", "")
    return text


def utc(value: datetime | None) -> datetime | None:
    """Times are stored in UTC; a time without an offset is taken to be UTC already."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def prepare(conv: Conversation) -> PreparedConversation:
    doc = conv.model_dump_json()
    created: datetime | None = conv.created_at or next((m.created_at for m in conv.messages if m.created_at), None)
    messages = [
        (pos, m.id, m.role, m.internal, PersonRef.of(m.author), clean(m.text) or "", utc(m.created_at))
        for pos, m in enumerate(conv.messages)
    ]
    prefix = f"{conv.id}/"
    feedback = [
        fb if fb.id and fb.id.startswith(prefix) else fb.model_copy(update={"id": prefix + (fb.id or "")})
        for fb in conv.feedback
    ]
    return PreparedConversation(
        source=conv.source,
        external_id=conv.id,
        content_hash=content_hash(doc.encode()),
        document=doc,
        row={
            "channel": conv.channel,
            "subject": clean(conv.subject),
            "status": conv.status,
            "created_at": utc(created),
            "tags": conv.tags,
        },
        customer=PersonRef.of(conv.customer),
        assignee=PersonRef.of(conv.assignee),
        messages=messages,
        feedback=feedback,
    )
