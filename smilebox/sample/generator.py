"""Generate the bundled sample data: ``python -m smilebox.sample.generator --out DIR --seed 7``.

Deterministic: every random choice comes from one ``random.Random(seed)`` and every date from fixed
base dates, so the same seed writes byte-identical files on any machine. The bundled files in
``smilebox/sample/data`` are this generator's output for the default seed (a test keeps them equal).

Which generator feature exercises which check of the default rubric ("connect"), as pass / fail:

- greeting: ``Plan.greeting`` -> "Hi Maria," / "Thank you for calling Acme, this is Priya" /
  chat "Hi Tom! I'm Juan" (pass) vs the reply starting straight with the answer, or a call picked up
  with "Account number?" (fail). A pasted template greets only if it opens with one ("Dear Customer,").
- closing: ``Plan.closing`` -> last agent reply ends "Is there anything else I can help with?" (pass)
  vs "Ticket closed." or nothing (fail).
- signature (email; social sign-offs ^PR / -JM too): ``Plan.signature`` -> "Best,<br>Liz Hartley"
  in its many forms (pass) vs "The Support Team" / "Acme Customer Care" or no sign-off (fail).
- customer_name: ``Plan.name_use`` with the name from the record, a sign-off ("Thanks, Maria") or a
  spoken "This is Tom" -> once in writing, 2-3 times on a call (pass) vs 4+ times or never (fail);
  customers who give no name anywhere make it not applicable.
- gratitude: ``Plan.gratitude`` -> "Thanks for reaching out about this." (pass) vs none (fail).
- empathy: ``Plan.cue`` puts a frustration/anger/disappointment/worry line in the customer's message;
  ``Plan.empathy`` answers it ("I'm sorry to hear that you're frustrated. I'm here to get this solved
  for you.") (pass) or ignores it (fail); no cue -> not applicable.
- ownership: topics with a ``Refusal`` -> "I can't ..., but I can ..." (pass) vs a flat "Sorry, I
  can't help you with that." (fail).
- tailored: the outage template used with the agent's own greeting, empathy and closing on outage
  contacts (pass) vs ``phrases.CANNED`` (and the outage template pasted into non-outage issues)
  reused across many conversations whatever the customer asked (fail).
- security (critical): account topics verify identity first (postcode + last four of the phone)
  and mask cards "ending 4242" (pass) vs account details read out before verifying, a full test card
  number (4111 1111 1111 1111...) in a reply or note, a password in a reply, an SSN in a note (fail).
- documentation: a factual internal note of at most 140 characters (pass) vs a long narrative,
  a gripe ("customer was rude and annoying"), or no note at all (fail).
- resolution: the customer confirms ("That worked, thanks!") or never comes back about it (pass)
  vs the same customer contacting again on the same topic within 7 days (fail); returns after more
  than 7 days and quick returns about a different topic are the edge cases.
- wow: a customer mentions their life ("the new puppy") and the agent picks it up ("Hope the new
  puppy is settling in!") (pass) vs the mention ignored, or no personal touch (no bonus).

Each conversation also carries ``generator_intent`` (an extra field, kept by the model): the outcome
each check was meant to reach. Labels exist only where the generator decided that check on purpose.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

from smilebox.sample import DEFAULT_SEED, SAMPLE_FILES
from smilebox.sample.channels import iso, render
from smilebox.sample.company import COMPANY_NAME
from smilebox.sample.customers import make_customers
from smilebox.sample.events import EVENT_COLUMNS, customer_events
from smilebox.sample.feedback import conversation_feedback, is_unhappy, loose_feedback
from smilebox.sample.people import AGENTS
from smilebox.sample.plan import Plan, decide, label, schedule
from smilebox.sample.topics import fill_slots
from smilebox.sample.turns import build_turns

CUSTOMERS = 230
FIRST_CONTACTS = 290
FILES = SAMPLE_FILES


def _conversation(rng: random.Random, plan: Plan) -> dict:
    slots = fill_slots(rng, plan.customer, plan.start)
    if plan.repeat_of is not None:
        slots["prev_day"] = plan.repeat_of.start.strftime("%A")
    script = build_turns(rng, plan, slots)
    messages = render(rng, plan, script)
    plan.intent = label(plan)
    plan.intent["documentation"] = _documented(script.note)
    conv = {
        "id": plan.cid,
        "source": "jsonl",
        "channel": plan.channel,
        "subject": plan.topic.subjects[rng.randrange(len(plan.topic.subjects))].format(**slots),
        "status": plan.status,
        "created_at": iso(plan.start),
        "tags": list(plan.topic.tags) + (["repeat-contact"] if plan.repeat_of is not None else []),
        "customer": plan.customer.person(plan.channel),
        "assignee": plan.agent.person(),
        "messages": messages,
        "feedback": [],
        "generator_intent": dict(sorted(plan.intent.items())),
    }
    if plan.channel == "phone":
        conv["transcript"] = {
            "format": "speaker-labelled",
            "speakers": ["IVR", f"Agent ({plan.agent.called})", "Caller"],
        }
    if plan.repeat_of is not None:
        conv["subject"] = "Re: " + conv["subject"] if plan.channel == "email" else conv["subject"]
    return conv


def _documented(note: str | None) -> str:
    from smilebox.sample.phrases import GRIPES

    if note is None or len(note) > 140 or any(g in note for g in GRIPES):
        return "fail"
    return "pass"


def build(seed: int = DEFAULT_SEED) -> dict[str, bytes]:
    """Every sample file's bytes, by file name: the whole sample, computed in memory."""
    rng = random.Random(seed)
    customers = make_customers(rng, CUSTOMERS)
    plans = schedule(rng, customers, FIRST_CONTACTS)
    for plan in plans:
        decide(rng, plan)
    conversations, last_at, rated, furious = [], {}, set(), set()
    for plan in plans:
        conv = _conversation(rng, plan)
        last = conv["messages"][-1]["created_at"]
        last_at[plan.cid] = _parse(last)
        conv["feedback"] = conversation_feedback(rng, plan, last_at[plan.cid])
        for fb in conv["feedback"]:
            rated.add(plan.cid)
            if is_unhappy(fb):
                furious.add(plan.customer.id)
        conversations.append(conv)
    records = loose_feedback(rng, plans, rated, customers, last_at)
    events = customer_events(rng, customers, plans, furious)
    return {
        FILES["conversations"]: _jsonl(conversations),
        FILES["feedback"]: _jsonl(records),
        FILES["agents"]: _roster_csv(),
        FILES["customer_events"]: _csv(EVENT_COLUMNS, events),
        FILES["readme"]: _readme(seed, len(conversations), len(records)).encode("utf-8"),
    }


