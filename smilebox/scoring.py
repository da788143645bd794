"""Scoring: one engine for ``smilebox check`` (files, stateless) and ``smilebox score`` (the store).

``score_store`` evaluates every conversation that has no current automatic evaluation for this rubric
and version (or whose content changed since), writes the evaluation with its per-check rows, and marks
the previous one not current: history is kept, never rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import orjson
from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from smilebox.errors import InputError
from smilebox.importers import ImportOptions
from smilebox.model import Conversation
from smilebox.qa import Engine, Evaluation, EvaluationContext, Rubric
from smilebox.qa.engine import LaterContact
from smilebox.settings import Settings
from smilebox.store import Store
from smilebox.store.tables import CheckResultRow, ConversationRow, EvaluationRow


def _analyzer(settings: Settings):
    if settings.models == "off":
        return None
    try:
        from smilebox.nlp import get_analyzer
    except ImportError:
        return None
    analyzer = get_analyzer(settings.models)
    return analyzer if analyzer.kind == "model" else None


def _template_index(conversations: Iterable[Conversation], rubric: Rubric):
    try:
        from smilebox.qa.templates import build_template_index
    except ImportError:
        return None
    config = next((c.config for c in rubric.checks if c.id == "tailored"), {})
    return build_template_index(conversations, config)


# --- stateless ------------------------------------------------------------------------------
def check_files(
    paths: list[Path],
    rubric: Rubric,
    settings: Settings,
    fmt: str = "auto",
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Evaluation]:
    """Score conversations straight from files. Two passes: the canned-reply index, then the checks."""
    from smilebox.ingest import read_items

    options = ImportOptions(company_name=settings.company_name)

    def conversations(report: bool) -> Iterator[Conversation]:
        for _, _, item in read_items(paths, fmt, options):
            if isinstance(item, InputError):
                if report and on_error:
                    on_error(item)
            elif isinstance(item, Conversation):
                yield item

    context = EvaluationContext(
        templates=_template_index(conversations(False), rubric),
        analyzer=_analyzer(settings),
        company_name=settings.company_name or rubric.company_name,
    )
    engine = Engine(rubric, context)
    for conv in conversations(True):
        yield engine.evaluate(conv)


# --- the store ------------------------------------------------------------------------------
class StoreHistory:
    """Later contacts by the same customer, from the store (for the resolution check)."""

    def __init__(self, session: Session):
        self.session = session

    def later_contacts(self, conversation: Conversation, within: timedelta) -> list[LaterContact]:
        row = self.session.execute(
            select(ConversationRow.id, ConversationRow.customer_id, ConversationRow.created_at).where(
                ConversationRow.source == conversation.source, ConversationRow.external_id == conversation.id
            )
        ).first()
        if row is None or row.customer_id is None or row.created_at is None:
            return []
        later = self.session.execute(
            select(ConversationRow.id, ConversationRow.external_id, ConversationRow.created_at,
                   ConversationRow.subject, ConversationRow.tags)
            .where(
                ConversationRow.customer_id == row.customer_id,
                ConversationRow.id != row.id,
                ConversationRow.created_at > row.created_at,
                ConversationRow.created_at <= row.created_at + within,
            )
            .order_by(ConversationRow.created_at)
        ).all()
        contacts = []
        for other in later:
            doc = self.session.scalar(select(ConversationRow.document).where(ConversationRow.id == other.id))
            conv = Conversation.model_validate_json(doc)
            first = next((m.text for m in conv.messages if m.role == "customer"), "") or ""
            contacts.append(LaterContact(other.external_id, other.created_at, other.subject, first, other.tags or []))
        return contacts


@dataclass
class ScoreSummary:
    scored: int = 0
    skipped: int = 0
    critical_failed: int = 0
    mean_score: float | None = None


def _pending_ids(session: Session, rubric: Rubric, rescore: bool) -> list[int]:
    if rescore:
        return list(session.scalars(select(ConversationRow.id).order_by(ConversationRow.id)))
    current = (
        select(EvaluationRow.conversation_id, EvaluationRow.content_hash)
        .where(
            EvaluationRow.is_current.is_(True),
            EvaluationRow.evaluator_kind == "auto",
            EvaluationRow.rubric == rubric.name,
            EvaluationRow.rubric_version == rubric.version,
        )
        .subquery()
    )
    stmt = (
        select(ConversationRow.id)
        .outerjoin(current, and_(current.c.conversation_id == ConversationRow.id,
                                 current.c.content_hash == ConversationRow.content_hash))
        .where(current.c.conversation_id.is_(None))
        .order_by(ConversationRow.id)
    )
    return list(session.scalars(stmt))


def _stored_conversations(store: Store, ids: list[int] | None = None, chunk: int = 500) -> Iterator[tuple[int, str, Conversation]]:
    with store.session() as session:
        if ids is None:
            ids = list(session.scalars(select(ConversationRow.id).order_by(ConversationRow.id)))
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        with store.session() as session:
            rows = session.execute(
                select(ConversationRow.id, ConversationRow.content_hash, ConversationRow.document).where(ConversationRow.id.in_(part))
            ).all()
        for row_id, h, doc in rows:
            yield row_id, h, Conversation.model_validate_json(doc)


def score_store(
    store: Store,
    rubric: Rubric,
    settings: Settings,
    *,
    rescore: bool = False,
    advance: Callable[[int], None] | None = None,
    batch_size: int = 500,
) -> ScoreSummary:
    store.require_current()
    with store.session() as session:
        pending = _pending_ids(session, rubric, rescore)
    summary = ScoreSummary()
    if not pending:
        return summary
    templates = _template_index((c for _, _, c in _stored_conversations(store)), rubric)
    analyzer = _analyzer(settings)
    total = 0.0
    for start in range(0, len(pending), batch_size):
        part = pending[start : start + batch_size]
        with store.session() as session:
            context = EvaluationContext(history=StoreHistory(session), templates=templates, analyzer=analyzer,
                                        company_name=settings.company_name or rubric.company_name)
            engine = Engine(rubric, context)
            evaluations = [(row_id, h, engine.evaluate(conv)) for row_id, h, conv in _stored_conversations(store, part)]
            session.execute(
                update(EvaluationRow)
                .where(EvaluationRow.conversation_id.in_(part), EvaluationRow.evaluator_kind == "auto",
                       EvaluationRow.rubric == rubric.name, EvaluationRow.is_current.is_(True))
                .values(is_current=False)
            )
            for row_id, h, ev in evaluations:
                session.add(evaluation_row(row_id, h, ev))
                summary.scored += 1
                summary.critical_failed += int(ev.critical_failed)
                total += ev.score
        if advance:
            advance(len(part))
    summary.mean_score = round(total / summary.scored, 4) if summary.scored else None
    return summary


def evaluation_row(conversation_row_id: int, content_hash: str, ev: Evaluation, evaluator: str = "auto") -> EvaluationRow:
    row = EvaluationRow(
        conversation_id=conversation_row_id,
        rubric=ev.rubric,
        rubric_version=ev.rubric_version,
        evaluator_kind="auto" if evaluator == "auto" else "human",
        evaluator=evaluator,
        score=ev.score,
        earned=ev.earned,
        possible=ev.possible,
        critical_failed=ev.critical_failed,
        is_current=True,
        content_hash=content_hash,
        result=orjson.dumps(ev.to_dict()).decode(),
    )
    row.checks = [
        CheckResultRow(check_id=c.id, check_name=c.name, check_version=c.version, result=c.result,
                       points=c.points, max_points=c.max_points)
        for c in ev.checks
    ]
    return row


def count_conversations(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(ConversationRow)) or 0
