"""The prize hat ("choose your own adventure").

Prizes with quantities go into a hat. Each participant draws one prize; may draw once more and then
keeps either (the other goes back into the hat); may offer a trade to a colleague, who accepts or
declines. The hat never hands out more than its stock: what is in the hat plus what people hold always
equals the stock it started with.

Every step is a ``PrizeHatEvent``; the hat's state is rebuilt by replaying them, so the history is the
truth. Draws are reproducible: draw number n takes ``random.Random(f"{seed}:{n}").randrange`` over the
prizes left, listed in name order with one entry per unit (``verify_hat`` re-runs them all).
"""

from __future__ import annotations

import random
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from smilebox.errors import ConfigError, NotFound, UsageError
from smilebox.store import Store
from smilebox.store.tables import PrizeHat, PrizeHatEvent


@dataclass
class HatState:
    """The hat after replaying its events."""

    stock: dict[str, int]
    holding: dict[str, list[str]] = field(default_factory=dict)  # two prizes while choosing after a redraw
    redrawn: set[str] = field(default_factory=set)
    offers: dict[str, dict] = field(default_factory=dict)  # offering person -> {"to", "gives", "gets"}
    draws: int = 0

    def apply(self, event: PrizeHatEvent) -> None:
        d, who = event.detail, event.participant
        if event.kind in ("draw", "redraw"):
            self.stock[d["prize"]] -= 1
            self.holding.setdefault(who, []).append(d["prize"])
            self.draws += 1
            if event.kind == "redraw":
                self.redrawn.add(who)
        elif event.kind == "keep":
            self.holding[who] = [d["kept"]]
            self.stock[d["returned"]] += 1
        elif event.kind == "trade-offer":
            self.offers[who] = {"to": d["to"], "gives": d["gives"], "gets": d["gets"]}
        elif event.kind == "trade-accept":
            offer = self.offers.pop(d["from"])
            self.holding[d["from"]], self.holding[who] = [offer["gets"]], [offer["gives"]]
            for person in [p for p, o in self.offers.items() if {p, o["to"]} & {d["from"], who}]:
                del self.offers[person]  # the other offers involving them are out of date
        elif event.kind == "trade-decline":
            self.offers.pop(d["from"], None)


def parse_prize(text: str) -> tuple[str, int]:
    """``"Day off=2"`` -> ("Day off", 2)."""
    name, sep, qty = text.rpartition("=")
    if not sep or not name.strip():
        raise UsageError(f"--prize {text!r} must look like \"Day off=2\" (name=quantity)")
    try:
        count = int(qty)
    except ValueError:
        raise UsageError(f"--prize {text!r}: the quantity {qty!r} is not a whole number") from None
    if count < 1:
        raise UsageError(f"--prize {text!r}: the quantity must be 1 or more")
    return name.strip(), count


