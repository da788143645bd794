"""Writes batches of imported conversations and feedback, idempotently, one transaction per batch.

Each conversation is keyed by (source, id) and fingerprinted by a hash of its validated content:
the same content again changes nothing; changed content replaces the conversation's messages in
place (same row, same database id), and its feedback is upserted by (source, feedback id).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from smilebox.model import Conversation, Feedback, FeedbackRecord
from smilebox.store.people import AgentDirectory, CustomerDirectory
from smilebox.store.tables import ConversationRow, FeedbackRow, MessageRow, utcnow


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class WriteCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    feedback_inserted: int = 0
    feedback_updated: int = 0
    feedback_unchanged: int = 0
    feedback_unlinked: list[str] = field(default_factory=list)

    def add(self, other: "WriteCounts") -> None:
        for name in ("inserted", "updated", "unchanged", "feedback_inserted", "feedback_updated", "feedback_unchanged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.feedback_unlinked.extend(other.feedback_unlinked)


class BatchWriter:
    """Holds the per-run caches (agents, customers); ``write`` stores one batch in the given session."""

    def __init__(self, session: Session):
        self.agents = AgentDirectory(session)
        self.customers = CustomerDirectory()

    def write(self, session: Session, conversations: Sequence[Conversation], records: Sequence[FeedbackRecord]) -> WriteCounts:
        counts = WriteCounts()
        if conversations:
            self._write_conversations(session, _last_wins(conversations), counts)
        if records:
            self._write_records(session, records, counts)
        return counts

    # --- conversations ----------------------------------------------------------------------
    def _write_conversations(self, session: Session, convs: list[Conversation], counts: WriteCounts) -> None:
        docs = [c.model_dump_json().encode() for c in convs]
        hashes = [content_hash(d) for d in docs]
        keys = [(c.source, c.id) for c in convs]
        existing = _existing(session, ConversationRow, keys)

        todo = [(conv, doc, h, key) for conv, doc, h, key in zip(convs, docs, hashes, keys)
                if existing.get(key) is None or existing[key][1] != h]
        counts.unchanged += len(convs) - len(todo)
        customer_ids = self.customers.resolve_many(session, [(c.customer, c.source) for c, _, _, _ in todo])
        new_rows, new_convs, changed = [], [], []
        now = utcnow()
        for (conv, doc, h, key), customer_id in zip(todo, customer_ids):
            found = existing.get(key)
            row = {
                "source": conv.source,
                "external_id": conv.id,
                "channel": conv.channel,
                "subject": _clean(conv.subject),
                "status": conv.status,
                "created_at": conv.created_at or _first_time(conv),
                "tags": conv.tags,
                "customer_id": customer_id,
                "assignee_id": self.agents.resolve(session, conv.assignee, conv.source),
                "content_hash": h,
                "document": doc.decode(),
                "updated_at": now,
            }
            if found is None:
                row["imported_at"] = now
                new_rows.append(row)
                new_convs.append(conv)
            else:
                changed.append((found[0], row, conv))

        conv_ids: list[tuple[int, Conversation]] = []
        if new_rows:
            table = ConversationRow.__table__
            # unsorted RETURNING lets SQLite batch the insert; rows are matched back by their key
            result = session.connection().execute(
                table.insert().returning(table.c.id, table.c.source, table.c.external_id), new_rows
            )
            new_ids = {(source, ext): row_id for row_id, source, ext in result}
            conv_ids.extend((new_ids[(c.source, c.id)], c) for c in new_convs)
            counts.inserted += len(new_rows)
        for row_id, row, conv in changed:
            session.execute(update(ConversationRow).where(ConversationRow.id == row_id).values(**row))
            session.execute(delete(MessageRow).where(MessageRow.conversation_id == row_id))
            conv_ids.append((row_id, conv))
            counts.updated += 1

        message_rows = []
        for row_id, conv in conv_ids:
            for pos, msg in enumerate(conv.messages):
                agent_id = None
                if msg.role == "agent" and msg.author is not None:
                    agent_id = self.agents.resolve(session, msg.author, conv.source)
                message_rows.append(
                    {
                        "conversation_id": row_id,
                        "position": pos,
                        "external_id": msg.id,
                        "role": msg.role,
                        "internal": msg.internal,
                        "author_name": _clean(msg.author.name) if msg.author else None,
                        "agent_id": agent_id,
                        "text": _clean(msg.text) or "",
                        "created_at": msg.created_at,
                    }
                )
        if message_rows:
            session.connection().execute(MessageRow.__table__.insert(), message_rows)

        conv_customer = {id(conv): cid for (conv, _, _, _), cid in zip(todo, customer_ids)}
        feedback = [
            (_scoped(fb, conv), conv.source, row_id, conv_customer.get(id(conv)))
            for row_id, conv in conv_ids
            for fb in conv.feedback
        ]
        if feedback:
            self._upsert_feedback(session, feedback, counts)

    # --- feedback ---------------------------------------------------------------------------
    def _write_records(self, session: Session, records: Sequence[FeedbackRecord], counts: WriteCounts) -> None:
        wanted = {r.conversation_id for r in records if r.conversation_id}
        by_ext: dict[str, int] = {}
        if wanted:
            for ext, row_id in session.execute(
                select(ConversationRow.external_id, ConversationRow.id).where(ConversationRow.external_id.in_(wanted))
            ):
                by_ext.setdefault(ext, row_id)
        customer_ids = self.customers.resolve_many(session, [(r.customer, r.source) for r in records])
        items = []
        for rec, customer_id in zip(records, customer_ids):
            conv_row = by_ext.get(rec.conversation_id) if rec.conversation_id else None
            if rec.conversation_id and conv_row is None:
                counts.feedback_unlinked.append(f"{rec.id}: conversation {rec.conversation_id!r} is not in the store")
            items.append((rec, rec.source, conv_row, customer_id))
        self._upsert_feedback(session, items, counts)

    def _upsert_feedback(self, session: Session, items, counts: WriteCounts) -> None:
        keys = [(source, fb.id) for fb, source, _, _ in items]
        existing = _existing(session, FeedbackRow, keys)
        new_rows = []
        for (fb, source, conv_row, customer_id), key in zip(items, keys):
            h = content_hash(fb.model_dump_json().encode() + str(conv_row).encode())
            row = _feedback_row(fb, source, conv_row, customer_id, h)
            found = existing.get(key)
            if found is None:
                row["imported_at"] = utcnow()
                new_rows.append(row)
                existing[key] = (-1, h)
                counts.feedback_inserted += 1
            elif found[1] == h:
                counts.feedback_unchanged += 1
            else:
                # changed feedback is classified and credited again
                row["classification"] = None
                session.execute(update(FeedbackRow).where(FeedbackRow.id == found[0]).values(**row))
                counts.feedback_updated += 1
        if new_rows:
            session.connection().execute(FeedbackRow.__table__.insert(), new_rows)


def _existing(session: Session, table, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, str]]:
    """(source, external id) -> (row id, content hash) for the keys already stored.

    Queried per source so the (source, external_id) unique index serves the lookup on every database.
    """
    by_source: dict[str, list[str]] = {}
    for source, ext in keys:
        by_source.setdefault(source, []).append(ext)
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for source, ids in by_source.items():
        for start in range(0, len(ids), 500):
            rows = session.execute(
                select(table.external_id, table.id, table.content_hash).where(
                    table.source == source, table.external_id.in_(ids[start : start + 500])
                )
            )
            for ext, row_id, h in rows:
                found[(source, ext)] = (row_id, h)
    return found


def _feedback_row(fb: Feedback, source: str, conv_row: int | None, customer_id: int | None, h: str) -> dict:
    named = fb.agent.name if fb.agent and fb.agent.name else None
    author = fb.author.name if fb.author and fb.author.name else None
    return {
        "source": source,
        "external_id": fb.id,
        "conversation_id": conv_row,
        "customer_id": customer_id,
        "kind": fb.kind,
        "channel": fb.channel,
        "rating_raw": None if fb.rating is None else str(fb.rating),
        "scale": fb.scale,
        "comment": _clean(fb.comment),
        "author_name": _clean(author),
        "named_agent": _clean(named),
        "created_at": fb.created_at,
        "content_hash": h,
    }


def _clean(text: str | None) -> str | None:
    """Drop NUL characters, which PostgreSQL text columns cannot hold (the JSON document keeps them escaped)."""
    if text and "\x00" in text:
        return text.replace("\x00", "")
    return text


def _scoped(fb: Feedback, conv: Conversation) -> Feedback:
    """Feedback ids inside a conversation are unique within it; in the store they become "<conv>/<id>"."""
    prefix = f"{conv.id}/"
    if fb.id and fb.id.startswith(prefix):
        return fb
    return fb.model_copy(update={"id": prefix + (fb.id or "")})


def _first_time(conv: Conversation) -> datetime | None:
    return next((m.created_at for m in conv.messages if m.created_at is not None), None)


def _last_wins(convs: Sequence[Conversation]) -> list[Conversation]:
    """Within one batch the same conversation twice keeps the later one, as a re-import would."""
    by_key: dict[tuple[str, str], Conversation] = {}
    for conv in convs:
        by_key[(conv.source, conv.id)] = conv
    return list(by_key.values())


def load_conversation(document: str) -> Conversation:
    return Conversation.model_validate_json(document)


