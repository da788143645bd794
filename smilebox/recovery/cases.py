"""Recovery cases: one per piece of bad feedback, followed through a playbook until it is closed.

Ids: ``case_id`` is the case's number in the store (``7``). Every command that takes a case also takes
the feedback's id instead (``c-1001/f1``, as ``smilebox smiles`` and ``recovery list`` print it).

``RecoveryCase.step`` is the next step to carry out; ``done`` once every step is recorded; ``closed``
after ``close``. The history (``RecoveryStep``) holds each recorded step with its note, actor and time,
plus ``opened`` (why this owner) and ``closed`` (the outcome) entries.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from smilebox.errors import NotFound, UsageError
from smilebox.recovery.clock import as_utc, iso
from smilebox.recovery.playbooks import CLOSED, DONE, get_playbook
from smilebox.recovery.routing import choose_owner, parse_rules
from smilebox.settings import Settings
from smilebox.store import Store
from smilebox.store.tables import ConversationRow, Customer, FeedbackRow, RecoveryCase, RecoveryStep

OUTCOMES = ("kept", "lost", "unknown")
STATUSES = ("open", "closed")
SYSTEM_ACTOR = "smilebox"


# --- opening ----------------------------------------------------------------------------------
def open_case(session: Session, feedback: FeedbackRow, settings: Settings, now: datetime | None = None) -> RecoveryCase:
    """Open the recovery case for one piece of feedback, or return the one it already has.

    Idempotent, also against a concurrent import: the unique ``feedback_id`` decides, inside a savepoint.
    """
    existing = _case_for_feedback(session, feedback.id)
    if existing is not None:
        return existing
    now = as_utc(now) or datetime.now(timezone.utc)
    playbook = get_playbook(settings.recovery_playbook)
    routing = choose_owner(session, feedback, parse_rules(settings.recovery_owner_rules), settings.recovery_default_owner)
    case = RecoveryCase(
        feedback_id=feedback.id,
        conversation_id=feedback.conversation_id,
        customer_name=_customer_name(session, feedback),
        owner=routing.owner,
        playbook=playbook.name,
        step=playbook.first(),
        status="open",
        due_at=now + timedelta(hours=settings.recovery_sla_hours),
        created_at=now,
    )
    about = f" about {routing.agent}" if routing.agent else ""
    case.steps.append(RecoveryStep(step="opened", note=f"owner {routing.owner} ({routing.reason}){about}",
                                   actor=SYSTEM_ACTOR, done_at=now))
    try:
        with session.begin_nested():
            session.add(case)
    except IntegrityError:
        found = _case_for_feedback(session, feedback.id)
        if found is None:
            raise
        return found
    return case


def _case_for_feedback(session: Session, feedback_id: int) -> RecoveryCase | None:
    return session.scalar(select(RecoveryCase).where(RecoveryCase.feedback_id == feedback_id))


def _customer_name(session: Session, feedback: FeedbackRow) -> str | None:
    customer_id = feedback.customer_id
    if customer_id is None and feedback.conversation_id is not None:
        customer_id = session.scalar(select(ConversationRow.customer_id).where(ConversationRow.id == feedback.conversation_id))
    name = session.scalar(select(Customer.name).where(Customer.id == customer_id)) if customer_id else None
    if not name and feedback.kind == "customer":
        name = feedback.author_name
    return name


# --- finding ----------------------------------------------------------------------------------
def get_case(session: Session, ref: str | int) -> RecoveryCase:
    """A case by its number or by its feedback's id."""
    text = str(ref).strip()
    case = session.get(RecoveryCase, int(text)) if text.isdigit() else None
    if case is None:
        found = list(session.scalars(
            select(RecoveryCase).join(FeedbackRow, FeedbackRow.id == RecoveryCase.feedback_id)
            .where(FeedbackRow.external_id == text)
        ))
        if len(found) > 1:
            raise UsageError(f"feedback id {text!r} names {len(found)} cases (one per source); use the case number: "
                             + ", ".join(str(c.id) for c in found))
        case = found[0] if found else None
    if case is None:
        raise NotFound(f"no recovery case {text!r}; 'smilebox recovery list --status all' shows every case")
    return case


def list_cases(store: Store, status: str = "open", owner: str | None = None) -> list[dict[str, Any]]:
    """The cases as contract objects (section 4), soonest due first."""
    if status not in ("open", "all"):
        raise UsageError(f"--status {status!r} is not valid; use open or all")
    query = (select(RecoveryCase, FeedbackRow.external_id)
             .join(FeedbackRow, FeedbackRow.id == RecoveryCase.feedback_id)
             .order_by(RecoveryCase.due_at, RecoveryCase.id))
    if status == "open":
        query = query.where(RecoveryCase.status == "open")
    if owner:
        query = query.where(func.lower(RecoveryCase.owner) == owner.casefold())
    with store.session() as session:
        return [case_summary(case, feedback_ref) for case, feedback_ref in session.execute(query)]


def case_summary(case: RecoveryCase, feedback_ref: str) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "feedback_id": feedback_ref,
        "customer": case.customer_name,
        "owner": case.owner,
        "status": case.status,
        "step": case.step,
        "due_at": iso(case.due_at),
    }


