"""Agents and customers: upserted from imported records, one identity across channels.

An agent is found by email, then by name (case-insensitive), then by key; a customer by any of their
identities (email, phone, social handle, the source's own id). Lookups are cached for one import run.
"""

from __future__ import annotations

import uuid
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
        return self.resolve_many(session, [(person, source)])[0]

    def resolve_many(self, session: Session, people: list[tuple[Person | None, str]]) -> list[int | None]:
        """Customer ids for many people at once: new customers and identities are inserted in bulk.

        Two records of one batch that share any identity become the same new customer.
        """
        self.preload(session, [(p, s) for p, s in people if p is not None])
        result: list[int | None] = []
        pending: dict[tuple[str, str], int] = {}  # identity -> index into new_customers
        new_customers: list[dict] = []
        new_idents: dict[tuple[str, str], object] = {}  # identity -> customer id or pending index marker
        for person, source in people:
            if person is None:
                result.append(None)
                continue
            idents = identities_of(person, source)
            if not idents and not person.name:
                result.append(None)
                continue
            known = next((self._cache[i] for i in idents if i in self._cache), None)
            if known is not None:
                target: object = known
            else:
                index = next((pending[i] for i in idents if i in pending), None)
                if index is None:
                    index = len(new_customers)
                    new_customers.append({"key": uuid.uuid4().hex, "name": person.name, "customer_group": person.group})
                target = ("new", index)
                for ident in idents:
                    pending.setdefault(ident, index)
            for ident in idents:
                if ident not in self._cache:
                    new_idents.setdefault(ident, target)
            result.append(target)  # resolved below
        ids: list[int] = []
        if new_customers:
            table = Customer.__table__
            # unsorted RETURNING lets SQLite batch the insert; rows are matched back by their key
            rows = session.connection().execute(table.insert().returning(table.c.id, table.c.key), new_customers)
            by_key = dict((key, row_id) for row_id, key in rows)
            ids = [by_key[c["key"]] for c in new_customers]

        def real(target):
            return ids[target[1]] if isinstance(target, tuple) else target
        ident_rows = []
        for (kind, value), target in new_idents.items():
            customer_id = real(target)
            self._cache[(kind, value)] = customer_id
            ident_rows.append({"customer_id": customer_id, "kind": kind, "value": value})
        if ident_rows:
            session.connection().execute(CustomerIdentity.__table__.insert(), ident_rows)
        return [None if t is None else real(t) for t in result]
