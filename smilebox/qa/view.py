"""A conversation prepared once for all the checks: who said what, reply bodies, sign-offs, the customer's name.

The engine evaluates twelve checks per conversation; each needs the public agent replies with their
@handles and trailing links cut off, the customer's messages, the internal notes, and several need the
sign-off of a reply or the customer's first name. ``ConversationView`` computes each of those once
(lazily) and the context hands the same view to every check of the same conversation.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from smilebox.feedback.nicknames import NICKNAMES, OTHER_GIVEN_NAMES, known_given_names, name_groups
from smilebox.qa import phrases as P

if TYPE_CHECKING:
    from smilebox.model import Conversation, Message

_NOT_A_NAME = frozenset(
    "there team all everyone folks guys friend sir madam maam ma'am customer user again there's thanks thank "
    "hello hi hey dear sorry please welcome yes no ok okay great good morning afternoon evening".split()
)
_OPENERS = frozenset(
    "sorry yes no sure absolutely great thanks hmm ah oh well apologies understood gotcha certainly alright awesome "
    "perfect correct also however unfortunately hello hi hey ok okay right good nice wow ugh alas indeed again "
    "totally definitely currently otherwise meanwhile first next then additionally whoa wow yikes oops ouch aw aww "
    "hmm uh um yay woohoo phew gosh shoot darn".split()
)
_KNOWN_NAMES = known_given_names() | OTHER_GIVEN_NAMES
_SALUTED = re.compile(
    r"^\W{0,3}(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening|day)|morning|evening|greetings|howdy)"
    r"[ ,]+([A-Z][a-z]+)\b",
    re.IGNORECASE,
)
# "Martel, who's the phone manufacturer?": a capitalised word, a comma, then how people talk to someone
_LEADING_VOCATIVE = re.compile(
    r"\W{0,3}([A-Z][a-z]{2,}),\s+(?=(?:you|your|we|we're|we've|i|i'm|i've|sorry|thanks|thank|please|can|could|would|"
    r"did|do|does|have|has|are|is|who|who's|what|what's|when|where|how|that|that's|it|it's|let|let's|happy|glad)\b)"
)
_VOCATIVE = re.compile(r",\s*([A-Z][a-z]+)\s*[.!?:,]")
# "I'm sorry for the poor experience, Skylar." - a name after a courtesy is a name, known or not.
_COURTESY_VOCATIVE = re.compile(
    r"\b(?i:sorry|thanks|thank you|apologi\w+|glad|happy|welcome|hi|hello|hey|congrats|congratulations)\b"
    r"[^.!?\n]{0,60},\s*([A-Z][a-z]{2,})\s*[.!]"
)
_CUSTOMER_SIGNED = re.compile(
    r"(?:(?:^|\n|[.!?][ \t]+)[ \t]*(?i:thanks|thank you|cheers|regards|best|many thanks|kind regards|best regards|sincerely)"
    r"[ \t]*[,!.]?[ \t]*(?:\n[ \t]*)?[-–—~]?[ \t]*|(?:^|\n|\s)[-–—~][ \t]?|\n[ \t]*)"
    r"([A-Z][a-z]+)(?:[ \t]+[A-Z][a-z'-]+)?[ \t]*[.!]*[ \t]*$"
)
# "Daniel Walsh, 22314." - a customer giving their name (with a postcode or account number) when asked.
_GIVES_NAME = re.compile(r"\s*([A-Z][a-z]+)[ \t]+[A-Z][a-z'-]+\s*[,.]")


def _plausible_name(word: str, marked: bool) -> bool:
    """A known given name always; any other capitalised word only when the text marks it as a name."""
    low = word.lower()
    if low in _NOT_A_NAME or low in P.STOPWORDS or low in P.TEAM_WORDS:
        return False
    return low in _KNOWN_NAMES or marked


_ENDS_CAPITALISED = re.compile(r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z'-]+)?[ \t]*[.!]*[ \t]*$")
_INTRO_WORDS = re.compile(r"my name|i'm |i am |this is |it's ")
_CUSTOMER_INTRO = re.compile(r"\b(my name is|my name's|I'm|I am|this is|it's)\s+([A-Z][a-z]+)\b")


def _first_name(name: str | None) -> str | None:
    """A usable first name from a record: not a handle, an email, a number or a placeholder."""
    if not name or "@" in name or any(ch.isdigit() for ch in name):
        return None
    first = name.strip().split()[0].strip(",.")
    if len(first) < 2 or not first[0].isalpha() or first.lower() in _NOT_A_NAME:
        return None
    return first[0].upper() + first[1:]


def name_variants(first: str) -> frozenset[str]:
    """The forms of a first name that count as using it: itself, its formal names and their nicknames."""
    out = {first.lower()}
    for formal in name_groups(first):
        out.add(formal)
        if formal == first.lower():
            out.update(NICKNAMES.get(formal, ()))
    return frozenset(out)


class Reply:
    """One message with the span of its body (after @handles, before trailing links and emoji)."""

    __slots__ = ("message", "id", "text", "index", "start", "end", "__dict__")

    def __init__(self, message: "Message", index: int):
        self.message = message
        self.id = message.id or ""
        self.text = message.text or ""
        self.index = index
        self.start = P.body_start(self.text)
        self.end = P.body_end(self.text, self.start)

    @property
    def body(self) -> str:
        return self.text[self.start : self.end]


class ConversationView:
    """Everything several checks read, computed at most once per conversation."""

    def __init__(self, conversation: "Conversation", company_name: str | None = None):
        self.conversation = conversation
        #: words of the company's name: a sign-off with only these ("- Acme") is a team, not a person
        self.company_words = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", company_name or ""))
        self.channel = conversation.channel
        self.agent: list[Reply] = []
        self.customer: list[Reply] = []
        self.notes: list[Reply] = []
        for i, m in enumerate(conversation.messages):
            if m.internal:
                if m.role in ("agent", "system"):
                    self.notes.append(Reply(m, i))
            elif m.role == "agent":
                self.agent.append(Reply(m, i))
            elif m.role == "customer":
                self.customer.append(Reply(m, i))

    def customer_before(self, reply: Reply) -> list[Reply]:
        return [c for c in self.customer if c.index < reply.index]

    def next_agent_after(self, index: int) -> Reply | None:
        return next((r for r in self.agent if r.index > index), None)

    # --- the customer's name ------------------------------------------------------------------------
    @cached_property
    def customer_name(self) -> tuple[str, str, tuple[str, int, int] | None] | None:
        """(first name, where it came from, evidence span or None), or None when no name is knowable.

        Sources, in order: the customer record, how the customer signs or introduces themselves, and
        how an agent addressed them (the agent saw a profile name this data does not carry).
        """
        conv = self.conversation
        record = _first_name(conv.customer.name if conv.customer else None)
        if record:
            return record, "record", None
        for c in self.customer:
            found = self._signed_or_introduced(c)
            if found:
                return found
        for r in self.agent:
            found = self._addressed(r)
            if found:
                return found
        return None

    def _signed_or_introduced(self, c: Reply) -> tuple[str, str, tuple[str, int, int]] | None:
        body = c.text[: c.end]
        tail = max(c.start, c.end - 80)
        m = _CUSTOMER_SIGNED.search(body, tail) if _ENDS_CAPITALISED.search(body, max(c.start, c.end - 40)) else None
        if m and _plausible_name(m.group(1), marked=bool(m.group(0)[: m.start(1) - m.start()].strip())):
            return m.group(1), "sign-off", (c.id, m.start(1), m.end(1))
        m = _GIVES_NAME.match(body, c.start)
        if m and _plausible_name(m.group(1), marked=c.end - c.start < 60):
            return m.group(1), "introduction", (c.id, m.start(1), m.end(1))
        if not _INTRO_WORDS.search(P.lowered(c.text), c.start, c.end):
            return None
        for m in _CUSTOMER_INTRO.finditer(body, c.start):
            name = m.group(2)
            explicit = m.group(1).lower().startswith("my name") or body[m.end(2) : m.end(2) + 5].startswith((",", " here", ".", "!"))
            if _plausible_name(name, marked=explicit):
                return name, "introduction", (c.id, m.start(2), m.end(2))
        return None

    def _addressed(self, r: Reply) -> tuple[str, str, tuple[str, int, int]] | None:
        agent_first = self.agent_first_name(r)
        m = _SALUTED.match(r.text, r.start)
        candidates = [m] if m else []
        if "," not in r.text:
            return None if not candidates else self._first_name_of(candidates, agent_first, r)
        lead = _LEADING_VOCATIVE.match(r.text, r.start, r.end)
        if lead and lead.group(1).lower() not in P.STOPWORDS and not lead.group(1).endswith("ly") \
                and lead.group(1).lower() not in _OPENERS:
            candidates.append(lead)
        candidates += [v for v in _VOCATIVE.finditer(r.text, r.start, r.end) if v.group(1).lower() in _KNOWN_NAMES]
        candidates += list(_COURTESY_VOCATIVE.finditer(r.text, r.start, r.end))
        return self._first_name_of(candidates, agent_first, r)

    @staticmethod
    def _first_name_of(candidates, agent_first, r):
        for c in candidates:
            name = c.group(1)
            if name.lower() in _NOT_A_NAME or (agent_first and name.lower() == agent_first.lower()):
                continue
            return name, "addressed by the agent", (r.id, c.start(1), c.end(1))
        return None

    @staticmethod
    def agent_first_name(r: Reply) -> str | None:
        author = r.message.author
        return _first_name(author.name) if author else None

    # --- sign-offs ----------------------------------------------------------------------------------
    def signoff(self, r: Reply) -> tuple[str, int, int] | None:
        """("person" | "team", start, end) of how reply ``r`` is signed, or None when it is not."""
        cache = r.__dict__.setdefault("_signoff", {})
        if "v" not in cache:
            cache["v"] = self._find_signoff(r)
        return cache["v"]

    def _name_line(self, r: Reply, customer: str) -> tuple[int, int] | None:
        """A person's name alone on one of the last three lines ("Derrick Owens" above "Acme | Support")."""
        text, pos = r.text, r.end
        author_first = (self.agent_first_name(r) or "").lower()
        for above_block in (False, True, True):
            nl = text.rfind("\n", r.start, pos)
            if nl == -1:
                return None
            m = _NAME_LINE.fullmatch(text, nl + 1, pos)
            if m:
                first = m.group(1).split()[0].lower()
                # a name line with a title or company line under it is a signature block, known name or not
                common = first in _NOT_A_NAME or first in P.STOPWORDS or first in P.TEAM_WORDS or first in self.company_words
                if first != customer and not common and (above_block or first in _KNOWN_NAMES or first == author_first):
                    return m.start(1), m.end(1)
            pos = nl
        return None

    def _find_signoff(self, r: Reply) -> tuple[str, int, int] | None:
        text, start, end = r.text, r.start, r.end
        customer = (self.customer_name or ("",))[0].lower()
        m = P.SIGN_MARK.search(text, max(start, end - 40), end)
        if m and m.start(1) >= start:
            token = m.group(2).rstrip(".")
            low = token.lower()
            if low in P.TEAM_WORDS or low in self.company_words:
                return "team", m.start(1), m.end(2)
            initials = len(token) <= 3 or token.isupper()
            named = token[:1].isupper() and low not in P.STOPWORDS and low not in _NOT_A_NAME
            if (initials or named) and low != customer:
                return "person", m.start(1), m.end(2)
        low = P.lowered(text)
        tail = _TEAM_TAIL.search(text, max(start, end - 60), end) if _TEAM_HINT.search(low, max(start, end - 60), end) else None
        if tail:
            s = tail.start(1)
            while text[s].isspace():
                s += 1
            return "team", s, tail.end(1)
        valediction = None
        window = max(start, end - 160)
        for valediction in (P.VALEDICTION.finditer(text, window, end) if "\n" in text[window:end] else ()):
            pass
        if valediction:
            rest = text[valediction.end() : end].strip()
            first_line = rest.split("\n", 1)[0].strip()
            if first_line:
                s = text.index(first_line, valediction.end())
                if all(w.lower() in P.TEAM_WORDS or w.lower() in self.company_words for w in first_line.split()) or any(
                    w.lower() in P.TEAM_WORDS for w in first_line.split()
                ):
                    return "team", s, s + len(first_line)
                pm = _PERSON_LINE.match(first_line)
                author_first = (self.agent_first_name(r) or "").lower()
                if pm and (pm.group(1).split()[0].lower() in (author_first,) or pm.group(1).lower() != customer):
                    return "person", s, s + pm.end(1)
        named = self._name_line(r, customer)
        if named:
            return "person", named[0], named[1]
        intros = []
        if _INTRO_HINT.search(low, start, end):
            intros = list(P.SELF_INTRO.finditer(text, start, min(end, start + 160)))
            if end - start > 160:
                intros += P.SELF_INTRO.finditer(text, max(start + 160, end - 160), end)
        for m in intros:
            name = m.group(1) or m.group(2)
            if name.lower() not in _NOT_A_NAME and name.lower() not in P.STOPWORDS and name.lower() != customer:
                return "person", m.start(), m.end()
        return None


_TEAM_HINT = re.compile(r"team|support|care|service|desk")
_INTRO_HINT = re.compile(r"i'm|i am|name|this is|it's| here")
_TEAM_TAIL = re.compile(
    r"(?:^|[\s.!])((?:[-–—^*~/]\s?|\n)(?:the\s+)?[A-Za-z&' ]{0,30}?\b(?:team|support|care|customer service|"
    r"help ?desk)\b)\s*$",
    re.IGNORECASE,
)
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_PERSON_LINE = re.compile(rf"^([{_UPPER}][{_LOWER}]+(?:[ \t]+[{_UPPER}][{_LOWER}'-]+|[ \t]+[{_UPPER}]\.){{0,2}})(?![\w])")
_NAME_LINE = re.compile(rf"[-–—~]?[ \t]*([{_UPPER}][{_LOWER}]+(?:[ \t]+[{_UPPER}][{_LOWER}'-]+|[ \t]+[{_UPPER}]\.){{0,2}})[ \t]*")
