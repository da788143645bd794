"""Zendesk Chat history: chat.msg entries only, agents by nick or agent_names, triggers as bots."""

from __future__ import annotations

from pathlib import Path

import pytest

from smilebox.errors import InputError
from smilebox.importers import detect_format
from smilebox.importers.zendesk_chat import ZendeskChatImporter
from smilebox.model import Conversation

PATH = Path(__file__).parent / "fixtures" / "zendesk_chat" / "chats.json"


@pytest.fixture(scope="module")
def result():
    items = list(ZendeskChatImporter().read(PATH))
    return {i.id: i for i in items if isinstance(i, Conversation)}, [
        str(i) for i in items if isinstance(i, InputError)
    ]


def test_roles(result):
    conv = result[0]["2611.1.aaa"]
    assert [m.role for m in conv.messages] == ["customer", "bot", "agent", "agent"]
    assert (conv.channel, conv.status, conv.customer.name, conv.assignee.name) == (
        "chat",
        "closed",
        "Cara Diaz",
        "Juan Perez",
    )


def test_rating(result):
    [fb] = result[0]["2611.1.aaa"].feedback
    assert (fb.rating, fb.scale, fb.extra["score"], fb.comment) == ("bad", "goodbad", 0.0, "Took ages")


def test_offline_message(result):
    conv = result[0]["2611.1.ccc"]
    assert [(m.role, m.text) for m in conv.messages] == [("customer", "Please call me back tomorrow.")]


def test_errors(result):
    assert result[1] == [
        f"{PATH}:chats[1]: chat 2611.1.bbb has no chat.msg entries in history[]; "
        "export chats with their history"
    ]


def test_detected():
    assert detect_format(PATH) == "zendesk-chat"
