"""Text helpers the checks share: the body of a reply, sentence spans, phrase patterns, sign-offs.

Every helper works in character offsets into the message's own text, so whatever a check finds can
be quoted exactly (``text[start:end] == quote``). Patterns are compiled once, when a check is set up,
never per message: the whole rubric must cost less than one sentiment model pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A reply on social starts with the @handles it answers; they are addressing, not words of the reply.
_LEADING_HANDLES = re.compile(r"^\s*(?:[@＠]\w+[\s:,]*)*")
# A "1/2" thread counter trailing a reply is not part of its ending.
_COUNTER = re.compile(r"\(?\d/\d\)?")
_SENTENCE = re.compile(r"(?:[^.!?…\n]|[.!?…](?=[^\s.!?…]))*(?:[.!?…]+(?=\s|$)[\"')\]]*|\n|$)")
_FIRST_STOP = re.compile(r"[.!?…]+(?=\s|$)|\n")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_CAPITALISED = re.compile(r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?")

# Initials or a name after a sign-off mark at the very end of a reply: "^CB", "-KC", "*JM", "/NQ",
# "~RW", "^Wren", "- Nick", "*MichaelPhillips", "-Erica". Lowercase initials ("^ag") occur too.
SIGN_MARK = re.compile(r"(?:^|(?<=\s)|(?<=[.!?]))([\^*/~]|[-–—]{1,2})\s?([A-Za-z][A-Za-z]{0,23}(?:-[A-Z][a-z]+)?)[.…]*\s*$")
# A valediction line followed by a name line, as in email: "Best,\nJuan" / "Kind regards,\nJuan Perez".
VALEDICTION = re.compile(
    r"(?im)^[ \t]*(?:best(?: regards| wishes)?|kind regards|warm regards|warmest regards|regards|many thanks|"
    r"thanks(?: again)?|thank you|cheers|sincerely|yours(?: sincerely| truly)?|all the best|take care|talk soon)"
    r"[ \t]*[,.!]?[ \t]*$"
)
SELF_INTRO = re.compile(
    r"\b(?:my name is|my name's|I'm|I am|this is|it's)\s+([A-Z][a-z]+)\b(?=\s*(?:from|with|at|here|and|,|\.|!|$))"
    r"|\b([A-Z][a-z]+) here\b(?=\s*(?:from|with|at|,|\.|!|$))"
)
TEAM_WORDS = frozenset(
    "team support care service services customer customers help desk helpdesk staff crew agents "
    "department dept the us".split()
)

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few
for from further had hadn't has hasn't have haven't having he her here hers herself him himself his how i i'd
i'll i'm i've if in into is isn't it it's its itself just let's me more most my myself no nor not now of off
on once only or other our ours ourselves out over own same she should so some such than that that's the their
theirs them themselves then there there's these they they're this those through to too under until up very
was wasn't we we'd we'll we're we've were weren't what what's when where which while who whom why will with
won't would wouldn't you you'd you'll you're you've your yours yourself yourselves get got getting yes yeah
okay ok hey hi hello please thanks thank thx really still even since ever every one two via dm
""".split())


