"""Reminders against a real SMTP server (aiosmtpd on 127.0.0.1, a free port per test)."""

from __future__ import annotations

import email
import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from smilebox.recovery import cases
from smilebox.recovery.clock import as_utc
from smilebox.recovery.reminders import remind
from smilebox.settings import Settings
from smilebox.store.tables import RecoveryCase
from tests import recovery_data as d
from tests.helpers import run_cli

OPENED = d.when("2026-11-01T09:00:00")  # SLA 48 h: due 2026-11-03T09:00Z


class Inbox:
    def __init__(self):
        self.messages: list[tuple[list[str], email.message.Message]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


def _world(store):
    """Dana (a lead with an email) owns two cases, a queue owns one, an address owns one not yet due."""
    with store.session() as s:
        d.agent(s, "Dana Lee", email="dana@acme.test")
        juan = d.agent(s, "Juan Perez", lead="Dana Lee")
        ana = d.agent(s, "Ana Gomez", lead="ops@acme.test")
        settings = Settings(recovery_default_owner="recovery-queue")
        for ext, agent, opened in [("c-1/f1", juan, OPENED), ("c-2/f1", juan, OPENED + timedelta(hours=20)),
                                   ("c-3/f1", None, OPENED), ("c-4/f1", ana, OPENED + timedelta(days=5))]:
            fb = d.feedback(s, ext, "opportunity", f"Problem <b>{ext}</b>", credit=[agent] if agent else [])
            cases.open_case(s, fb, settings, now=opened)


def _settings(smtp=None, **kw) -> Settings:
    if smtp is not None:
        kw.update(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_from="qa@acme.test")
    return Settings(**kw)


def test_each_owner_gets_one_email_listing_their_due_cases(sqlite_store, smtp):
    _world(sqlite_store)
    now = d.when("2026-11-03T10:00:00")
    run = remind(sqlite_store, _settings(smtp), now=now)
    states = {c.feedback_id: (c.owner, c.overdue, c.reminder) for c in run.cases}
    assert states == {"c-1/f1": ("Dana Lee", True, "sent"), "c-2/f1": ("Dana Lee", False, "sent"),
                      "c-3/f1": ("recovery-queue", True, "no address")}
    assert run.emails_sent == 1 and len(smtp.messages) == 1
    rcpts, msg = smtp.messages[0]
    assert rcpts == ["dana@acme.test"] and msg["From"] == "qa@acme.test"
    assert msg["Subject"] == "Smilebox: 2 recovery cases due (1 overdue)"
    body = msg.get_payload(decode=True).decode()
    assert "case 1 (c-1/f1)" in body and "overdue by 1 h" in body and "case 2 (c-2/f1)" in body
    assert "c-3/f1" not in body
    with sqlite_store.session() as s:
        reminded = {c.id: as_utc(c.last_reminded_at) for c in s.query(RecoveryCase)}
    assert reminded == {1: now, 2: now, 3: None, 4: None}


def test_no_second_email_within_24_hours(sqlite_store, smtp):
    _world(sqlite_store)
    first = d.when("2026-11-03T10:00:00")
    remind(sqlite_store, _settings(smtp), now=first)
    again = remind(sqlite_store, _settings(smtp), now=first + timedelta(hours=23))
    assert {c.reminder for c in again.cases if c.owner == "Dana Lee"} == {"reminded recently"}
    assert len(smtp.messages) == 1
    later = remind(sqlite_store, _settings(smtp), now=first + timedelta(hours=25))
    assert later.emails_sent == 1 and len(smtp.messages) == 2


def test_owner_that_is_an_address_is_emailed_directly(sqlite_store, smtp):
    _world(sqlite_store)
    run = remind(sqlite_store, _settings(smtp), now=d.when("2026-11-07T10:00:00"))
    assert sorted(rcpts[0] for rcpts, _ in smtp.messages) == ["dana@acme.test", "ops@acme.test"]
    assert {c.feedback_id: c.address for c in run.cases}["c-4/f1"] == "ops@acme.test"


@pytest.mark.parametrize("with_smtp, dry_run, expected", [(True, True, "dry-run"), (False, False, "email off")])
def test_dry_run_and_no_smtp_send_and_record_nothing(sqlite_store, smtp, with_smtp, dry_run, expected):
    _world(sqlite_store)
    run = remind(sqlite_store, _settings(smtp if with_smtp else None), now=d.when("2026-11-03T10:00:00"),
                 dry_run=dry_run)
    assert [c.reminder for c in run.cases if c.owner == "Dana Lee"] == [expected, expected]
    assert smtp.messages == []
    with sqlite_store.session() as s:
        assert all(c.last_reminded_at is None for c in s.query(RecoveryCase))


def test_unreachable_server_is_reported_not_raised(sqlite_store):
    _world(sqlite_store)
    settings = Settings(smtp_host="127.0.0.1", smtp_port=_free_port())
    run = remind(sqlite_store, settings, now=d.when("2026-11-03T10:00:00"))
    failed = run.failed
    assert [c.feedback_id for c in failed] == ["c-1/f1", "c-2/f1"]
    assert failed[0].detail.startswith(f"cannot use SMTP server 127.0.0.1:{settings.smtp_port}: ")
    with sqlite_store.session() as s:
        assert all(c.last_reminded_at is None for c in s.query(RecoveryCase))


def test_cli_remind_json_and_exit_code(sqlite_store, smtp, capfd, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    _world(sqlite_store)
    monkeypatch.setenv("SMILEBOX_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMILEBOX_SMTP_PORT", str(smtp.port))
    result = run_cli(capfd, "recovery", "remind", "--now", "2026-11-03T10:00:00Z", "--database", sqlite_store.url,
                     "--json")
    assert result.code == 0, result.err
    assert [(r["case_id"], r["reminder"]) for r in result.json_lines] == [(1, "sent"), (2, "sent"), (3, "no address")]
    bad = run_cli(capfd, "recovery", "remind", "--now", "yesterday", "--database", sqlite_store.url)
    assert bad.code == 2
    assert "--now 'yesterday' is not an ISO 8601 time; write e.g. 2026-11-03T09:00:00Z" in bad.err
