"""Redact personal data from quoted feedback before it is shown to a wider audience.

Each recognizer finds spans of one kind (email, card, phone, name); overlapping finds are resolved in
favour of the earliest, then the longest, and each span becomes a placeholder such as ``[email]``. Card
numbers must pass the Luhn check, so order numbers stay readable; phone numbers need 7 to 15 digits and
dates are left alone. Names are the customer's own (from the customer record or how they signed), with
each part of the name redacted too, except words that are also an agent's name, since smiles credit them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ().-]{5,}\d(?!\w)")
DATE_LIKE = re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$")
MIN_NAME_PART = 3


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int


@dataclass
class Redacted:
    text: str
    findings: list[Finding] = field(default_factory=list)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def find_emails(text: str) -> Iterable[Finding]:
    for m in EMAIL.finditer(text):
        yield Finding("email", m.start(), m.end())


def find_cards(text: str) -> Iterable[Finding]:
    for m in CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            yield Finding("card", m.start(), m.end())


def find_phones(text: str) -> Iterable[Finding]:
    for m in PHONE.finditer(text):
        raw = m.group().rstrip(".-) ")
        digits = re.sub(r"\D", "", raw)
        if 7 <= len(digits) <= 15 and not DATE_LIKE.match(raw):
            yield Finding("phone", m.start(), m.start() + len(raw))


def name_pattern(names: Iterable[str], keep: Iterable[str] = ()) -> re.Pattern | None:
    """One pattern for the customers' full names and their parts, minus words that name an agent."""
    kept = {k.casefold() for k in keep}
    terms: set[str] = set()
    for name in names:
        name = " ".join((name or "").split())
        if len(name) < MIN_NAME_PART or "@" in name:
            continue
        terms.add(name)
        terms.update(p for p in re.split(r"[\s,]+", name) if len(p) >= MIN_NAME_PART and p.casefold() not in kept)
    terms = {t for t in terms if t.casefold() not in kept}
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def find_names(text: str, pattern: re.Pattern | None) -> Iterable[Finding]:
    if pattern is None:
        return
    for m in pattern.finditer(text):
        yield Finding("name", m.start(), m.end())


def redact(text: str, names: Iterable[str] = (), keep: Iterable[str] = ()) -> Redacted:
    """``text`` with emails, card numbers, phone numbers and the given customer names replaced."""
    pattern = name_pattern(names, keep)
    found = [*find_emails(text), *find_cards(text), *find_phones(text), *find_names(text, pattern)]
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for f in found:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    out, pos = [], 0
    for f in kept:
        out.append(text[pos:f.start])
        out.append(f"[{f.kind}]")
        pos = f.end
    out.append(text[pos:])
    return Redacted("".join(out), kept)
