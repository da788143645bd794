"""Reading evaluations back from the store (show, dashboards, exports)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import select

from smilebox.errors import NotFound, UsageError
from smilebox.model import Conversation
from smilebox.store import Store
from smilebox.store.tables import ConversationRow, EvaluationRow


@dataclass
class StoredEvaluation:
    conversation: Conversation
    result: dict[str, Any]
    evaluator: str
    created_at: Any


def current_evaluation(store: Store, conversation_id: str, source: str | None = None) -> StoredEvaluation:
    with store.session() as session:
        stmt = select(ConversationRow).where(ConversationRow.external_id == conversation_id)
        if source:
            stmt = stmt.where(ConversationRow.source == source)
        rows = session.scalars(stmt).all()
        if not rows:
            raise NotFound(f"conversation {conversation_id!r} is not in the store")
        if len(rows) > 1:
            sources = ", ".join(sorted(r.source for r in rows))
            raise UsageError(f"conversation {conversation_id!r} exists in several sources ({sources}); add --source")
        conv = rows[0]
        ev = session.scalars(
            select(EvaluationRow)
            .where(EvaluationRow.conversation_id == conv.id, EvaluationRow.is_current.is_(True))
            .order_by(EvaluationRow.evaluator_kind, EvaluationRow.id.desc())
        ).first()
        if ev is None:
            raise NotFound(f"conversation {conversation_id!r} has not been scored yet: run 'smilebox score'")
        return StoredEvaluation(
            Conversation.model_validate_json(conv.document), orjson.loads(ev.result), ev.evaluator, ev.created_at
        )


def iter_current_results(store: Store, chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Every current automatic evaluation, as contract section 2 objects."""
    last = 0
    while True:
        with store.session() as session:
            rows = session.execute(
                select(EvaluationRow.id, EvaluationRow.result)
                .where(EvaluationRow.is_current.is_(True), EvaluationRow.evaluator_kind == "auto", EvaluationRow.id > last)
                .order_by(EvaluationRow.id)
                .limit(chunk)
            ).all()
        if not rows:
            return
        for row_id, result in rows:
            yield orjson.loads(result)
        last = rows[-1][0]
