"""Intercom conversations with their parts (``GET /conversations/{id}``), and the conversation rating.

Accepted shapes: ``{"conversations": [...]}`` (a list or search response with parts filled in), a bare
array, or JSONL with one conversation per line. One conversation::

    {"type": "conversation", "id", "created_at" (epoch s), "state": "open|closed|snoozed", "title",
     "source": {"type": "conversation|email|...", "body", "author": {"type", "id", "name", "email"}},
     "contacts": {"contacts": [{"id", "name", "email"}]}, "admin_assignee_id", "tags": {"tags": [{"name"}]},
     "conversation_rating": {"rating": 1-5, "remark", "teammate": {"id"}},
     "conversation_parts": {"conversation_parts": [{"id", "part_type": "comment|note|assignment|...",
         "body", "created_at", "author": {"type": "admin|user|lead|contact|bot", "name", "email",
         "from_ai_agent"}, "attachments"}]}}

The opening message is ``source``. Parts without a body (assignments, open/close events) are not
messages unless they carry attachments. ``part_type: note`` is an internal note. Author types user, lead
and contact are the customer, admin an agent (a bot if ``from_ai_agent``), bot a bot.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from smilebox.errors import InputError
from smilebox.importers._common import (
    RecordProblem,
    finish,
    flag,
    ident,
    items,
    lookup,
    obj,
    person,
    tag_names,
    text,
    timestamp,
)
from smilebox.importers._json_stream import iter_records
from smilebox.importers._ratings import rating_feedback
from smilebox.importers._roles import INTERCOM_AUTHORS, INTERCOM_CHANNELS, INTERCOM_STATES
from smilebox.importers.base import Importer, Item


def _author(a: dict) -> dict | None:
    return person(id=a.get("id"), name=a.get("name"), email=a.get("email"))


def _role(a: dict) -> str:
    role = lookup(INTERCOM_AUTHORS, a.get("type"), "customer")
    if role == "agent" and flag(a.get("from_ai_agent")):
        return "bot"
    return role


class IntercomImporter(Importer):
    name = "intercom"
    description = "Intercom conversations with conversation_parts and conversation_rating."
    extensions = (".json", ".jsonl", ".ndjson")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        return b'"conversation_parts"' in head

    def read(self, path: Path) -> Iterator[Item]:
        name = str(path)
        for rec in iter_records(path, "conversations"):
            if isinstance(rec, InputError):
                yield rec
                continue
            if not isinstance(rec.value, dict):
                yield InputError(
                    name,
                    rec.location,
                    f"a conversation should be a JSON object, got {type(rec.value).__name__}",
                )
                continue
            try:
                data = self._conversation(rec.value)
            except RecordProblem as exc:
                yield InputError(name, rec.location, str(exc))
                continue
            yield from finish(data, name, rec.location)

    def _conversation(self, c: dict) -> dict:
        cid = ident(c.get("id"))
        if cid is None:
            raise RecordProblem("conversation has no id")
        source = obj(c.get("source"))
        messages = []
        opening = _part(
            {**source, "id": f"{cid}-source", "part_type": "comment", "created_at": c.get("created_at")}
        )
        if opening is not None:
            messages.append(opening)
        parts = obj(c.get("conversation_parts")).get("conversation_parts", c.get("conversation_parts"))
        for p in items(parts):
            msg = _part(obj(p))
            if msg is not None:
                messages.append(msg)
        if not messages:
            raise RecordProblem(
                f"conversation {cid} has no messages: fetch each conversation with "
                "GET /conversations/{id} so source and conversation_parts are included"
            )
        source_author = obj(source.get("author"))
        if _role(source_author) == "customer":
            customer = _author(source_author)
        else:
            contacts = items(obj(c.get("contacts")).get("contacts", c.get("contacts")))
            customer = _author(obj(contacts[0])) if contacts else None
        rating = obj(c.get("conversation_rating"))
        fb = rating_feedback(
            rating.get("rating"),
            "csat5",
            rating.get("remark"),
            created_at=rating.get("created_at"),
            agent=_author(obj(rating.get("teammate"))),
        )
        return {
            "id": cid,
            "source": self.name,
            "channel": lookup(INTERCOM_CHANNELS, source.get("type"), self.options.default_channel or "chat"),
            "subject": text(c.get("title")) or text(source.get("subject")) or None,
            "status": lookup(INTERCOM_STATES, c.get("state")) or ("open" if flag(c.get("open")) else None),
            "created_at": timestamp(c.get("created_at")),
            "tags": tag_names(c.get("tags")),
            "customer": customer,
            "assignee": person(id=c.get("admin_assignee_id")),
            "messages": messages,
            "feedback": [fb] if fb else [],
        }


def _part(p: dict) -> dict | None:
    body = text(p.get("body"))
    attachments = [
        {
            "file_name": text(obj(a).get("name")),
            "content_type": text(obj(a).get("content_type")),
            "url": text(obj(a).get("url")),
        }
        for a in items(p.get("attachments"))
    ]
    if not (body and body.strip()) and not attachments:
        return None
    author = obj(p.get("author"))
    kind = text(p.get("part_type")) or "comment"
    msg = {
        "id": ident(p.get("id")),
        "role": _role(author),
        "author": _author(author),
        "internal": kind == "note",
        "created_at": timestamp(p.get("created_at")),
        "part_type": kind,
    }
    if body and body.strip():
        msg["html"] = body
    else:
        msg["text"] = ""
        msg["attachments"] = attachments
    if attachments and "attachments" not in msg:
        msg["attachments"] = attachments
    return msg
