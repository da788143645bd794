"""Intercom: author.type decides the role, part_type note is internal, body-less events are skipped."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from smilebox.errors import InputError
from smilebox.importers import detect_format
from smilebox.importers.intercom import IntercomImporter
from smilebox.model import Conversation

PATH = Path(__file__).parent / "fixtures" / "intercom" / "conversations.jsonl"


@pytest.fixture(scope="module")
def result():
    items = list(IntercomImporter().read(PATH))
    return {i.id: i for i in items if isinstance(i, Conversation)}, [
        str(i) for i in items if isinstance(i, InputError)
    ]


def test_parts_become_messages_with_roles(result):
    conv = result[0]["1911149811"]
    assert [(m.role, m.internal, m.text) for m in conv.messages] == [
        ("customer", False, "Hi, why was I billed twice?"),
        ("bot", False, "Hi! I'm the Acme bot."),
        ("agent", True, "Duplicate charge, refunding."),
        ("agent", False, "Sorry Priya, I've refunded it."),
        ("customer", False, ""),
        ("bot", False, "Answer from Fin"),
    ]
    assert conv.messages[4].extra["attachments"][0]["file_name"] == "receipt.pdf"


def test_conversation_fields_and_rating(result):
    conv = result[0]["1911149811"]
    assert (conv.source, conv.channel, conv.status, conv.tags) == ("intercom", "chat", "closed", ["billing"])
    assert conv.customer.model_dump(exclude_none=True) == {
        "id": "5bc8",
        "name": "Priya Nair",
        "email": "priya@example.com",
    }
    assert conv.created_at == datetime.fromtimestamp(1790000000, tz=timezone.utc)  # epoch seconds in the file
    [fb] = conv.feedback
    assert (fb.rating, fb.scale, fb.extra["score"], fb.comment, fb.agent.id) == (
        2,
        "csat5",
        0.25,
        "Slow answer",
        "814860",
    )


def test_email_conversation(result):
    conv = result[0]["43"]
    assert (conv.channel, conv.status, conv.customer.name, conv.feedback[0].extra["score"]) == (
        "email",
        "open",
        "Sam Roe",
        1.0,
    )


def test_errors(result):
    assert result[1] == [
        f"{PATH}:2: conversation 42 has no messages: fetch each conversation with GET /conversations/{{id}} "
        "so source and conversation_parts are included",
        f"{PATH}:3: expected a JSON object, got list",
    ]


def test_detected():
    assert detect_format(PATH) == "intercom"
