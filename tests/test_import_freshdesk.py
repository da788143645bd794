"""Freshdesk: incoming/private decide roles and notes; integer statuses and sources; -103..103 ratings."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from smilebox.errors import InputError
from smilebox.importers import detect_format
from smilebox.importers.freshdesk import FreshdeskImporter
from smilebox.model import Conversation

PATH = Path(__file__).parent / "fixtures" / "freshdesk" / "tickets.json"


def read(path: Path):
    items = list(FreshdeskImporter().read(path))
    return {i.id: i for i in items if isinstance(i, Conversation)}, [
        str(i) for i in items if isinstance(i, InputError)
    ]


@pytest.fixture(scope="module")
def result():
    return read(PATH)


def test_roles_notes_and_description(result):
    conv = result[0]["5"]
    assert [(m.role, m.internal) for m in conv.messages] == [
        ("customer", False),
        ("agent", True),
        ("agent", False),
        ("customer", False),
    ]
    assert conv.messages[0].text == "I can\u2019t log in since Tuesday."
    assert conv.messages[3].extra["attachments"] == [{"file_name": "screen.png", "content_type": "image/png"}]


@pytest.mark.parametrize(
    "tid, channel, status, customer",
    [
        ("5", "email", "solved", "Olu Ade"),
        ("6", "phone", "closed", "Kenji Sato"),
        ("8", "other", None, None),
    ],
)
def test_ticket_fields(result, tid, channel, status, customer):
    conv = result[0][tid]
    assert (conv.source, conv.channel, conv.status) == ("freshdesk", channel, status)
    assert (conv.customer.name if conv.customer else None) == customer


def test_ratings_keep_the_raw_code_and_each_question(result):
    assert [(f.rating, f.scale, round(f.extra["score"], 3), f.comment) for f in result[0]["5"].feedback] == [
        (-103, "freshdesk", 0.0, "Took three days")
    ]
    assert [(f.rating, f.extra["question"]) for f in result[0]["6"].feedback] == [
        (102, "default_question"),
        (103, "question_2"),
    ]
    assert result[0]["5"].customer.phone == "+2348000000"


def test_ticket_without_any_message_is_reported(result):
    assert result[1] == [
        f"{PATH}:tickets[2]: ticket 7 has no description and no conversations: "
        "list tickets with include=description and add each ticket's conversations"
    ]


def test_bare_array_of_tickets(tmp_path):
    tickets = orjson.loads(PATH.read_bytes())["tickets"][:2]
    path = tmp_path / "t.json"
    path.write_bytes(orjson.dumps(tickets, option=orjson.OPT_INDENT_2))
    convs, errors = read(path)
    assert errors == [] and sorted(convs) == ["5", "6"]
    assert convs["5"].feedback == []  # ratings were not in this file


def test_detected():
    assert detect_format(PATH) == "freshdesk"


def test_ratings_without_their_ticket_become_feedback_records(tmp_path):
    from smilebox.model import FeedbackRecord

    path = tmp_path / "r.json"
    path.write_bytes(
        orjson.dumps(
            {
                "tickets": [],
                "satisfaction_ratings": [
                    {"id": 1, "ticket_id": 77, "ratings": {"default_question": 101}, "feedback": "Fine"}
                ],
            }
        )
    )
    [record] = list(FreshdeskImporter().read(path))
    assert isinstance(record, FeedbackRecord)
    assert (
        record.conversation_id,
        record.rating,
        record.scale,
        round(record.extra["score"], 3),
        record.comment,
    ) == ("77", 101, "freshdesk", round(4 / 6, 3), "Fine")
