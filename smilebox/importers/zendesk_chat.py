"""Zendesk Chat (formerly Zopim) chat history, as the Chat API's ``/chats`` returns it.

Accepted shapes: a document ``{"chats": [...]}`` (or a bare array of chats), JSONL with one chat per line,
or JSONL of API pages. One chat::

    {"id": "1711.1.xyz", "type": "chat", "timestamp": "...", "visitor": {"name", "email", "phone"},
     "agent_names": ["Juan Perez"], "agent_ids": [...], "tags": [...], "department_name": "...",
     "rating": "good|bad|null", "comment": "...",
     "history": [{"type": "chat.msg", "name": "Juan Perez", "nick": "agent:361...", "msg": "...",
                  "timestamp": "..."}, ...]}

Only ``chat.msg`` history entries are messages (joins, leaves and rating events are not). The author is
an agent when the entry's ``nick`` starts with ``agent:`` or its ``name`` is in ``agent_names``; the
visitor otherwise; triggers (``agent:trigger``) and bots are ``bot``. Offline messages (``type:
"offline_msg"``) become a one-message conversation from the visitor.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from smilebox.errors import InputError
from smilebox.importers._common import (
    RecordProblem,
    finish,
    ident,
    items,
    obj,
    person,
    tag_names,
    text,
    timestamp,
)
from smilebox.importers._json_stream import iter_records
from smilebox.importers._ratings import rating_feedback
from smilebox.importers.base import Importer, Item


class ZendeskChatImporter(Importer):
    name = "zendesk-chat"
    description = "Zendesk Chat history (chats with history[] of chat.msg entries)."
    extensions = (".json", ".jsonl", ".ndjson")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        return b'"history"' in head and (b'"chat.msg"' in head or b'"visitor"' in head)

    def read(self, path: Path) -> Iterator[Item]:
        name = str(path)
        for rec in iter_records(path, "chats"):
            if isinstance(rec, InputError):
                yield rec
                continue
            if not isinstance(rec.value, dict):
                yield InputError(
                    name, rec.location, f"a chat should be a JSON object, got {type(rec.value).__name__}"
                )
                continue
            try:
                data = self._conversation(rec.value)
            except RecordProblem as exc:
                yield InputError(name, rec.location, str(exc))
                continue
            yield from finish(data, name, rec.location)

    def _conversation(self, chat: dict) -> dict:
        cid = ident(chat.get("id"))
        if cid is None:
            raise RecordProblem("chat has no id")
        visitor = obj(chat.get("visitor"))
        agents = {
            n.strip().casefold() for n in (text(a) for a in items(chat.get("agent_names"))) if n and n.strip()
        }
        messages = []
        for entry in items(chat.get("history")):
            entry = obj(entry)
            if text(entry.get("type")) != "chat.msg" or text(entry.get("msg")) is None:
                continue
            role = _role(entry, agents)
            messages.append(
                {
                    "role": role,
                    "text": text(entry.get("msg")),
                    "author": person(name=entry.get("name"), handle=entry.get("nick")),
                    "created_at": timestamp(entry.get("timestamp")),
                }
            )
        if not messages and text(chat.get("message")):
            messages.append(
                {
                    "role": "customer",
                    "text": text(chat.get("message")),
                    "created_at": timestamp(chat.get("timestamp")),
                }
            )
        if not messages:
            raise RecordProblem(
                f"chat {cid} has no chat.msg entries in history[]; export chats with their history"
            )
        feedback = rating_feedback(chat.get("rating"), "goodbad", chat.get("comment"))
        names = sorted(n for n in (text(a) for a in items(chat.get("agent_names"))) if n)
        return {
            "id": cid,
            "source": self.name,
            "channel": "chat",
            "status": "closed" if chat.get("ended_by") or chat.get("end_timestamp") else None,
            "created_at": timestamp(chat.get("timestamp")),
            "tags": tag_names(chat.get("tags")),
            "customer": person(
                id=visitor.get("id"),
                name=visitor.get("name"),
                email=visitor.get("email"),
                phone=visitor.get("phone"),
            ),
            "assignee": person(name=names[0]) if len(names) == 1 else None,
            "messages": messages,
            "feedback": [feedback] if feedback else [],
            "department": text(chat.get("department_name")),
        }


def _role(entry: dict, agents: set[str]) -> str:
    nick = (text(entry.get("nick")) or "").lower()
    if nick.startswith("agent:trigger") or nick.startswith("bot") or nick == "agent:bot":
        return "bot"
    if nick.startswith("agent:"):
        return "agent"
    name = (text(entry.get("name")) or "").strip().casefold()
    if name and name in agents:
        return "agent"
    return "customer"
