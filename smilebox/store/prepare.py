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
    dialect: str  # the database the rows are bound for (``time_binder``)
    content_hash: str
    document: str
    row: dict[str, Any]  # the conversations columns that come from the record itself
    customer: PersonRef | None
    assignee: PersonRef | None
    #: message rows ready to bind, in ``MESSAGE_COLUMNS`` order minus the two ids only the writer knows
    messages: list[tuple]
    #: (position, author) of each agent message with a known author, for the writer to resolve to agent ids
    agent_authors: list[tuple[int, PersonRef]]
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


#: the columns of a prepared message row (``conversation_id`` and ``agent_id`` are added by the writer)
MESSAGE_FIELDS = ("position", "external_id", "role", "internal", "author_name", "chars", "created_at")


def _sqlite_time(value: datetime | None) -> str | None:
    """A time, in UTC, as SQLAlchemy's SQLite DateTime stores it (``YYYY-MM-DD HH:MM:SS.ffffff``)."""
    if value is None:
        return None
    if value.tzinfo is not None and value.utcoffset():
        value = value.astimezone(timezone.utc)
    return value.isoformat(" ", "microseconds")[:26]


def _same(value: datetime | None) -> datetime | None:
    return utc(value)


def time_binder(dialect: str):
    """How a UTC datetime is bound on ``dialect``: SQLite takes text, the others take the datetime itself."""
    return _sqlite_time if dialect == "sqlite" else _same


def prepare(conv: Conversation, dialect: str) -> PreparedConversation:
    """Rows for ``conv``; message times are bound for ``dialect`` already (the writer's hot path stays short).

    The document leaves out fields at their defaults (validating it again restores them), which keeps
    the store and the import's hot path about a quarter smaller.
    """
    doc = conv.model_dump_json(exclude_defaults=True)
    created: datetime | None = conv.created_at or next((m.created_at for m in conv.messages if m.created_at), None)
    bind_time = time_binder(dialect)
    messages = []
    agent_authors = []
    append = messages.append
    for pos, m in enumerate(conv.messages):
        author = m.author
        text = m.text or ""
        append((pos, m.id, m.role, m.internal, clean(author.name) if author else None,
                len(text) - text.count("\x00"), bind_time(m.created_at)))
        if m.role == "agent" and author is not None:
            agent_authors.append((pos, PersonRef.of(author)))
    prefix = f"{conv.id}/"
    feedback = [
        fb if fb.id and fb.id.startswith(prefix) else fb.model_copy(update={"id": prefix + (fb.id or "")})
        for fb in conv.feedback
    ]
    return PreparedConversation(
        source=conv.source,
        external_id=conv.id,
        dialect=dialect,
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
        agent_authors=agent_authors,
        feedback=feedback,
    )
