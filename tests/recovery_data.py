"""Row builders for the recovery and report tests: insert exactly the rows a test needs."""

from __future__ import annotations

from datetime import datetime, timezone

from smilebox.store.tables import Agent, ConversationRow, Customer, FeedbackCredit, FeedbackRow


def when(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def agent(s, name, *, team=None, lead=None, email=None, aliases=()) -> Agent:
    row = Agent(key=name.lower().replace(" ", "."), name=name, team=team, lead=lead, email=email, aliases=list(aliases))
    s.add(row)
    s.flush()
    return row


def customer(s, name, group=None) -> Customer:
    row = Customer(key=f"cu-{name.lower().replace(' ', '-')}", name=name, group=group)
    s.add(row)
    s.flush()
    return row


def conversation(s, ext, *, channel="email", tags=(), assignee=None, cust=None) -> ConversationRow:
    row = ConversationRow(source="jsonl", external_id=ext, channel=channel, tags=list(tags),
                          assignee_id=assignee.id if assignee else None, customer_id=cust.id if cust else None,
                          content_hash=ext, document="{}", created_at=when("2026-10-01T10:00:00"))
    s.add(row)
    s.flush()
    return row


def feedback(s, ext, classification, comment=None, *, at="2026-10-05T12:00:00", conv=None, cust=None,
             credit=(), kind="customer", source="jsonl", channel=None, author=None) -> FeedbackRow:
    row = FeedbackRow(source=source, external_id=ext, classification=classification, comment=comment,
                      created_at=when(at) if at else None, conversation_id=conv.id if conv else None,
                      customer_id=cust.id if cust else None, kind=kind, content_hash=ext, channel=channel,
                      author_name=author)
    s.add(row)
    s.flush()
    for a in credit:
        s.add(FeedbackCredit(feedback_id=row.id, agent_id=a.id, matched=a.name.split()[0], method="exact"))
    s.flush()
    return row
