"""The store's tables (SQLAlchemy 2 declarative). Alembic migrations in ``store/migrations`` build them.

API schemas and the in-memory model (``smilebox.model``) stay apart from these tables.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, datetime: DateTime(timezone=True)}


# --- people -----------------------------------------------------------------------------------
class Agent(Base):
    __tablename__ = "agents"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)  # external id, else email, else name
    name: Mapped[str] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))
    aliases: Mapped[list[Any]] = mapped_column(default=list)  # nicknames, initials ("^CB"), handles
    team: Mapped[str | None] = mapped_column(String(255))
    lead: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # stable random key, never shown to users
    name: Mapped[str | None] = mapped_column(String(255))
    group: Mapped[str | None] = mapped_column("customer_group", String(255))
    identities: Mapped[list["CustomerIdentity"]] = relationship(back_populates="customer", cascade="all, delete-orphan")


class CustomerIdentity(Base):
    """One customer across channels: each email, phone, social handle or source id points at them."""

    __tablename__ = "customer_identities"
    __table_args__ = (UniqueConstraint("kind", "value"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # email | phone | handle | id:<source>
    value: Mapped[str] = mapped_column(String(320))
    customer: Mapped[Customer] = relationship(back_populates="identities")


# --- conversations ----------------------------------------------------------------------------
class ConversationRow(Base):
    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_conversations_customer_created", "customer_id", "created_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str] = mapped_column(String(255))
    channel: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime | None] = mapped_column(index=True)
    tags: Mapped[list[Any]] = mapped_column(default=list)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    document: Mapped[str] = mapped_column(Text)  # the validated conversation as JSON, unknown fields kept
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class MessageRow(Base):
    """One message of a conversation, keyed by its position (a clustered key: one B-tree on SQLite).

    An index of who said what and when, for queries and dashboards; the text itself lives once, in the
    conversation's document, so an import writes it once.
    """

    __tablename__ = "messages"
    __table_args__ = {"sqlite_with_rowid": False}
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    author_name: Mapped[str | None] = mapped_column(String(255))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    chars: Mapped[int] = mapped_column(Integer, default=0)  # length of the message text
    created_at: Mapped[datetime | None] = mapped_column()


# --- feedback ---------------------------------------------------------------------------------
class FeedbackRow(Base):
    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("source", "external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str] = mapped_column(String(255))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="SET NULL"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(16), default="customer")  # customer | colleague
    channel: Mapped[str | None] = mapped_column(String(32))  # survey, email, social, note...
    rating_raw: Mapped[str | None] = mapped_column(String(64))
    scale: Mapped[str | None] = mapped_column(String(32))
    score: Mapped[float | None] = mapped_column(Float)  # normalised 0..1
    comment: Mapped[str | None] = mapped_column(Text)
    author_name: Mapped[str | None] = mapped_column(String(255))
    named_agent: Mapped[str | None] = mapped_column(String(255))  # agent the source says it is about
    created_at: Mapped[datetime | None] = mapped_column(index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    classification: Mapped[str | None] = mapped_column(String(16))  # smile | opportunity | mixed | neutral
    sentiment: Mapped[dict[str, Any] | None] = mapped_column()
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class FeedbackCredit(Base):
    __tablename__ = "feedback_credits"
    __table_args__ = (UniqueConstraint("feedback_id", "agent_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(ForeignKey("feedback.id", ondelete="CASCADE"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    matched: Mapped[str] = mapped_column(String(255))  # the words in the text that named the agent
    method: Mapped[str] = mapped_column(String(32))  # exact | alias | fuzzy | assignee | source


# --- evaluations ------------------------------------------------------------------------------
class EvaluationRow(Base):
    """One scoring of one conversation. Re-scoring adds a row and marks the old one not current."""

    __tablename__ = "evaluations"
    __table_args__ = (Index("ix_evaluations_conv_current", "conversation_id", "is_current"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    rubric: Mapped[str] = mapped_column(String(64))
    rubric_version: Mapped[str] = mapped_column(String(32))
    evaluator_kind: Mapped[str] = mapped_column(String(16), default="auto")  # auto | human
    evaluator: Mapped[str] = mapped_column(String(255), default="auto")
    score: Mapped[float] = mapped_column(Float)
    earned: Mapped[float] = mapped_column(Float)
    possible: Mapped[float] = mapped_column(Float)
    critical_failed: Mapped[bool] = mapped_column(Boolean)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    content_hash: Mapped[str] = mapped_column(String(64))  # conversation version it judged
    result: Mapped[str] = mapped_column(Text)  # the contract section 2 object as JSON
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    checks: Mapped[list["CheckResultRow"]] = relationship(cascade="all, delete-orphan")


class CheckResultRow(Base):
    __tablename__ = "check_results"
    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluations.id", ondelete="CASCADE"), index=True)
    check_id: Mapped[str] = mapped_column(String(64), index=True)
    check_name: Mapped[str] = mapped_column(String(128))
    check_version: Mapped[int] = mapped_column(Integer)
    result: Mapped[str] = mapped_column(String(8))
    points: Mapped[float] = mapped_column(Float)
    max_points: Mapped[float] = mapped_column(Float)


class Dispute(Base):
    __tablename__ = "disputes"
    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluations.id", ondelete="CASCADE"), index=True)
    check_id: Mapped[str] = mapped_column(String(64))
    raised_by: Mapped[str] = mapped_column(String(255))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | upheld | rejected
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column()


# --- service recovery -------------------------------------------------------------------------
class RecoveryCase(Base):
    __tablename__ = "recovery_cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(ForeignKey("feedback.id", ondelete="CASCADE"), unique=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="SET NULL"))
    customer_name: Mapped[str | None] = mapped_column(String(255))
    owner: Mapped[str] = mapped_column(String(255))
    playbook: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)  # open | closed
    due_at: Mapped[datetime] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column()
    outcome: Mapped[str | None] = mapped_column(String(16))  # kept | lost | unknown
    root_cause: Mapped[str | None] = mapped_column(String(255), index=True)
    change_made: Mapped[str | None] = mapped_column(Text)
    last_reminded_at: Mapped[datetime | None] = mapped_column()
    steps: Mapped[list["RecoveryStep"]] = relationship(cascade="all, delete-orphan", order_by="RecoveryStep.id")


class RecoveryStep(Base):
    __tablename__ = "recovery_steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("recovery_cases.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(String(255))
    done_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- celebration ------------------------------------------------------------------------------
class Drawing(Base):
    """A Smile Box draw: seed, the entries as they stood, and the winners, so it can be re-run."""

    __tablename__ = "drawings"
    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str | None] = mapped_column(String(32))
    seed: Mapped[str] = mapped_column(String(128))
    params: Mapped[dict[str, Any]] = mapped_column()
    entries: Mapped[list[Any]] = mapped_column()
    winners: Mapped[list[Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PrizeHat(Base):
    __tablename__ = "prize_hats"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    seed: Mapped[str] = mapped_column(String(128))
    prizes: Mapped[dict[str, Any]] = mapped_column()  # prize -> stock at creation
    participants: Mapped[list[Any]] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    events: Mapped[list["PrizeHatEvent"]] = relationship(cascade="all, delete-orphan", order_by="PrizeHatEvent.id")


class PrizeHatEvent(Base):
    __tablename__ = "prize_hat_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    hat_id: Mapped[int] = mapped_column(ForeignKey("prize_hats.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # draw | redraw | keep | trade-offer | trade-accept | trade-decline
    participant: Mapped[str] = mapped_column(String(255))
    detail: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- customer and revenue records (guerilla metrics) ------------------------------------------
class CustomerEvent(Base):
    """A customer's business event: new, renewed, lost (with why), referral, revenue for a period."""

    __tablename__ = "customer_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # new | renewed | lost | referral | revenue
    occurred_at: Mapped[datetime] = mapped_column(index=True)
    customer_group: Mapped[str | None] = mapped_column(String(255))
    revenue: Mapped[float | None] = mapped_column(Float)
    cost: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    referred_by: Mapped[str | None] = mapped_column(String(255))


# --- bookkeeping ------------------------------------------------------------------------------
class ImportRun(Base):
    __tablename__ = "import_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    errors: Mapped[list[Any]] = mapped_column(default=list)
