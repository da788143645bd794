"""The Smile Box: every piece of feedback classified as a smile, with the agents it credits.

A smile's date is the feedback's own time, else its conversation's, else when it was imported; periods
and ordering use that date. Ids in the output are the source's external ids: ``feedback_id`` is the
feedback's id as stored (feedback inside a conversation is ``"<conversation id>/<feedback id>"``) and
``conversation_id`` is the conversation's id in its source (null for feedback not tied to one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from smilebox.errors import NotFound
from smilebox.feedback.periods import Period, as_utc
from smilebox.store import Store
from smilebox.store.tables import Agent, ConversationRow, FeedbackCredit, FeedbackRow


@dataclass
class SmileAgent:
    name: str
    key: str
    team: str | None
    matched: str | None
    method: str


@dataclass
class Smile:
    row_id: int
    feedback_id: str
    conversation_id: str | None
    source: str
    kind: str
    text: str
    created_at: datetime | None
    agents: list[SmileAgent] = field(default_factory=list)

    def as_json(self) -> dict:
        """The contract section 4 shape (``method`` and ``kind`` are additions)."""
        return {
            "feedback_id": self.feedback_id,
            "conversation_id": self.conversation_id,
            "text": self.text,
            "agents": [{"name": a.name, "matched": a.matched, "method": a.method} for a in self.agents],
            "created_at": self.created_at.isoformat().replace("+00:00", "Z") if self.created_at else None,
            "kind": self.kind,
        }


def smile_date():
    """The date a smile counts on, as one SQL expression."""
    return func.coalesce(FeedbackRow.created_at, ConversationRow.created_at, FeedbackRow.imported_at)


def query_smiles(session: Session, period: Period | None = None, agent: str | None = None, team: str | None = None) -> list[Smile]:
    """Smiles, oldest first; ``agent`` matches an agent's name, key or alias (case-insensitive)."""
    when = smile_date()
    stmt = (
        select(FeedbackRow, ConversationRow.external_id, when)
        .outerjoin(ConversationRow, FeedbackRow.conversation_id == ConversationRow.id)
        .where(FeedbackRow.classification == "smile")
        .order_by(when, FeedbackRow.id)
    )
    if period is not None:
        stmt = stmt.where(when >= period.start, when < period.end)
    smiles: dict[int, Smile] = {}
    for row, conv_ext, date in session.execute(stmt):
        smiles[row.id] = Smile(row.id, row.external_id, conv_ext, row.source, row.kind, row.comment or "", as_utc(date))
    _attach_agents(session, smiles)
    result = list(smiles.values())
    if agent:
        keys = agent_keys(session, agent)
        result = [s for s in result if any(a.key in keys for a in s.agents)]
    if team:
        wanted_team = team.casefold()
        result = [s for s in result if any((a.team or "").casefold() == wanted_team for a in s.agents)]
    return result


def agent_keys(session: Session, name: str) -> set[str]:
    """Keys of the agents ``name`` refers to: full name, key, alias or first name (case-insensitive)."""
    wanted = " ".join(name.split()).casefold()
    keys = set()
    for agent in session.scalars(select(Agent)):
        forms = {agent.name.casefold(), agent.key.casefold(), *(str(a).casefold() for a in agent.aliases or ())}
        forms.add(agent.name.split()[0].casefold() if agent.name.split() else "")
        if wanted in forms:
            keys.add(agent.key)
    if not keys:
        raise NotFound(f"no agent called {name!r} on the roster; 'smilebox agents' lists them")
    return keys


def _attach_agents(session: Session, smiles: dict[int, Smile]) -> None:
    ids = list(smiles)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(FeedbackCredit.feedback_id, Agent.name, Agent.key, Agent.team, FeedbackCredit.matched, FeedbackCredit.method)
            .join(Agent, Agent.id == FeedbackCredit.agent_id)
            .where(FeedbackCredit.feedback_id.in_(chunk))
            .order_by(FeedbackCredit.feedback_id, FeedbackCredit.id)
        )
        for fid, name, key, team, matched, method in rows:
            smiles[fid].agents.append(SmileAgent(name, key, team, matched or None, method))


def list_smiles(store: Store, period: Period | None = None, agent: str | None = None, team: str | None = None) -> list[Smile]:
    with store.session() as session:
        return query_smiles(session, period, agent, team)
