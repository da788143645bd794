"""Fair, reproducible Smile Box draws.

Entries are the period's smiles, one ticket per credited agent per smile, sorted by (agent key,
feedback id) so the same smiles always give the same list. The algorithm (``smilebox.draw.v1``):

1. ``rng = random.Random(seed)`` with the seed as a string (Python seeds strings through SHA-512,
   stable across versions and platforms);
2. for each winner: ``i = rng.randrange(len(pool))``; the ticket ``pool.pop(i)`` wins; with
   ``one_per_agent`` every other ticket of that agent leaves the pool.

Agents who won one of the last N draws (``exclude_recent``) are removed before drawing. The seed (from
``secrets`` unless given), the parameters, the entries and the winners are stored in ``drawings``;
``verify_draw`` runs step 1-2 again on the stored entries and compares.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from smilebox.errors import NotFound, UsageError
from smilebox.feedback.periods import Period
from smilebox.feedback.smiles import query_smiles
from smilebox.store import Store
from smilebox.store.tables import Drawing

ALGORITHM = "smilebox.draw.v1"


@dataclass
class DrawResult:
    id: int
    period: str | None
    seed: str
    params: dict
    entries: list[dict]
    winners: list[dict]
    created_at: str | None = None

    def as_json(self) -> dict:
        return {"draw_id": self.id, "period": self.period, "seed": self.seed, "params": self.params,
                "entries": len(self.entries), "winners": self.winners, "created_at": self.created_at}


@dataclass
class Verification:
    draw_id: int
    ok: bool
    recorded: list[dict]
    recomputed: list[dict]


def pick_winners(entries: list[dict], seed: str, winners: int, one_per_agent: bool) -> list[dict]:
    """The draw itself: pure, so anyone can re-run it from the stored seed and entries."""
    rng = random.Random(seed)
    pool = list(entries)
    chosen = []
    while pool and len(chosen) < winners:
        ticket = pool.pop(rng.randrange(len(pool)))
        chosen.append(ticket)
        if one_per_agent:
            pool = [t for t in pool if t["agent_key"] != ticket["agent_key"]]
    return chosen


def recent_winners(session, last: int) -> set[str]:
    """Agent keys who won any of the last ``last`` draws."""
    if last <= 0:
        return set()
    rows = session.scalars(select(Drawing).order_by(Drawing.id.desc()).limit(last))
    return {w["agent_key"] for d in rows for w in d.winners}


def build_entries(session, period: Period) -> list[dict]:
    entries = [
        {"agent_key": a.key, "agent": a.name, "feedback_id": s.feedback_id, "source": s.source}
        for s in query_smiles(session, period)
        for a in s.agents
    ]
    return sorted(entries, key=lambda e: (e["agent_key"], e["source"], e["feedback_id"]))


def run_draw(store: Store, period: Period, winners: int = 1, *, one_per_agent: bool = False,
             exclude_recent: int = 0, seed: str | None = None) -> DrawResult:
    """Draw ``winners`` tickets from the period's smiles and record everything needed to re-run it."""
    if winners < 1:
        raise UsageError("--winners must be 1 or more")
    if exclude_recent < 0:
        raise UsageError("--exclude-recent must be 0 or more")
    seed = seed if seed is not None else secrets.token_hex(16)
    with store.session() as session:
        entries = build_entries(session, period)
        excluded = recent_winners(session, exclude_recent)
        eligible = [e for e in entries if e["agent_key"] not in excluded]
        if not eligible:
            why = f" ({len(entries)} tickets belong to recent winners)" if entries else ""
            raise UsageError(f"no smiles to draw from in {period.label}{why}; import feedback or pick another --period")
        params = {"winners": winners, "one_per_agent": one_per_agent, "exclude_recent": exclude_recent,
                  "excluded_agents": sorted(excluded), "algorithm": ALGORITHM}
        chosen = pick_winners(eligible, seed, winners, one_per_agent)
        row = Drawing(period=period.label, seed=seed, params=params, entries=eligible, winners=chosen)
        session.add(row)
        session.flush()
        return _result(row)


def _result(row: Drawing) -> DrawResult:
    created = row.created_at.isoformat() if row.created_at else None
    return DrawResult(row.id, row.period, row.seed, dict(row.params), list(row.entries), list(row.winners), created)


def get_draw(store: Store, draw_id: int) -> DrawResult:
    with store.session() as session:
        row = session.get(Drawing, draw_id)
        if row is None:
            raise NotFound(f"no draw with id {draw_id}; 'smilebox draw list' shows them")
        return _result(row)


def verify_draw(store: Store, draw_id: int) -> Verification:
    """Re-run a stored draw from its seed and entries; ``ok`` when the winners are the same."""
    draw = get_draw(store, draw_id)
    if draw.params.get("algorithm") != ALGORITHM:
        raise UsageError(f"draw {draw_id} used {draw.params.get('algorithm')!r}, which this version cannot re-run")
    again = pick_winners(draw.entries, draw.seed, int(draw.params["winners"]), bool(draw.params["one_per_agent"]))
    return Verification(draw_id, again == draw.winners, draw.winners, again)


def list_draws(store: Store) -> list[DrawResult]:
    with store.session() as session:
        return [_result(r) for r in session.scalars(select(Drawing).order_by(Drawing.id))]
