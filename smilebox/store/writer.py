"""Writes batches of imported conversations and feedback, idempotently, one transaction per batch.

Each conversation is keyed by (source, id) and fingerprinted by a hash of its validated content
(``store.prepare``): the same content again changes nothing; changed content replaces the conversation's
messages in place (same row, same database id), and its feedback is upserted by (source, feedback id).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from smilebox.model import Conversation, Feedback, FeedbackRecord
from smilebox.store.bulk import bulk_insert, select_in
from smilebox.store.people import AgentDirectory, CustomerDirectory
from smilebox.store.prepare import MESSAGE_FIELDS, PreparedConversation, clean, content_hash, prepare, utc
from smilebox.store.tables import ConversationRow, FeedbackRow, MessageRow, utcnow

MESSAGE_COLUMNS = ("conversation_id", *MESSAGE_FIELDS, "agent_id")
CONVERSATION_COLUMNS = ("source", "external_id", "channel", "subject", "status", "created_at", "tags", "customer_id",
                        "assignee_id", "content_hash", "document", "imported_at", "updated_at")


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

    def write(
        self,
        session: Session,
        conversations: Sequence[Conversation | PreparedConversation],
        records: Sequence[FeedbackRecord] = (),
    ) -> WriteCounts:
        counts = WriteCounts()
        if conversations:
            dialect = session.get_bind().dialect.name
            prepared = [c if isinstance(c, PreparedConversation) else prepare(c, dialect) for c in conversations]
            if any(c.dialect != dialect for c in prepared):
                raise ValueError(f"conversations prepared for another database than {dialect}")
            self._write_conversations(session, _last_wins(prepared), counts)
        if records:
            self._write_records(session, records, counts)
        return counts

    # --- conversations ----------------------------------------------------------------------
    def _write_conversations(self, session: Session, convs: list[PreparedConversation], counts: WriteCounts) -> None:
        keys = [c.key for c in convs]
        existing = _existing(session, ConversationRow, keys)
        todo = [c for c, key in zip(convs, keys) if (found := existing.get(key)) is None or found[1] != c.content_hash]
        counts.unchanged += len(convs) - len(todo)
        if not todo:
            return
        customer_ids = self.customers.resolve_many(session, [(c.customer, c.source) for c in todo])
        new_rows, new_convs, changed = [], [], []
        now = utcnow()
        resolve_agent = self.agents.resolve_ref
        for conv, customer_id in zip(todo, customer_ids):
            assignee_id = resolve_agent(session, conv.assignee, conv.source)
            found = existing.get(conv.key)
            if found is None:
                # in CONVERSATION_COLUMNS order, straight from the prepared row (the hot path of an import)
                r = conv.row
                new_rows.append((conv.source, conv.external_id, r["channel"], r["subject"], r["status"],
                                 r["created_at"], r["tags"], customer_id, assignee_id, conv.content_hash,
                                 conv.document, now, now))
                new_convs.append(conv)
            else:
                row = {**conv.row, "source": conv.source, "external_id": conv.external_id,
                       "customer_id": customer_id, "assignee_id": assignee_id, "content_hash": conv.content_hash,
                       "document": conv.document, "updated_at": now}
                changed.append((found[0], row, conv))

        conv_ids: list[tuple[int, PreparedConversation]] = []
        conn = session.connection()
        if new_rows:
            # straight executemany (the hot path of an import), then the new ids by the unique key
            bulk_insert(conn, ConversationRow.__table__, CONVERSATION_COLUMNS, new_rows)
            new_ids = {key: ids[0] for key, ids in _existing(session, ConversationRow, [c.key for c in new_convs]).items()}
            conv_ids.extend((new_ids[c.key], c) for c in new_convs)
            counts.inserted += len(new_rows)
        for row_id, row, conv in changed:
            session.execute(update(ConversationRow).where(ConversationRow.id == row_id).values(**row))
            session.execute(delete(MessageRow).where(MessageRow.conversation_id == row_id))
            conv_ids.append((row_id, conv))
            counts.updated += 1

        message_rows: list[tuple] = []
        extend = message_rows.extend
        for row_id, conv in conv_ids:
            if conv.agent_authors:
                source = conv.source
                agent_of = {pos: resolve_agent(session, ref, source) for pos, ref in conv.agent_authors}
                extend([(row_id, *msg, agent_of.get(msg[0])) for msg in conv.messages])
            else:
                extend([(row_id, *msg, None) for msg in conv.messages])
        bulk_insert(conn, MessageRow.__table__, MESSAGE_COLUMNS, message_rows, bound=frozenset(MESSAGE_FIELDS))

        conv_customer = {c.key: cid for c, cid in zip(todo, customer_ids)}
        feedback = [(fb, conv.source, row_id, conv_customer.get(conv.key)) for row_id, conv in conv_ids for fb in conv.feedback]
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
            if not rec.id:  # an importer gave no id: one from the content, so a re-import still finds it
                rec = rec.model_copy(update={"id": "h-" + content_hash(rec.model_dump_json().encode())[:20]})
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
    conn = session.connection()  # plain SQL on the driver: this runs twice per batch of every import
    for source, ids in by_source.items():
        for ext, row_id, h in select_in(conn, table.__table__.name, ("external_id", "id", "content_hash"),
                                        ("source", source), "external_id", ids):
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
        "comment": clean(fb.comment),
        "author_name": clean(author),
        "named_agent": clean(named),
        "created_at": utc(fb.created_at),
        "content_hash": h,
    }


def _last_wins(convs: Sequence[PreparedConversation]) -> list[PreparedConversation]:
    """Within one batch the same conversation twice keeps the later one, as a re-import would."""
    by_key: dict[tuple[str, str], PreparedConversation] = {}
    for conv in convs:
        by_key[conv.key] = conv
    return list(by_key.values())