def generate(out_dir: Path, seed: int = DEFAULT_SEED) -> dict[str, Path]:
    """Write the sample files into ``out_dir`` (created if needed); returns their paths by kind."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = build(seed)
    paths = {}
    for kind, name in FILES.items():
        path = out_dir / name
        path.write_bytes(files[name])
        paths[kind] = path
    return paths


def _parse(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _jsonl(items: list[dict]) -> bytes:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items).encode("utf-8")


def _csv(columns, rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _roster_csv() -> bytes:
    rows = [
        {
            "key": a.key,
            "name": a.name,
            "email": a.email,
            "team": a.team,
            "lead": a.lead,
            "aliases": ";".join(a.aliases),
        }
        for a in AGENTS
    ]
    return _csv(("key", "name", "email", "team", "lead", "aliases"), rows)


def _readme(seed: int, conversations: int, records: int) -> str:
    return f"""# Sample data: {COMPANY_NAME} (fictional)

Everything in this folder is **generated fictional data**: the company, its agents, its customers,
their emails, phone numbers, handles and card numbers (well-known test numbers) are made up. Any
resemblance to real people is a coincidence.

Regenerate it (byte-identical for the same seed) with:

    python -m smilebox.sample.generator --out smilebox/sample/data --seed {seed}

- `conversations.jsonl`: {conversations} conversations (contract section 1) over email, chat, phone,
  social and SMS, August to October 2026.
- `feedback.jsonl`: {records} loose feedback records: later survey answers, relationship NPS, social
  posts and colleague thank-you notes.
- `agents.csv`: the roster, `key,name,email,team,lead,aliases` (aliases separated by `;`).
- `customer_events.csv`: new, renewed, lost, referral and monthly revenue events for the customer
  metrics. A `revenue` row is one month: what the customer paid and what serving them cost (support
  contacts included). A `referral` row names the new customer in `customer_email` and the customer
  who referred them in `referred_by`; `lost` and `renewed` rows carry the reason.

Each conversation's `generator_intent` field records the result each check of the default rubric was
meant to reach (`pass`, `fail`, `na`), where the generator decided it on purpose; see the docstring of
`smilebox/sample/generator.py` for which feature exercises which check.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m smilebox.sample.generator",
        description=f"Write the fictional {COMPANY_NAME} sample data (deterministic for a given seed).",
        epilog="Example: python -m smilebox.sample.generator --out smilebox/sample/data --seed 7",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write the files into")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    paths = generate(args.out, args.seed)
    for path in paths.values():
        print(f"wrote {path} ({path.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
