"""The Smile Report: a period's smiles, who earned them, the draw winners, and what bad feedback taught.

Library first: ``build_smile_report`` reads the store into a ``SmileReport`` (plain data, easy to test
and to serve as JSON), ``render_html`` turns it into a page, ``write_report`` writes the HTML and its PDF.

Feedback belongs to the period of when it was given (else when it was imported). Recovery figures are
for the cases opened by that feedback, so a month's report says how its unhappy customers were handled.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from smilebox.recovery.clock import as_utc
from smilebox.recovery.insights import root_causes
from smilebox.reports import charts
from smilebox.reports.periods import Period
from smilebox.reports.redact import redact
from smilebox.store import Store
from smilebox.store.tables import (
    Agent, ConversationRow, Customer, Drawing, FeedbackCredit, FeedbackRow, RecoveryCase,
)

OPPORTUNITY_CLASSES = ("opportunity", "mixed")
TREND_MONTHS = 6
MAX_QUOTES = 60
NO_TEAM = "No team"


@dataclass
class Metric:
    name: str
    current: float | None
    previous: float | None
    kind: str = "count"  # count | rate
    good_when: str = "up"  # up | down: which direction is good news

    @property
    def delta(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def tone(self) -> str:
        d = self.delta
        if not d:
            return "flat"
        return "good" if (d > 0) == (self.good_when == "up") else "bad"


@dataclass
class Quote:
    text: str
    agents: list[str]
    date: str | None
    source: str
    kind: str  # customer | colleague
    redactions: int


@dataclass
class AgentSmiles:
    name: str
    team: str
    smiles: int


@dataclass
class TeamSmiles:
    team: str
    smiles: int
    agents: int


@dataclass
class Winner:
    name: str
    detail: str | None
    draw_id: int
    drawn_at: str | None


@dataclass
class Lesson:
    cause: str
    count: int
    changes: list[str]
    outcomes: dict[str, int]


@dataclass
class RecoveryAction:
    case_id: int
    owner: str
    root_cause: str | None
    change: str | None
    outcome: str | None


@dataclass
class SmileReport:
    period: str
    period_label: str
    previous_period: str
    generated_at: str
    company: str | None
    metrics: list[Metric]
    quotes: list[Quote]
    more_quotes: int
    agents: list[AgentSmiles]
    teams: list[TeamSmiles]
    uncredited_smiles: int
    winners: list[Winner]
    lessons: list[Lesson]
    actions: list[RecoveryAction]
    open_cases: int
    trend: dict[str, list[Any]]
    charts: dict[str, str | None] = field(default_factory=dict)

    def metric(self, name: str) -> Metric:
        return next(m for m in self.metrics if m.name == name)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- queries ----------------------------------------------------------------------------------
def _said_at():
    return func.coalesce(FeedbackRow.created_at, FeedbackRow.imported_at)


def _in(period: Period):
    return (_said_at() >= period.start) & (_said_at() < period.end)


def _counts(session: Session, period: Period) -> dict[str, float | None]:
    by_class = dict(session.execute(
        select(FeedbackRow.classification, func.count()).where(_in(period)).group_by(FeedbackRow.classification)
    ).all())
    cases = session.execute(
        select(RecoveryCase.status, RecoveryCase.outcome, func.count())
        .join(FeedbackRow, FeedbackRow.id == RecoveryCase.feedback_id).where(_in(period))
        .group_by(RecoveryCase.status, RecoveryCase.outcome)
    ).all()
    opened = sum(n for _, _, n in cases)
    closed = sum(n for status, _, n in cases if status == "closed")
    kept = sum(n for _, outcome, n in cases if outcome == "kept")
    lost = sum(n for _, outcome, n in cases if outcome == "lost")
    return {
        "feedback": sum(by_class.values()),
        "smiles": by_class.get("smile", 0),
        "opportunities": sum(by_class.get(c, 0) for c in OPPORTUNITY_CLASSES),
        "opened": opened,
        "closed": closed,
        "kept_rate": kept / (kept + lost) if kept + lost else None,
    }


def _metrics(cur: dict, prev: dict) -> list[Metric]:
    return [
        Metric("Smiles", cur["smiles"], prev["smiles"]),
        Metric("Feedback received", cur["feedback"], prev["feedback"]),
        Metric("Opportunities", cur["opportunities"], prev["opportunities"], good_when="down"),
        Metric("Recovery cases opened", cur["opened"], prev["opened"], good_when="down"),
        Metric("Recovery cases closed", cur["closed"], prev["closed"]),
        Metric("Customers kept", cur["kept_rate"], prev["kept_rate"], kind="rate"),
    ]


def _protected_names(session: Session) -> set[str]:
    """Agents' names, their parts and aliases: never redacted, since smiles credit them."""
    names: set[str] = set()
    for name, aliases in session.execute(select(Agent.name, Agent.aliases)):
        names.add(name)
        names.update(name.split())
        names.update(str(a) for a in aliases or [])
    return names


