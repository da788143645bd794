"""Help Scout: thread types decide roles and notes; threads come back newest first and are put in order."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from smilebox.errors import InputError
from smilebox.importers import detect_format
from smilebox.importers.helpscout import HelpScoutImporter
from smilebox.model import Conversation

PATH = Path(__file__).parent / "fixtures" / "helpscout" / "conversations.json"


def read(path: Path):
    items = list(HelpScoutImporter().read(path))
    return {i.id: i for i in items if isinstance(i, Conversation)}, [
        str(i) for i in items if isinstance(i, InputError)
    ]


@pytest.fixture(scope="module")
def result():
    return read(PATH)


def test_threads_in_time_order_with_roles_and_notes_and_no_drafts(result):
    conv = result[0]["23"]
    assert [(m.id, m.role, m.internal) for m in conv.messages] == [
        ("1", "customer", False),
        ("2", "agent", False),
        ("3", "agent", True),
        ("4", "system", True),
    ]
    assert conv.messages[0].text == "I'd like a refund for order 12."
    assert conv.messages[3].text == "Juan closed the conversation"


def test_conversation_fields(result):
    conv = result[0]["23"]
    assert (conv.source, conv.channel, conv.status, conv.tags) == (
        "helpscout",
        "email",
        "closed",
        ["vip", "refund"],
    )
    assert conv.customer.model_dump(exclude_none=True) == {
        "id": "100",
        "name": "John Doe",
        "email": "john@example.com",
    }
    assert conv.assignee.name == "Juan Perez"


@pytest.mark.parametrize(
    "cid, rating, score, comment",
    [
        ("23", "great", 1.0, "Super quick!"),  # on the thread
        ("24", "not_good", 0.0, None),  # from the conversation's ratings list
    ],
)
def test_ratings(result, cid, rating, score, comment):
    [fb] = result[0][cid].feedback
    assert (fb.rating, fb.scale, fb.extra["score"], fb.comment) == (rating, "helpscout", score, comment)


def test_chat_threads_take_the_role_of_their_creator(result):
    conv = result[0]["24"]
    assert (conv.channel, conv.status) == ("chat", "open")
    assert [m.role for m in conv.messages] == ["agent", "customer"]


def test_conversation_without_threads_is_reported(result):
    assert result[1] == [
        f"{PATH}:conversations[2]: conversation 25 has no threads: list conversations with embed=threads"
    ]


def test_jsonl_of_pages(tmp_path):
    doc = orjson.loads(PATH.read_bytes())
    path = tmp_path / "pages.jsonl"
    path.write_bytes(orjson.dumps(doc) + b"\n" + orjson.dumps({"_embedded": {"conversations": [5]}}) + b"\n")
    convs, errors = read(path)
    assert sorted(convs) == ["23", "24"]
    assert errors == [
        f"{path}:1:conversations[2]: conversation 25 has no threads: list conversations with embed=threads",
        f"{path}:2:conversations[0]: a conversation should be a JSON object, got int",
    ]


def test_detected():
    assert detect_format(PATH) == "helpscout"
