"""What each sample conversation will be, decided before a word of it is written.

A ``Plan`` fixes the channel, topic, agent, customer, date and every quality behaviour (greets or
not, signs with a name or a team, leaks a card number...). The renderer then writes text that does
exactly that, and ``Plan.intent`` records it per check of the default rubric so the sample can say
which outcome it was built to show. Behaviours are drawn with the agent's ``skill`` as the chance of
doing it right, so a strong agent mostly passes and a weak one mostly fails.

Scheduling happens here too: contacts spread over August to October 2026, with some customers
coming back about the same issue within 7 days (a failed first-contact resolution), some after more
than 7 days, and some about something else.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from smilebox.sample.customers import Customer
from smilebox.sample.people import Agent, agents_for
from smilebox.sample.topics import TOPICS, Topic

PERIOD_START = datetime(2026, 8, 1, tzinfo=UTC)
PERIOD_END = datetime(2026, 10, 29, 18, 0, tzinfo=UTC)  # threads and answers finish by the 31st
CHANNEL_WEIGHTS = (("email", 34), ("chat", 25), ("phone", 21), ("social", 13), ("sms", 7))
REPEAT_WINDOW_DAYS = 7
CALM_TOPICS = frozenset({"upgrade", "moving", "autopay_card"})  # customers rarely write these in anger
SECURITY_SLIPS = (("unverified", 3), ("card_reply", 1.5), ("card_note", 1), ("ssn_note", 0.5))


@dataclass
class Plan:
    channel: str
    topic: Topic
    agent: Agent
    customer: Customer
    start: datetime
    repeat_of: Plan | None = None
    followed_within_7: bool = False
    cid: str = ""
    # behaviours
    greeting: bool = True
    closing: bool = True
    signature: str = "person"  # person | team | none
    name_use: str = "right"  # right | over | none
    gratitude: bool = True
    cue: bool = False
    empathy: bool = True
    refusal: str | None = None  # flat | alt
    canned: str | None = None  # ignore | tailored
    security: str | None = (
        None  # verified | unverified | card_reply | card_note | password | ssn_note | masked
    )
    note: str = "good"  # good | long | gripe | missing
    confirm: bool = False
    life: bool = False  # the customer mentions something from their life
    wow: bool = False
    status: str = "solved"
    canned_greets: bool = True  # set when the canned text is written: does the pasted template open with one?
    intent: dict[str, str] = field(default_factory=dict)

    @property
    def name_known(self) -> bool:
        """Whether the agent can know the customer's name: record, sign-off, or a spoken introduction."""
        c = self.customer
        return (c.name_in_record and self.channel != "social") or c.signs_name


def _pick(rng: random.Random, pairs) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _ok(rng: random.Random, agent: Agent, bias: float = 0.0) -> bool:
    return rng.random() < min(0.98, max(0.05, agent.skill + bias))


def decide(rng: random.Random, plan: Plan) -> None:
    """Draw every behaviour of one conversation from its agent's skill."""
    a, topic, ch = plan.agent, plan.topic, plan.channel
    plan.greeting = _ok(rng, a, 0.05)
    plan.closing = _ok(rng, a)
    plan.gratitude = _ok(rng, a)
    calm = topic.key in CALM_TOPICS
    plan.cue = rng.random() < (0.85 if plan.repeat_of else (0.12 if calm else 0.45))
    plan.empathy = _ok(rng, a, -0.05)
    if ch in ("email", "social"):
        plan.signature = "person" if _ok(rng, a, 0.05) else rng.choice(("team", "team", "none"))
    roll = rng.random()
    plan.name_use = "right" if _ok(rng, a) else ("over" if roll < 0.55 else "none")
    if topic.refusal and rng.random() < 0.55:
        plan.refusal = "alt" if _ok(rng, a, -0.15) else "flat"
    if topic.key == "outage" and rng.random() < 0.5:
        plan.canned = "tailored"
    elif ch != "phone" and rng.random() < (1 - a.skill) * 0.45:  # macros are pasted, not read out
        plan.canned = "ignore"
    if topic.account:
        plan.security = "verified" if _ok(rng, a, 0.12) else _pick(rng, SECURITY_SLIPS)
        if topic.key == "password_reset" and plan.security in ("card_reply", "card_note"):
            plan.security = "password"
        if topic.key == "autopay_card" and plan.security == "verified" and rng.random() < 0.5:
            plan.security = "masked"
    note_roll = rng.random()
    if _ok(rng, a):
        plan.note = "good"
    else:
        plan.note = "long" if note_roll < 0.4 else ("gripe" if note_roll < 0.7 else "missing")
    plan.life = plan.customer.life is not None and rng.random() < 0.8
    plan.wow = plan.life and _ok(rng, a, -0.2)
    if plan.canned == "ignore" and plan.security not in ("card_note", "ssn_note"):
        plan.security = None  # a pasted template discloses nothing and verifies nothing
    plan.confirm = not plan.followed_within_7 and plan.canned != "ignore" and rng.random() < 0.55
    if plan.canned == "ignore":
        plan.status = "solved"
    elif rng.random() < 0.06:
        plan.status = rng.choice(("open", "pending"))
    elif rng.random() < 0.5:
        plan.status = "closed"


