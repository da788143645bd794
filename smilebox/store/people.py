"""Agents and customers: upserted from imported records, one identity across channels.

An agent is found by email, then by name (case-insensitive), then by key; a customer by any of their
identities (email, phone, social handle, the source's own id). Lookups are cached for one import run.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from smilebox.model import Person
from smilebox.store.tables import Agent, Customer, CustomerIdentity


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()).casefold()
    return value or None


class AgentDirectory:
    """Finds or creates agents; holds the whole roster in memory (rosters are small)."""

    def __init__(self, session: Session):
        self._by_email: dict[str, int] = {}
        self._by_name: dict[str, int] = {}
        self._by_key: dict[str, int] = {}
        for agent in session.scalars(select(Agent)):
            self._remember(agent)

    def _remember(self, agent: Agent) -> None:
        self._by_key[agent.key] = agent.id
        if agent.email:
            self._by_email[_norm(agent.email)] = agent.id
        if agent.name:
            self._by_name.setdefault(_norm(agent.name), agent.id)

    def resolve(self, session: Session, person: Person | None, source: str) -> int | None:
        if person is None or not (person.name or person.email or person.id):
            return None
        email, name = _norm(person.email), _norm(person.name)
        key = f"{source}:{person.id}" if person.id else (email or name)
        for found in (self._by_email.get(email or ""), self._by_name.get(name or ""), self._by_key.get(key or "")):
            if found is not None:
                return found
        agent = Agent(key=key, name=person.name or person.email or person.id, email=person.email, aliases=[])
        session.add(agent)
        session.flush()
        self._remember(agent)
        return agent.id


def identities_of(person: Person, source: str) -> list[tuple[str, str]]:
    found = []
    if person.email:
        found.append(("email", person.email.strip().casefold()))
    if person.phone:
        digits = "".join(ch for ch in person.phone if ch.isdigit() or ch == "+")
        if digits:
            found.append(("phone", digits))
    if person.handle:
        found.append(("handle", person.handle.strip().lstrip("@").casefold()))
    if person.id:
        found.append((f"id:{source}"[:32], person.id))
    return found


class CustomerDirectory:
    """Finds customers by any identity; creates them (and their identities) when new."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], int] = {}

    def preload(self, session: Session, people: Iterable[tuple[Person, str]]) -> None:
        wanted = {ident for person, source in people for ident in identities_of(person, source)}
        wanted -= self._cache.keys()
        values = list({v for _, v in wanted})
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            rows = session.execute(
                select(CustomerIdentity.kind, CustomerIdentity.value, CustomerIdentity.customer_id).where(
                    CustomerIdentity.value.in_(chunk)
                )
            )
            for kind, value, customer_id in rows:
                self._cache[(kind, value)] = customer_id
        if len(self._cache) > 200_000:  # keep memory flat on huge imports
            self._cache.clear()

    def resolve(self, session: Session, person: Person | None, source: str) -> int | None:
        if person is None:
            return None
        idents = identities_of(person, source)
        if not idents and not person.name:
            return None
        customer_id = next((self._cache[i] for i in idents if i in self._cache), None)
        if customer_id is None:
            customer = Customer(name=person.name, group=person.group)
            session.add(customer)
            session.flush()
            customer_id = customer.id
        missing = [i for i in idents if i not in self._cache]
        for kind, value in missing:
            session.add(CustomerIdentity(customer_id=customer_id, kind=kind, value=value))
            self._cache[(kind, value)] = customer_id
        if missing:
            session.flush()
        return customer_id
