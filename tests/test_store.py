"""The store on SQLite and on the real PostgreSQL: schema, idempotent import, updates, transactions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from smilebox.errors import StoreError
from smilebox.ingest import import_paths
from smilebox.model import Conversation
from smilebox.qa import load_rubric
from smilebox.scoring import score_store
from smilebox.settings import Settings
from smilebox.store import Store
from smilebox.store.tables import (
    Agent,
    ConversationRow,
    CustomerIdentity,
    EvaluationRow,
    FeedbackRow,
    MessageRow,
)
from smilebox.store import writer as writer_module
from tests.conftest import conversation
from tests.helpers import write_jsonl

EXPECTED_TABLES = {
    "agents", "check_results", "conversations", "customer_events", "customer_identities", "customers",
    "disputes", "drawings", "evaluations", "feedback", "feedback_credits", "import_runs", "messages",
    "prize_hat_events", "prize_hats", "recovery_cases", "recovery_steps",
}


def count(store: Store, table) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_init_creates_every_table_and_is_repeatable(store):
    assert EXPECTED_TABLES <= set(store.table_names())
    assert store.init() == store.head_revision()  # second init: nothing to do, same revision


def test_uninitialised_store_is_refused_with_a_hint(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(StoreError, match=r"is not initialised: run 'smilebox init' first"):
        store.require_current()


def test_bad_database_url_names_the_problem():
    with pytest.raises(StoreError, match="is not a valid SQLAlchemy URL"):
        Store("not a url")


def test_import_is_idempotent(store, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [conversation("c-1"), conversation("c-2")])
    first = import_paths(store, [path])
    assert (first.counts.inserted, first.counts.feedback_inserted) == (2, 2)
    second = import_paths(store, [path])
    assert (second.counts.inserted, second.counts.updated, second.counts.unchanged) == (0, 0, 2)
    assert count(store, ConversationRow) == 2
    assert count(store, MessageRow) == 6
    assert count(store, FeedbackRow) == 2
    # one agent and one customer (with its identities) however often they appear
    assert count(store, Agent) == 1
    with store.session() as s:
        kinds = sorted(s.scalars(select(CustomerIdentity.kind)))
    assert kinds == ["email", "id:jsonl"]


def test_changed_conversation_is_updated_not_duplicated(store, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [conversation("c-1")])
    import_paths(store, [path])
    with store.session() as s:
        row_id = s.scalar(select(ConversationRow.id))
    changed = conversation("c-1", status="closed")
    changed["messages"].append({"id": "m4", "role": "customer", "text": "That worked, thanks!"})
    changed["feedback"][0]["comment"] = "Juan was great, really."
    write_jsonl(path, [changed])
    result = import_paths(store, [path])
    assert (result.counts.updated, result.counts.inserted, result.counts.feedback_updated) == (1, 0, 1)
    with store.session() as s:
        conv = s.scalars(select(ConversationRow)).one()
        roles = list(s.scalars(select(MessageRow.role).where(MessageRow.conversation_id == conv.id).order_by(MessageRow.position)))
        texts = [m.text for m in Conversation.model_validate_json(conv.document).messages]
        fb = s.scalars(select(FeedbackRow)).one()
    assert conv.id == row_id and conv.status == "closed"
    assert texts[-1] == "That worked, thanks!" and roles == ["customer", "agent", "agent", "customer"]
    assert fb.comment == "Juan was great, really." and fb.classification is None


def test_same_customer_across_channels_is_one_customer(store, tmp_path):
    email = conversation("c-1")
    phone = conversation("c-2", channel="phone",
                         customer={"name": "Maria Lopez", "email": "MARIA@example.com", "phone": "+1 555 0100"})
    import_paths(store, [write_jsonl(tmp_path / "a.jsonl", [email, phone])])
    with store.session() as s:
        customers = set(s.scalars(select(ConversationRow.customer_id)))
    assert len(customers) == 1


def test_crash_mid_import_leaves_whole_conversations_and_rerun_completes(store, tmp_path, monkeypatch):
    rows = [conversation(f"c-{i}") for i in range(10)]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    settings = Settings(database_url=store.url, batch_size=4)
    original = writer_module.BatchWriter.write
    calls = {"n": 0}

    def crash_on_second_batch(self, session, convs, records):
        calls["n"] += 1
        counts = original(self, session, convs, records)  # rows are written inside the transaction...
        if calls["n"] == 2:
            raise RuntimeError("power cut")  # ...and then the process dies before commit
        return counts

    monkeypatch.setattr(writer_module.BatchWriter, "write", crash_on_second_batch)
    with pytest.raises(RuntimeError, match="power cut"):
        import_paths(store, [path], settings=settings)
    assert count(store, ConversationRow) == 4  # the first batch only, never half of the second
    assert count(store, MessageRow) == 4 * 3
    monkeypatch.setattr(writer_module.BatchWriter, "write", original)
    result = import_paths(store, [path], settings=settings)
    assert (result.counts.unchanged, result.counts.inserted) == (4, 6)
    assert count(store, MessageRow) == 10 * 3


def test_rescoring_keeps_history_and_one_current_evaluation(store, tmp_path):
    import_paths(store, [write_jsonl(tmp_path / "a.jsonl", [conversation("c-1")])])
    settings = Settings(database_url=store.url, models="off")
    rubric = load_rubric("connect")
    assert score_store(store, rubric, settings).scored == 1
    assert score_store(store, rubric, settings).scored == 0  # nothing new or changed
    assert score_store(store, rubric, settings, rescore=True).scored == 1
    with store.session() as s:
        rows = s.execute(select(EvaluationRow.is_current, EvaluationRow.rubric_version)).all()
    assert sorted(r.is_current for r in rows) == [False, True]
    assert {r.rubric_version for r in rows} == {rubric.version}


def test_stored_document_round_trips_with_unknown_fields(store, tmp_path):
    conv = conversation("c-1", priority="high")
    conv["messages"][0]["channel_meta"] = {"x": 1}
    import_paths(store, [write_jsonl(tmp_path / "a.jsonl", [conv])])
    with store.session() as s:
        doc = s.scalar(select(ConversationRow.document))
    back = Conversation.model_validate_json(doc)
    assert back.extra == {"priority": "high"}
    assert back.messages[0].extra == {"channel_meta": {"x": 1}}


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 10, 1, 10, 0, 5, tzinfo=timezone.utc),
        datetime(2026, 10, 1, 10, 0, 5, 123456, tzinfo=timezone(timedelta(hours=-7))),
        datetime(2026, 10, 1, 23, 59, 59),
        datetime(999, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
    ],
)
def test_fast_sqlite_time_binding_matches_sqlalchemy(value):
    """The import binds times itself (store.prepare.time_binder); it must store exactly what SQLAlchemy would."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.dialects.sqlite.base import DATETIME

    from smilebox.store.prepare import time_binder, utc

    expected = DATETIME().bind_processor(sqlite.dialect())(utc(value))
    assert time_binder("sqlite")(value) == expected
    assert time_binder("postgresql")(value) == utc(value)


def test_feedback_records_without_an_id_get_a_stable_one(sqlite_store):
    from sqlalchemy import select

    from smilebox.model import FeedbackRecord
    from smilebox.store.tables import FeedbackRow
    from smilebox.store.writer import BatchWriter

    record = FeedbackRecord(source="survey", rating=2, scale="csat5", comment="slow")
    for _ in range(2):
        with sqlite_store.session() as s:
            BatchWriter(s).write(s, [], records=[record])
    with sqlite_store.session() as s:
        ids = s.scalars(select(FeedbackRow.external_id)).all()
    assert len(ids) == 1 and ids[0].startswith("h-")
