"""Zendesk exports imported by worker processes (``ZendeskImporter.record_stream``): the store ends exactly
as a one-process import leaves it (conversations, messages, agents, customers, feedback, errors), on
SQLite and PostgreSQL, and importing again changes nothing."""

from __future__ import annotations

from datetime import timezone

import orjson
import pytest
from sqlalchemy import select

from smilebox.ingest import import_paths
from smilebox.settings import Settings
from smilebox.store import Store
from smilebox.store.tables import Agent, ConversationRow, Customer, CustomerIdentity, FeedbackRow, MessageRow


def _ticket(i: int, *, requester: int, agent: int, subject: str | None = None, **extra) -> dict:
    comments = [
        {"id": i * 10 + 1, "author_id": requester, "public": True, "created_at": "2026-10-02T09:00:00Z",
         "body": f"Order {i} never came.\n\nOn Mon, Oct 2, 2026 at 9:00 AM Acme <help@acme.test> wrote:\n> old"},
        {"id": i * 10 + 2, "author_id": agent, "public": True, "created_at": "2026-10-02T10:00:00Z",
         "html_body": f"<p>Hi,</p><p>Sorry &amp; refunded order {i}.</p>"
                      '<div class="gmail_quote">On Mon wrote:<blockquote>old</blockquote></div>'},
        {"id": i * 10 + 3, "author_id": agent, "public": False, "body": f"Refunded {i}.",
         "created_at": 1_790_000_000 + i},
        {"id": i * 10 + 4, "author_id": 999, "body": "From a deleted user", "attachments": [
            {"file_name": "a.png", "content_type": "image/png", "content_url": f"https://acme.test/{i}"}]},
    ]
    ticket = {
        "id": i, "subject": subject or f"Order {i}", "status": ["open", "solved", "pending"][i % 3],
        "via": {"channel": ["email", "web", "chat"][i % 3]}, "requester_id": requester, "assignee_id": agent,
        "created_at": "2026-10-02T08:00:00Z", "tags": ["refund"] if i % 2 else ["vip", "refund"],
        "comments": comments,
    }
    if i % 4 == 0:
        ticket["satisfaction_rating"] = {"score": "good", "comment": f"Thanks for {i}!"}
    ticket.update(extra)
    return ticket


def _users(names: dict[int, str] | None = None) -> list[dict]:
    names = names or {}
    users = [{"id": a, "name": names.get(a, f"Agent {a}"), "email": f"agent{a}@acme.test", "role": "agent"}
             for a in range(1, 6)]
    users += [{"id": 100 + c, "name": f"Customer {c}", "email": f"c{c}@example.com", "role": "end-user"}
              for c in range(13)]
    return users


def _document(tmp_path):
    """Tickets first and the side tables after them, with every kind of trouble in between."""
    tickets: list = [_ticket(i, requester=100 + i % 13, agent=1 + i % 5) for i in range(1, 161)]
    tickets[20] = "not a ticket"
    tickets[30] = {"via": {"channel": "email"}, "comments": []}  # no id
    tickets[40] = {"id": 41, "via": {"channel": "email"}, "requester_id": 101}  # no comments, rating stays loose
    tickets[50] = _ticket(51, requester=101, agent=2, created_at="yesterday")  # invalid date
    tickets[60] = {"id": 61, "via": {"channel": "email"}, "requester_id": 102}  # comments come top-level
    tickets[70] = {"id": 71, "via": {"channel": "email"}, "requester_id": 103, "description": "Only this."}
    tickets[90] = _ticket(5, requester=104, agent=3, subject="ticket 5 again")  # a later copy wins
    tickets[100] = _ticket(101, requester=105, agent=4, comments=None, audits=[
        {"author_id": 105, "created_at": "2026-10-03T08:00:00Z",
         "events": [{"type": "Comment", "id": 1, "body": "via audits", "public": True}]}])
    doc = {
        "tickets": tickets,
        "ticket_comments": [{"ticket_id": 61, "id": 1, "author_id": 102, "body": "joined later"}],
        "satisfaction_ratings": [{"id": 7000 + t, "ticket_id": t, "score": "bad", "comment": f"listed {t}", "assignee_id": 2}
                                 for t in (3, 5, 41, 71, 9999)],
        "users": _users(),
    }
    path = tmp_path / "export.json"
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    return path


def _pages(tmp_path):
    """JSONL of API pages with side-loaded users: a user renamed half-way, a user on its own line, a
    ratings line and a broken line; tickets must see the users as they were at their place in the file."""
    lines = [orjson.dumps({"users": _users()})]
    for page in range(12):
        tickets = [_ticket(page * 10 + k, requester=100 + (page + k) % 13, agent=1 + (page + k) % 5)
                   for k in range(1, 11)]
        line = {"tickets": tickets, "after_cursor": f"c{page}"}
        if page == 4:
            line["users"] = [{"id": 2, "name": "Agent Two Renamed", "email": "two@acme.test", "role": "agent"}]
        lines.append(orjson.dumps(line))
        if page == 6:
            lines.append(orjson.dumps({"id": 3, "name": "Three Renamed", "role": "end-user"}))
            lines.append(b'{"tickets": [ broken')
            lines.append(orjson.dumps({"satisfaction_ratings": [{"id": 1, "ticket_id": 95, "score": "bad", "comment": "no"}]}))
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _t(value) -> str | None:
    """A stored time as UTC text: PostgreSQL gives it back with its zone, SQLite without."""
    if value is not None and value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return None if value is None else value.isoformat()


