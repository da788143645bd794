"""Native JSONL and per-message CSV: bad input is reported exactly, every good record is kept."""

from __future__ import annotations

import orjson
import pytest
from sqlalchemy import func, select

from smilebox.errors import UsageError
from smilebox.importers import detect_format, get_importer
from smilebox.ingest import import_paths
from smilebox.model import Conversation
from smilebox.store.tables import ConversationRow
from tests.conftest import conversation
from tests.helpers import write_jsonl


def read_all(fmt: str, path):
    return list(get_importer(fmt)().read(path))


BAD_JSONL = [
    (b'{"id": "x", "channel": "email", "messages": [', "not valid JSON: unexpected end of data (column 46)"),
    (b"[1, 2]", "expected a JSON object, got list"),
    (orjson.dumps({"channel": "email", "messages": [{"role": "agent", "text": "hi"}]}), "id: Field required"),
    (orjson.dumps({"id": "x", "messages": [{"role": "agent", "text": "hi"}]}), "channel: Field required"),
    (orjson.dumps({"id": "x", "channel": "email"}), "messages: Field required"),
    (orjson.dumps({"id": "x", "channel": "email", "messages": "hello"}), "messages: Input should be a valid list"),
    (orjson.dumps({"id": "x", "channel": "email", "messages": []}),
     "messages: List should have at least 1 item after validation, not 0"),
    (orjson.dumps({"id": "x", "channel": "email", "messages": [{"role": "agent"}]}),
     "messages.0: either text or html must be present"),
    (orjson.dumps({"id": "x", "channel": "email", "messages": [{"role": "boss", "text": "hi"}]}),
     "messages.0.role: Input should be 'customer', 'agent', 'bot' or 'system'"),
    (orjson.dumps({"id": 3.5, "channel": "email", "messages": [{"role": "agent", "text": "hi"}]}),
     "id: Input should be a valid string"),
    (orjson.dumps({"id": "x", "channel": "email", "created_at": "yesterday", "messages": [{"role": "agent", "text": "hi"}]}),
     "created_at: Input should be a valid datetime or date, input is too short"),
    (orjson.dumps({"id": "x", "channel": "email",
                   "messages": [{"id": "a", "role": "agent", "text": "1"}, {"id": "a", "role": "agent", "text": "2"}]}),
     "message id 'a' appears twice"),
    (b'{"id": "x", "channel": "email", "messages": [{"role": "agent", "text": "caf\xe9"}]}',
     "not valid UTF-8 (byte 0xe9 at column 76); re-save the file as UTF-8"),
]


@pytest.mark.parametrize("line, problem", BAD_JSONL, ids=[p for _, p in BAD_JSONL])
def test_each_bad_line_is_reported_with_file_line_and_problem(tmp_path, line, problem):
    path = write_jsonl(tmp_path / "in.jsonl", [conversation("good-1"), line, conversation("good-2")])
    items = read_all("jsonl", path)
    errors = [str(i) for i in items if not isinstance(i, Conversation)]
    good = [i.id for i in items if isinstance(i, Conversation)]
    assert errors == [f"{path}:2: {problem}"]
    assert good == ["good-1", "good-2"]