class Phrases:
    """A compiled phrase list that matches case-insensitively by searching a lowercased copy of the text.

    Python's ``re.IGNORECASE`` makes a long alternation about seven times slower; lowercasing the text
    once (cached for the last text seen) and matching a lowercase pattern keeps offsets identical
    whenever lowercasing keeps the length (always for ASCII; otherwise the slow pattern is used).
    Match objects are over the lowercased text: take quotes from the original with the offsets.
    """

    __slots__ = ("pattern", "_fast", "_slow")

    def __init__(self, source: str):
        self.pattern = source
        self._fast = re.compile(source)
        self._slow = re.compile(source, re.IGNORECASE)

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        low = lowered(text)
        return (self._fast, low) if len(low) == len(text) else (self._slow, text)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        pattern, subject = self._pick(text)
        return pattern.search(subject, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        pattern, subject = self._pick(text)
        return pattern.match(subject, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        pattern, subject = self._pick(text)
        return pattern.finditer(subject, pos, len(text) if endpos is None else endpos)

    def sub(self, repl: str, text: str) -> str:
        """Replace matches in the original text (by the offsets found in the lowercased copy)."""
        out, last = [], 0
        for m in self.finditer(text):
            out.append(text[last : m.start()])
            out.append(repl)
            last = m.end()
        out.append(text[last:])
        return "".join(out)


_lowered: dict[int, tuple[str, str]] = {}


def lowered(text: str) -> str:
    """``text.lower()``, remembered for the texts of the current conversation (the checks share them).

    Keyed by identity and holding the text itself, so an id reused by a new string never hits.
    """
    hit = _lowered.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    if len(_lowered) > 256:
        _lowered.clear()
    low = text.lower()
    _lowered[id(text)] = (text, low)
    return low


def phrase_pattern(phrases: Iterable[str]) -> Phrases:
    """One alternation over a configured phrase list, word-bounded, whitespace-tolerant, any case.

    Phrases are plain text; a phrase written as ``re:...`` is taken as a regular expression (written in
    lowercase: it is matched against lowercased text), so a rubric author can say what a phrase list
    cannot ("re:sorry (?:for|about)").
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        if phrase.startswith("re:"):
            parts.append(f"(?:{_curly_tolerant(phrase[3:])})")
        else:
            escaped = r"\s+".join(re.escape(w) for w in phrase.lower().split())
            escaped = escaped.replace("'", "['’]")
            parts.append(escaped)
    if not parts:
        return Phrases(r"(?!x)x")
    return Phrases(rf"(?<![\w'’])(?:{'|'.join(parts)})(?![\w'’])")


def _curly_tolerant(regex: str) -> str:
    """Let every straight apostrophe of a regex phrase match a curly one too ("we’ll" as "we'll").

    Apostrophes inside a character class or after a backslash are left alone.
    """
    out, in_class, escaped = [], False, False
    for ch in regex:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "'" and not in_class:
            out.append("['’]")
            continue
        out.append(ch)
    return "".join(out)


def body_start(text: str) -> int:
    """Offset after the leading @handles of a social reply (0 when there are none)."""
    m = _LEADING_HANDLES.match(text)
    return m.end() if m else 0


def body_end(text: str, start: int = 0) -> int:
    """Offset before trailing links, "1/2" counters, ellipses and emoji (a loop, not a regex: hot path)."""
    end = len(text)
    while end > start:
        ch = text[end - 1]
        if ch.isspace() or (ord(ch) >= 0x2600 and _is_emoji(ch)):
            end -= 1
            continue
        k = max(text.rfind(" ", start, end), text.rfind("\n", start, end), start - 1) + 1
        first = text[k]
        if (first == "h" and text.startswith(("http://", "https://"), k)) or (first == "w" and text.startswith("www.", k)) \
                or (first in ".…" and text[k:end] in ("...", "…")) or (first in "(0123456789" and _COUNTER.fullmatch(text, k, end)):
            end = k
            continue
        return end
    return end


def _is_emoji(ch: str) -> bool:
    o = ord(ch)
    return 0x1F000 <= o <= 0x1FAFF or 0x2600 <= o <= 0x27BF or o in (0xFE0F, 0x200D)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-empty sentence spans within ``text[start:end]``, trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    spans = []
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def content_stems(text: str, extra_stop: frozenset[str] = frozenset()) -> set[str]:
    """Cheap stems (first five letters) of the non-stopwords of ``text``: the words that carry its topic."""
    out = set()
    for w in words(text):
        if len(w) >= 4 and w not in STOPWORDS and w not in extra_stop:
            out.add(w[:5])
    return out


def capitalised_words(text: str) -> list[re.Match[str]]:
    return list(_CAPITALISED.finditer(text))


def opening_span(text: str, start: int, limit: int = 60) -> tuple[int, int]:
    """The first sentence after ``start`` (at most ``limit`` characters): what a "missing" check judged."""
    while start < len(text) and text[start].isspace():
        start += 1
    m = _FIRST_STOP.search(text, start, min(len(text), start + 400))
    s, e = start, (m.start() + len(m.group(0).rstrip()) if m else min(len(text), start + 400))
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s:
        return start, start
    if e - s > limit:
        space = text.rfind(" ", s, s + limit + 1)
        e = space if space > s else s + limit
        while e > s and text[e - 1].isspace():
            e -= 1
    return s, e


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0