def label(plan: Plan) -> dict[str, str]:
    """The outcome each check of the default rubric should reach, as the generator meant it.

    Only checks the generator decided deliberately are labelled: ownership is labelled only where a
    refusal happens, tailored only where a template is used, security only on account topics.
    """
    canned = plan.canned == "ignore"
    out = {
        "greeting": ("pass" if plan.canned_greets else "fail")
        if canned
        else ("pass" if plan.greeting else "fail"),
        "closing": "pass" if plan.closing and not canned else "fail",
        "gratitude": "pass" if plan.gratitude and not canned else "fail",
        "empathy": "na" if not plan.cue else ("pass" if plan.empathy and not canned else "fail"),
        "documentation": "pass" if plan.note == "good" else "fail",
        "resolution": "fail" if plan.followed_within_7 else "pass",
        "wow": "pass" if plan.wow and not canned else "fail",
    }
    if plan.channel == "email":
        out["signature"] = "pass" if plan.signature == "person" and not canned else "fail"
    else:
        out["signature"] = "na"
    if not plan.name_known:
        out["customer_name"] = "na"
    else:
        out["customer_name"] = "pass" if plan.name_use == "right" and not canned else "fail"
    if plan.refusal and not canned:
        out["ownership"] = "pass" if plan.refusal == "alt" else "fail"
    if plan.canned:
        out["tailored"] = "fail" if canned else "pass"
    if plan.security:
        out["security"] = "pass" if plan.security in ("verified", "masked") else "fail"
    return out


def _day_weights() -> tuple[list[datetime], list[float]]:
    days, weights = [], []
    day = PERIOD_START
    while day < PERIOD_END:
        days.append(day)
        # volume grows over the quarter and dips at weekends
        weights.append((1.0 + (day - PERIOD_START).days / 60) * (0.55 if day.weekday() >= 5 else 1.0))
        day += timedelta(days=1)
    return days, weights


def _at(rng: random.Random, day: datetime, channel: str) -> datetime:
    hour = rng.randint(7, 21) if channel in ("social", "sms") else rng.randint(8, 18)
    return day.replace(hour=hour, minute=rng.randint(0, 59), second=rng.choice((0, 12, 31, 47)))


def schedule(rng: random.Random, customers: list[Customer], base: int) -> list[Plan]:
    """First contacts spread over the period, then repeat and follow-up contacts, oldest first."""
    days, weights = _day_weights()
    plans: list[Plan] = []
    for i in range(base):
        customer = customers[i % len(customers)] if i < len(customers) else rng.choice(customers)
        channel = _pick(rng, CHANNEL_WEIGHTS)
        day = rng.choices(days, weights=weights)[0]
        plans.append(
            Plan(
                channel, rng.choice(TOPICS), rng.choice(agents_for(channel)), customer, _at(rng, day, channel)
            )
        )
    followers: list[Plan] = []
    for first in rng.sample(plans, k=len(plans) // 4):
        kind = rng.choices(("same_soon", "same_late", "other_soon"), weights=(6, 1.5, 2))[0]
        gap = (
            timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 20))
            if kind != "same_late"
            else timedelta(days=rng.randint(9, 16))
        )
        when = first.start + gap
        if when > PERIOD_END:
            continue
        channel = _pick(rng, CHANNEL_WEIGHTS)
        topic = (
            first.topic
            if kind.startswith("same")
            else rng.choice([t for t in TOPICS if t is not first.topic])
        )
        follow = Plan(
            channel, topic, rng.choice(agents_for(channel)), first.customer, _at(rng, when, channel)
        )
        if kind.startswith("same"):
            follow.repeat_of = first
            first.followed_within_7 = first.followed_within_7 or kind == "same_soon"
        followers.append(follow)
    everything = sorted(plans + followers, key=lambda p: (p.start, p.customer.id))
    for n, plan in enumerate(everything, start=1):
        plan.cid = f"acme-{10000 + n}"
    return everything
