"""Customer and revenue events for the guerilla metrics: who joined, renewed, left, referred, paid.

One row per event. Monthly ``revenue`` rows carry what the customer paid and what serving them cost
(support contacts make a customer more expensive). Customers who left a furious rating are the first
to be ``lost``, with the reason they gave, so the customer metrics and the feedback tell one story.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from smilebox.sample.channels import iso
from smilebox.sample.customers import Customer
from smilebox.sample.plan import PERIOD_START, Plan

EVENT_COLUMNS = (
    "customer_email",
    "kind",
    "occurred_at",
    "customer_group",
    "revenue",
    "cost",
    "reason",
    "referred_by",
)
MONTHS = ((2026, 8), (2026, 9), (2026, 10))
PRICE = {
    "residential": (59.99, 69.99, 79.99, 99.0),
    "small-business": (129.0, 149.0, 199.0),
    "student": (39.99, 49.99),
}
NEW_REASONS = ("online ad", "moved into the area", "price promotion", "switched from a competitor")
RENEW_REASONS = (
    "happy with the speed",
    "loyalty discount",
    "bundle offer",
    "good support experience",
    "no reason given",
)
LOST_REASONS = (
    "moved out of the area",
    "price",
    "switched to a competitor's fibre",
    "repeated outages",
    "poor service experience",
)
SUPPORT_COST = 6.5  # what one support contact costs, in dollars


def _day(rng: random.Random, year: int, month: int) -> datetime:
    return datetime(year, month, rng.randint(1, 28), rng.randint(8, 18), 0, tzinfo=UTC)


def _money(value: float) -> str:
    return f"{value:.2f}"


def customer_events(
    rng: random.Random, customers: list[Customer], plans: list[Plan], furious: set[str]
) -> list[dict]:
    contacts: dict[str, int] = {}
    first_contact: dict[str, datetime] = {}
    for plan in plans:
        contacts[plan.customer.id] = contacts.get(plan.customer.id, 0) + 1
        first_contact.setdefault(plan.customer.id, plan.start)
    rows: list[dict] = []
    by_email = [c.email for c in customers]
    for c in customers:
        price = rng.choice(PRICE[c.group])
        joined: datetime | None = None
        if rng.random() < 0.22:
            joined = first_contact.get(c.id, PERIOD_START) - timedelta(days=rng.randint(1, 20))
            if joined < PERIOD_START:  # joined before their first contact, but inside the period
                joined = PERIOD_START + timedelta(days=rng.randint(0, 12), hours=rng.randint(8, 18))
            referrer = rng.choice([e for e in by_email if e != c.email]) if rng.random() < 0.35 else ""
            rows.append(
                _row(
                    c,
                    "new",
                    joined,
                    price,
                    120.0,
                    "referral" if referrer else rng.choice(NEW_REASONS),
                    referrer,
                )
            )
            if referrer:
                rows.append(_row(c, "referral", joined, 0.0, 25.0, "refer-a-friend credit", referrer))
        lost_at: datetime | None = None
        if c.id in furious and rng.random() < 0.7:
            lost_at = first_contact.get(c.id, PERIOD_START) + timedelta(days=rng.randint(5, 25))
            reason = rng.choice(("poor service experience", "repeated outages"))
        elif rng.random() < 0.06:
            lost_at = _day(rng, *rng.choice(MONTHS))
            reason = rng.choice(LOST_REASONS)
        if lost_at is not None and joined is not None and lost_at <= joined:
            lost_at = None
        if lost_at is not None and lost_at.month > 10:
            lost_at = None
        if lost_at is None and joined is None and rng.random() < 0.15:
            rows.append(
                _row(
                    c,
                    "renewed",
                    _day(rng, *rng.choice(MONTHS)),
                    price * 12,
                    0.0,
                    rng.choice(RENEW_REASONS),
                    "",
                )
            )
        for year, month in MONTHS:
            start = datetime(year, month, 1, tzinfo=UTC)
            if joined is not None and joined.month > month:
                continue
            if lost_at is not None and lost_at.month < month:
                continue
            cost = price * rng.uniform(0.35, 0.55) + SUPPORT_COST * contacts.get(c.id, 0) / len(MONTHS)
            rows.append(_row(c, "revenue", start, price, cost, "", ""))
        if lost_at is not None:
            rows.append(_row(c, "lost", lost_at, 0.0, 35.0, reason, ""))
    rows.sort(key=lambda r: (r["occurred_at"], r["customer_email"], r["kind"]))
    return rows


def _row(
    c: Customer, kind: str, when: datetime, revenue: float, cost: float, reason: str, referred_by: str
) -> dict:
    return {
        "customer_email": c.email,
        "kind": kind,
        "occurred_at": iso(when),
        "customer_group": c.group,
        "revenue": _money(revenue),
        "cost": _money(cost),
        "reason": reason,
        "referred_by": referred_by,
    }
