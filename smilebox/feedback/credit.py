"""Agent credit: which agents a piece of feedback names, and the words that named them.

Names in the text are matched against the roster: full names, aliases, first and last names,
nicknames (``nicknames.NICKNAMES``: "Bobby" credits Robert), possessives ("Juan's"), any capitals
("JUAN"), and misspellings (rapidfuzz optimal-string-alignment distance: one edit for names of 4-5
letters, two from 6; same first letter; capitalised; never a common word or another known given name).

Guards, because a wrong credit is worse than none: the customer's own name (and a colleague note's
author) is never credited; a name that is also an everyday word ("Will", "Grace", "Frank") counts only
when capitalised in a name position (mid-sentence, or next to "thanks", "to", "was", a possessive...);
a name shared by two agents goes to the one who worked the conversation, else to nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from smilebox.feedback.nicknames import OTHER_GIVEN_NAMES, is_word_name, known_given_names, name_groups

_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_SENTENCE_END = set(".!?\n:;\"“(")
_BEFORE_NAME = frozenset(
    "thanks thank thx ty to from with by agent rep representative advisor adviser mr mrs ms miss dr and kudos "
    "shoutout props cheers dear hi hello hey named colleague teammate manager supervisor especially".split()
)
_AFTER_NAME = frozenset(
    "was is were has had did does went helped help made solved fixed resolved sorted got took answered called explained "
    "listened really truly always and who kindly quickly patiently handled understood rocks rocked deserves deserve saved "
    "made stayed walked stepped went".split()
)
#: Frequent words that must never be read as a misspelt name ("Many" is not "Mary").
COMMON_WORDS = frozenset(
    """about above after again against also always among another anyone anything around asked away back been before
    being below best better between both came cannot could days does doing done down during each else even ever every
    first from gave getting give given going gone good great have having help helped here home hope into issue just
    keep kind know last least left less like line long look made make many maybe mean more most much must name need
    never next nice none once only other over part please quick quite rather ready real said same says seen service
    should since some soon still such sure take than thank thanks that their them then there these they thing think
    this those though thought through time today told took true under until upon very want wanted well went were what
    when where which while will wish with without work would year your yours again call calls card cards case line
    mail make mark mary many maybe most move must same save sent still team tell test that them then they time""".split()
)


@dataclass(frozen=True)
class RosterEntry:
    id: int
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Credit:
    agent_id: int
    matched: str
    method: str  # exact | alias | first-name | last-name | nickname | fuzzy | assignee | source


@dataclass
class _Token:
    text: str
    base: str
    start: int
    end: int
    possessive: bool
    sentence_initial: bool
    prev: str = ""
    prev2: str = ""
    next: str = ""

    @property
    def key(self) -> str:
        return self.base.casefold()

    @property
    def capitalised(self) -> bool:
        return self.base[:1].isupper()

    @property
    def shouting(self) -> bool:
        return len(self.base) > 1 and self.base.isupper()

    def in_name_position(self) -> bool:
        if self.possessive or self.prev in _BEFORE_NAME or self.next in _AFTER_NAME:
            return True
        return self.prev == "you" and self.prev2 == "thank"


def _tokens(text: str) -> list[_Token]:
    found = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        base = _POSSESSIVE.sub("", raw)
        before = text[: m.start()].rstrip()
        found.append(_Token(raw, base, m.start(), m.start() + len(base), base != raw, not before or before[-1] in _SENTENCE_END))
    for i, tok in enumerate(found):
        tok.prev = found[i - 1].key if i > 0 else ""
        tok.prev2 = found[i - 2].key if i > 1 else ""
        tok.next = found[i + 1].key if i + 1 < len(found) else ""
    return found


def _words(name: str) -> list[str]:
    return [t.casefold() for t in (_POSSESSIVE.sub("", m.group(0)) for m in _TOKEN.finditer(name))]


@dataclass
class Roster:
    """The agents and every form of their names, indexed once per processing run."""

    agents: dict[int, RosterEntry] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], dict[int, str]] = field(default_factory=dict)  # words -> {agent: method}
    groups: dict[str, set[int]] = field(default_factory=dict)  # formal name -> agents whose first name is in it
    fuzzy_forms: dict[str, set[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[RosterEntry]) -> "Roster":
        roster = cls()
        for agent in entries:
            roster.add(agent)
        return roster

    def _phrase(self, words: Sequence[str], agent_id: int, method: str) -> None:
        if words:
            self.phrases.setdefault(tuple(words), {}).setdefault(agent_id, method)

    def add(self, agent: RosterEntry) -> None:
        self.agents[agent.id] = agent
        words = _words(agent.name)
        self._phrase(words, agent.id, "exact")
        for alias in agent.aliases:
            self._phrase(_words(alias), agent.id, "alias")
        if len(words) > 1:
            self._phrase(words[:1], agent.id, "first-name")
            self._phrase(words[-1:], agent.id, "last-name")
        if words:
            for formal in name_groups(words[0]):
                self.groups.setdefault(formal, set()).add(agent.id)
        for form in [*words, *(w for a in agent.aliases for w in _words(a) if len(_words(a)) == 1)]:
            if len(form) >= 4:
                self.fuzzy_forms.setdefault(form, set()).add(agent.id)

    def lookup(self, name: str | None) -> int | None:
        """The one agent a source's agent name refers to (full name or alias), else None."""
        if not name:
            return None
        found = {i for i, m in self.phrases.get(tuple(_words(name)), {}).items() if m in ("exact", "alias")}
        return next(iter(found)) if len(found) == 1 else None

    # --- matching -----------------------------------------------------------------------------
    def find(self, text: str, *, exclude: Iterable[str] = (), prefer: Iterable[int] = ()) -> list[Credit]:
        """Agents named in ``text``, in order of first mention, one credit each."""
        if not text or not self.agents:
            return []
        tokens = _tokens(text)
        excluded_words = {w for name in exclude if name for w in _words(name)}
        excluded_full = {tuple(_words(name)) for name in exclude if name}
        preferred = set(prefer)
        credits: dict[int, Credit] = {}
        i = 0
        while i < len(tokens):
            used, hit = self._match_at(tokens, i, excluded_words, excluded_full)
            if hit is not None:
                ids, method = hit
                agent_id = _disambiguate(ids, preferred)
                if agent_id is not None and agent_id not in credits:
                    credits[agent_id] = Credit(agent_id, text[tokens[i].start : tokens[i + used - 1].end], method)
            i += max(used, 1)
        return list(credits.values())

    def _match_at(self, tokens, i, excluded_words, excluded_full) -> tuple[int, tuple[set[int], str] | None]:
        for size in (3, 2):  # multi-word names and aliases first: "Juan Perez" beats "Juan"
            words = tuple(t.key for t in tokens[i : i + size])
            if len(words) == size and words in self.phrases and words not in excluded_full:
                if tokens[i].capitalised or not any(is_word_name(w) for w in words):
                    found = self.phrases[words]
                    return size, (set(found), _best_method(found.values()))
        tok = tokens[i]
        if tok.key in excluded_words or not _plausible(tok):
            return 1, None
        if (tok.key,) in self.phrases:
            found = self.phrases[(tok.key,)]
            method = _best_method(found.values())
            if method == "last-name" and not tok.capitalised:
                return 1, None
            return 1, (set(found), method)
        nick = {a for formal in name_groups(tok.key) for a in self.groups.get(formal, ())}
        if nick and tok.key in known_given_names():
            return 1, (nick, "nickname")
        fuzzy = self._fuzzy(tok)
        return 1, ((fuzzy, "fuzzy") if fuzzy else None)

    def _fuzzy(self, tok: _Token) -> set[int]:
        key = tok.key
        if (len(key) < 4 or not tok.capitalised or key in COMMON_WORDS or key in OTHER_GIVEN_NAMES
                or key in known_given_names() or (tok.sentence_initial and not tok.in_name_position())):
            return set()
        limit = 1 if len(key) < 6 else 2
        hits = process.extract(key, list(self.fuzzy_forms), scorer=OSA.distance, score_cutoff=limit, limit=None)
        return {a for form, _, _ in hits if form[0] == key[0] for a in self.fuzzy_forms[form]}


_METHOD_RANK = ("exact", "alias", "first-name", "last-name", "nickname", "fuzzy")


def _best_method(methods: Iterable[str]) -> str:
    return min(methods, key=_METHOD_RANK.index)


def _plausible(tok: _Token) -> bool:
    """A word that is also a name, or a very short one, counts only when written as a name."""
    if not (is_word_name(tok.key) or len(tok.key) <= 2 or tok.key in COMMON_WORDS):
        return True
    if not tok.capitalised:
        return False
    if tok.in_name_position():
        return True
    return not tok.shouting and not tok.sentence_initial


def _disambiguate(ids: set[int], preferred: set[int]) -> int | None:
    if len(ids) == 1:
        return next(iter(ids))
    chosen = ids & preferred
    return next(iter(chosen)) if len(chosen) == 1 else None
