"""Lay a channel-neutral ``Script`` out as the messages a help desk would export for that channel.

Email becomes HTML with paragraphs, line breaks, entities, signatures and the earlier message quoted
in a ``gmail_quote`` div or a ``<blockquote>``; chat gets the bot and system events around the
agent; a call becomes speaker-labelled utterances; social is public @-replies then direct messages
signed with initials; SMS is short texts.
"""

from __future__ import annotations

import html
import random
from datetime import datetime, timedelta

from smilebox.sample import phrases as P
from smilebox.sample.company import BOT_NAME, COMPANY_NAME, EMAIL_DOMAIN, SOCIAL_HANDLE
from smilebox.sample.plan import Plan
from smilebox.sample.turns import Script, Turn

_STEP = {  # typical gap between two messages, in seconds (low, high)
    "email": (1800, 30000),
    "chat": (20, 180),
    "phone": (5, 60),
    "social": (300, 5400),
    "sms": (60, 1800),
}


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Thread:
    """Collects messages with increasing timestamps and m1, m2... ids."""

    def __init__(self, rng: random.Random, plan: Plan):
        self.rng, self.plan = rng, plan
        self.at = plan.start
        self.messages: list[dict] = []

    def add(
        self,
        role: str,
        *,
        text: str | None = None,
        html_body: str | None = None,
        author: dict | None = None,
        internal: bool = False,
        **extra,
    ) -> dict:
        low, high = _STEP[self.plan.channel]
        if self.messages:
            self.at += timedelta(seconds=self.rng.randint(low, high))
        msg: dict = {"id": f"m{len(self.messages) + 1}", "role": role}
        if author:
            msg["author"] = author
        if text is not None:
            msg["text"] = text
        if html_body is not None:
            msg["html"] = html_body
        msg["internal"] = internal
        msg["created_at"] = iso(self.at)
        msg.update(extra)
        self.messages.append(msg)
        return msg


def customer_author(plan: Plan) -> dict:
    c = plan.customer
    author = {"id": c.id}
    if c.name_in_record and plan.channel != "social":
        author["name"] = c.name
    return author


def render(rng: random.Random, plan: Plan, script: Script) -> list[dict]:
    thread = Thread(rng, plan)
    {"email": _email, "chat": _chat, "phone": _phone, "social": _social, "sms": _sms}[plan.channel](
        rng, plan, script, thread
    )
    if script.note:
        thread.add("agent", text=script.note, author=plan.agent.person(), internal=True)
    if plan.channel == "chat":
        thread.add("system", text="Chat ended")
    return thread.messages


def sentences(parts: list[str]) -> str:
    """Join a customer's fragments into one message, ending each with punctuation."""
    return " ".join(p if p[-1:] in ".!?:)" or p.startswith(("-", "~")) else p + "." for p in parts)


def one_line(turn: Turn) -> str:
    """A reply as one short message: "Hi Maria," becomes "Hi Maria!" in front of the rest."""
    greeting = turn.greeting
    if greeting and greeting.endswith(","):
        greeting = greeting[:-1] + "!"
    return " ".join(p for p in (greeting, *turn.parts, turn.closing) if p)


# --- email ------------------------------------------------------------------------------------
def _esc(rng: random.Random, text: str) -> str:
    out = html.escape(text, quote=False)
    if rng.random() < 0.5:
        out = out.replace("'", "&rsquo;")
    return out.replace("\n", "<br>")


def _paragraphs(parts: list[str], rng: random.Random) -> list[str]:
    paras, i = [], 0
    while i < len(parts):
        size = 1 if len(parts[i]) > 120 else rng.randint(1, 2)
        paras.append(" ".join(parts[i : i + size]))
        i += size
    return paras