def _snapshot(store: Store) -> dict:
    """The store's content without database ids (they are replaced by what they point at)."""
    with store.session() as s:
        agents = {row.id: (row.key, row.name, row.email) for row in s.scalars(select(Agent))}
        idents: dict[int, set] = {}
        for cid, kind, value in s.execute(select(CustomerIdentity.customer_id, CustomerIdentity.kind,
                                                 CustomerIdentity.value)):
            idents.setdefault(cid, set()).add((kind, value))
        customers = {row.id: (row.name, frozenset(idents.get(row.id, ()))) for row in s.scalars(select(Customer))}
        convs = {row.id: row for row in s.scalars(select(ConversationRow))}
        conv_key = {cid: (c.source, c.external_id) for cid, c in convs.items()}
        return {
            "conversations": sorted(
                (c.source, c.external_id, c.channel, c.subject, c.status, _t(c.created_at), tuple(c.tags),
                 customers.get(c.customer_id), agents.get(c.assignee_id), c.content_hash, c.document)
                for c in convs.values()),
            "messages": sorted(
                (conv_key[m.conversation_id], m.position, m.external_id, m.role, m.internal, m.author_name,
                 agents.get(m.agent_id), m.chars, _t(m.created_at))
                for m in s.scalars(select(MessageRow))),
            "agents": sorted(agents.values()),
            "customers": sorted(customers.values(), key=repr),
            "feedback": sorted(
                (f.source, f.external_id, conv_key.get(f.conversation_id), customers.get(f.customer_id), f.kind,
                 f.rating_raw, f.scale, f.comment, f.named_agent, _t(f.created_at))
                for f in s.scalars(select(FeedbackRow))),
        }


def _import(store: Store, path, workers: int, monkeypatch, spy: list | None = None):
    import smilebox.import_workers as workers_module

    monkeypatch.setattr(workers_module, "CHUNK_BYTES", 6000)  # a few tickets per block
    monkeypatch.setattr("smilebox.ingest.PARALLEL_MIN_BYTES", 0)
    if spy is not None:
        real = workers_module.import_blocks

        def counting(*args, **kwargs):
            for block in real(*args, **kwargs):
                spy.append(block)
                yield block

        monkeypatch.setattr("smilebox.ingest.import_blocks", counting)
    errors = []
    summary = import_paths(store, [path], "zendesk", Settings(import_workers=workers, batch_size=16),
                           on_error=errors.append)
    return summary, [str(e) for e in errors]


@pytest.mark.parametrize("store", ["sqlite", "postgres"], indirect=True)
@pytest.mark.parametrize("shape", ["document", "pages"])
def test_zendesk_workers_give_exactly_the_one_process_import(store, tmp_path, monkeypatch, shape):
    import smilebox.import_workers as workers_module

    monkeypatch.setattr(workers_module, "RESTART_AFTER_UPDATES", 10)  # fork the pool again on the pages
    restarts = []
    real_blocks = workers_module.record_blocks

    def counting_blocks(*args, **kwargs):
        for block in real_blocks(*args, **kwargs):
            if block is workers_module.RESTART:
                restarts.append(block)
            yield block

    monkeypatch.setattr(workers_module, "record_blocks", counting_blocks)
    path = _document(tmp_path) if shape == "document" else _pages(tmp_path)
    alone = Store(f"sqlite:///{tmp_path / 'alone.db'}")
    alone.init()
    expected, expected_errors = _import(alone, path, 1, monkeypatch)

    blocks: list = []
    summary, errors = _import(store, path, 2, monkeypatch, blocks)
    assert len(blocks) > 5  # the worker path really ran, in many blocks
    assert errors == expected_errors and errors  # same problems, same places, same order
    assert summary.read == expected.read
    assert summary.counts.feedback_inserted == expected.counts.feedback_inserted
    assert _snapshot(store) == _snapshot(alone)
    if shape == "document":
        assert f"{path}:tickets[20]: a ticket should be a JSON object, got str" in errors
        assert any("tickets[40]: ticket 41 has no comments" in e for e in errors)
        with store.session() as s:
            loose = set(s.scalars(select(FeedbackRow.external_id).where(FeedbackRow.conversation_id.is_(None))))
        assert len(loose) == 2  # the ratings of 41 (reported) and 9999 (not in the file)
    else:
        assert restarts  # the users backlog grew too big to carry: the workers were forked again
        with store.session() as s:
            names = set(s.scalars(select(MessageRow.author_name).where(MessageRow.role == "agent")))
        assert {"Agent 2", "Agent Two Renamed"} <= names

    # importing again changes nothing (a ticket that is twice in the file is written twice, as alone)
    again, again_errors = _import(store, path, 2, monkeypatch)
    alone_again, _ = _import(alone, path, 1, monkeypatch)
    assert again_errors == expected_errors
    assert (again.counts.inserted, again.counts.feedback_inserted, again.counts.feedback_updated) == (0, 0, 0)
    assert again.counts.updated == alone_again.counts.updated == (2 if shape == "document" else 0)
    assert _snapshot(store) == _snapshot(alone)
    alone.dispose()


def test_values_orjson_cannot_write_travel_through_the_standard_library():
    from smilebox.importers.zendesk import _dump, _load

    value = ({"id": 2**70, "subject": "lone \ud800 surrogate"}, None, None)
    assert _load(_dump(value)) == [value[0], None, None]
