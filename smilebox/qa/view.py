"""A conversation prepared once for all the checks: who said what, reply bodies, sign-offs, the customer's name.

The engine evaluates twelve checks per conversation; each needs the public agent replies with their
@handles and trailing links cut off, the customer's messages, the internal notes, and several need the
sign-off of a reply or the customer's first name. ``ConversationView`` computes each of those once
(lazily) and the context hands the same view to every check of the same conversation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property, lru_cache
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
    "hmm uh um yay woohoo phew gosh shoot darn brilliant lovely excellent fantastic wonderful cool fab amazing superb "
    "splendid marvellous marvelous grand sweet noted done sorted cheers welcome apologies morning evening afternoon "
    "exactly precisely agreed fair understood yep yup nope happy glad".split()
)
_KNOWN_NAMES = known_given_names() | OTHER_GIVEN_NAMES
# "Hi Sam," / "Good evening Solomon." / "Hola Cesar!": a salutation, then a capitalised word. The reply's
# @handles come first, so this is matched at the body's start (no "^": with a start offset "^" never matches);
# the salutation is any case ("HI Amanda") but the name must be capitalised ("hello there" is no name).
_SALUTED = P.compile_factored(
    r"\W{0,3}(?i:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening|day)|morning|evening|greetings|howdy|"
    r"hola|bonjour|ciao|ol[aá])[ ,]+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?![-@'’])"
)
# "Martel, who's the phone manufacturer?": a capitalised word, a comma, then how people talk to someone
_LEADING_VOCATIVE = P.compile_factored(
    r"\W{0,3}([A-Z][a-z]{2,}),\s+(?=(?:you|your|we|we're|we've|i|i'm|i've|sorry|thanks|thank|please|can|could|would|"
    r"did|do|does|have|has|are|is|who|who's|what|what's|when|where|how|that|that's|it|it's|let|let's|happy|glad)\b)"
)
_VOCATIVE = re.compile(r",\s*([A-Z][a-z]+)\s*[.!?:,]")
# "That's never good Wendy." / "I hear you loud and clear Brandon!": a known given name right before the end
# of a sentence, after an ordinary word that is not a preposition ("pass this on to Victor." names a colleague).
# (The look-behind sits after the capital it checks: "(?<=[a-z'’] )X" as "X(?<=[a-z'’] X)", so the search skips to
# capitals instead of testing every position.)
_TRAILING_VOCATIVE = re.compile(r"([A-Z](?<=[a-z'’] [A-Z])[a-z]+)\s*(?:[.!?]|,\s+(?=[a-z]))")
_WORD_BEFORE = re.compile(r"([a-z'’]+) $")
_NOT_BEFORE_A_NAME = frozenset("to with from by for and of at about ask asked tell told thank thanked call called".split())
# "I'm sorry for the poor experience, Skylar." - a name after a courtesy is a name, known or not.
_COURTESY_VOCATIVE = P.compile_factored(
    r"\b(?i:sorry|thanks|thank you|apologi\w+|glad|happy|welcome|hi|hello|hey|congrats|congratulations)\b"
    r"[^.!?\n]{0,60},\s*([A-Z][a-z]{2,})\s*[.!]"
)
_COMMA_NAME = re.compile(r",\s*[A-Z][a-z]{2,}\s*[.!]")
_CUSTOMER_SIGNED = P.compile_factored(
    r"(?:(?:^|\n|[.!?][ \t]+)[ \t]*(?i:thanks|thank you|thx|ty|tks|cheers|regards|best|many thanks|kind regards|best regards|sincerely)"
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
_INTRO_WORDS = P.compile_factored(r"my name|i'm |i am |this is |it's ")


def _has_intro_words(low: str, start: int, end: int) -> bool:
    """``_INTRO_WORDS.search(low, start, end)`` as ``find`` calls (each looks within the same bounds): the alternation
    enters at every "m", "i" and "t" of the text, the literal searches skip ahead in C."""
    return low.find("my name", start, end) >= 0 or low.find("i'm ", start, end) >= 0 \
        or low.find("i am ", start, end) >= 0 or low.find("this is ", start, end) >= 0 or low.find("it's ", start, end) >= 0


_CLOSING_CHARS = frozenset(" \t.!\n")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz'-")


def _may_end_capitalised(text: str, lo: int, end: int) -> bool:
    """A fast test before ``_ENDS_CAPITALISED.search(text, lo, end)``: False only where that search cannot match.

    A match ends with a capitalised word (``[A-Z]`` then ``[a-z'-]``) followed only by spaces, tabs, "." and "!" (and
    a newline "$" may stand before). So, stepping back from ``end`` over those, then over the letters of ``[a-z'-]``,
    must stop on a capital at ``lo`` or after (the capital is no letter of ``[a-z'-]``, so the steps stop right on it).
    Most customer messages end otherwise, and this reads a few characters where the search tries every capital.
    """
    i = end
    while i > lo and text[i - 1] in _CLOSING_CHARS:
        i -= 1
    j = i
    while j > lo and text[j - 1] in _NAME_CHARS:
        j -= 1
    return lo < j < i and "A" <= text[j - 1] <= "Z"
_CUSTOMER_INTRO = P.compile_factored(r"\b(my name is|my name's|I'm|I am|this is|it's)\s+([A-Z][a-z]+)\b")
_CUSTOMER_INTRO_HINT = P.compile_factored(r"(?:my name is|my name's|I'm|I am|this is|it's)\s+[A-Z]")
# "my name is charles martin": after an explicit "my name is" the name counts whatever its case.
_MY_NAME_IS = P.compile_factored(r"\b(?i:my name is|my name's)\s+([A-Za-z][a-z]+)\b")


@lru_cache(maxsize=1024)
def _first_name(name: str | None) -> str | None:
    """A usable first name from a record: not a handle, an email, a number or a placeholder.

    Remembered: the sign-off and vocative finders ask it of the same author's name for every reply.
    """
    if not name or "@" in name or any(ch.isdigit() for ch in name):
        return None
    first = name.strip().split()[0].strip(",.")
    if len(first) < 2 or not first[0].isalpha() or first.lower() in _NOT_A_NAME:
        return None
    return first[0].upper() + first[1:]


@lru_cache(maxsize=1024)
def name_variants(first: str) -> frozenset[str]:
    """The forms of a first name that count as using it: itself, its formal names and their nicknames."""
    out = {first.lower()}
    for formal in name_groups(first):
        out.add(formal)
        if formal == first.lower():
            out.update(NICKNAMES.get(formal, ()))
    return frozenset(out)


_UNKNOWN = object()


class Reply:
    """One message with the span of its body (after @handles, before trailing links and emoji).

    ``low`` is ``text.lower()`` as ``phrases.lowered`` remembers it: the checks read it for their literal tests (an
    attribute read where each ``lowered`` call cost a function call and a dictionary look-up, thirty times a conversation).
    """

    __slots__ = ("message", "id", "text", "low", "index", "start", "end", "signed", "first_sentence", "__dict__")

    def __init__(self, message: "Message", index: int):
        self.message = message
        self.id = message.id or ""
        self.text = text = message.text or ""
        self.low = P.lowered(text)
        self.index = index
        self.start = start = P.body_start(text)
        self.end = P.body_end(text, start)
        self.signed = _UNKNOWN  # ``ConversationView.signoff`` of this reply, once found
        self.first_sentence: tuple[int, int] | None = None  # (start, end), for ``checks._common.opening``, once found

    @property
    def body(self) -> str:
        return self.text[self.start : self.end]


@lru_cache(maxsize=64)
def _company_words(company_name: str | None) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", company_name or ""))


class ConversationView:
    """Everything several checks read, computed at most once per conversation."""

    def __init__(self, conversation: "Conversation", company_name: str | None = None):
        self.conversation = conversation
        #: words of the company's name: a sign-off with only these ("- Acme") is a team, not a person
        self.company_words = _company_words(company_name)
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
        # The name the agents call the customer most often ("Hi Looreen" once, "Hi Loreen" three times): a
        # misspelt greeting must not hide the name actually in use. Ties go to the earliest.
        seen: dict[str, list[tuple[str, str, tuple[str, int, int]]]] = {}
        for r in self.agent:
            for found in self._addressed(r):
                seen.setdefault(found[0], []).append(found)
        if not seen:
            return None
        return max(seen.values(), key=len)[0]

    def _signed_or_introduced(self, c: Reply) -> tuple[str, str, tuple[str, int, int]] | None:
        text, end = c.text, c.end  # searched up to ``end``: as if the text stopped there ("$" included)
        tail = max(c.start, end - 80)
        m = _CUSTOMER_SIGNED.search(text, tail, end) if _may_end_capitalised(text, max(c.start, end - 40), end) \
            and _ENDS_CAPITALISED.search(text, max(c.start, end - 40), end) else None
        if m and _plausible_name(m.group(1), marked=bool(m.group(0)[: m.start(1) - m.start()].strip())):
            return m.group(1), "sign-off", (c.id, m.start(1), m.end(1))
        m = _GIVES_NAME.match(text, c.start, end)
        if m and _plausible_name(m.group(1), marked=end - c.start < 60):
            return m.group(1), "introduction", (c.id, m.start(1), m.end(1))
        low = c.low
        if not _has_intro_words(low, c.start, end):
            return None
        body = text[:end]
        # (each full pattern only where what it needs is there: "my name" in ASCII text, an introduction and a capital)
        m = _MY_NAME_IS.search(body, c.start) if not text.isascii() or low.find("my name", c.start, end) >= 0 else None
        if m and _plausible_name(m.group(1), marked=True):
            name = m.group(1)
            return name[0].upper() + name[1:], "introduction", (c.id, m.start(1), m.end(1))
        intros = _CUSTOMER_INTRO.finditer(body, c.start) if _CUSTOMER_INTRO_HINT.search(text, c.start, end) else ()
        for m in intros:
            name = m.group(2)
            explicit = m.group(1).lower().startswith("my name") or body[m.end(2) : m.end(2) + 5].startswith((",", " here", ".", "!"))
            if _plausible_name(name, marked=explicit):
                return name, "introduction", (c.id, m.start(2), m.end(2))
        return None

    def _addressed(self, r: Reply) -> list[tuple[str, str, tuple[str, int, int]]]:
        """Every first name reply ``r`` addresses the customer by: after a salutation, as a vocative."""
        candidates = []
        m = _SALUTED.match(r.text, r.start, r.end)
        if m:
            candidates.append((m, True))
        # a name at the very end of a reply is its agent's sign-off ("... on its way, Priya"), not a vocative
        tail = r.end - 2
        for v in _TRAILING_VOCATIVE.finditer(r.text, r.start, r.end):
            if v.end(1) < tail and v.group(1).lower() in _KNOWN_NAMES:
                before = _WORD_BEFORE.search(r.text, max(r.start, v.start(1) - 20), v.start(1))
                if before and before.group(1) not in _NOT_BEFORE_A_NAME:
                    candidates.append((v, False))
        if "," in r.text:
            lead = _LEADING_VOCATIVE.match(r.text, r.start, r.end)
            if lead and lead.group(1).lower() not in P.STOPWORDS and not lead.group(1).endswith("ly") \
                    and lead.group(1).lower() not in _OPENERS:
                candidates.append((lead, True))
            # ", Nelson." ending a sentence inside the reply marks a name even when the name list lacks it
            candidates += [(v, v.group(0).rstrip()[-1:] in ".!") for v in _VOCATIVE.finditer(r.text, r.start, r.end)
                           if v.end(1) < tail]
            if _COMMA_NAME.search(r.text, r.start, r.end):  # what every courtesy vocative ends with
                candidates += [(v, True) for v in _COURTESY_VOCATIVE.finditer(r.text, r.start, r.end)]
        if not candidates:
            return []
        agent_first = (self.agent_first_name(r) or "").lower()
        out, taken = [], set()
        for c, marked in candidates:
            name = c.group(1)
            low = name.lower()
            if c.start(1) in taken or low == agent_first or low in self.company_words \
                    or not _plausible_name(name, marked):
                continue
            taken.add(c.start(1))
            out.append((name, "addressed by the agent", (r.id, c.start(1), c.end(1))))
        return out

    @staticmethod
    def agent_first_name(r: Reply) -> str | None:
        author = r.message.author
        return _first_name(author.name) if author else None

    # --- sign-offs ----------------------------------------------------------------------------------
    def signoff(self, r: Reply) -> tuple[str, int, int] | None:
        """("person" | "team", start, end) of how reply ``r`` is signed, or None when it is not."""
        found = r.signed
        if found is _UNKNOWN:
            found = r.signed = self._find_signoff(r)
        return found

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
                if first != customer and not common and (above_block or _fold(first) in _KNOWN_NAMES
                                                         or first == author_first or _is_initialled(m.group(1))):
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
        low = r.low
        tail = _TEAM_TAIL.search(text, max(start, end - 60), end) if _TEAM_HINT.search(low, max(start, end - 60), end) \
            and (not text.isascii() or low[max(start, end - 60) : end].rstrip().endswith(_TEAM_ENDS)) else None
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
        # both patterns below end in a capitalised word (or initials): most replies end otherwise
        capital_tail = _CAPITAL_TAIL.search(text, max(start, end - 60), end)
        inline = _INLINE_SIGNED.search(text, max(start, end - 60), end) if capital_tail else None
        if inline:
            first = _fold(inline.group(1).split()[0])
            if first != customer and first not in _NOT_A_NAME and first not in P.STOPWORDS \
                    and first not in P.TEAM_WORDS and first not in self.company_words:
                return "person", inline.start(1), inline.end(1)
        bare = _BARE_SIGNOFF.search(text, max(start, end - 30), end) if capital_tail else None
        if bare:
            token = bare.group(1) or bare.group(2)
            folded = _fold(token.rstrip("."))
            if bare.group(1):  # initials: "... on your line? FA", "much?EE", "= JJ"
                if token not in _NOT_INITIALS:
                    return "person", bare.start(1), bare.end(1)
            elif folded in _KNOWN_NAMES and folded != customer and folded not in self.company_words:
                return "person", bare.start(2), bare.end(2)
        intros = []
        if _INTRO_HINT.search(low, start, end) and _SELF_INTRO_HINT.search(text, start, end):
            intros = list(P.SELF_INTRO.finditer(text, start, min(end, start + 160)))
            if end - start > 160:
                intros += P.SELF_INTRO.finditer(text, max(start + 160, end - 160), end)
        for m in intros:
            name = m.group(1) or m.group(2)
            if name.lower() not in _NOT_A_NAME and name.lower() not in P.STOPWORDS and name.lower() != customer:
                return "person", m.start(), m.end()
        return None


def _fold(word: str) -> str:
    """Lowercase without accents, so "Chloé" meets "chloe" in the name lists."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


def _is_initialled(name: str) -> bool:
    """"Chloé D.": a first name and a surname initial is how people, not teams, sign."""
    parts = name.split()
    return len(parts) == 2 and len(parts[1]) == 2 and parts[1].endswith(".")


# A sign-off with no mark, standing alone after the last sentence: two or three capitals ("... your line? FA",
# "how much?EE", "= JJ") or a known first name ("When did you visit? Robbie", "... the week. Phil.", "changes-Yana").
_BARE_SIGNOFF = re.compile(
    r"(?:(?<=[.!?=])|(?<=[.!?=] )|(?<=\s[=-] ))([A-Z]{2,3})[ \t]*$|(?:(?<=[.!?] )|(?<=[a-z.!?]-)|(?<=[.!?])(?=[A-Z][a-z]))"
    r"([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+\.?)[ \t]*$"
)
_NOT_INITIALS = frozenset("TY OK UK US USA EU TV PC ID PIN DM FAQ ASAP ATM ETA FYI LOL OMG BTW PS PS4 THX CEO NYC LA "
                          "SMS MMS APP IOS GB MB KB AM PM".split())
# "... all sorted. Best, Chloé D." / "Thanks, Priya": a valediction and a name closing the reply on one line.
_INLINE_SIGNED = P.compile_factored(
    r"(?<![\w'’])(?i:thanks|thank you|cheers|regards|kind regards|best regards|warm regards|best|many thanks|sincerely|"
    r"take care)[ \t]*[,.!]?[ \t]+([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:[ \t]+[A-ZÀ-ÖØ-Þ]\.?)?)[ \t]*$"
)
# What ``_TEAM_TAIL`` ends with (before trailing space), and the end of every ``_INLINE_SIGNED`` and ``_BARE_SIGNOFF``
# match: fast tests before the full patterns.
_TEAM_ENDS = ("team", "support", "care", "service", "desk")
_CAPITAL_TAIL = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]*\.?[ \t]*$")
# What every ``P.SELF_INTRO`` match holds: an introduction and a capital, or a word before " here".
_SELF_INTRO_HINT = P.compile_factored(r"(?:my name is|my name's|I'm|I am|this is|it's)\s+[A-Z]|[a-z] here")
_TEAM_HINT = P.compile_factored(r"team|support|care|service|desk")
_INTRO_HINT = P.compile_factored(r"i'm|i am|name|this is|it's| here")
_TEAM_TAIL = P.compile_factored(
    r"(?:^|[\s.!])((?:[-–—^*~/]\s?|\n)(?:the\s+)?[A-Za-z&' ]{0,30}?\b(?:team|support|care|customer service|"
    r"help ?desk)\b)\s*$",
    re.IGNORECASE,
)
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_PERSON_LINE = re.compile(rf"^([{_UPPER}][{_LOWER}]+(?:[ \t]+[{_UPPER}][{_LOWER}'-]+|[ \t]+[{_UPPER}]\.){{0,2}})(?![\w])")
_NAME_LINE = re.compile(rf"[-–—~]?[ \t]*([{_UPPER}][{_LOWER}]+(?:[ \t]+[{_UPPER}][{_LOWER}'-]+|[ \t]+[{_UPPER}]\.){{0,2}})[ \t]*")
