"""Feedback CSV and JSONL importers: accepted columns, detection, bad rows, and the import pipeline."""

from pathlib import Path

import pytest
from sqlalchemy import select

from smilebox.errors import InputError
from smilebox.importers import detect_format
from smilebox.importers.feedback import FeedbackCsvImporter, FeedbackJsonlImporter
from smilebox.ingest import import_paths
from smilebox.model import FeedbackRecord
from smilebox.settings import Settings
from smilebox.store import Store
from smilebox.store.tables import FeedbackRow

CSV = """id,rating,scale,comment,created_at,conversation_id,agent_name,customer_name,kind,channel
s-1,5,csat5,Juan was great,2026-10-03T10:00:00Z,c-1,Juan Perez,Maria Lopez,,survey
s-2,,,"Thanks for covering my shift, Ana!",2026-10-04T10:00:00Z,,Ana Ruiz,,thanks,note
s-3,,,,2026-10-05T10:00:00Z,,,,,
s-4,great,,"Quick, kind",not a date,,,,,
"""


def test_csv_rows_become_feedback_records(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(CSV, encoding="utf-8")
    items = list(FeedbackCsvImporter().read(path))
    records = [i for i in items if isinstance(i, FeedbackRecord)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [r.id for r in records] == ["s-1", "s-2"]
    assert records[0].rating == "5" and records[0].agent.name == "Juan Perez" and records[0].customer.name == "Maria Lopez"
    assert records[0].conversation_id == "c-1" and records[0].source == "feedback"
    assert records[1].kind == "colleague" and records[1].channel == "note"
    assert errors[0] == f"{path}:4: feedback needs a rating or a comment"
    assert errors[1].startswith(f"{path}:5: created_at: ")


def test_jsonl_records_and_stable_ids(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"rating": "good", "comment": "Lovely", "author": "Sam"}\n[1]\n'
                    '{"comment": "Bob rocks", "kind": "colleague", "from": "Ana Ruiz", "to": "Robert Jones"}\n', encoding="utf-8")
    items = list(FeedbackJsonlImporter().read(path))
    assert isinstance(items[1], InputError) and str(items[1]) == f"{path}:2: expected a JSON object, got list"
    first, third = items[0], items[2]
    assert first.id.startswith("h") and first.id == next(iter(FeedbackJsonlImporter().read(path))).id
    assert (third.author.name, third.agent.name, third.kind) == ("Ana Ruiz", "Robert Jones", "colleague")


@pytest.mark.parametrize("name, content, fmt", [
    ("a.csv", "id,rating,comment\n1,5,ok\n", "feedback-csv"),
    ("b.csv", "conversation_id,channel,role,text\nc1,chat,customer,hi\n", "csv"),
    ("c.jsonl", '{"id": "f1", "rating": 5}\n', "feedback-jsonl"),
    ("d.jsonl", '{"id": "c1", "channel": "chat", "messages": [{"role": "customer", "text": "hi"}], "feedback": [{"rating": 5}]}\n', "jsonl"),
])
def test_detection_is_specific(tmp_path, name, content, fmt):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_format(Path(path)) == fmt


def test_import_pipeline_stores_them(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 't.db'}")
    store.init()
    path = tmp_path / "survey.csv"
    path.write_text(CSV, encoding="utf-8")
    summary = import_paths(store, [path], "auto", Settings(models="off"))
    assert summary.formats[str(path)] == "feedback-csv"
    with store.session() as s:
        rows = {r.external_id: r for r in s.scalars(select(FeedbackRow))}
    assert set(rows) == {"s-1", "s-2"}
    assert (rows["s-1"].rating_raw, rows["s-1"].scale, rows["s-1"].named_agent) == ("5", "csat5", "Juan Perez")
    assert rows["s-2"].kind == "colleague"
