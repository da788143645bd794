"""Agents and customers: upserted from imported records, one identity across channels.

An agent is found by email, then by name (case-insensitive), then by key; a customer by any of their
identities (email, phone, social handle, the source's own id). Lookups are cached for one import run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from smilebox.model import Person
from smilebox.store.bulk import bulk_insert, select_in
from smilebox.store.prepare import PersonRef
from smilebox.store.tables import Agent, Customer, CustomerIdentity


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()).casefold()
    return value or None


class AgentDirectory:
    """Finds or creates agents; holds the whole roster in memory (rosters are small).

    Before creating an agent it reads the agents added since it last looked, so import workers writing
    the same store one after another never create one agent twice.
    """

    def __init__(self, session: Session):
        self._by_email: dict[str, int] = {}
        self._by_name: dict[str, int] = {}
        self._by_key: dict[str, int] = {}
        self._by_ref: dict[tuple, int | None] = {}
        self._max_id = 0
        self._refresh(session)

    def _refresh(self, session: Session) -> None:
        for agent in session.scalars(select(Agent).where(Agent.id > self._max_id).order_by(Agent.id)):
            self._remember(agent)

    def _find(self, email: str | None, name: str | None, key: str | None) -> int | None:
        for found in (self._by_email.get(email or ""), self._by_name.get(name or ""), self._by_key.get(key or "")):
            if found is not None:
                return found
        return None

    def _remember(self, agent: Agent) -> None:
        self._max_id = max(self._max_id, agent.id)
        self._by_key[agent.key] = agent.id
        if agent.email:
            self._by_email[_norm(agent.email)] = agent.id
        if agent.name:
            self._by_name.setdefault(_norm(agent.name), agent.id)

    def resolve_ref(self, session: Session, ref: "PersonRef | None", source: str) -> int | None:
        """``resolve`` for a prepared person (hashable), remembered for the rest of the run."""
        if ref is None:
            return None
        key = (ref, source)
        found = self._by_ref.get(key, -1)
        if found == -1:
            found = self._by_ref[key] = self.resolve(session, ref, source)
        return found

    def resolve(self, session: Session, person: "Person | PersonRef | None", source: str) -> int | None:
        if person is None or not (person.name or person.email or person.id):
            return None
        email, name = _norm(person.email), _norm(person.name)
        key = f"{source}:{person.id}" if person.id else (email or name)
        found = self._find(email, name, key)
        if found is None:
            self._refresh(session)
            found = self._find(email, name, key)
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

    def preload(self, session: Session, identities: Iterable[list[tuple[str, str]]]) -> None:
        """Cache the customer ids of the identities already stored. Asked by (kind, value) on the driver, so
        the unique index on (kind, value) answers; asking by value alone scanned the whole table."""
        wanted = {ident for idents in identities for ident in idents}
        wanted -= self._cache.keys()
        by_kind: dict[str, list[str]] = {}
        for kind, value in wanted:
            by_kind.setdefault(kind, []).append(value)
        conn = session.connection()
        for kind, values in by_kind.items():
            for value, customer_id in select_in(conn, CustomerIdentity.__tablename__, ("value", "customer_id"),
                                                ("kind", kind), "value", values):
                self._cache[(kind, value)] = customer_id
        if len(self._cache) > 200_000:  # keep memory flat on huge imports
            self._cache.clear()

    def resolve(self, session: Session, person: Person | None, source: str) -> int | None:
        return self.resolve_many(session, [(person, source)])[0]

    def resolve_many(self, session: Session, people: list[tuple[Person | None, str]]) -> list[int | None]:
        """Customer ids for many people at once: new customers and identities are inserted in bulk.

        Two records of one batch that share any identity become the same new customer.
        """
        all_idents = [None if p is None else identities_of(p, s) for p, s in people]
        self.preload(session, [i for i in all_idents if i])
        result: list[int | None] = []
        pending: dict[tuple[str, str], int] = {}  # identity -> index into new_customers
        new_customers: list[dict] = []
        new_idents: dict[tuple[str, str], object] = {}  # identity -> customer id or pending index marker
        for (person, _source), idents in zip(people, all_idents):
            if person is None:
                result.append(None)
                continue
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
                    new_customers.append({"key": None, "name": person.name, "customer_group": person.group})
                target = ("new", index)
                for ident in idents:
                    pending.setdefault(ident, index)
            for ident in idents:
                if ident not in self._cache:
                    new_idents.setdefault(ident, target)
            result.append(target)  # resolved below
        ids: list[int] = []
        conn = session.connection()
        if new_customers:
            entropy = os.urandom(16 * len(new_customers)).hex()  # one random key each, never shown
            for i, customer in enumerate(new_customers):
                customer["key"] = entropy[32 * i : 32 * (i + 1)]
            bulk_insert(conn, Customer.__table__, ("key", "name", "customer_group"),
                        [(c["key"], c["name"], c["customer_group"]) for c in new_customers])
            by_key: dict[str, int] = {}
            keys = [c["key"] for c in new_customers]
            for start in range(0, len(keys), 500):
                for key, row_id in session.execute(
                    select(Customer.key, Customer.id).where(Customer.key.in_(keys[start : start + 500]))
                ):
                    by_key[key] = row_id
            ids = [by_key[key] for key in keys]

        def real(target):
            return ids[target[1]] if isinstance(target, tuple) else target
        ident_rows = []
        for (kind, value), target in new_idents.items():
            customer_id = real(target)
            self._cache[(kind, value)] = customer_id
            ident_rows.append((customer_id, kind, value))
        if ident_rows:
            bulk_insert(conn, CustomerIdentity.__table__, ("customer_id", "kind", "value"), ident_rows)
        return [None if t is None else real(t) for t in result]