def _agent_signature(rng: random.Random, plan: Plan) -> str | None:
    a = plan.agent
    if plan.signature == "none":
        return None
    # an agent who skips the closing skips the "Best," too and just leaves the name
    sign_off = rng.choice(P.SIGN_OFFS) + "\n" if plan.closing else ""
    if plan.signature == "team":
        return f"{sign_off}{rng.choice(P.FACELESS)}"
    who = rng.choice((a.name, a.called, f"{a.called} {a.last}", f"{a.called} {a.last[0]}."))
    return f"{sign_off}{who}\n{COMPANY_NAME} | {a.team}"


def _quote(rng: random.Random, prev: dict, who: str, address: str) -> str:
    when = datetime.strptime(prev["created_at"], "%Y-%m-%dT%H:%M:%SZ")
    stamp = when.strftime("%a, %b %-d, %Y at %-I:%M %p")
    body = prev.get("html") or "<p>" + _esc(rng, prev.get("text") or "") + "</p>"
    header = f"On {stamp} {html.escape(who)} &lt;{address}&gt; wrote:"
    if rng.random() < 0.6:
        return (
            f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">{header}<br></div>'
            f'<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;'
            f'padding-left:1ex">{body}</blockquote></div>'
        )
    return f'<div class="moz-cite-prefix">{header}</div><blockquote type="cite">{body}</blockquote>'


def _email(rng: random.Random, plan: Plan, script: Script, thread: Thread) -> None:
    c, a = plan.customer, plan.agent
    signature = _agent_signature(rng, plan) if plan.canned != "ignore" else rng.choice(P.FACELESS)
    prev: dict | None = None
    for turn in script.turns:
        if turn.role == "customer":
            hello = rng.choice(P.CUSTOMER_HELLO) if turn.kind == "open" else ""
            paras = ([hello] if hello else []) + turn.parts
            if prev is None and rng.random() < 0.25:
                prev = thread.add("customer", text="\n\n".join(paras), author=customer_author(plan))
                continue
            body = "".join(f"<p>{_esc(rng, p)}</p>" for p in paras)
            if prev is not None:
                body += _quote(rng, prev, f"{COMPANY_NAME} Support", f"help@{EMAIL_DOMAIN}")
            prev = thread.add("customer", html_body=body, author=customer_author(plan))
        else:
            paras = ([turn.greeting] if turn.greeting else []) + _paragraphs(turn.parts, rng)
            if turn.closing:
                paras.append(turn.closing)
            if signature:
                paras.append(signature)
            body = "".join(f"<p>{_esc(rng, p)}</p>" for p in paras)
            body = body.replace(f"{a.name}<", f"{a.name.replace(' ', '&nbsp;')}<", 1)
            if prev is not None:
                body += _quote(rng, prev, c.name if c.name_in_record else c.email, c.email)
            prev = thread.add("agent", html_body=body, author=a.person())


# --- chat -------------------------------------------------------------------------------------
def _chat(rng: random.Random, plan: Plan, script: Script, thread: Thread) -> None:
    bot = {"name": BOT_NAME}
    thread.add("system", text=f"Chat started on {EMAIL_DOMAIN}/help")
    thread.add(
        "bot",
        text=f"Hi! I'm {BOT_NAME}, Acme's virtual assistant. What can I help you with today?",
        author=bot,
    )
    joined = False
    for turn in script.turns:
        if turn.role == "customer":
            for part in _chunks(rng, turn.parts):
                thread.add("customer", text=P.casual(rng, part), author=customer_author(plan))
            if not joined:
                thread.add(
                    "bot",
                    text=f"Thanks! I'm connecting you to one of our team, the wait is about "
                    f"{rng.randint(1, 9)} minutes.",
                    author=bot,
                )
                thread.add("system", text=f"{plan.agent.called} joined the chat")
                joined = True
        else:
            lines = _chunks(rng, turn.parts)
            if turn.greeting:  # the greeting and the first line go out as one chat message
                lines[0] = f"{turn.greeting} {lines[0]}" if lines else turn.greeting
            if turn.closing:
                lines.append(turn.closing)
            for line in lines:
                thread.add("agent", text=line, author=plan.agent.person())


