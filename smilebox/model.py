"""The conversation model every importer produces and every check reads (contract section 1).

These are the in-memory, validated shapes. The store keeps them in tables (``smilebox.store.tables``);
checks read them directly. Unknown fields are kept (``extra="allow"``), never rejected.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Role = Literal["customer", "agent", "bot", "system"]
Channel = Literal["email", "chat", "phone", "social", "sms", "other"]
Status = Literal["new", "open", "pending", "hold", "solved", "closed"]
ROLES: tuple[str, ...] = ("customer", "agent", "bot", "system")
CHANNELS: tuple[str, ...] = ("email", "chat", "phone", "social", "sms", "other")


def _id_to_str(value: Any) -> Any:
    """Help desks number their ids; the contract's ids are strings. Accept integers, not floats or bools."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=False)

    @property
    def extra(self) -> dict[str, Any]:
        return dict(self.__pydantic_extra__ or {})


class Person(_Open):
    """A customer, agent or author. Every field is optional; importers fill what the source knows."""

    id: str | None = None
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    handle: str | None = None
    group: str | None = None

    _coerce_id = field_validator("id", mode="before")(_id_to_str)

    @property
    def first_name(self) -> str | None:
        if not self.name:
            return None
        return self.name.split()[0].strip(",.") or None


class Message(_Open):
    id: str | None = None
    role: Role
    author: Person | None = None
    text: str | None = None
    html: str | None = None
    internal: bool = False
    created_at: datetime | None = None

    _coerce_id = field_validator("id", mode="before")(_id_to_str)

    @model_validator(mode="after")
    def _text_from_html(self) -> "Message":
        if self.text is None:
            if self.html is None:
                raise ValueError("either text or html must be present")
            from smilebox.text.html import html_to_text

            self.text = html_to_text(self.html)
        return self

    @property
    def public(self) -> bool:
        return not self.internal


class Feedback(_Open):
    """A rating and/or comment about a conversation, or a colleague's thank-you note.

    ``rating`` keeps the raw value as the source gave it (5, "great", "good", 103...); ``scale``
    names how to read it (csat5, nps, goodbad, helpscout, freshdesk, stars5, thumbs...).
    """

    id: str | None = None
    rating: float | int | str | None = None
    scale: str | None = None
    comment: str | None = None
    created_at: datetime | None = None
    agent: Person | None = None
    author: Person | None = None
    kind: Literal["customer", "colleague"] = "customer"
    channel: str | None = None

    _coerce_id = field_validator("id", mode="before")(_id_to_str)


class Conversation(_Open):
    id: str = Field(min_length=1)
    source: str = "jsonl"
    channel: Channel
    subject: str | None = None
    status: Status | None = None
    created_at: datetime | None = None
    tags: list[str] = Field(default_factory=list)
    customer: Person | None = None
    assignee: Person | None = None
    messages: list[Message] = Field(min_length=1)
    feedback: list[Feedback] = Field(default_factory=list)

    _coerce_id = field_validator("id", mode="before")(_id_to_str)

    @model_validator(mode="after")
    def _number_messages(self) -> "Conversation":
        seen: set[str] = set()
        for i, msg in enumerate(self.messages, start=1):
            if msg.id is None:
                msg.id = f"m{i}"
            if msg.id in seen:
                raise ValueError(f"message id {msg.id!r} appears twice")
            seen.add(msg.id)
        for i, fb in enumerate(self.feedback, start=1):
            if fb.id is None:
                fb.id = f"f{i}"
        return self

    # Convenience views used by checks -------------------------------------------------------
    @property
    def public_messages(self) -> list[Message]:
        return [m for m in self.messages if not m.internal]

    def by_role(self, role: str, *, public_only: bool = True) -> list[Message]:
        return [m for m in self.messages if m.role == role and (not public_only or not m.internal)]

    @property
    def agent_replies(self) -> list[Message]:
        return self.by_role("agent")

    @property
    def customer_messages(self) -> list[Message]:
        return self.by_role("customer")

    @property
    def internal_notes(self) -> list[Message]:
        return [m for m in self.messages if m.internal]

    def message(self, message_id: str) -> Message:
        for m in self.messages:
            if m.id == message_id:
                return m
        raise KeyError(message_id)


def format_validation_error(exc: Exception) -> str:
    """Turn a pydantic ValidationError into one readable line: ``field.path: problem; ...``."""
    errors = getattr(exc, "errors", None)
    if errors is None:
        return str(exc)
    parts = []
    for err in errors():
        loc = ".".join(str(p) for p in err.get("loc", ()))
        msg = err.get("msg", "invalid")
        msg = msg.removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


class FeedbackRecord(Feedback):
    """Feedback that arrives on its own (a survey export, a social post, a colleague's thank-you note),
    pointing at its conversation by the conversation's id in the same source when it has one."""

    source: str = "jsonl"
    conversation_id: str | None = None
    customer: Person | None = None

    _coerce_conv_id = field_validator("conversation_id", mode="before")(_id_to_str)
