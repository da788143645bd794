"""Process pending feedback: read the rating, classify, credit agents, open recovery cases.

``process_pending(store, settings)`` handles every ``FeedbackRow`` whose ``classification`` is NULL (new,
or changed by a re-import), in batches of one transaction each. Re-running it changes nothing: processed
rows have a classification, and credits of a row being processed again are replaced, not added.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from smilebox.feedback.classify import CLASSES, Classification, classify, clauses, read_text
from smilebox.feedback.credit import Credit, Roster, RosterEntry
from smilebox.feedback.scales import normalise
from smilebox.feedback.sentiment import SentimentReader, sentiment_reader
from smilebox.settings import Settings
from smilebox.store import Store
from smilebox.store.tables import Agent, ConversationRow, Customer, FeedbackCredit, FeedbackRow, MessageRow, RecoveryCase

BATCH = 500
#: Classes that open a service-recovery case.
RECOVERY_CLASSES = ("opportunity", "mixed")


@dataclass
class ProcessSummary:
    processed: int = 0
    classes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))
    credits: int = 0
    cases_opened: int = 0
    unreadable_ratings: int = 0
    sentiment_model: str = ""
    recovery: str = "available"

    def as_dict(self) -> dict:
        return asdict(self)


def _case_opener():
    """``smilebox.recovery.cases.open_case`` when that package is installed, else None."""
    try:
        from smilebox.recovery.cases import open_case
    except ModuleNotFoundError as exc:
        if exc.name in ("smilebox.recovery", "smilebox.recovery.cases"):
            return None
        raise
    return open_case


def load_roster(session: Session) -> Roster:
    return Roster.build(RosterEntry(a.id, a.name, tuple(a.aliases or ())) for a in session.scalars(select(Agent)))


def process_pending(store: Store, settings: Settings | None = None, *, reader: SentimentReader | None = None) -> ProcessSummary:
    """Classify and credit every unprocessed feedback row; returns counts for the caller to report."""
    settings = settings or Settings()
    reader = reader or sentiment_reader(settings.models)
    open_case = _case_opener()
    summary = ProcessSummary(sentiment_model=reader.model, recovery="available" if open_case else "not installed")
    last_id = 0
    while True:
        with store.session() as session:
            rows = list(session.scalars(
                select(FeedbackRow).where(FeedbackRow.classification.is_(None), FeedbackRow.id > last_id)
                .order_by(FeedbackRow.id).limit(BATCH)
            ))
            if not rows:
                break
            last_id = rows[-1].id
            _process_batch(session, rows, reader, open_case, settings, summary)
    return summary


def _process_batch(session: Session, rows: list[FeedbackRow], reader, open_case, settings, summary: ProcessSummary) -> None:
    roster = load_roster(session)
    context = _Context.load(session, rows)
    pieces = [clauses(r.comment or "") for r in rows]
    flat = reader([p for ps in pieces for p in ps])
    session.execute(delete(FeedbackCredit).where(FeedbackCredit.feedback_id.in_([r.id for r in rows])))
    with_case = set(session.scalars(select(RecoveryCase.feedback_id).where(RecoveryCase.feedback_id.in_([r.id for r in rows]))))
    offset = 0
    for row, parts in zip(rows, pieces):
        reading = read_text(parts, flat[offset : offset + len(parts)])
        offset += len(parts)
        rating = normalise(row.rating_raw, row.scale)
        result = classify(rating, reading, row.kind)
        summary.unreadable_ratings += rating.problem is not None
        row.score = rating.score
        if rating.scale and not row.scale:
            row.scale = rating.scale
        row.classification = result.label
        row.sentiment = _sentiment_record(reader.model, result, reading, rating.problem)
        credits = credit_feedback(row, roster, context)
        session.add_all(FeedbackCredit(feedback_id=row.id, agent_id=c.agent_id, matched=c.matched[:255], method=c.method)
                        for c in credits)
        summary.processed += 1
        summary.classes[result.label] += 1
        summary.credits += len(credits)
        if open_case is not None and result.label in RECOVERY_CLASSES:
            session.flush()
            open_case(session, row, settings)
            summary.cases_opened += row.id not in with_case


def _sentiment_record(model: str, result: Classification, reading, problem: str | None) -> dict:
    """What the classifier saw, stored with the row so every class explains itself."""
    record = {
        "model": model,
        "reason": result.reason,
        "rating_band": result.rating_band,
        "text_band": result.text_band,
        "clauses": reading.clauses,
        "cues": [{"kind": c.kind, "quote": c.quote} for c in reading.cues],
    }
    if problem:
        record["rating_problem"] = problem
    return record


@dataclass
class _Context:
    """Per-batch facts about the conversations behind the feedback: assignee, customer, agents who replied."""

    conversations: dict[int, ConversationRow]
    customer_names: dict[int, str]
    repliers: dict[int, set[int]]

    @classmethod
    def load(cls, session: Session, rows: list[FeedbackRow]) -> "_Context":
        conv_ids = {r.conversation_id for r in rows if r.conversation_id}
        convs = {c.id: c for c in session.scalars(select(ConversationRow).where(ConversationRow.id.in_(conv_ids)))}
        customer_ids = {r.customer_id for r in rows if r.customer_id} | {c.customer_id for c in convs.values() if c.customer_id}
        names = {i: n for i, n in session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(customer_ids)))}
        repliers: dict[int, set[int]] = {}
        for conv_id, agent_id in session.execute(
            select(MessageRow.conversation_id, MessageRow.agent_id).where(
                MessageRow.conversation_id.in_(conv_ids), MessageRow.agent_id.is_not(None)).distinct()
        ):
            repliers.setdefault(conv_id, set()).add(agent_id)
        return cls(convs, {k: v for k, v in names.items() if v}, repliers)


def credit_feedback(row: FeedbackRow, roster: Roster, context: _Context) -> list[Credit]:
    """Agents named in the comment; else the conversation's assignee; else the agent the source names."""
    conv = context.conversations.get(row.conversation_id) if row.conversation_id else None
    exclude = [context.customer_names.get(row.customer_id or -1), row.author_name]
    if conv is not None:
        exclude.append(context.customer_names.get(conv.customer_id or -1))
    prefer = set(context.repliers.get(row.conversation_id or -1, ()))
    source_agent = roster.lookup(row.named_agent)
    if conv is not None and conv.assignee_id:
        prefer.add(conv.assignee_id)
    if source_agent is not None:
        prefer.add(source_agent)
    named = roster.find(row.comment or "", exclude=[n for n in exclude if n], prefer=prefer)
    if named:
        return named
    if conv is not None and conv.assignee_id in roster.agents:
        return [Credit(conv.assignee_id, "", "assignee")]
    if source_agent is not None:
        return [Credit(source_agent, row.named_agent or "", "source")]
    return []
