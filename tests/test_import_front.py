"""Front: is_inbound decides the role, comments are internal notes, handles become email/phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from smilebox.errors import InputError
from smilebox.importers import detect_format
from smilebox.importers.front import FrontImporter, handle_person
from smilebox.model import Conversation

PATH = Path(__file__).parent / "fixtures" / "front" / "conversations.json"


@pytest.fixture(scope="module")
def result():
    items = list(FrontImporter().read(PATH))
    return {i.id: i for i in items if isinstance(i, Conversation)}, [
        str(i) for i in items if isinstance(i, InputError)
    ]


def test_messages_and_comments_in_time_order(result):
    conv = result[0]["cnv_1"]
    assert [(m.id, m.role, m.internal, m.text) for m in conv.messages] == [
        ("msg_1", "customer", False, "My order never came."),
        ("com_1", "agent", True, "Warehouse says it was mislabelled."),
        ("msg_2", "agent", False, "Hi Cara, found it \u2013 it ships today."),
    ]
    assert conv.messages[2].author.name == "Juan Perez"


def test_conversation_fields(result):
    conv = result[0]["cnv_1"]
    assert (conv.source, conv.channel, conv.status, conv.tags) == ("front", "email", "solved", ["shipping"])
    assert conv.customer.model_dump(exclude_none=True) == {"name": "Cara Diaz", "email": "cara@example.com"}
    assert conv.assignee.email == "juan@acme.test"


def test_csat_comment_becomes_feedback_not_a_note(result):
    [fb] = result[0]["cnv_1"].feedback
    assert (fb.comment, fb.rating, fb.kind) == ("Customer said: great service", None, "customer")


def test_sms_conversation_customer_is_a_phone(result):
    conv = result[0]["cnv_2"]
    assert (conv.channel, conv.status, conv.customer.phone, conv.messages[0].text) == (
        "sms",
        "open",
        "+15555550100",
        "Is the shop open Sunday?",
    )


@pytest.mark.parametrize(
    "handle, field", [("a@b.com", "email"), ("+1 555 0100", "phone"), ("@acme", "handle")]
)
def test_handles(handle, field):
    assert handle_person(handle) == {field: handle}


def test_errors(result):
    assert result[1] == [
        f"{PATH}:_results[2]: conversation cnv_3 has no messages: add each conversation's "
        "/conversations/{id}/messages results as its messages list"
    ]


def test_detected():
    assert detect_format(PATH) == "front"
