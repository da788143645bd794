"""Zendesk Support tickets with their comments, users and satisfaction ratings.

Zendesk's API hands these out separately (incremental ticket export, ``/tickets/{id}/comments`` or
audits, the users export, satisfaction ratings), so a usable export file puts them together. Accepted
shapes (any key order inside a document; the importer reads side tables first, then streams tickets)::

    {"users": [{"id", "name", "email", "phone", "role": "end-user|agent|admin"}, ...],
     "satisfaction_ratings": [{"ticket_id", "score": "good|bad", "comment", "reason", "assignee_id"}, ...],
     "tickets": [{"id", "subject", "status", "tags", "via": {"channel"}, "requester_id", "assignee_id",
                  "created_at", "satisfaction_rating": {...},
                  "comments": [{"id", "author_id", "public", "body" | "plain_body" | "html_body",
                                "attachments", "created_at"}, ...]
                  # or "audits": [{"events": [{"type": "Comment", ...}]}] as the audits API returns them
                 }, ...],
     "ticket_comments": [{"ticket_id", ...}]  # optional, instead of embedding (tap-zendesk's name);
                                             # held in memory until its ticket comes, so keep it small
    }

or JSONL with one ticket per line (comments embedded; ``users`` and ``satisfaction_ratings`` lines, or
users side-loaded in the same line, before the tickets that need them), or JSONL of API pages
(``{"tickets": [...], "users": [...]}`` per line, as ``?include=users`` returns them).

Roles come from joining each comment's ``author_id`` to ``users[].role`` (end-user -> customer,
agent/admin -> agent). When the author is not in ``users`` (a deleted user, or no users exported) the
requester is the customer and anyone else an agent; such messages carry ``role_source: "guessed"``.
Ratings whose ticket is not in the file are yielded as feedback records pointing at the ticket id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from smilebox.errors import InputError
from smilebox.importers._common import (
    RecordProblem,
    finished,
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
from smilebox.importers._json_stream import collect_side, iter_records
from smilebox.importers._ratings import loose_feedback, rating_feedback
from smilebox.importers._roles import ZENDESK_CHANNELS, ZENDESK_STATUSES, ZENDESK_USER_ROLES
from smilebox.importers.base import Importer, Item, RecordStream, Update
from smilebox.text.html import strip_quoted_text

#: top-level tables besides tickets, in a document or on JSONL lines
SIDE_TABLES = ("users", "satisfaction_ratings", "ticket_comments")


_UNKNOWN_USER: tuple[None, None] = (None, None)


class _Users:
    """id -> (role, person) for the users seen so far; grows as side-loaded pages arrive."""

    def __init__(self) -> None:
        self.by_id: dict[str, tuple[str | None, dict | None]] = {}

    def add(self, values: Any) -> None:
        for user in items(values):
            uid = ident(obj(user).get("id"))
            if uid is not None:
                u = obj(user)
                self.by_id[uid] = (
                    lookup(ZENDESK_USER_ROLES, u.get("role")),
                    person(id=uid, name=u.get("name"), email=u.get("email"), phone=u.get("phone")),
                )

    def role(self, uid: str | None) -> str | None:
        return self.by_id.get(uid, (None, None))[0] if uid else None

    def person(self, uid: str | None) -> dict | None:
        if uid is None:
            return None
        return self.by_id.get(uid, (None, None))[1] or {"id": uid}


class ZendeskImporter(Importer):
    name = "zendesk"
    description = (
        "Zendesk Support tickets with comments (or audits), users and satisfaction ratings (JSON or JSONL)."
    )
    extensions = (".json", ".jsonl", ".ndjson")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        has_tickets = b'"tickets"' in head or b'"requester_id"' in head
        return (
            has_tickets
            and b'"via"' in head
            and b'"_embedded"' not in head
            and b'"conversation_parts"' not in head
        )

    def read(self, path: Path) -> Iterator[Item]:
        tickets = _Tickets(self, path)
        for entry in tickets.entries():
            if isinstance(entry, tuple):
                yield tickets.build(entry[0], *entry[1:])
            elif isinstance(entry, InputError):
                yield entry
        yield from tickets.tail()

    def record_stream(self, path: Path) -> "ZendeskStream":
        """The tickets as raw records for worker processes (``import_workers``): the same items as ``read``."""
        return ZendeskStream(_Tickets(self, path))

    @staticmethod
    def _add_ratings(ratings: dict[str, dict], values: Any) -> None:
        for r in items(values):
            tid = ident(obj(r).get("ticket_id"))
            if tid is not None:
                ratings[tid] = obj(r)

    @staticmethod
    def _add_comments(store: dict[str, list], values: Any) -> None:
        if isinstance(values, dict):  # {"<ticket id>": [comments]}
            for tid, comments in values.items():
                store.setdefault(str(tid), []).extend(items(comments))
            return
        for c in items(values):
            tid = ident(obj(c).get("ticket_id"))
            if tid is not None:
                store.setdefault(tid, []).append(c)

    def _conversation(self, t: dict, users: _Users, loose: list | None, listed: dict | None) -> dict:
        """The conversation dict of ticket ``t``; ``loose`` and ``listed`` are its top-level comments and
        rating, claimed in file order by ``_Tickets.claim``."""
        tid = ident(t.get("id"))
        if tid is None:
            raise RecordProblem("ticket has no id")
        requester = ident(t.get("requester_id"))
        assignee = ident(t.get("assignee_id"))
        comments = _comments(t) or loose or []
        messages = [_message(c if isinstance(c, dict) else {}, users, requester) for c in comments]
        if not messages:
            description = text(t.get("description"))
            if description is None:
                raise RecordProblem(
                    f"ticket {tid} has no comments: export them with the ticket "
                    "(tickets[].comments or tickets[].audits) or as a top-level ticket_comments list"
                )
            messages = [
                {
                    "id": "description",
                    "role": "customer",
                    "text": strip_quoted_text(description),
                    "author": users.person(requester),
                    "created_at": timestamp(t.get("created_at")),
                }
            ]
        feedback = _feedback(obj(t.get("satisfaction_rating")) or obj(listed), users, assignee)
        return {
            "id": tid,
            "source": self.name,
            "channel": lookup(
                ZENDESK_CHANNELS, obj(t.get("via")).get("channel"), self.options.default_channel or "other"
            ),
            "subject": text(t.get("subject") or t.get("raw_subject")),
            "status": lookup(ZENDESK_STATUSES, t.get("status")),
            "created_at": timestamp(t.get("created_at")),
            "tags": tag_names(t.get("tags")),
            "customer": users.person(requester),
            "assignee": users.person(assignee),
            "messages": messages,
            "feedback": [feedback] if feedback else [],
            "priority": text(t.get("priority")),
            "group_id": ident(t.get("group_id")),
        }


class _Tickets:
    """One file's tickets, walked in file order in the main process, and the side tables they join.

    ``entries`` yields ``(location, ticket, loose comments, listed rating)`` for each ticket, with what it
    claims from the side tables already taken (in file order, as a one-process import takes them), an
    ``Update`` for users met on a JSONL line (already added here), and ``InputError``. ``build`` turns an
    entry into a ``Conversation`` or an ``InputError``, here or in a worker process.
    """

    def __init__(self, importer: "ZendeskImporter", path: Path):
        self.importer = importer
        self.path = path
        self.name = str(path)
        self.users = _Users()
        self.ratings: dict[str, dict] = {}
        self.loose: dict[str, list] = {}
        side = collect_side(path, SIDE_TABLES)
        self.users.add(side["users"])
        importer._add_ratings(self.ratings, side["satisfaction_ratings"])
        importer._add_comments(self.loose, side["ticket_comments"])
        self._seen_users: list = []  # users met on a JSONL line, not yet handed out as an Update

    def _on_side(self, key: str, value: Any) -> None:
        if key == "users":
            self.users.add(value)
            self._seen_users.append(value)
        elif key == "satisfaction_ratings":
            self.importer._add_ratings(self.ratings, value)
        elif key == "ticket_comments":
            self.importer._add_comments(self.loose, value)

    def entries(self) -> Iterator[tuple | Update | InputError]:
        for rec in iter_records(self.path, "tickets", side=self._on_side, side_keys=SIDE_TABLES):
            if self._seen_users:
                for values in self._seen_users:
                    yield Update(values, max(1, len(items(values))))
                self._seen_users.clear()
            if isinstance(rec, InputError):
                yield rec
                continue
            value = rec.value
            if not isinstance(value, dict):
                yield InputError(
                    self.name, rec.location, f"a ticket should be a JSON object, got {type(value).__name__}"
                )
                continue
            if "role" in value and not any(k in value for k in ("requester_id", "comments", "audits")):
                self.users.add([value])  # a user on its own line
                yield Update([value])
                continue
            yield (rec.location, value, *self.claim(value))

    def claim(self, t: dict) -> tuple[list | None, dict | None]:
        """The ticket's comments from a top-level ``ticket_comments`` list and its rating from a top-level
        ``satisfaction_ratings`` list, taken out of them (a rating left over becomes loose feedback)."""
        tid = ident(t.get("id"))
        if tid is None:
            return None, None
        loose = None
        if not _comments(t):
            loose = self.loose.pop(tid, [])
            if not loose and text(t.get("description")) is None:
                return loose, None  # no messages: the ticket is reported, its rating stays loose
        return loose, self.ratings.pop(tid, None)

    def build(self, location: int | str, t: dict, loose: list | None, listed: dict | None) -> Item:
        try:
            data = self.importer._conversation(t, self.users, loose, listed)
        except RecordProblem as exc:
            return InputError(self.name, location, str(exc))
        return finished(data, self.name, location)

    def tail(self) -> Iterator[Item]:
        """Ratings of tickets that are not in this file, as feedback records."""
        for tid, rating in self.ratings.items():
            yield from loose_feedback(
                self.importer.name, self.name, "satisfaction_ratings", tid, _feedback(rating, self.users)
            )


class ZendeskStream(RecordStream):
    """The worker path's view of ``_Tickets``: each ticket entry shipped as compact JSON bytes."""

    def __init__(self, tickets: _Tickets):
        self.tickets = tickets

    def entries(self) -> Iterator:
        for entry in self.tickets.entries():
            if isinstance(entry, tuple):
                yield entry[0], _dump(entry[1:])
            else:
                yield entry

    def parse(self, name: str, location: int | str, raw: bytes) -> Item:
        return self.tickets.build(location, *_load(raw))

    def update(self, payload: Any) -> None:
        self.tickets.users.add(payload)

    def tail(self) -> Iterator[Item]:
        return self.tickets.tail()