def _chunks(rng: random.Random, parts: list[str]) -> list[str]:
    out, i = [], 0
    while i < len(parts):
        size = rng.randint(1, 2)
        out.append(" ".join(parts[i : i + size]))
        i += size
    return out


# --- phone ------------------------------------------------------------------------------------
_FILLERS = ("Um, ", "So, ", "Yeah, ", "Uh, ", "")


def _phone(rng: random.Random, plan: Plan, script: Script, thread: Thread) -> None:
    a, c = plan.agent, plan.customer
    thread.add(
        "bot",
        text=f"Thank you for calling {COMPANY_NAME}. Calls may be recorded for training and "
        "quality purposes.",
        speaker="IVR",
    )
    if plan.canned == "ignore" or not plan.greeting:
        greeting = rng.choice(P.PHONE_NO_GREET)
    else:
        greeting = rng.choice(P.PHONE_GREET if plan.gratitude else P.PHONE_GREET_PLAIN).format(agent=a.called)
    agent_label = f"Agent ({a.called})"
    thread.add("agent", text=greeting, author=a.person(), speaker=agent_label)
    for turn in script.turns:
        if turn.role == "customer":
            parts = [p for p in turn.parts]
            if turn.kind == "open":
                intro = (
                    rng.choice(P.INTRO_PHONE).format(first=c.first, full=c.name)
                    if plan.name_known
                    else rng.choice(P.NO_NAME_PHONE)
                )
                parts = [intro] + parts
            text = (rng.choice(_FILLERS) if turn.kind != "open" else "") + sentences(parts)
            thread.add("customer", text=text, author=customer_author(plan), speaker="Caller")
        else:
            parts = turn.spoken()
            if len(parts) > 3:
                thread.add("agent", text=" ".join(parts[:2]), author=a.person(), speaker=agent_label)
                thread.add(
                    "customer",
                    text=rng.choice(("Mm-hm.", "Okay.", "Right.", "Yeah.")),
                    author=customer_author(plan),
                    speaker="Caller",
                )
                parts = parts[2:]
            thread.add("agent", text=" ".join(parts), author=a.person(), speaker=agent_label)
    thread.add("system", text=f"Call ended. Duration {rng.randint(3, 24)}:{rng.randint(0, 59):02d}.")


# --- social -----------------------------------------------------------------------------------
def _social(rng: random.Random, plan: Plan, script: Script, thread: Thread) -> None:
    a, c = plan.agent, plan.customer
    sign = f" {a.social_signoff}" if plan.signature == "person" else ""
    for turn in script.turns:
        if turn.role == "customer":
            parts = turn.parts if turn.private else turn.parts[:3]
            text = sentences(parts)
            if not turn.private:
                text = f"{SOCIAL_HANDLE} {text}"
                if rng.random() < 0.3:
                    text += rng.choice((" #fail", " #customerservice", " 😤", " 🙏"))
            thread.add("customer", text=text, author={"id": c.id, "handle": c.handle}, visibility=_vis(turn))
        else:
            text = one_line(turn) + sign
            if not turn.private:
                text = f"{c.handle} {text}"
            author = a.person() | {"handle": SOCIAL_HANDLE}
            thread.add("agent", text=text, author=author, visibility=_vis(turn))


def _vis(turn: Turn) -> str:
    return "dm" if turn.private else "public"


# --- sms --------------------------------------------------------------------------------------
def _sms(rng: random.Random, plan: Plan, script: Script, thread: Thread) -> None:
    for turn in script.turns:
        if turn.role == "customer":
            text = sentences(turn.parts)
            thread.add(
                "customer",
                text=P.casual(rng, text) if turn.kind != "reply" else text,
                author=customer_author(plan),
            )
        else:
            thread.add("agent", text=one_line(turn) + f" -{plan.agent.called}", author=plan.agent.person())
