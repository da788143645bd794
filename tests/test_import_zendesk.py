"""Zendesk tickets: roles from the users join, internal notes, customer, CSAT, channel, status, and every
way an export can be broken, reported exactly."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from smilebox.errors import InputError
from smilebox.importers import detect_format
from smilebox.importers.zendesk import ZendeskImporter
from smilebox.ingest import import_paths
from smilebox.model import Conversation

FIXTURES = Path(__file__).parent / "fixtures" / "zendesk"
EXPORT = FIXTURES / "export.json"


def read(path: Path) -> tuple[dict[str, Conversation], list[str]]:
    items = list(ZendeskImporter().read(path))
    convs = {i.id: i for i in items if isinstance(i, Conversation)}
    return convs, [str(i) for i in items if isinstance(i, InputError)]


@pytest.fixture(scope="module")
def export():
    return read(EXPORT)


@pytest.mark.parametrize(
    "tid, channel, status, customer, roles, internal",
    [
        ("35", "email", "solved", "Ann Lee", ["customer", "agent", "agent"], [False, False, True]),
        ("36", "chat", "hold", "Ann Lee", ["customer", "agent"], [False, False]),
        ("37", "email", "pending", "Bo Chen", ["customer"], [False]),
        ("40", "phone", "new", "Bo Chen", ["customer", "agent"], [False, False]),
    ],
)
def test_ticket_fields(export, tid, channel, status, customer, roles, internal):
    conv = export[0][tid]
    assert (conv.source, conv.channel, conv.status, conv.customer.name) == (
        "zendesk",
        channel,
        status,
        customer,
    )
    assert [m.role for m in conv.messages] == roles
    assert [m.internal for m in conv.messages] == internal


def test_users_join_gives_names_emails_and_assignee(export):
    conv = export[0]["35"]
    assert conv.customer.model_dump(exclude_none=True) == {
        "id": "7",
        "name": "Ann Lee",
        "email": "ann@example.com",
        "phone": "+44 20 7946 0000",
    }
    assert conv.assignee.name == "Juan Perez"
    assert [m.author.name for m in conv.messages] == ["Ann Lee", "Juan Perez", "Ada Admin"]
    assert conv.tags == ["refund", "vip"]


def test_quoted_history_and_html_entities_are_cleaned(export):
    conv = export[0]["35"]
    assert conv.messages[0].text == "I was charged twice for order 4411."
    assert conv.messages[1].text == "Hi Ann,\nRefund done & confirmed \u2014 3\u20135 days.\n\nBest,\nJuan"


@pytest.mark.parametrize(
    "tid, rating, score, comment, agent",
    [
        ("35", "good", 1.0, "Juan sorted it fast", "Juan Perez"),  # on the ticket
        ("36", "bad", 0.0, "Still crashing", "Juan Perez"),  # from top-level satisfaction_ratings
    ],
)
def test_csat_keeps_raw_rating_scale_and_score(export, tid, rating, score, comment, agent):
    fb = export[0][tid].feedback
    assert len(fb) == 1
    assert (fb[0].rating, fb[0].scale, fb[0].extra["score"], fb[0].comment, fb[0].agent.name) == (
        rating,
        "goodbad",
        score,
        comment,
        agent,
    )


def test_offered_survey_without_answer_is_not_feedback(export):
    assert export[0]["37"].feedback == []


def test_deleted_author_is_guessed_and_marked(export):
    reply = export[0]["36"].messages[1]
    assert (reply.role, reply.extra["role_source"], reply.author.model_dump(exclude_none=True)) == (
        "agent",
        "guessed",
        {"id": "99"},
    )


def test_attachment_only_comment_keeps_the_attachment(export):
    first = export[0]["36"].messages[0]
    assert first.text == ""
    assert first.extra["attachments"] == [
        {"file_name": "crash.png", "content_type": "image/png", "url": "https://acme.test/a/1"}
    ]


def test_bad_tickets_are_reported_with_json_path_and_the_rest_kept(export):
    assert export[1] == [
        f"{EXPORT}:tickets[3]: ticket 38 has no comments: export them with the ticket "
        "(tickets[].comments or tickets[].audits) or as a top-level ticket_comments list",
        f"{EXPORT}:tickets[4]: a ticket should be a JSON object, got str",
        f"{EXPORT}:tickets[6]: conversation '41': created_at: Input should be a valid datetime or date, "
        "invalid character in year",
    ]
    assert sorted(export[0]) == ["35", "36", "37", "40"]


def test_jsonl_pages_with_side_loaded_users_and_a_broken_line():
    path = FIXTURES / "pages.jsonl"
    convs, errors = read(path)
    assert errors == [f"{path}:3: not valid JSON: unexpected end of data (column 30)"]
    assert sorted(convs) == ["60", "62"]
    assert [m.role for m in convs["60"].messages] == ["customer", "agent"]
    assert convs["62"].channel == "social"


def test_truncated_document_keeps_records_before_the_break(tmp_path):
    raw = EXPORT.read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(raw[: raw.index(b"App crashes")])
    convs, errors = read(path)
    assert list(convs) == ["35"]
    assert errors == [
        f"{path}:tickets[1]: not valid JSON (parse error: premature EOF); "
        "the rest of the file cannot be read: fix or re-export it"
    ]


def test_non_utf8_bytes_are_replaced_and_reported_once(tmp_path):
    path = tmp_path / "latin1.json"
    raw = EXPORT.read_bytes().replace(b"Charged twice", b"Charged tw\xe9ce")
    path.write_bytes(raw)
    convs, errors = read(path)
    assert convs["35"].subject == "Charged tw\ufffdce"
    offset = raw.index(b"\xe9") + 1
    assert errors[-1] == (
        f"{path}:byte {offset}: not valid UTF-8 (byte 0xe9); 1 such place(s) were read as "
        "U+FFFD; re-save the file as UTF-8"
    )
    assert len(convs) == 4


def test_one_ticket_per_line_with_loose_users_and_ratings_lines(tmp_path):
    rows = [
        {"id": 7, "name": "Ann Lee", "role": "end-user"},
        {"satisfaction_ratings": [{"ticket_id": 1, "score": "bad", "comment": "meh"}]},
        {
            "id": 1,
            "via": {"channel": "sms"},
            "status": "closed",
            "requester_id": 7,
            "comments": [
                {"id": 1, "author_id": 7, "body": "hi"},
                {"id": 2, "author_id": 3, "body": "hello", "public": False},
            ],
        },
    ]
    path = tmp_path / "t.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(r) for r in rows))
    convs, errors = read(path)
    assert errors == []
    conv = convs["1"]
    assert (conv.channel, conv.customer.name, conv.feedback[0].rating) == ("sms", "Ann Lee", "bad")
    assert [(m.role, m.internal) for m in conv.messages] == [("customer", False), ("agent", True)]


def test_top_level_ticket_comments_are_joined_by_ticket_id(tmp_path):
    doc = {
        "users": [{"id": 1, "role": "end-user", "name": "Kim"}],
        "ticket_comments": [{"ticket_id": 5, "id": 9, "author_id": 1, "body": "joined"}],
        "tickets": [{"id": 5, "via": {"channel": "email"}, "requester_id": 1}],
    }
    path = tmp_path / "c.json"
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    convs, errors = read(path)
    assert errors == [] and convs["5"].messages[0].text == "joined"


def test_huge_thread_streams_every_comment(tmp_path):
    comments = [{"id": i, "author_id": 1 if i % 2 else 2, "body": f"message {i}"} for i in range(5000)]
    doc = {
        "users": [{"id": 1, "role": "end-user"}, {"id": 2, "role": "agent"}],
        "tickets": [{"id": 1, "via": {"channel": "email"}, "requester_id": 1, "comments": comments}],
    }
    path = tmp_path / "big.json"
    path.write_bytes(orjson.dumps(doc))
    convs, _ = read(path)
    msgs = convs["1"].messages
    assert len(msgs) == 5000 and msgs[-1].text == "message 4999" and msgs[-1].role == "customer"


@pytest.mark.parametrize("name", ["export.json", "pages.jsonl"])
def test_auto_detection(name):
    assert detect_format(FIXTURES / name) == "zendesk"


def test_import_into_the_store(sqlite_store):
    summary = import_paths(sqlite_store, [EXPORT], "zendesk")
    assert summary.counts.inserted == 4
    assert len(summary.errors) == 3


def test_ratings_without_their_ticket_become_feedback_records(tmp_path):
    from smilebox.model import FeedbackRecord

    doc = {
        "tickets": [],
        "satisfaction_ratings": [
            {
                "id": 1,
                "ticket_id": 35,
                "score": "bad",
                "comment": "Never again",
                "created_at": "2026-10-09T10:00:00Z",
            },
            {"id": 2, "ticket_id": 36, "score": "unoffered"},
            {"id": 3, "ticket_id": 37, "score": "good", "created_at": "soon"},
        ],
    }
    path = tmp_path / "ratings.json"
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    items = list(ZendeskImporter().read(path))
    records = [i for i in items if isinstance(i, FeedbackRecord)]
    assert [
        (r.conversation_id, r.rating, r.scale, r.extra["score"], r.comment, r.source) for r in records
    ] == [("35", "bad", "goodbad", 0.0, "Never again", "zendesk")]
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{path}:satisfaction_ratings: rating for ticket 37: created_at: Input should be a valid datetime or date, "
        "input is too short"
    ]


def test_jsonl_pages_after_a_users_only_first_line(tmp_path):
    lines = [
        {"users": [{"id": 1, "name": "Kim", "role": "end-user"}, {"id": 2, "name": "Lee", "role": "agent"}]},
        {
            "tickets": [
                {
                    "id": 8,
                    "via": {"channel": "email"},
                    "requester_id": 1,
                    "comments": [
                        {"id": 1, "author_id": 1, "body": "hi"},
                        {"id": 2, "author_id": 2, "body": "yo"},
                    ],
                },
                {"via": {"channel": "email"}},
            ],
            "after_cursor": "x",
            "end_of_stream": True,
        },
    ]
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(line) for line in lines))
    convs, errors = read(path)
    assert [(m.role, m.author.name) for m in convs["8"].messages] == [("customer", "Kim"), ("agent", "Lee")]
    assert errors == [f"{path}:2:tickets[1]: ticket has no id"]


def test_loose_ratings_without_an_id_import_once_and_keep_the_rest(tmp_path):
    """A top-level rating with no "id" whose ticket is elsewhere gets a stable id from its ticket."""
    from sqlalchemy import select

    from smilebox.store import Store
    from smilebox.store.tables import FeedbackRow

    doc = {
        "tickets": [{"id": 1, "requester_id": 7, "comments": [{"id": 1, "author_id": 7, "body": "hi"}]}],
        "satisfaction_ratings": [
            {"ticket_id": 35, "score": "bad", "comment": "Never again"},
            {"ticket_id": 36, "score": "good"},
        ],
    }
    path = tmp_path / "ratings.json"
    path.write_bytes(orjson.dumps(doc))
    store = Store(f"sqlite:///{tmp_path / 't.db'}")
    store.init()
    first = import_paths(store, [path], "zendesk")
    again = import_paths(store, [path], "zendesk")
    assert first.errors == [] and again.errors == []
    with store.session() as s:
        rows = s.execute(select(FeedbackRow.external_id, FeedbackRow.rating_raw).order_by(FeedbackRow.external_id)).all()
    assert [tuple(r) for r in rows] == [("35/csat", "bad"), ("36/csat", "good")]
