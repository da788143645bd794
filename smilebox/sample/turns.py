"""The words of a conversation, channel-neutral: who says what, in which order.

``build_turns`` writes each turn as a list of sentences (agent replies) or paragraphs (customer
messages) following the ``Plan`` exactly; ``smilebox.sample.channels`` then lays the turns out as an
email thread, a chat, a call transcript, tweets and DMs, or text messages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from smilebox.sample import phrases as P
from smilebox.sample.plan import Plan
from smilebox.sample.topics import fill

OUTAGE_TEMPLATE = (
    "There is a known service outage affecting {area} (incident {incident}). Our engineers are working on it "
    "and the current estimate for restoration is {eta}. You don't need to do anything on your side: once "
    "service is restored your router will reconnect by itself, and if it hasn't within 15 minutes a quick "
    "restart will do it."
)
PHONE_NAME = (
    "Nice to speak with you, {name}.",
    "Okay {name}, let me pull that up.",
    "Alright {name}.",
    "Bear with me one second, {name}.",
)
PHONE_NAME_LATE = ("You're all set, {name}.", "That should do it, {name}.", "Okay, {name}, that's done.")
NAME_LATE = (
    "You're all set, {name}.",
    "I hope that helps, {name}.",
    "Rest assured, {name}, it's being handled.",
)
GLAD = ("Glad to hear it!", "Great news!", "That's brilliant to hear.", "Awesome!")
CANNED_FOLLOWUP = (
    "Did you even read my message? That has nothing to do with my problem.",
    "This doesn't answer my question at all. Really disappointed.",
    "Is this an automated reply? I'm frustrated, I still need help.",
)


@dataclass
class Turn:
    role: str  # customer | agent
    parts: list[str]
    kind: str = "reply"  # open | reply | verify | confirm | canned
    private: bool = False  # social: sent as a direct message
    greeting: str | None = None  # agent replies: the salutation, laid out by the channel
    closing: str | None = None  # agent replies: the closing line (or an abrupt last line)

    def spoken(self) -> list[str]:
        """Greeting, body and closing in order: what the customer reads or hears."""
        return [p for p in (self.greeting, *self.parts, self.closing) if p]


@dataclass
class Script:
    turns: list[Turn] = field(default_factory=list)
    note: str | None = None
    name: str | None = None  # the customer's first name as the agent can know it
    name_mentions: int = 0


def _customer_open(rng: random.Random, plan: Plan, slots: dict, name: str | None) -> list[str]:
    c, topic = plan.customer, plan.topic
    if plan.repeat_of is not None:
        body = fill(rng.choice(topic.repeats), slots)
    else:
        body = fill(rng.choice(topic.openings), slots)
    detail = fill(rng.choice(topic.details), slots)
    body = P.typo(rng, body, c.typo_rate)
    detail = P.typo(rng, detail, c.typo_rate)
    parts = []
    if plan.cue:
        slots["_cue"] = rng.choice(sorted(P.CUES))
        parts.append(rng.choice(P.CUES[slots["_cue"]]))
    parts.extend([body, detail])
    if plan.life:
        parts.append(c.life[0])
    if plan.refusal:
        parts.append(fill(rng.choice(topic.refusal.ask), slots))
    return parts


def _sign(rng: random.Random, plan: Plan) -> str | None:
    """How the customer gives their name in writing: a sign-off, or "this is Tom" in a chat."""
    c = plan.customer
    if not c.signs_name or plan.channel == "phone":
        return None
    pool = P.CUSTOMER_SIGN if plan.channel == "email" else P.CUSTOMER_SIGN_SHORT
    return rng.choice(pool).format(first=c.first, full=c.name)


def _answer(rng: random.Random, plan: Plan, slots: dict) -> list[str]:
    topic = plan.topic
    parts = [rng.choice(P.LEAD_INS)] if rng.random() < 0.35 else []
    if plan.canned == "tailored":
        parts.append(fill(OUTAGE_TEMPLATE, slots))
    else:
        # hurried agents slip too: a few typos in their own words (never in the stock phrases)
        answer = fill(topic.answers[slots["_answer"]], slots)
        parts.append(P.typo(rng, answer, 0.03) if plan.agent.skill < 0.6 else answer)
    if rng.random() < plan.agent.skill * 0.35:
        parts.append(rng.choice(P.OWNERSHIP))
    sec = plan.security
    if sec == "card_reply":
        parts.append(P.CARD_SLIP_REPLY.format(card=rng.choice(P.TEST_CARDS)))
    elif sec == "password":
        parts.append(P.PASSWORD_SLIP.format(password=rng.choice(P.PASSWORDS)))
    elif sec == "masked":
        parts.append(P.MASKED_CARD.format(last4=slots["new4"]))
    if plan.refusal == "flat":
        parts.append(fill(rng.choice(topic.refusal.flat), slots))
    elif plan.refusal == "alt":
        parts.append(fill(rng.choice(topic.refusal.alternative), slots))
    if plan.wow:
        parts.append(plan.customer.life[1])
    return parts


def _note(rng: random.Random, plan: Plan, slots: dict) -> str | None:
    answers = len(plan.topic.answers)
    fact = fill(
        rng.choice([n for i, n in enumerate(plan.topic.notes) if i % answers == slots["_answer"]]), slots
    )
    if plan.security == "card_note":
        fact = P.CARD_SLIP_NOTE.format(card=rng.choice(P.TEST_CARDS))
    elif plan.security == "ssn_note":
        fact = P.SSN_SLIP_NOTE
    if plan.note == "missing":
        return fact if plan.security in ("card_note", "ssn_note") else None
    if plan.note == "long":
        return P.LONG_NOTE.format(issue=plan.topic.subjects[0].lower().format(**slots)) + " " + fact
    if plan.note == "gripe":
        return f"{fact} {rng.choice(P.GRIPES)}"
    return fact


def _known_name(rng: random.Random, plan: Plan) -> str | None:
    return plan.customer.first if plan.name_known else None


def _name_target(rng: random.Random, plan: Plan, name: str | None) -> int:
    if name is None or plan.name_use == "none":
        return 0
    spoken = plan.channel == "phone"
    if plan.name_use == "over":
        return rng.randint(5, 6) if spoken else rng.randint(4, 5)
    return rng.randint(2, 3) if spoken else 1


def build_turns(rng: random.Random, plan: Plan, slots: dict) -> Script:
    """Every turn of the conversation, with exactly the behaviours the plan asks for."""
    script = Script(name=_known_name(rng, plan))
    slots["_answer"] = rng.randrange(len(plan.topic.answers))
    name = script.name
    opening = _customer_open(rng, plan, slots, name)
    sign = _sign(rng, plan)
    if sign and plan.channel == "chat":
        opening.insert(0, rng.choice(P.CHAT_INTRO).format(first=plan.customer.first))
    elif sign:
        opening.append(sign)
    script.turns.append(Turn("customer", opening, "open"))
    script.note = _note(rng, plan, slots)
    if plan.canned == "ignore":
        # mostly the generic macros; now and then the outage macro pasted onto an unrelated issue
        wrong_outage = plan.topic.key != "outage" and rng.random() < 0.2
        template = OUTAGE_TEMPLATE if wrong_outage else rng.choice(P.CANNED)
        plan.canned_greets = template.startswith(("Dear", "Hello"))
        script.turns.append(Turn("agent", [fill(template, slots)], "canned"))
        if rng.random() < 0.6:
            script.turns.append(Turn("customer", [rng.choice(CANNED_FOLLOWUP)], "reply"))
        return script

    replies: list[Turn] = []
    first: list[str] = []
    greeting = None
    if plan.greeting and plan.channel != "phone":
        named = bool(name and plan.name_use != "none")
        if plan.channel == "chat":
            greet = P.CHAT_GREET_NAMED if named else P.CHAT_GREET_ANON
        elif plan.channel == "email":
            greet = P.GREET_NAMED if named else P.GREET_ANON
        else:  # one-line channels: no "Dear ...," letters
            greet = P.GREET_SHORT if named else P.GREET_ANON
        greeting = rng.choice(greet).format(name=name, agent=plan.agent.called)
    if plan.cue and plan.empathy:  # acknowledge the feeling first, then thank
        first.append(rng.choice(P.EMPATHY[slots["_cue"]]))
    if plan.gratitude:
        first.append(rng.choice(P.GRATITUDE))
    private = plan.channel == "social" and (plan.topic.account and plan.security != "unverified")
    if plan.topic.account and plan.security in ("verified", "masked"):
        ask, answers = rng.choice(P.SOCIAL_VERIFY if plan.channel == "social" else P.VERIFY)
        first.append(ask)
        replies.append(Turn("agent", first, "verify", greeting=greeting))
        c = plan.customer
        give = rng.choice(answers).format(
            postcode=c.area[1], last4=c.phone_last4, full=c.name, account=c.account
        )
        script.turns.append(replies[-1])
        script.turns.append(Turn("customer", [give], "reply", private=private))
        second = [rng.choice(P.VERIFY_OK), fill(rng.choice(plan.topic.disclosure), slots)]
        second.extend(_answer(rng, plan, slots))
        replies.append(Turn("agent", second, "reply", private=private))
    else:
        if plan.topic.account and plan.security == "unverified":
            first.append(fill(rng.choice(plan.topic.disclosure), slots))
        first.extend(_answer(rng, plan, slots))
        replies.append(Turn("agent", first, "reply", greeting=greeting))
    script.turns.append(replies[-1])

    if plan.confirm:
        script.turns.append(
            Turn("customer", [fill(rng.choice(plan.topic.confirms), slots)], "confirm", private=private)
        )
        final = Turn("agent", [rng.choice(GLAD)], "reply", private=private)
        replies.append(final)
        script.turns.append(final)
    if plan.closing:
        replies[-1].closing = rng.choice(P.PHONE_CLOSINGS if plan.channel == "phone" else P.CLOSINGS)
    else:
        replies[-1].closing = rng.choice(P.PHONE_ABRUPT if plan.channel == "phone" else P.ABRUPT) or None
    _place_names(rng, plan, replies, name)
    script.name_mentions = _mentions(replies, name)
    return script


def _mentions(replies: list[Turn], name: str | None) -> int:
    return sum(" ".join(r.spoken()).count(name) for r in replies) if name else 0


def _place_names(rng: random.Random, plan: Plan, replies: list[Turn], name: str | None) -> None:
    """Add name mentions until the plan's count is reached (the named greeting already counts as one)."""
    target = _name_target(rng, plan, name)
    used = _mentions(replies, name)
    early = rng.sample(PHONE_NAME if plan.channel == "phone" else P.NAME_OVERUSE, k=4)
    late = rng.sample(PHONE_NAME_LATE if plan.channel == "phone" else NAME_LATE, k=3)
    k = 0
    while used < target:
        if k % 2 == 0:  # alternate: near the start of a reply, then just before the end of one
            reply = replies[(k // 2) % len(replies)]
            reply.parts.insert(0, early[(k // 2) % len(early)].format(name=name))
        else:  # "you're all set" lines only make sense at the end of the conversation
            replies[-1].parts.append(late[(k // 2) % len(late)].format(name=name))
        used += 1
        k += 1
