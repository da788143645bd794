"""Freshdesk tickets (API v2) with their conversations and satisfaction ratings.

Freshdesk lists tickets, each ticket's conversations and the satisfaction ratings separately; an export
puts them together. Accepted shapes: ``{"tickets": [...], "satisfaction_ratings": [...]}`` (ratings may
also sit on the ticket), a bare array of tickets, or JSONL with one ticket per line. One ticket::

    {"id", "subject", "status": 2|3|4|5, "source": 1|2|3|7..., "tags", "requester_id", "responder_id",
     "requester": {"id", "name", "email", "phone", "mobile"}, "created_at",
     "description" (HTML) | "description_text",
     "conversations": [{"id", "user_id", "incoming", "private", "body" (HTML), "body_text",
                        "attachments", "created_at"}],
     "satisfaction_rating": {"ratings": {"default_question": 103}, "feedback", "agent_id"}}

The ticket's description is the customer's opening message. A conversation with ``private: true`` is an
internal note; otherwise ``incoming: true`` is the customer and ``false`` an agent. Statuses: 2 open,
3 pending, 4 resolved (solved), 5 closed, 6-7 waiting on customer / third party (hold). Ratings whose
ticket is not in the file are yielded as feedback records pointing at the ticket id.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from smilebox.errors import InputError
from smilebox.importers._common import (
    RecordProblem,
    finish,
    flag,
    ident,
    items,
    obj,
    person,
    tag_names,
    text,
    timestamp,
)
from smilebox.importers._json_stream import collect_side, iter_records
from smilebox.importers._ratings import loose_feedback, rating_feedback
from smilebox.importers._roles import FRESHDESK_SOURCES, FRESHDESK_STATUSES
from smilebox.importers.base import Importer, Item


def _code(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


class FreshdeskImporter(Importer):
    name = "freshdesk"
    description = "Freshdesk API v2 tickets with conversations and satisfaction ratings."
    extensions = (".json", ".jsonl", ".ndjson")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        return (b'"incoming"' in head and b'"private"' in head) or (
            b'"responder_id"' in head and b'"requester_id"' in head
        )

    def read(self, path: Path) -> Iterator[Item]:
        name = str(path)
        ratings: dict[str, dict] = {}

        def add_ratings(_key: str, values: Any) -> None:
            for r in items(values):
                if ident(obj(r).get("ticket_id")):
                    ratings[ident(obj(r).get("ticket_id"))] = obj(r)

        add_ratings(
            "satisfaction_ratings", collect_side(path, ("satisfaction_ratings",))["satisfaction_ratings"]
        )
        for rec in iter_records(path, "tickets", side=add_ratings, side_keys=("satisfaction_ratings",)):
            if isinstance(rec, InputError):
                yield rec
                continue
            if not isinstance(rec.value, dict):
                yield InputError(
                    name, rec.location, f"a ticket should be a JSON object, got {type(rec.value).__name__}"
                )
                continue
            if "ratings" in rec.value and "ticket_id" in rec.value:  # a rating line in JSONL
                ratings[ident(rec.value.get("ticket_id")) or ""] = rec.value
                continue
            try:
                data = self._conversation(rec.value, ratings)
            except RecordProblem as exc:
                yield InputError(name, rec.location, str(exc))
                continue
            yield from finish(data, name, rec.location)
        for tid, rating in ratings.items():  # ratings of tickets that are not in this file
            for fb in _feedback(rating, tid):
                yield from loose_feedback(self.name, name, "satisfaction_ratings", tid, fb)

    def _conversation(self, t: dict, ratings: dict[str, dict]) -> dict:
        tid = ident(t.get("id"))
        if tid is None:
            raise RecordProblem("ticket has no id")
        requester = obj(t.get("requester"))
        requester_id = ident(t.get("requester_id")) or ident(requester.get("id"))
        customer = person(
            id=requester_id,
            name=requester.get("name"),
            email=requester.get("email"),
            phone=requester.get("phone") or requester.get("mobile"),
        )
        messages = []
        description_html, description_text = text(t.get("description")), text(t.get("description_text"))
        if description_html or description_text:
            messages.append(
                _body(
                    {
                        "id": f"{tid}-description",
                        "role": "customer",
                        "author": customer,
                        "created_at": timestamp(t.get("created_at")),
                    },
                    description_html,
                    description_text,
                )
            )
        for c in items(t.get("conversations")):
            c = obj(c)
            private = flag(c.get("private")) is True
            incoming = flag(c.get("incoming")) is True
            role = "customer" if incoming and not private else "agent"
            author = (
                customer
                if role == "customer" and ident(c.get("user_id")) in (None, requester_id)
                else person(id=c.get("user_id"), email=c.get("from_email"))
            )
            msg = {
                "id": ident(c.get("id")),
                "role": role,
                "internal": private,
                "author": author,
                "created_at": timestamp(c.get("created_at")),
            }
            attachments = [
                {"file_name": text(obj(a).get("name")), "content_type": text(obj(a).get("content_type"))}
                for a in items(c.get("attachments"))
            ]
            if attachments:
                msg["attachments"] = attachments
            messages.append(_body(msg, text(c.get("body")), text(c.get("body_text"))))
        if not messages:
            raise RecordProblem(
                f"ticket {tid} has no description and no conversations: "
                "list tickets with include=description and add each ticket's conversations"
            )
        listed = ratings.pop(tid, None)
        feedback = _feedback(obj(t.get("satisfaction_rating")) or obj(listed), tid)
        responder = obj(t.get("responder"))
        return {
            "id": tid,
            "source": self.name,
            "channel": FRESHDESK_SOURCES.get(_code(t.get("source")), self.options.default_channel or "other"),
            "subject": text(t.get("subject")),
            "status": FRESHDESK_STATUSES.get(_code(t.get("status"))),
            "created_at": timestamp(t.get("created_at")),
            "tags": tag_names(t.get("tags")),
            "customer": customer,
            "assignee": person(
                id=t.get("responder_id"), name=responder.get("name"), email=responder.get("email")
            ),
            "messages": messages,
            "feedback": feedback,
            "priority": _code(t.get("priority")),
        }


def _feedback(rating: dict, tid: str) -> list[dict]:
    """One Feedback per survey question; the customer's comment goes with the first."""
    feedback: list[dict] = []
    for question, value in obj(rating.get("ratings")).items():
        fb = rating_feedback(
            value,
            "freshdesk",
            rating.get("feedback") if not feedback else None,
            id=f"{ident(rating.get('id')) or tid}-{question}",
            created_at=rating.get("created_at"),
            agent=person(id=rating.get("agent_id")),
            question=question,
        )
        if fb:
            feedback.append(fb)
    return feedback


def _body(msg: dict, html: str | None, plain: str | None) -> dict:
    """HTML when the export has it (quoted history is stripped on conversion), else the plain text."""
    if html and html.strip():
        msg["html"] = html
    else:
        msg["text"] = plain or ""
    return msg