def test_blank_lines_are_skipped_and_line_numbers_stay_true(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(orjson.dumps(conversation("a")) + b"\n\n   \n{oops\n")
    errors = [str(i) for i in read_all("jsonl", path) if not isinstance(i, Conversation)]
    assert errors == [f"{path}:4: not valid JSON: unexpected character, expected a string key (column 2)"]


def test_html_only_message_becomes_text_without_quoted_history(tmp_path):
    conv = conversation("h1")
    conv["messages"][1] = {"id": "m2", "role": "agent", "text": None,
                           "html": "<p>Hi Maria,</p><p>Done &amp; dusted.</p><blockquote>On Monday you wrote: old</blockquote>"}
    items = read_all("jsonl", write_jsonl(tmp_path / "in.jsonl", [conv]))
    assert items[0].messages[1].text == "Hi Maria,\n\nDone & dusted."


def test_hostile_text_is_kept_verbatim_as_data(store, tmp_path):
    evil = "<script>alert('x')</script> Robert'); DROP TABLE conversations;-- \u202e\x00"
    conv = conversation("evil", subject=evil)
    conv["messages"][0]["text"] = evil
    result = import_paths(store, [write_jsonl(tmp_path / "in.jsonl", [conv])])
    assert result.counts.inserted == 1
    with store.session() as s:
        doc = s.scalar(select(ConversationRow.document))
        subject = s.scalar(select(ConversationRow.subject))
    stored = Conversation.model_validate_json(doc).messages[0].text
    # PostgreSQL cannot hold NUL in text: the importer must not crash on it either way
    assert stored.replace("\x00", "") == evil.replace("\x00", "")
    assert subject.replace("\x00", "") == evil.replace("\x00", "")


def test_fifty_megabyte_file_keeps_every_good_record(sqlite_store, tmp_path):
    path = tmp_path / "big.jsonl"
    body = "I was charged twice for my order and nobody answers my emails. " * 40
    n_good = 0
    with open(path, "wb") as fh:
        i = 0
        while fh.tell() < 50 * 1024 * 1024:
            conv = conversation(f"big-{i}")
            conv["messages"][0]["text"] = body
            fh.write(orjson.dumps(conv) + b"\n")
            n_good += 1
            i += 1
            if i == 5000:
                fh.write(b'{"id": "broken", "channel": \n')
    errors = []
    result = import_paths(sqlite_store, [path], on_error=errors.append)
    assert [e.location for e in errors] == [5001]
    assert result.counts.inserted == n_good
    with sqlite_store.session() as s:
        assert s.scalar(select(func.count()).select_from(ConversationRow)) == n_good


CSV_HEADER = "conversation_id,channel,role,text,internal,customer_name,author_name\n"


@pytest.mark.parametrize(
    "rows, problem",
    [
        ("c2,chat,robot,hello,,,\n", "3: conversation 'c2': messages.0.role: Input should be 'customer', 'agent', 'bot' or 'system'"),
        ("c2,fax,agent,hello,,,\n", "3: conversation 'c2': channel: Input should be 'email', 'chat', 'phone', 'social', 'sms' or 'other'"),
        (",chat,agent,hello,,,\n", "3: conversation_id is empty"),
        ("c2,chat,agent,hello,,,,extra\n", "3: 8 fields where the header has 7"),
    ],
)
def test_csv_bad_rows_are_reported_and_good_conversations_kept(tmp_path, rows, problem):
    path = tmp_path / "m.csv"
    path.write_text(CSV_HEADER + "c1,chat,customer,Hi I need help,,Ann Lee,\n" + rows + "c3,chat,agent,Hello!,,,Sam\n")
    items = read_all("csv", path)
    assert [str(i) for i in items if not isinstance(i, Conversation)] == [f"{path}:{problem}"]
    assert [i.id for i in items if isinstance(i, Conversation)] == ["c1", "c3"]


def test_csv_groups_rows_into_conversations_with_notes_and_people(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(CSV_HEADER + "c1,chat,customer,Hi I need help,,Ann Lee,Ann Lee\n"
                    "c1,chat,agent,Hello Ann!,,,Sam Ortiz\nc1,chat,agent,Helped with login,yes,,Sam Ortiz\n")
    (conv,) = read_all("csv", path)
    assert [m.role for m in conv.messages] == ["customer", "agent", "agent"]
    assert [m.internal for m in conv.messages] == [False, False, True]
    assert conv.customer.name == "Ann Lee" and conv.messages[1].author.name == "Sam Ortiz"


def test_csv_rows_of_one_conversation_must_be_together(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(CSV_HEADER + "c1,chat,customer,a,,,\nc2,chat,customer,b,,,\nc1,chat,agent,c,,,\n")
    errors = [str(i) for i in read_all("csv", path) if not isinstance(i, Conversation)]
    assert errors == [f"{path}:4: rows of conversation 'c1' are not together (it started at line 2); sort the file by conversation_id"]


def test_csv_missing_columns_named(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("conversation_id,role\nc1,agent\n")
    (err,) = read_all("csv", path)
    assert str(err) == f"{path}:1: missing column(s) channel, text; found: conversation_id, role"


def test_format_detection(tmp_path):
    jl = write_jsonl(tmp_path / "a.jsonl", [conversation("a")])
    csv_path = tmp_path / "m.csv"
    csv_path.write_text(CSV_HEADER + "c1,chat,customer,hi,,,\n")
    assert detect_format(jl) == "jsonl"
    assert detect_format(csv_path) == "csv"
    other = tmp_path / "notes.txt"
    other.write_text("hello world\n")
    with pytest.raises(UsageError, match="cannot tell its format; name it with --format"):
        detect_format(other)


def test_parallel_parsing_gives_the_same_records_errors_and_lines(sqlite_store, tmp_path, monkeypatch):
    import smilebox.import_workers as workers
    from smilebox.settings import Settings

    rows = [conversation(f"p-{i}") for i in range(300)]
    rows[120] = b'{"id": "p-120", "channel": "fax", "messages": [{"role": "agent", "text": "x"}]}'
    rows[250] = b"\xff\xfe not json"
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    monkeypatch.setattr(workers, "CHUNK_BYTES", 4096)  # many small blocks
    monkeypatch.setattr("smilebox.ingest.PARALLEL_MIN_BYTES", 0)
    errors = []
    result = import_paths(sqlite_store, [path], settings=Settings(import_workers=2, batch_size=64), on_error=errors.append)
    assert [str(e) for e in errors] == [
        f"{path}:121: channel: Input should be 'email', 'chat', 'phone', 'social', 'sms' or 'other'",
        f"{path}:251: not valid UTF-8 (byte 0xff at column 1); re-save the file as UTF-8",
    ]
    assert result.counts.inserted == 298
    with sqlite_store.session() as s:
        ids = set(s.scalars(select(ConversationRow.external_id)))
    assert ids == {f"p-{i}" for i in range(300)} - {"p-120", "p-250"}


@pytest.mark.parametrize("store", ["sqlite", "postgres"], indirect=True)
def test_worker_processes_write_in_file_order_and_share_people(store, tmp_path, monkeypatch):
    """Workers write their blocks themselves, taking turns: a conversation that appears twice keeps its
    later line, as in a one-process import, and agents and customers seen by several workers are created
    once."""
    import smilebox.import_workers as workers
    from smilebox.settings import Settings
    from smilebox.store.tables import Agent, Customer, MessageRow

    rows = []
    for i in range(400):
        agent = {"id": f"ag-{i % 7}", "name": f"Agent {i % 7}", "email": f"agent{i % 7}@acme.test"}
        rows.append(conversation(f"w-{i % 150}", subject=f"version {i}", assignee=agent,
                                 customer={"name": f"Customer {i % 11}", "email": f"c{i % 11}@example.com"}))
    path = write_jsonl(tmp_path / "in.jsonl", rows)
    monkeypatch.setattr(workers, "CHUNK_BYTES", 2048)  # a few conversations per block
    monkeypatch.setattr("smilebox.ingest.PARALLEL_MIN_BYTES", 0)
    blocks = []
    real = workers.import_blocks

    def spy(*args, **kwargs):
        for block in real(*args, **kwargs):
            blocks.append(block)
            yield block

    monkeypatch.setattr("smilebox.ingest.import_blocks", spy)
    result = import_paths(store, [path], settings=Settings(import_workers=2, batch_size=64))
    assert len(blocks) > 10  # the parallel path really ran, in many blocks
    assert (result.read, result.counts.inserted + result.counts.updated + result.counts.unchanged) == (400, 400)
    with store.session() as s:
        subjects = {ext: subject for ext, subject in s.execute(select(ConversationRow.external_id, ConversationRow.subject))}
        assert len(subjects) == 150
        # the last line of each id wins: w-k was last written by i = k + 150 * floor((399 - k) / 150)
        assert all(subjects[f"w-{k}"] == f"version {k + 150 * ((399 - k) // 150)}" for k in range(150))
        assert s.scalar(select(func.count()).select_from(Agent)) == 7
        assert s.scalar(select(func.count()).select_from(Customer)) == 11
        # messages replaced, not added, when a later line updates a conversation
        assert s.scalar(select(func.count()).select_from(MessageRow)) == 150 * 3
