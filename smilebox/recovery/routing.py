"""Who owns a recovery case: the agent's lead, else a configured rule, else the default owner.

The agent is the one the feedback credits (``FeedbackCredit``), else the conversation's assignee, else
the agent the source named. Their team lead owns the recovery because the lead can coach the cause.
When there is no lead, rules from ``recovery_owner_rules`` route by what the feedback is about:

    recovery_owner_rules = ["tag:billing = billing-queue", "channel:social = Sam Ortiz", "team:Nights = nights@acme.test"]

``FIELD:VALUE = OWNER``; FIELD is one of tag, channel, source, team, group (the customer's group); values
compare case-insensitively; the first rule that matches wins. An owner is a queue name, a person's name
(their email is looked up in the roster for reminders) or an email address.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from smilebox.errors import ConfigError
from smilebox.store.tables import Agent, ConversationRow, Customer, FeedbackCredit, FeedbackRow

RULE_FIELDS = ("tag", "channel", "source", "team", "group")


@dataclass(frozen=True)
class OwnerRule:
    field: str
    value: str
    owner: str

    def matches(self, facts: dict[str, set[str]]) -> bool:
        return self.value.casefold() in facts.get(self.field, set())


@dataclass(frozen=True)
class Routing:
    owner: str
    reason: str  # why this owner, shown in `recovery show`
    agent: str | None = None


def parse_rule(text: str) -> OwnerRule:
    """Read one ``FIELD:VALUE = OWNER`` rule; a malformed rule is a configuration error, never skipped."""
    condition, eq, owner = text.partition("=")
    field, colon, value = condition.partition(":")
    field, value, owner = field.strip().casefold(), value.strip(), owner.strip()
    if not eq or not colon or not value or not owner:
        raise ConfigError(
            f"recovery_owner_rules: {text!r} is not a rule; write 'FIELD:VALUE = OWNER', e.g. 'tag:billing = billing-queue'"
        )
    if field not in RULE_FIELDS:
        raise ConfigError(
            f"recovery_owner_rules: {text!r} uses unknown field {field!r}; fields are: {', '.join(RULE_FIELDS)}"
        )
    return OwnerRule(field, value, owner)


def parse_rules(texts: list[str]) -> list[OwnerRule]:
    return [parse_rule(t) for t in texts]


def responsible_agent(session: Session, feedback: FeedbackRow) -> Agent | None:
    """The agent the feedback is about: first credited, else the conversation's assignee, else the named one."""
    agent = session.scalar(
        select(Agent).join(FeedbackCredit, FeedbackCredit.agent_id == Agent.id)
        .where(FeedbackCredit.feedback_id == feedback.id).order_by(FeedbackCredit.id).limit(1)
    )
    if agent is None and feedback.conversation_id is not None:
        agent = session.scalar(
            select(Agent).join(ConversationRow, ConversationRow.assignee_id == Agent.id)
            .where(ConversationRow.id == feedback.conversation_id)
        )
    if agent is None and feedback.named_agent:
        agent = session.scalar(
            select(Agent).where(func.lower(Agent.name) == feedback.named_agent.casefold()).limit(1)
        )
    return agent


def _facts(session: Session, feedback: FeedbackRow, agent: Agent | None) -> dict[str, set[str]]:
    facts: dict[str, set[str]] = {f: set() for f in RULE_FIELDS}
    facts["source"].add(feedback.source.casefold())
    if feedback.channel:
        facts["channel"].add(feedback.channel.casefold())
    conv = session.get(ConversationRow, feedback.conversation_id) if feedback.conversation_id else None
    if conv is not None:
        facts["channel"].add(conv.channel.casefold())
        facts["tag"].update(str(t).casefold() for t in conv.tags or [])
    if agent is not None and agent.team:
        facts["team"].add(agent.team.casefold())
    customer_id = feedback.customer_id or (conv.customer_id if conv is not None else None)
    customer = session.get(Customer, customer_id) if customer_id else None
    if customer is not None and customer.group:
        facts["group"].add(customer.group.casefold())
    return facts


def choose_owner(session: Session, feedback: FeedbackRow, rules: list[OwnerRule], default_owner: str) -> Routing:
    agent = responsible_agent(session, feedback)
    agent_name = agent.name if agent is not None else None
    if agent is not None and agent.lead:
        return Routing(agent.lead, f"lead of {agent.name}", agent_name)
    if rules:
        facts = _facts(session, feedback, agent)
        for rule in rules:
            if rule.matches(facts):
                return Routing(rule.owner, f"rule {rule.field}:{rule.value}", agent_name)
    return Routing(default_owner, "default owner", agent_name)
