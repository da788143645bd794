"""Reminders for recovery cases that are due (within a day) or overdue.

``remind`` always lists the cases. When ``smtp_host`` is set it also emails each owner one message with
all their due cases and records ``last_reminded_at`` on each; a case reminded in the last 24 hours is
left out of the next email so a cron job running hourly doesn't flood anyone. An owner containing "@"
is an address; otherwise the roster's email for an agent of that name; otherwise "no address".
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from smilebox.recovery.clock import as_utc, iso
from smilebox.settings import Settings
from smilebox.store import Store
from smilebox.store.tables import Agent, FeedbackRow, RecoveryCase

DUE_WITHIN = timedelta(hours=24)
RESEND_AFTER = timedelta(hours=24)

#: reminder states per case
SENT, DRY_RUN, EMAIL_OFF, NO_ADDRESS, RECENT, FAILED = (
    "sent", "dry-run", "email off", "no address", "reminded recently", "failed")


@dataclass
class DueCase:
    case_id: int
    feedback_id: str
    customer: str | None
    owner: str
    step: str
    due_at: datetime
    overdue: bool
    last_reminded_at: datetime | None
    comment: str | None
    address: str | None = None
    reminder: str = EMAIL_OFF
    detail: str | None = None

    def as_dict(self) -> dict:
        return {"case_id": self.case_id, "feedback_id": self.feedback_id, "customer": self.customer,
                "owner": self.owner, "step": self.step, "due_at": iso(self.due_at), "overdue": self.overdue,
                "address": self.address, "reminder": self.reminder, "detail": self.detail}


@dataclass
class ReminderRun:
    now: datetime
    cases: list[DueCase] = field(default_factory=list)
    emails_sent: int = 0

    @property
    def failed(self) -> list[DueCase]:
        return [c for c in self.cases if c.reminder == FAILED]


def owner_address(session: Session, owner: str) -> str | None:
    if "@" in owner:
        return owner.strip()
    return session.scalar(
        select(Agent.email).where(func.lower(Agent.name) == owner.casefold(), Agent.email.is_not(None)).limit(1)
    )


def due_cases(session: Session, now: datetime) -> list[DueCase]:
    rows = session.execute(
        select(RecoveryCase, FeedbackRow.external_id, FeedbackRow.comment)
        .join(FeedbackRow, FeedbackRow.id == RecoveryCase.feedback_id)
        .where(RecoveryCase.status == "open", RecoveryCase.due_at <= now + DUE_WITHIN)
        .order_by(RecoveryCase.owner, RecoveryCase.due_at, RecoveryCase.id)
    )
    found = []
    for case, feedback_ref, comment in rows:
        due = as_utc(case.due_at)
        found.append(DueCase(case.id, feedback_ref, case.customer_name, case.owner, case.step, due, due <= now,
                             as_utc(case.last_reminded_at), comment))
    return found


def remind(store: Store, settings: Settings, now: datetime | None = None, dry_run: bool = False) -> ReminderRun:
    """List due and overdue cases and, when SMTP is configured and not a dry run, email their owners."""
    run = ReminderRun(now=as_utc(now) or datetime.now(timezone.utc))
    with store.session() as session:
        run.cases = due_cases(session, run.now)
        addresses = {owner: owner_address(session, owner) for owner in {c.owner for c in run.cases}}
    by_owner: dict[str, list[DueCase]] = {}
    for case in run.cases:
        case.address = addresses[case.owner]
        if case.address is None:
            case.reminder = NO_ADDRESS
        elif case.last_reminded_at and run.now - case.last_reminded_at < RESEND_AFTER:
            case.reminder = RECENT
        elif not settings.smtp_host:
            case.reminder = EMAIL_OFF
        elif dry_run:
            case.reminder = DRY_RUN
        else:
            by_owner.setdefault(case.owner, []).append(case)
    if by_owner:
        _send_all(store, settings, run, by_owner)
    return run


def _send_all(store: Store, settings: Settings, run: ReminderRun, by_owner: dict[str, list[DueCase]]) -> None:
    try:
        smtp = _connect(settings)
    except (OSError, smtplib.SMTPException) as exc:
        for cases in by_owner.values():
            _mark(cases, FAILED, f"cannot use SMTP server {settings.smtp_host}:{settings.smtp_port}: {exc}")
        return
    with smtp:
        for owner, cases in by_owner.items():
            try:
                smtp.send_message(compose(settings, owner, cases[0].address, cases, run.now))
            except (OSError, smtplib.SMTPException) as exc:
                _mark(cases, FAILED, f"sending to {cases[0].address} failed: {exc}")
                continue
            _mark(cases, SENT, cases[0].address)
            run.emails_sent += 1
            with store.session() as session:  # record per owner, so a later failure keeps earlier sends
                for case in cases:
                    session.get(RecoveryCase, case.case_id).last_reminded_at = run.now


def _connect(settings: Settings) -> smtplib.SMTP:
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30)
    try:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
    except (OSError, smtplib.SMTPException):
        smtp.close()
        raise
    return smtp


def _mark(cases: list[DueCase], state: str, detail: str | None) -> None:
    for case in cases:
        case.reminder, case.detail = state, detail


def compose(settings: Settings, owner: str, address: str, cases: list[DueCase], now: datetime) -> EmailMessage:
    """One plain-text email listing every due case of one owner, overdue first."""
    overdue = sum(c.overdue for c in cases)
    msg = EmailMessage()
    msg["From"] = settings.smtp_from
    msg["To"] = address
    msg["Subject"] = (f"Smilebox: {len(cases)} recovery case{'s' if len(cases) != 1 else ''} due"
                      + (f" ({overdue} overdue)" if overdue else ""))
    lines = [f"Hello {owner},", "", "These service-recovery cases need you:", ""]
    for case in sorted(cases, key=lambda c: c.due_at):
        when = _relative(case.due_at, now)
        lines.append(f"- case {case.case_id} ({case.feedback_id}), customer {case.customer or 'unknown'}: "
                     f"next step '{case.step}', {when}")
        if case.comment:
            excerpt = " ".join(case.comment.split())
            lines.append(f"    \"{excerpt[:200]}{'…' if len(excerpt) > 200 else ''}\"")
    lines += ["", "Record what you did with: smilebox recovery advance CASE --note '...'",
              "Close a case with: smilebox recovery close CASE --outcome kept --root-cause '...' --change '...'", ""]
    msg.set_content("\n".join(lines))
    return msg


def _relative(due: datetime, now: datetime) -> str:
    hours = abs(due - now).total_seconds() / 3600
    span = f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} days"
    return f"overdue by {span} (due {iso(due)})" if due <= now else f"due in {span} ({iso(due)})"