def _smiles(session: Session, period: Period) -> tuple[list[Quote], int, dict[int, list[int]]]:
    rows = list(session.scalars(
        select(FeedbackRow).where(_in(period), FeedbackRow.classification == "smile").order_by(_said_at(), FeedbackRow.id)
    ))
    ids = [r.id for r in rows]
    credits: dict[int, list[int]] = {}
    agent_names: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        for fid, aid, name in session.execute(
            select(FeedbackCredit.feedback_id, FeedbackCredit.agent_id, Agent.name)
            .join(Agent, Agent.id == FeedbackCredit.agent_id).where(FeedbackCredit.feedback_id.in_(ids[start:start + 500]))
            .order_by(FeedbackCredit.id)
        ):
            credits.setdefault(fid, []).append(aid)
            agent_names[aid] = name
    keep = _protected_names(session)
    quotes = []
    for row in rows:
        if not (row.comment or "").strip() or len(quotes) >= MAX_QUOTES:
            continue
        red = redact(row.comment.strip(), names=_customer_names(session, row), keep=keep)
        when = as_utc(row.created_at)
        quotes.append(Quote(red.text, [agent_names[a] for a in credits.get(row.id, [])],
                            when.date().isoformat() if when else None, row.source, row.kind, len(red.findings)))
    with_text = sum(1 for r in rows if (r.comment or "").strip())
    return quotes, with_text - len(quotes), credits


def _customer_names(session: Session, row: FeedbackRow) -> list[str]:
    names = []
    customer_id = row.customer_id
    if customer_id is None and row.conversation_id is not None:
        customer_id = session.scalar(select(ConversationRow.customer_id).where(ConversationRow.id == row.conversation_id))
    if customer_id is not None:
        name = session.scalar(select(Customer.name).where(Customer.id == customer_id))
        if name:
            names.append(name)
    if row.kind == "customer" and row.author_name:
        names.append(row.author_name)
    return names


def _per_agent(session: Session, credits: dict[int, list[int]]) -> tuple[list[AgentSmiles], list[TeamSmiles]]:
    counts: dict[int, int] = {}
    for agent_ids in credits.values():
        for aid in set(agent_ids):
            counts[aid] = counts.get(aid, 0) + 1
    agents = []
    for aid, n in counts.items():
        agent = session.get(Agent, aid)
        agents.append(AgentSmiles(agent.name, agent.team or NO_TEAM, n))
    agents.sort(key=lambda a: (-a.smiles, a.name.casefold()))
    teams: dict[str, TeamSmiles] = {}
    for a in agents:
        t = teams.setdefault(a.team, TeamSmiles(a.team, 0, 0))
        t.smiles += a.smiles
        t.agents += 1
    return agents, sorted(teams.values(), key=lambda t: (-t.smiles, t.team.casefold()))


