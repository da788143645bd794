"""The agent roster: importing it from CSV and summarising agents for the CLI and reports."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from smilebox.errors import InputError, UsageError
from smilebox.store import Store
from smilebox.store.tables import Agent, ConversationRow, EvaluationRow, FeedbackCredit, FeedbackRow

ROSTER_COLUMNS = ("key", "name", "email", "team", "lead", "aliases")


@dataclass
class RosterResult:
    inserted: int = 0
    updated: int = 0
    errors: list[InputError] = field(default_factory=list)


def import_roster(store: Store, path: Path, on_error: Callable[[InputError], None] | None = None) -> RosterResult:
    """Upsert agents from a roster CSV; an agent already known by key, email or name is updated."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    result = RosterResult()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start + 1}); re-save the roster as UTF-8") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in ("name",) if c not in (reader.fieldnames or [])]
    if missing:
        raise UsageError(f"{path}: the roster needs a 'name' column (columns: {', '.join(ROSTER_COLUMNS)})")
    with store.session() as session:
        agents = list(session.scalars(select(Agent)))
        by_key = {a.key: a for a in agents}
        by_email = {a.email.casefold(): a for a in agents if a.email}
        by_name = {a.name.casefold(): a for a in agents}
        for lineno, row in enumerate(reader, start=2):
            name = (row.get("name") or "").strip()
            if not name:
                err = InputError(str(path), lineno, "name is empty")
                result.errors.append(err)
                if on_error:
                    on_error(err)
                continue
            key = (row.get("key") or "").strip() or name.casefold()
            email = (row.get("email") or "").strip() or None
            agent = by_key.get(key) or (by_email.get(email.casefold()) if email else None) or by_name.get(name.casefold())
            aliases = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
            if agent is None:
                agent = Agent(key=key, name=name, aliases=[])
                session.add(agent)
                result.inserted += 1
            else:
                result.updated += 1
            agent.name = name
            agent.email = email or agent.email
            agent.team = (row.get("team") or "").strip() or agent.team
            agent.lead = (row.get("lead") or "").strip() or agent.lead
            agent.aliases = sorted(set(agent.aliases or []) | set(aliases))
            by_key[key] = by_name[name.casefold()] = agent
            if email:
                by_email[email.casefold()] = agent
    return result


def agent_overview(store: Store) -> list[dict]:
    """One row per agent: conversations handled, mean current automatic score, smiles credited."""
    with store.session() as session:
        convs = dict(
            session.execute(select(ConversationRow.assignee_id, func.count()).group_by(ConversationRow.assignee_id)).all()
        )
        scores = dict(
            session.execute(
                select(ConversationRow.assignee_id, func.avg(EvaluationRow.score))
                .join(EvaluationRow, EvaluationRow.conversation_id == ConversationRow.id)
                .where(EvaluationRow.is_current.is_(True), EvaluationRow.evaluator_kind == "auto")
                .group_by(ConversationRow.assignee_id)
            ).all()
        )
        smiles = dict(
            session.execute(
                select(FeedbackCredit.agent_id, func.count())
                .join(FeedbackRow, FeedbackRow.id == FeedbackCredit.feedback_id)
                .where(FeedbackRow.classification == "smile")
                .group_by(FeedbackCredit.agent_id)
            ).all()
        )
        rows = []
        for agent in session.scalars(select(Agent).order_by(Agent.name)):
            mean = scores.get(agent.id)
            rows.append(
                {
                    "key": agent.key,
                    "name": agent.name,
                    "email": agent.email,
                    "team": agent.team,
                    "lead": agent.lead,
                    "aliases": agent.aliases or [],
                    "conversations": convs.get(agent.id, 0),
                    "mean_score": None if mean is None else round(float(mean), 4),
                    "smiles": smiles.get(agent.id, 0),
                }
            )
    return rows
