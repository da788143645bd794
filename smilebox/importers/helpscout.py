"""Help Scout conversations (Mailbox API 2.0) with embedded threads.

Accepted shapes: the list endpoint's HAL document ``{"_embedded": {"conversations": [...]}, "page": ...}``
(``embed=threads``), JSONL with one such page per line (what a paging script saves), JSONL with one
conversation per line, or a bare array of conversations. One conversation::

    {"id", "number", "type": "email|chat|phone", "status": "active|pending|closed|spam", "subject",
     "createdAt", "primaryCustomer": {"id", "first", "last", "email"},
     "assignee": {"id", "first", "last", "email"},
     "tags": [{"tag": "vip"}], "_embedded": {"threads": [{"id", "type", "state", "body", "createdAt",
         "createdBy": {"id", "type": "customer|user", "first", "last", "email"},
         "rating": {"rating": "great|okay|not_good", "comments"}}]},
     "ratings": [{"rating", "comments", "user", "threadId"}]   # optional: /v2/ratings results}

Roles follow the thread ``type``: customer -> customer, reply/message -> agent, note -> internal agent
note, lineitem (assignments, status changes) -> internal system line; chat and phone threads take the
role from ``createdBy.type``. Draft threads are skipped. The API lists threads newest first; messages are
put back in time order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from smilebox.errors import InputError
from smilebox.importers._common import (
    RecordProblem,
    finish,
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
from smilebox.importers._roles import HELPSCOUT_CHANNELS, HELPSCOUT_STATUSES, HELPSCOUT_THREADS
from smilebox.importers.base import Importer, Item


def _hs_person(p: dict) -> dict | None:
    return person(
        id=p.get("id"),
        name=full_name(p.get("first"), p.get("last")),
        email=p.get("email"),
        phone=p.get("phone"),
    )


class HelpScoutImporter(Importer):
    name = "helpscout"
    description = "Help Scout Mailbox API 2.0 conversations with embedded threads."
    extensions = (".json", ".jsonl", ".ndjson")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        return b'"_embedded"' in head and (b'"threads"' in head or b'"conversations"' in head)

    def read(self, path: Path) -> Iterator[Item]:
        name = str(path)
        for rec in iter_records(path, "_embedded.conversations"):
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
        threads = items(obj(c.get("_embedded")).get("threads")) or items(c.get("threads"))
        threads = [obj(t) for t in threads if text(obj(t).get("state")) != "draft"]
        threads.sort(key=lambda t: text(t.get("createdAt")) or "")
        messages, feedback = [], []
        for t in threads:
            msg = _message(t)
            if msg is not None:
                messages.append(msg)
            rating = obj(t.get("rating"))
            fb = rating_feedback(
                rating.get("rating"),
                "helpscout",
                rating.get("comments"),
                id=rating.get("id"),
                created_at=rating.get("createdAt"),
                thread_id=ident(t.get("id")),
            )
            if fb:
                feedback.append(fb)
        if not messages:
            raise RecordProblem(f"conversation {cid} has no threads: list conversations with embed=threads")
        for rating in items(c.get("ratings")):
            rating = obj(rating)
            fb = rating_feedback(
                rating.get("rating"),
                "helpscout",
                rating.get("comments"),
                id=rating.get("id"),
                created_at=rating.get("createdAt"),
                agent=_hs_person(obj(rating.get("user"))),
                thread_id=ident(rating.get("threadId")),
            )
            if fb and fb.get("thread_id") not in {f.get("thread_id") for f in feedback if f.get("thread_id")}:
                feedback.append(fb)
        customer = obj(c.get("primaryCustomer")) or obj(c.get("customer"))
        return {
            "id": cid,
            "source": self.name,
            "channel": lookup(HELPSCOUT_CHANNELS, c.get("type"), self.options.default_channel or "other"),
            "subject": text(c.get("subject")),
            "status": lookup(HELPSCOUT_STATUSES, c.get("status")),
            "created_at": timestamp(c.get("createdAt")),
            "tags": tag_names(c.get("tags"), key="tag"),
            "customer": _hs_person(customer),
            "assignee": _hs_person(obj(c.get("assignee"))),
            "messages": messages,
            "feedback": feedback,
            "number": ident(c.get("number")),
            "mailbox_id": ident(c.get("mailboxId")),
        }


def _message(t: dict) -> dict | None:
    kind = (text(t.get("type")) or "").lower()
    creator = obj(t.get("createdBy"))
    role, internal = HELPSCOUT_THREADS.get(kind, (None, False))
    if role is None:  # chat, phone and anything new: who wrote it decides
        role = "customer" if text(creator.get("type")) == "customer" else "agent"
    body = text(t.get("body"))
    if body is None and role == "system":
        body = text(t.get("action", {}).get("text")) if isinstance(t.get("action"), dict) else None
    attachments = [
        {"file_name": text(obj(a).get("filename")), "content_type": text(obj(a).get("mimeType"))}
        for a in items(obj(t.get("_embedded")).get("attachments"))
    ]
    msg = {
        "id": ident(t.get("id")),
        "role": role,
        "internal": internal,
        "author": _hs_person(creator),
        "created_at": timestamp(t.get("createdAt")),
        "thread_type": kind or None,
    }
    if body and body.strip():
        msg["html"] = body
    else:
        msg["text"] = ""
    if attachments:
        msg["attachments"] = attachments
    return msg
