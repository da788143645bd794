"""Customer ratings and comments, social posts and colleague thank-you notes for the sample.

Ratings follow how the conversation went (what the plan says passed, whether the customer had to
come back), with noise, so most happy customers had good service but not all. Comments name agents
the way people really do: first names, nicknames, shouting capitals, possessives and misspellings
("Jaun sorted it"), so the Smile Box has to work to credit the right person.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from smilebox.sample.channels import iso
from smilebox.sample.company import SOCIAL_HANDLE
from smilebox.sample.customers import Customer
from smilebox.sample.people import AGENTS, Agent
from smilebox.sample.plan import PERIOD_END, PERIOD_START, Plan

FEEDBACK_END = datetime(2026, 10, 31, 23, 0, tzinfo=UTC)

GLOWING = (
    "{agent} was great!",
    "Thanks to {agent} for sorting it so quickly.",
    "{agent} was very helpful and polite.",
    "{agent}'s patience was amazing, I'm not techy at all and never felt stupid.",
    "Huge thanks to {AGENT}!!",
    "{agent} sorted it in five minutes. Brilliant.",
    "Please tell {agent}'s manager what a star they are.",
    "{agent} went above and beyond, even remembered what I said about my week.",
)
GLOWING_ANON = (
    "Fast and friendly, no complaints.",
    "Everything is working the way I want now. The rep was very helpful.",
    "You are the best! Always there when I need help.",
    "Quick, clear and kind. Thank you.",
    "Super helpful, problem solved first time.",
)
MIXED_HIGH = (  # a high rating with a complaint in it
    "5 stars for {agent}, but your prices are a joke.",
    "{agent} was lovely, but why does this keep happening?",
    "Great help from {agent}. The hold music on the other hand...",
    "Fixed, thanks. Took three days to get an answer though.",
)
MIXED_LOW = (  # a low rating that still praises the agent
    "{agent} did everything right, but three outages in a month is unacceptable.",
    "Nice person on the phone but the problem is still not fixed.",
)
NEUTRAL = ("It's fixed, took a while.", "ok", "Fine.", "Answered my question.", "Average.")
NEGATIVE = (
    "Nobody actually read my email.",
    "Got a copy-paste answer that had nothing to do with my problem.",
    "Had to contact you twice for the same thing.",
    "The agent just said no and that was it.",
    "Slow and unhelpful.",
)
FURIOUS = (
    "Worst service ever, I'm cancelling.",
    "Absolutely useless. Cancelling as soon as my contract ends.",
    "3 contacts, 3 different answers. Done with Acme.",
    "WORST. SERVICE. EVER.",
    "I've been lied to twice now. Switching providers.",
)
SOCIAL_PRAISE = (
    "Shoutout to {handle} and {agent} for getting us back online before the game 🙌",
    "Honestly impressed, {handle} fixed my wifi in 10 minutes. Thanks {agent}!",
    "{handle} customer service actually answers on here. {agent} was great.",
)
SOCIAL_ANGRY = (
    "{handle} third outage this week. worst service ever",
    "{handle} been on hold for 50 minutes. unbelievable",
    "Do NOT sign up with {handle}, billing is a nightmare",
)
RELATIONSHIP = (
    (9, "Reliable and the support team is great. {agent} on the phone last month was brilliant."),
    (10, "Never had a problem. Would recommend to anyone."),
    (8, "Good value, occasional slowdowns in the evening."),
    (7, "It's fine. Nothing special."),
    (6, "Support is nice but the outages are getting old."),
    (3, "Prices keep going up and the service doesn't get better."),
    (0, "Terrible. Looking for another provider."),
    (10, "{agent} helped my mum set everything up, so kind. Thank you!"),
)
COLLEAGUE = (
    "Thanks to {agent} for OWNING THE CUSTOMERS and helping them solve issues — always!",
    "Shout out to {agent} for covering my shift on Saturday so I could make my sister's wedding.",
    "{agent} walked me through the new billing tool and saved me hours. Thank you!",
    "Big thanks to {agent} for jumping on the outage calls yesterday when the queue exploded.",
    "{agent} stayed late to help clear the email backlog. Legend.",
    "Kudos to {agent} for rewriting the router macros, customers actually understand them now.",
    "{agent} talked a really upset customer down with so much patience. Learned a lot listening in.",
    "Thank you {agent} for the coffee and the pep talk on a rough Monday.",
    "{agent} spotted the autopay retry bug and got it escalated. Hero!",
    "Huge thanks to {agent} for mentoring the new starters this month.",
)


def agent_mention(rng: random.Random, agent: Agent) -> tuple[str, str]:
    """(form used in text, shouting form): the agent as a customer would write them."""
    forms = [agent.called, agent.called, agent.first, agent.name, f"{agent.called} {agent.last[0]}."]
    if agent.misspellings and rng.random() < 0.25:
        forms = list(agent.misspellings)
    form = rng.choice(forms)
    return form, form.upper()


def _rating_band(rng: random.Random, plan: Plan) -> int:
    """1 (furious) to 5 (glowing) from how the conversation went, with noise."""
    labels = [v for v in plan.intent.values() if v != "na"]
    quality = sum(v == "pass" for v in labels) / max(1, len(labels))
    band = 1 + quality * 4.4 + rng.uniform(-0.9, 1.1)
    if plan.followed_within_7 or plan.repeat_of is not None:
        band -= 1.2
    if plan.refusal == "flat" or plan.canned == "ignore":
        band -= 1.0
    if plan.confirm:
        band += 0.6
    return max(1, min(5, round(band)))


def _comment(rng: random.Random, band: int, agent: Agent) -> str | None:
    if rng.random() < 0.2:
        return None
    name, loud = agent_mention(rng, agent)
    if band >= 4:
        pool = rng.choices((GLOWING, GLOWING_ANON, MIXED_HIGH), weights=(6, 3, 1.5))[0]
    elif band == 3:
        pool = NEUTRAL
    elif band == 2:
        pool = rng.choices((NEGATIVE, MIXED_LOW), weights=(4, 1))[0]
    else:
        pool = FURIOUS
    return rng.choice(pool).format(agent=name, AGENT=loud)


def _scaled(rng: random.Random, band: int, scale: str):
    if scale == "csat5":
        return band
    if scale == "nps":
        return max(0, min(10, band * 2 + rng.choice((-1, 0, 0, 1)) - (1 if band <= 2 else 0)))
    return "good" if band >= 4 else ("bad" if band <= 2 else rng.choice(("good", "bad")))


def is_unhappy(item: dict) -> bool:
    """A rating at the bottom of its scale: csat 1-2, NPS 0-4, or "bad"."""
    rating, scale = item.get("rating"), item.get("scale")
    if scale == "csat5":
        return rating <= 2
    if scale == "nps":
        return rating <= 4
    return rating == "bad"


def _scale_for(rng: random.Random, channel: str) -> str:
    if channel in ("social", "sms"):
        return "goodbad"
    return rng.choices(("csat5", "nps", "goodbad"), weights=(6, 2, 2))[0]


def conversation_feedback(rng: random.Random, plan: Plan, last_at) -> list[dict]:
    """Zero or one survey answer attached to the conversation."""
    if rng.random() >= 0.5:
        return []
    band = _rating_band(rng, plan)
    scale = _scale_for(rng, plan.channel)
    item: dict = {"id": "f1", "rating": _scaled(rng, band, scale), "scale": scale}
    comment = _comment(rng, band, plan.agent)
    if comment is not None:
        item["comment"] = comment
    item["created_at"] = _clamp(last_at + timedelta(hours=rng.randint(1, 40)))
    if rng.random() < 0.5:
        item["agent"] = {"name": plan.agent.name}
    item["channel"] = plan.channel
    return [item]


def loose_feedback(
    rng: random.Random,
    plans: list[Plan],
    rated: set[str],
    customers: list[Customer],
    last_at: dict[str, object],
) -> list[dict]:
    """feedback.jsonl: survey answers sent later, relationship NPS, social posts, colleague notes."""
    records: list[dict] = []

    def add(**fields) -> None:
        fields["created_at"] = _clamp(fields["created_at"])
        records.append(fields)

    unrated = [p for p in plans if p.cid not in rated and p.channel != "social"]
    for plan in rng.sample(unrated, k=min(70, len(unrated))):
        band = _rating_band(rng, plan)
        scale = _scale_for(rng, plan.channel)
        add(
            source="survey",
            kind="customer",
            rating=_scaled(rng, band, scale),
            scale=scale,
            comment=_comment(rng, band, plan.agent),
            created_at=last_at[plan.cid] + timedelta(days=1),
            conversation_id=plan.cid,
            agent={"name": plan.agent.name} if rng.random() < 0.4 else None,
            customer={"id": plan.customer.id, "email": plan.customer.email},
            channel=plan.channel,
        )
    for _ in range(35):
        score, text = rng.choice(RELATIONSHIP)
        c = rng.choice(customers)
        name, _loud = agent_mention(rng, rng.choice(AGENTS))
        add(
            source="survey",
            kind="customer",
            rating=score,
            scale="nps",
            comment=text.format(agent=name),
            created_at=_moment(rng),
            conversation_id=None,
            agent=None,
            customer={"id": c.id, "email": c.email},
            channel="email",
        )
    social = [p for p in plans if p.channel == "social"]
    for _ in range(25):
        plan = rng.choice(social)
        happy = _rating_band(rng, plan) >= 4
        name, _loud = agent_mention(rng, plan.agent)
        text = rng.choice(SOCIAL_PRAISE if happy else SOCIAL_ANGRY).format(handle=SOCIAL_HANDLE, agent=name)
        linked = rng.random() < 0.6
        add(
            source="social",
            kind="customer",
            rating=None,
            scale=None,
            comment=text,
            created_at=last_at[plan.cid] + timedelta(hours=rng.randint(2, 30)),
            conversation_id=plan.cid if linked else None,
            agent=None,
            customer={"id": plan.customer.id, "handle": plan.customer.handle},
            channel="social",
        )
    notes = rng.sample(COLLEAGUE * 3, k=3 * len(COLLEAGUE))  # every wording used, none overused
    for i in range(2 * len(AGENTS)):
        # every agent gets two notes: once by the name they go by, once misspelt or in full
        named = AGENTS[i % len(AGENTS)]
        author = rng.choice([a for a in AGENTS if a is not named])
        if i < len(AGENTS):
            form = named.called
        else:
            form = named.misspellings[0] if named.misspellings and i % 3 else named.name
        add(
            source="survey",
            kind="colleague",
            rating=None,
            scale=None,
            comment=notes[i % len(notes)].format(agent=form),
            created_at=_moment(rng),
            conversation_id=None,
            agent={"name": named.name} if rng.random() < 0.5 else None,
            author={"id": author.key, "name": author.name, "email": author.email},
            channel="internal",
        )
    records.sort(key=lambda r: r["created_at"])  # stable: ties keep their (deterministic) order
    return [
        {"id": f"fb-{n:05d}", **{k: v for k, v in r.items() if v is not None}}
        for n, r in enumerate(records, 1)
    ]


def _clamp(moment):
    """Answers to late-October contacts still arrive in October: the sample's last month is complete."""
    return iso(min(moment, FEEDBACK_END))


def _moment(rng: random.Random):
    span = int((PERIOD_END - PERIOD_START).total_seconds())
    return PERIOD_START + timedelta(seconds=rng.randint(0, span))