def load_hat_file(path: Path) -> tuple[dict[str, int], list[str]]:
    """A TOML file with ``[prizes]`` (name = quantity) and ``participants = [...]``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: prize file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not a valid TOML file: {exc}") from None
    prizes = data.get("prizes", {})
    if not isinstance(prizes, dict) or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in prizes.values()):
        raise ConfigError(f"{path}: [prizes] must map each prize to a quantity of 1 or more, e.g. \"Day off\" = 2")
    people = data.get("participants", [])
    if not isinstance(people, list) or not all(isinstance(p, str) for p in people):
        raise ConfigError(f"{path}: participants must be a list of names")
    return dict(prizes), list(people)


class PrizeHatService:
    """Operations on hats in one store. Each method is one transaction and records one event."""

    def __init__(self, store: Store):
        self.store = store

    # --- creating and reading --------------------------------------------------------------
    def create(self, name: str, prizes: dict[str, int], participants: list[str], seed: str | None = None) -> dict:
        name = name.strip()
        people = list(dict.fromkeys(p.strip() for p in participants if p.strip()))
        if not name:
            raise UsageError("--name must not be empty")
        if not prizes:
            raise UsageError("a prize hat needs at least one prize: --prize \"Day off=2\"")
        if not people:
            raise UsageError("a prize hat needs at least one participant: --participant NAME")
        with self.store.session() as session:
            if session.scalar(select(PrizeHat.id).where(PrizeHat.name == name)) is not None:
                raise UsageError(f"a prize hat named {name!r} already exists; choose another --name")
            hat = PrizeHat(name=name, seed=seed or secrets.token_hex(16), prizes=dict(sorted(prizes.items())), participants=people)
            session.add(hat)
            session.flush()
            return self._view(hat)

    def show(self, ref: str) -> dict:
        with self.store.session() as session:
            return self._view(self._hat(session, ref))

    def list(self) -> list[dict]:
        with self.store.session() as session:
            return [self._view(h) for h in session.scalars(select(PrizeHat).order_by(PrizeHat.id))]

    # --- steps ----------------------------------------------------------------------------
    def draw(self, ref: str, person: str) -> dict:
        return self._step(ref, person, self._do_draw, redraw=False)

    def redraw(self, ref: str, person: str) -> dict:
        return self._step(ref, person, self._do_draw, redraw=True)

    def keep(self, ref: str, person: str, which: str) -> dict:
        return self._step(ref, person, self._do_keep, which=which)

    def offer_trade(self, ref: str, person: str, to: str) -> dict:
        return self._step(ref, person, self._do_offer, to=to)

    def answer_trade(self, ref: str, person: str, accept: bool, offered_by: str | None = None) -> dict:
        return self._step(ref, person, self._do_answer, accept=accept, offered_by=offered_by)

    def verify(self, ref: str) -> bool:
        """Re-run every draw from the seed; True when each gave the prize recorded."""
        with self.store.session() as session:
            hat = self._hat(session, ref)
            state = HatState(dict(hat.prizes))
            for event in hat.events:
                if event.kind in ("draw", "redraw") and _pick(hat.seed, state.draws, state.stock) != event.detail["prize"]:
                    return False
                state.apply(event)
            return True

    # --- internals ------------------------------------------------------------------------
    def _hat(self, session: Session, ref: str) -> PrizeHat:
        ref = str(ref).strip()
        hat = session.get(PrizeHat, int(ref)) if ref.isdigit() else None
        hat = hat or session.scalar(select(PrizeHat).where(PrizeHat.name == ref))
        if hat is None:
            raise NotFound(f"no prize hat {ref!r}; 'smilebox prizehat list' shows them")
        return hat

    def _step(self, ref: str, person: str, action, **kwargs) -> dict:
        with self.store.session() as session:
            hat = self._hat(session, ref)
            person = _participant(hat, person)
            state = _replay(hat)
            kind, detail = action(hat, state, person, **kwargs)
            event = PrizeHatEvent(hat_id=hat.id, kind=kind, participant=person, detail=detail)
            hat.events.append(event)
            session.flush()
            state.apply(event)
            _check_stock(hat, state)
            return {"hat": hat.name, "event": kind, "participant": person, **detail}

    @staticmethod
    def _do_draw(hat: PrizeHat, state: HatState, person: str, redraw: bool) -> tuple[str, dict]:
        held = state.holding.get(person, [])
        if not redraw and held:
            raise UsageError(f"{person} has already drawn from {hat.name!r}: drawing twice is not allowed "
                             f"(use 'redraw' to draw once more)")
        if redraw:
            if not held:
                raise UsageError(f"{person} has not drawn yet; use 'draw' first")
            if person in state.redrawn:
                raise UsageError(f"{person} has already used their one redraw in {hat.name!r}")
            if person in state.offers or any(o["to"] == person for o in state.offers.values()):
                raise UsageError(f"{person} has an open trade; settle it before redrawing")
        if sum(state.stock.values()) == 0:
            raise UsageError(f"no stock: the hat {hat.name!r} is empty")
        prize = _pick(hat.seed, state.draws, state.stock)
        return ("redraw" if redraw else "draw"), {"prize": prize, "draw_no": state.draws}

    @staticmethod
    def _do_keep(hat: PrizeHat, state: HatState, person: str, which: str) -> tuple[str, dict]:
        held = state.holding.get(person, [])
        if which not in ("first", "second"):
            raise UsageError(f"keep takes 'first' or 'second', not {which!r}")
        if len(held) != 2:
            raise UsageError(f"{person} has nothing to choose between; 'keep' follows a 'redraw'")
        kept, returned = (held[0], held[1]) if which == "first" else (held[1], held[0])
        return "keep", {"kept": kept, "returned": returned, "choice": which}

    @staticmethod
    def _do_offer(hat: PrizeHat, state: HatState, person: str, to: str) -> tuple[str, dict]:
        to = _participant(hat, to)
        if to == person:
            raise UsageError(f"{person} cannot trade with themselves")
        for who in (person, to):
            held = state.holding.get(who, [])
            if not held:
                raise UsageError(f"{who} has no prize to trade yet; draw first")
            if len(held) == 2:
                raise UsageError(f"{who} must keep first or second before trading")
        if person in state.offers:
            raise UsageError(f"{person} has already offered a trade to {state.offers[person]['to']}; wait for the answer")
        return "trade-offer", {"to": to, "gives": state.holding[person][0], "gets": state.holding[to][0]}

    @staticmethod
    def _do_answer(hat: PrizeHat, state: HatState, person: str, accept: bool, offered_by: str | None) -> tuple[str, dict]:
        offers = {who: o for who, o in state.offers.items() if o["to"] == person}
        if offered_by is not None:
            offered_by = _participant(hat, offered_by)
            offers = {k: v for k, v in offers.items() if k == offered_by}
        if not offers:
            by = f" by {offered_by}" if offered_by else ""
            raise UsageError(f"trade not offered: {person} has no open trade offer{by} in {hat.name!r}")
        if len(offers) > 1:
            raise UsageError(f"{person} has offers from {', '.join(sorted(offers))}; name the one to answer with --from")
        (giver, offer), = offers.items()
        kind = "trade-accept" if accept else "trade-decline"
        return kind, {"from": giver, "gives": offer["gets"], "gets": offer["gives"]}

    @staticmethod
    def _view(hat: PrizeHat) -> dict:
        state = _replay(hat)
        people = []
        for person in hat.participants:
            held = state.holding.get(person, [])
            people.append({"name": person, "prize": held[0] if len(held) == 1 else None,
                           "choosing": held if len(held) == 2 else None, "redrawn": person in state.redrawn})
        return {"hat_id": hat.id, "name": hat.name, "seed": hat.seed, "status": hat.status,
                "stock": dict(hat.prizes), "left": {k: v for k, v in state.stock.items()}, "participants": people,
                "offers": [{"from": who, **o} for who, o in state.offers.items()],
                "events": [{"kind": e.kind, "participant": e.participant, **e.detail} for e in hat.events]}


def _participant(hat: PrizeHat, name: str) -> str:
    wanted = " ".join(name.split()).casefold()
    for person in hat.participants:
        if person.casefold() == wanted:
            return person
    raise UsageError(f"{name!r} is not a participant of {hat.name!r} (participants: {', '.join(hat.participants)})")


def _replay(hat: PrizeHat) -> HatState:
    state = HatState(dict(hat.prizes))
    for event in hat.events:
        state.apply(event)
    return state


def _pick(seed: str, draw_no: int, stock: dict[str, int]) -> str:
    units = [name for name in sorted(stock) for _ in range(stock[name])]
    return units[random.Random(f"{seed}:{draw_no}").randrange(len(units))]


def _check_stock(hat: PrizeHat, state: HatState) -> None:
    """The invariant: in the hat + held by people == the stock the hat started with, never negative."""
    held: dict[str, int] = {}
    for prizes in state.holding.values():
        for p in prizes:
            held[p] = held.get(p, 0) + 1
    for prize, total in hat.prizes.items():
        if state.stock[prize] < 0 or state.stock[prize] + held.get(prize, 0) != total:
            raise AssertionError(f"prize hat {hat.name!r} lost count of {prize!r}")