def _dump(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:  # integers beyond 64 bits, lone surrogates: the standard library writes them
        return json.dumps(value, ensure_ascii=True).encode()


def _load(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def _feedback(rating: dict, users: _Users, assignee: str | None = None) -> dict | None:
    return rating_feedback(
        rating.get("score"),
        "goodbad",
        rating.get("comment"),
        id=rating.get("id"),
        created_at=rating.get("created_at") or rating.get("updated_at"),
        agent=users.person(ident(rating.get("assignee_id")) or assignee),
        reason=text(rating.get("reason")),
    )


def _comments(t: dict) -> list:
    comments = items(t.get("comments"))
    if comments:
        return comments
    out = []
    for audit in items(t.get("audits")):
        for event in items(obj(audit).get("events")):
            if obj(event).get("type") == "Comment":
                out.append(
                    {
                        **obj(event),
                        "created_at": obj(event).get("created_at") or obj(audit).get("created_at"),
                        "author_id": obj(event).get("author_id") or obj(audit).get("author_id"),
                    }
                )
    return out


def _message(c: dict, users: _Users, requester: str | None) -> dict:
    author_id = ident(c.get("author_id"))
    if author_id is None:
        role = author = None
    else:  # users.role and users.person in one look-up: this runs for every comment
        role, author = users.by_id.get(author_id, _UNKNOWN_USER)
        author = author or {"id": author_id}
    guessed = role is None
    if role is None:
        role = "customer" if author_id is not None and author_id == requester else "agent"
    public = flag(c.get("public"))
    raw_attachments = c.get("attachments")
    attachments = (
        [
            {
                "file_name": text(obj(a).get("file_name")),
                "content_type": text(obj(a).get("content_type")),
                "url": text(obj(a).get("content_url")),
            }
            for a in items(raw_attachments)
        ]
        if raw_attachments
        else None
    )
    plain = text(c.get("plain_body")) or text(c.get("body"))
    msg: dict[str, Any] = {
        "id": ident(c.get("id")),
        "role": role,
        "author": author,
        "internal": public is False,
        "created_at": timestamp(c.get("created_at")),
    }
    if plain is not None and plain.strip():
        msg["text"] = strip_quoted_text(plain)
    elif text(c.get("html_body")):
        msg["html"] = text(c.get("html_body"))
    else:
        msg["text"] = ""
    if attachments:
        msg["attachments"] = attachments
    if guessed:
        msg["role_source"] = "guessed"
    return msg