def _winner(entry: Any, drawing: Drawing) -> Winner:
    """Winners are stored by the draw module; read the usual shapes (a name, or a dict naming the agent)."""
    drawn = as_utc(drawing.created_at)
    when = drawn.date().isoformat() if drawn else None
    if isinstance(entry, dict):
        name = next((str(entry[k]) for k in ("agent", "agent_name", "name", "winner") if entry.get(k)), "unknown")
        detail = next((str(entry[k]) for k in ("prize", "feedback_id", "entry") if entry.get(k)), None)
        return Winner(name, detail, drawing.id, when)
    return Winner(str(entry), None, drawing.id, when)


def _winners(session: Session, period: Period) -> list[Winner]:
    drawings = session.scalars(select(Drawing).where(Drawing.period == period.key).order_by(Drawing.id))
    return [_winner(w, d) for d in drawings for w in d.winners or []]


def _actions(session: Session, period: Period) -> tuple[list[RecoveryAction], int]:
    cases = list(session.scalars(
        select(RecoveryCase).join(FeedbackRow, FeedbackRow.id == RecoveryCase.feedback_id)
        .where(_in(period)).order_by(RecoveryCase.id)
    ))
    actions = [RecoveryAction(c.id, c.owner, c.root_cause, c.change_made, c.outcome)
               for c in cases if c.change_made or c.status == "closed"]
    return actions, sum(1 for c in cases if c.status == "open")


# --- building and writing ---------------------------------------------------------------------
def build_smile_report(store: Store, period: str | Period | None = None, *, tz: str = "UTC",
                       company: str | None = None, now: datetime | None = None) -> SmileReport:
    """Read one period (default: last month) from the store into a ``SmileReport``."""
    if period is None:
        period = Period.last_month(tz, now)
    elif isinstance(period, str):
        period = Period.parse(period, tz)
    months = [period]
    while len(months) < TREND_MONTHS:
        months.insert(0, months[0].previous())
    with store.session() as session:
        counts = {p.key: _counts(session, p) for p in months}
        cur, prev = counts[period.key], _counts(session, period.previous())
        quotes, more, credits = _smiles(session, period)
        agents, teams = _per_agent(session, credits)
        winners = _winners(session, period)
        actions, open_cases = _actions(session, period)
    lessons = [Lesson(c.cause, c.count, c.changes, c.outcomes) for c in root_causes(store, period.start, period.end)]
    trend = {"labels": [p.short_label for p in months], "smiles": [counts[p.key]["smiles"] for p in months],
             "opportunities": [counts[p.key]["opportunities"] for p in months]}
    report = SmileReport(
        period=period.key, period_label=period.label, previous_period=period.previous().label,
        generated_at=(now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"), company=company,
        metrics=_metrics(cur, prev), quotes=quotes, more_quotes=more, agents=agents, teams=teams,
        uncredited_smiles=int(cur["smiles"]) - len(credits), winners=winners,
        lessons=lessons, actions=actions, open_cases=open_cases, trend=trend,
    )
    report.charts = {
        "agents": charts.smiles_per_agent([(a.name, a.smiles) for a in agents]),
        "trend": charts.trend(trend["labels"], trend["smiles"], trend["opportunities"]),
    }
    return report


def render_html(report: SmileReport) -> str:
    from smilebox.reports.render import render

    return render("smile_report.html.j2", report=report)


def write_report(store: Store, period: str | Period | None, out_dir: Path | str, *, tz: str = "UTC",
                 company: str | None = None) -> tuple[Path, Path]:
    """Write ``smile-report-YYYY-MM.html`` and ``.pdf`` into ``out_dir``; returns both paths."""
    from smilebox.reports.pdf import html_to_pdf

    report = build_smile_report(store, period, tz=tz, company=company)
    out = Path(out_dir).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    html = render_html(report)
    html_path = out / f"smile-report-{report.period}.html"
    pdf_path = out / f"smile-report-{report.period}.pdf"
    html_path.write_text(html, encoding="utf-8")
    html_to_pdf(html, pdf_path)
    return html_path, pdf_path