def case_detail(session: Session, case: RecoveryCase) -> dict[str, Any]:
    """Everything about one case, for ``recovery show``."""
    feedback = session.get(FeedbackRow, case.feedback_id)
    playbook = get_playbook(case.playbook)
    position = playbook.index(case.step)
    detail = case_summary(case, feedback.external_id)
    detail.update({
        "playbook": playbook.name,
        "remaining_steps": list(playbook.keys[position:]) if case.status == "open" else [],
        "created_at": iso(case.created_at),
        "closed_at": iso(case.closed_at),
        "outcome": case.outcome,
        "root_cause": case.root_cause,
        "change_made": case.change_made,
        "last_reminded_at": iso(case.last_reminded_at),
        "feedback": {"source": feedback.source, "rating": feedback.rating_raw, "scale": feedback.scale,
                     "classification": feedback.classification, "comment": feedback.comment,
                     "created_at": iso(feedback.created_at)},
        "history": [{"step": s.step, "note": s.note, "actor": s.actor, "at": iso(s.done_at)} for s in case.steps],
    })
    return detail


# --- working a case ---------------------------------------------------------------------------
def advance(session: Session, ref: str | int, note: str, *, actor: str | None = None, step: str | None = None,
            force: bool = False, root_cause: str | None = None, change: str | None = None,
            now: datetime | None = None) -> RecoveryCase:
    """Record the current step (or the named one) with a note, and move the case to the step after it.

    Steps go in playbook order: naming a later step would skip the ones between, which is refused unless
    ``force`` (the skipped steps are then recorded as skipped, so the history stays honest).
    """
    case = get_case(session, ref)
    now = as_utc(now) or datetime.now(timezone.utc)
    if case.status == "closed":
        raise UsageError(f"case {case.id} is closed; nothing to advance")
    if not note or not note.strip():
        raise UsageError("a note is required: say what you did, e.g. --note 'Called the customer and apologised'")
    playbook = get_playbook(case.playbook)
    if case.step == DONE:
        raise UsageError(f"every step of case {case.id} is recorded; close it with "
                         f"'smilebox recovery close {case.id} --outcome kept|lost|unknown'")
    target = step or case.step
    current_i, target_i = playbook.index(case.step), playbook.index(target)
    if target_i < current_i:
        raise UsageError(f"step {target!r} of case {case.id} is already recorded; the next step is {case.step!r}")
    skipped = playbook.keys[current_i:target_i]
    if skipped and not force:
        raise UsageError(f"case {case.id} is at step {case.step!r}; recording {target!r} would skip "
                         f"{', '.join(skipped)}; record those first or pass --force")
    _set_boost(case, root_cause, change)
    if target == playbook.boost_step and not (case.root_cause and case.change_made):
        raise UsageError(f"the {target} step records the root cause and the change made: "
                         "pass --root-cause 'why it happened' --change 'what changes so it won't happen again'")
    for key in skipped:
        case.steps.append(RecoveryStep(step=key, note="skipped (--force)", actor=actor, done_at=now))
    case.steps.append(RecoveryStep(step=target, note=note.strip(), actor=actor, done_at=now))
    case.step = playbook.after(target)
    session.flush()
    return case


def close(session: Session, ref: str | int, outcome: str, *, root_cause: str | None = None, change: str | None = None,
          actor: str | None = None, note: str | None = None, force: bool = False,
          now: datetime | None = None) -> RecoveryCase:
    """Close a case with its outcome and its Boost (root cause and change made).

    A case whose playbook steps are not all recorded is refused unless ``force``: closing early is a
    decision someone should own, and the history then says so.
    """
    case = get_case(session, ref)
    now = as_utc(now) or datetime.now(timezone.utc)
    if outcome not in OUTCOMES:
        raise UsageError(f"--outcome {outcome!r} is not valid; use one of: {', '.join(OUTCOMES)}")
    if case.status == "closed":
        raise UsageError(f"case {case.id} is already closed (outcome {case.outcome})")
    playbook = get_playbook(case.playbook)
    if case.step != DONE and not force:
        remaining = playbook.keys[playbook.index(case.step):]
        raise UsageError(f"case {case.id} still has steps to record ({', '.join(remaining)}); record them with "
                         f"'smilebox recovery advance {case.id} --note ...' or close with --force")
    _set_boost(case, root_cause, change)
    if not (case.root_cause and case.change_made):
        raise UsageError("closing needs the Boost: --root-cause 'why it happened' and "
                         "--change 'what changes so it won't happen again'")
    text = f"outcome {outcome}" + (f"; {note.strip()}" if note and note.strip() else "")
    if case.step != DONE:
        text += f"; closed before step {case.step!r} (--force)"
    case.steps.append(RecoveryStep(step="closed", note=text, actor=actor, done_at=now))
    case.status, case.step, case.outcome, case.closed_at = "closed", CLOSED, outcome, now
    session.flush()
    return case


def _set_boost(case: RecoveryCase, root_cause: str | None, change: str | None) -> None:
    if root_cause and root_cause.strip():
        case.root_cause = " ".join(root_cause.split())[:255]
    if change and change.strip():
        case.change_made = change.strip()
