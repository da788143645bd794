"""Front conversations with their messages and comments.

Front's API returns conversations, each conversation's messages and its comments from three calls; an
export puts them together. Accepted shapes: ``{"_results": [...]}`` (a page of conversations) or
``{"conversations": [...]}``, a bare array, or JSONL with one conversation per line (or one page per
line). One conversation::

    {"id": "cnv_1", "subject", "status": "archived|unassigned|assigned|deleted",
     "status_category": "open|waiting|resolved", "created_at" (epoch s), "tags": [{"name"}],
     "assignee": {"id", "email", "first_name", "last_name"}, "recipient": {"handle", "name"},
     "messages": [{"id", "type": "email|sms|front_chat|call|...", "is_inbound", "created_at", "body" (HTML),
                   "text", "author": {...} | null, "recipients": [{"handle", "name", "role": "from|to|cc"}],
                   "attachments"}],
     "comments": [{"id", "author": {...}, "body", "posted_at"}]}

``messages`` and ``comments`` may also be API pages (``{"_results": [...]}``). ``is_inbound: true`` is the
customer, otherwise a teammate (agent). Comments are internal notes, except those written by Front's CSAT
teammate (``author.type: "CSAT"``), which become the customer's feedback comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from smilebox.errors import InputError
from smilebox.importers._common import (
    RecordProblem,
    finish,
    flag,
    full_name,
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
from smilebox.importers._roles import FRONT_CHANNELS, FRONT_STATUSES
from smilebox.importers.base import Importer, Item

_PHONE = re.compile(r"^\+?[\d\s().-]{6,}$")


def handle_person(handle: str | None, name: str | None = None, pid: object = None) -> dict | None:
    """Front recipients are handles: an email address, a phone number, or a social handle."""
    if handle and "@" in handle and not handle.startswith("@"):
        return person(id=pid, name=name, email=handle)
    if handle and _PHONE.match(handle):
        return person(id=pid, name=name, phone=handle)
    return person(id=pid, name=name, handle=handle)


def _teammate(a: dict) -> dict | None:
    return person(
        id=a.get("id"),
        name=full_name(a.get("first_name"), a.get("last_name")) or a.get("username"),
        email=a.get("email"),
    )


class FrontImporter(Importer):
    name = "front"
    description = "Front conversations with messages (is_inbound) and comments (internal notes)."
    extensions = (".json", ".jsonl", ".ndjson")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        return b'"is_inbound"' in head

    def read(self, path: Path) -> Iterator[Item]:
        name = str(path)
        with open(path, "rb") as fh:
            key = "conversations" if b'"conversations"' in fh.read(4096) else "_results"
        for rec in iter_records(path, key):
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
        entries = []
        customer = None
        for m in items(c.get("messages")):
            m = obj(m)
            inbound = flag(m.get("is_inbound")) is True
            sender = next((obj(r) for r in items(m.get("recipients")) if obj(r).get("role") == "from"), {})
            author = (
                handle_person(text(sender.get("handle")), text(sender.get("name")))
                if inbound
                else _teammate(obj(m.get("author")))
                or handle_person(text(sender.get("handle")), text(sender.get("name")))
            )
            if inbound and customer is None:
                customer = author
            msg = {
                "id": ident(m.get("id")),
                "role": "customer" if inbound else "agent",
                "author": author,
                "created_at": timestamp(m.get("created_at")),
                "message_type": text(m.get("type")),
            }
            body, plain = text(m.get("body")), text(m.get("text"))
            if body and body.strip():
                msg["html"] = body
            else:
                msg["text"] = plain or ""
            attachments = [
                {"file_name": text(obj(a).get("filename")), "content_type": text(obj(a).get("content_type"))}
                for a in items(m.get("attachments"))
            ]
            if attachments:
                msg["attachments"] = attachments
            entries.append((m.get("created_at"), msg))
        feedback = []
        for cm in items(c.get("comments")):
            cm = obj(cm)
            author = obj(cm.get("author"))
            if (text(author.get("type")) or "").lower() == "csat":
                fb = rating_feedback(
                    None, "csat5", cm.get("body"), id=cm.get("id"), created_at=cm.get("posted_at")
                )
                if fb:
                    feedback.append(fb)
                continue
            entries.append(
                (
                    cm.get("posted_at"),
                    {
                        "id": ident(cm.get("id")),
                        "role": "agent",
                        "internal": True,
                        "author": _teammate(author),
                        "text": text(cm.get("body")) or "",
                        "created_at": timestamp(cm.get("posted_at")),
                    },
                )
            )
        if not entries:
            raise RecordProblem(
                f"conversation {cid} has no messages: add each conversation's "
                "/conversations/{id}/messages results as its messages list"
            )
        entries.sort(
            key=lambda e: e[0] if isinstance(e[0], (int, float)) and not isinstance(e[0], bool) else 0
        )
        recipient = obj(c.get("recipient"))
        if recipient:
            customer = handle_person(text(recipient.get("handle")), text(recipient.get("name"))) or customer
        first_type = next((e[1].get("message_type") for e in entries if e[1].get("message_type")), None)
        status = lookup(FRONT_STATUSES, c.get("status_category")) or lookup(FRONT_STATUSES, c.get("status"))
        return {
            "id": cid,
            "source": self.name,
            "channel": lookup(FRONT_CHANNELS, first_type, self.options.default_channel or "other"),
            "subject": text(c.get("subject")),
            "status": status,
            "created_at": timestamp(c.get("created_at")),
            "tags": tag_names(c.get("tags")),
            "customer": customer,
            "assignee": _teammate(obj(c.get("assignee"))),
            "messages": [e[1] for e in entries],
            "feedback": feedback,
        }
