"""Text helpers the checks share: the body of a reply, sentence spans, phrase patterns, sign-offs.

Every helper works in character offsets into the message's own text, so whatever a check finds can
be quoted exactly (``text[start:end] == quote``). Patterns are compiled once, when a check is set up,
never per message: the whole rubric must cost less than one sentiment model pass.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

# A reply on social starts with the @handles it answers; they are addressing, not words of the reply.
# (Possessive: only ever ``match``ed, and with nothing after the last repeat the all-greedy path is the match found,
# so the repeats never need their saved back-tracking points: the same end, without saving them. As written:
# ``^\s*(?:[@＠]\w+[\s:,]*)*``; tests/test_qa_speed_patterns2.py compares the two.)
_LEADING_HANDLES_AS_WRITTEN = r"^\s*(?:[@＠]\w+[\s:,]*)*"
_LEADING_HANDLES = re.compile(r"^\s*+(?:[@＠]\w++[\s:,]*+)*+")
# A "1/2" thread counter trailing a reply is not part of its ending.
_COUNTER = re.compile(r"\(?\d/\d\)?")
# A sentence: characters up to a stop ("3.5" and "e.g" do not stop) and the stop itself. The run before the stop is
# possessive and taken in chunks: giving any of it back could not help (the end of a sentence is only where the run
# stops), and testing one character at a time is what made this the slowest pattern of the rubric.
_SENTENCE_AS_WRITTEN = r"(?:[^.!?…\n]|[.!?…](?=[^\s.!?…]))*(?:[.!?…]+(?=\s|$)[\"')\]]*|\n|$)"
_SENTENCE = re.compile(r"(?:[^.!?…\n]+|[.!?…](?=[^\s.!?…]))*+(?:[.!?…]+(?=\s|$)[\"')\]]*|\n|$)")
# "[.!?…]+(?=\s|$)|\n", written to start with one character class so the search skips to the candidates
_FIRST_STOP = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*(?=\s|$))")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_CAPITALISED = re.compile(r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?")

# Initials or a name after a sign-off mark at the very end of a reply: "^CB", "-KC", "*JM", "/NQ",
# "~RW", "^Wren", "- Nick", "*MichaelPhillips", "-Erica". Lowercase initials ("^ag") occur too.
# (Written with the mark first and what may precede it looked back at, so the search skips to mark characters:
# the same matches as ``_SIGN_MARK_AS_WRITTEN``.)
_SIGN_MARK_AS_WRITTEN = r"(?:^|(?<=\s)|(?<=[.!?]))([\^*/~]|[-–—]{1,2})\s?([A-Za-z][A-Za-z]{0,23}(?:-[A-Z][a-z]+)?)[.…]*\s*$"
SIGN_MARK = re.compile(r"([\^*/~\-–—](?:(?<=^.)|(?<=\s.)|(?<=[.!?].))(?:(?<=[-–—])[-–—])?)\s?"
                       r"([A-Za-z][A-Za-z]{0,23}(?:-[A-Z][a-z]+)?)[.…]*\s*$")
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


# --- alternations factored by first character ----------------------------------------------------------
# Python's regex engine tries the branches of an alternation one after the other at every position; it
# rejects a branch that starts with a literal or a character class by its first character, but still visits
# every branch. A phrase list of two hundred entries costs two hundred visits per word. ``factored`` rewrites
# a pattern so that branches sharing a first character share one branch ("s(?:orry|ad|...)|t(?:hanks|...)"),
# recursively. The rewrite is exact: the same matches, tried in the same order, with the same backtracking.
# Only branches that cannot start with the same character change places. An alternation holding a capturing
# group is left as written (the groups keep their numbers); anything else the rewriter does not know (named
# groups, backreferences, global flags, verbose or ASCII groups) leaves the whole pattern as it is.
# tests/test_qa_factored.py compares every rewritten pattern with the pattern as written.
try:
    from re import _constants as _C
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - a Python whose regex internals moved: patterns stay as written
    _C = _sre_parse = None

if _C is not None:
    _FLAG_LETTERS = {_C.SRE_FLAG_IGNORECASE: "i", _C.SRE_FLAG_MULTILINE: "m", _C.SRE_FLAG_DOTALL: "s"}
    _AT = {_C.AT_BEGINNING: "^", _C.AT_END: "$", _C.AT_BOUNDARY: r"\b", _C.AT_NON_BOUNDARY: r"\B",
           _C.AT_BEGINNING_STRING: r"\A", _C.AT_END_STRING: r"\Z"}
    _CAT = {_C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_NOT_DIGIT: r"\D", _C.CATEGORY_SPACE: r"\s",
            _C.CATEGORY_NOT_SPACE: r"\S", _C.CATEGORY_WORD: r"\w", _C.CATEGORY_NOT_WORD: r"\W"}
_MARK = "MARK"  # pseudo-op: an empty capturing group closing an alternative (tells which alternative matched)
_DIGITS = "\\d"  # in a set of first characters: any Unicode decimal digit


class _Unsupported(Exception):
    pass


def _char(code: int) -> str:
    ch = chr(code)
    if ch.isascii() and ch.isalnum():
        return ch
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def _emit_in(av) -> str:
    out = []
    for op, a in av:
        if op is _C.NEGATE:
            out.append("^")
        elif op is _C.LITERAL:
            out.append(_char(a))
        elif op is _C.RANGE:
            out.append(f"{_char(a[0])}-{_char(a[1])}")
        elif op is _C.CATEGORY and a in _CAT:
            out.append(_CAT[a])
        else:
            raise _Unsupported(op)
    return "[" + "".join(out) + "]"


def _single(items) -> bool:
    return len(items) == 1 and items[0][0] in (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY)


def _emit(items, marks: list) -> str:
    out = []
    for op, av in items:
        if op is _C.LITERAL:
            out.append(_char(av))
        elif op is _C.NOT_LITERAL:
            out.append(f"[^{_char(av)}]")
        elif op is _C.ANY:
            out.append(".")
        elif op is _C.IN:
            out.append(_emit_in(av))
        elif op is _C.AT and av in _AT:
            out.append(_AT[av])
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            body = _emit(list(sub), marks)
            if not _single(list(sub)):
                body = f"(?:{body})"
            if (lo, hi) == (0, _C.MAXREPEAT):
                q = "*"
            elif (lo, hi) == (1, _C.MAXREPEAT):
                q = "+"
            elif (lo, hi) == (0, 1):
                q = "?"
            elif hi == _C.MAXREPEAT:
                q = f"{{{lo},}}"
            elif lo == hi:
                q = f"{{{lo}}}"
            else:
                q = f"{{{lo},{hi}}}"
            q += "?" if op is _C.MIN_REPEAT else ("+" if op is _C.POSSESSIVE_REPEAT else "")
            out.append(body + q)
        elif op is _C.SUBPATTERN:
            group, add, delete, sub = av
            if group is not None:
                if add or delete:
                    raise _Unsupported("flags")
                out.append(f"({_emit(list(sub), marks)})")
                continue
            if (add | delete) & ~(_C.SRE_FLAG_IGNORECASE | _C.SRE_FLAG_MULTILINE | _C.SRE_FLAG_DOTALL):
                raise _Unsupported("flags")
            flags = "".join(l for f, l in _FLAG_LETTERS.items() if add & f)
            if delete:
                flags += "-" + "".join(l for f, l in _FLAG_LETTERS.items() if delete & f)
            out.append(f"(?{flags}:{_emit(list(sub), marks)})")
        elif op is _C.BRANCH:
            out.append("(?:" + "|".join(_emit(list(b), marks) for b in av[1]) + ")")
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            direction, sub = av
            kind = ("=" if op is _C.ASSERT else "!") if direction == 1 else ("<=" if op is _C.ASSERT else "<!")
            out.append(f"(?{kind}{_emit(list(sub), marks)})")
        elif op is _C.ATOMIC_GROUP:
            out.append(f"(?>{_emit(list(av), marks)})")
        elif op == _MARK:
            marks.append(av)
            out.append("()")
        else:
            raise _Unsupported(op)
    return "".join(out)


def _first(items, i=0):
    """Lowercased ASCII characters a match of items[i:] can start with, or None when unknown (or it may be empty)."""
    while i < len(items):
        op, av = items[i]
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT, _MARK):
            i += 1
            continue
        if op is _C.LITERAL:
            ch = chr(av)
            return frozenset(ch.lower()) if ch.isascii() else None
        if op is _C.IN:
            chars = set()
            for o, a in av:
                if o is _C.LITERAL and a < 128:
                    chars.add(chr(a).lower())
                elif o is _C.RANGE and a[1] < 128 and a[1] - a[0] < 128:
                    chars.update(chr(x).lower() for x in range(a[0], a[1] + 1))
                elif o is _C.CATEGORY and a is _C.CATEGORY_DIGIT:
                    chars.add(_DIGITS)
                else:
                    return None
            return frozenset(chars)
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            f = _first(list(sub))
            if f is None:
                return None
            if lo >= 1:
                return f
            rest = _first(items, i + 1)
            return None if rest is None else f | rest
        if op is _C.SUBPATTERN:
            return _first(list(av[3]) + list(items[i + 1 :]))
        if op is _C.BRANCH:
            out = frozenset()
            for b in av[1]:
                f = _first(list(b) + list(items[i + 1 :]))
                if f is None:
                    return None
                out |= f
            return out
        return None
    return None


def _may_start(first, ch: str) -> bool:
    return first is None or ch in first or (_DIGITS in first and ch.isdigit())


def _normalize(items, budget: int = 64):
    """Alternatives equivalent, in order, to ``items``: leading non-capturing groups flattened, a leading branch
    or optional part distributed ("(?:a|b)c" is "ac|bc", "(?:a )?b" is "a b|b"), a leading repeat of one character
    unrolled once ("x+" is "xx*"), leading lookbehinds moved after a leading literal ("(?<!a )b" is "b(?<!a b)").
    At most about ``budget`` alternatives: past that the rest stays as it is."""
    items = list(items)
    while items:
        op, av = items[0]
        if op is _C.SUBPATTERN and av[0] is None and not av[1] and not av[2]:
            items = list(av[3]) + items[1:]
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] >= 1 and _single(list(av[2])):
            lo, hi, sub = av
            one = list(sub)[0]
            if hi == 1:
                items = [one] + items[1:]
            else:
                items = [one, (op, (lo - 1, hi if hi == _C.MAXREPEAT else hi - 1, sub))] + items[1:]
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] == 0 and av[1] == 1 and budget >= 2 \
                and _first(list(av[2])) is not None:
            # greedy "X?" tries X first, then nothing; lazy "X??" the other way round (X never matches empty)
            with_it, without = list(av[2]) + items[1:], items[1:]
            order = (with_it, without) if op is _C.MAX_REPEAT else (without, with_it)
            out = []
            for alt in order:
                out.extend(_normalize(alt, budget // 2))
            return out
        elif op in (_C.ASSERT, _C.ASSERT_NOT) and av[0] == -1:
            n = 0
            while n < len(items) and items[n][0] in (_C.ASSERT, _C.ASSERT_NOT) and items[n][1][0] == -1:
                n += 1
            if n == len(items) or items[n][0] is not _C.LITERAL:
                break
            lit = items[n]
            moved = [(o, (-1, list(a[1]) + [lit])) for o, a in items[:n]]
            items = [lit] + moved + items[n + 1 :]
        elif op is _C.BRANCH and len(av[1]) <= budget:
            out = []
            share = max(1, budget // len(av[1]))
            for b in av[1]:
                out.extend(_normalize(list(b) + items[1:], share))
            return out
        else:
            break
    return [items]


def _key(items):
    if items and items[0][0] is _C.LITERAL and chr(items[0][1]).isascii():
        return items[0][1]
    return None


def _factor(alternatives):
    """One BRANCH (or a single sequence) equivalent to trying ``alternatives`` in order."""
    slots = []  # [key, suffixes] for literal-led groups, [None, items] for the rest
    for alt in alternatives:
        for items in _normalize(alt):
            k = _key(items)
            if k is not None:
                low = chr(k).lower()
                for j in range(len(slots) - 1, -1, -1):
                    sk, sv = slots[j]
                    if sk == k:
                        slots[j][1].append(items[1:])
                        break
                    f = frozenset(chr(sk).lower()) if sk is not None else _first(sv)
                    if _may_start(f, low):
                        slots.append([k, [items[1:]]])
                        break
                else:
                    slots.append([k, [items[1:]]])
            else:
                slots.append([None, items])
    out = []
    for k, v in _by_frequency(slots):
        if k is None:
            out.append(v)
        elif len(v) == 1:
            out.append([(_C.LITERAL, k)] + list(v[0]))
        else:
            out.append([(_C.LITERAL, k)] + _factor(v))
    if len(out) == 1:
        return out[0]
    return [(_C.BRANCH, (None, out))]


# Letters by how often English words start with them. The engine steps over the branches before the right one at
# every word, so branches for common first letters go first, as far as the order of matching allows.
_LETTER_RANK = {ch: i for i, ch in enumerate("taosiwcbphfmdrelnguyvkjqxz")}


def _by_frequency(slots):
    """``slots`` with literal-led ones moved ahead of rarer ones, never past one that could start alike."""
    ordered = []  # (slot, rank, first characters)
    for slot in slots:
        k = slot[0]
        rank = 100 if k is None else _LETTER_RANK.get(chr(k).lower(), 50)
        first = frozenset(chr(k).lower()) if k is not None else _first(slot[1])
        i = len(ordered)
        while i > 0 and ordered[i - 1][1] > rank and _disjoint(ordered[i - 1][2], first):
            i -= 1
        ordered.insert(i, (slot, rank, first))
    return [slot for slot, _, _ in ordered]


def _disjoint(a, b) -> bool:
    """Whether no text can start with a character of both sets of first characters (None: any character)."""
    if a is None or b is None or a & b:
        return False
    return not ((_DIGITS in a and any(ch.isdigit() for ch in b)) or (_DIGITS in b and any(ch.isdigit() for ch in a)))


def _has_group(items) -> bool:
    """Whether ``items`` hold a capturing group (or a marker): such a branch is left unfactored, so the groups keep
    their numbers and are never copied."""
    for op, av in items:
        if op == _MARK or (op is _C.SUBPATTERN and av[0] is not None):
            return True
        subs = ([av[3]] if op is _C.SUBPATTERN else [av[2]] if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT)
                else [av[1]] if op in (_C.ASSERT, _C.ASSERT_NOT) else av[1] if op is _C.BRANCH
                else [av] if op is _C.ATOMIC_GROUP else [])
        if any(_has_group(list(sub)) for sub in subs):
            return True
    return False


def _walk(items):
    """Factor every BRANCH in ``items`` (those without capturing groups)."""
    out = []
    for op, av in items:
        if op is _C.BRANCH and _has_group([(op, av)]):
            out.append((op, (av[0], [_walk(list(b)) for b in av[1]])))
        elif op is _C.BRANCH:
            out.extend(_factor([_walk(list(b)) for b in av[1]]))
        elif op is _C.SUBPATTERN:
            out.append((op, (av[0], av[1], av[2], _walk(list(av[3])))))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            out.append((op, (av[0], av[1], _walk(list(av[2])))))
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            out.append((op, (av[0], _walk(list(av[1])))))
        else:
            out.append((op, av))
    return out


@functools.lru_cache(maxsize=512)
def factored(source: str) -> str:
    """An equivalent pattern whose alternations are factored by first character (``source`` when not possible)."""
    if _sre_parse is None:
        return source
    try:
        tree = _sre_parse.parse(source)
        if tree.state.flags & ~_C.SRE_FLAG_UNICODE or tree.state.groupdict:
            return source
        out = _emit(_hoisted(_walk(list(tree))), [])
        return out if re.compile(out).groups == tree.state.groups - 1 else source
    except (_Unsupported, RecursionError, re.error):
        return source


#: At most this many first characters for ``_hoisted``: past that, entering the alternation at every letter costs
#: more than testing the look-behind at every position.
_HOIST_MAX_SLOTS = 8


def _hoisted(items):
    r"""A leading look-behind moved into each branch, after the branch's first character:
    "(?<![\w'])(?:thanks|cheers)" as "(?:t(?<![\w']t)hanks|c(?<![\w']c)heers)".

    The same matches; but a pattern that starts with an alternation of literals lets the regex engine skip, in C,
    every position whose character starts no branch, where a leading look-behind is tested at every position.
    """
    if len(items) < 2:
        return items
    op, av = items[0]
    word_start = op is _C.AT and av is _C.AT_BOUNDARY
    if not word_start and (op not in (_C.ASSERT, _C.ASSERT_NOT) or av[0] != -1):
        return items
    branch = items[1]
    slots = branch[1][1] if branch[0] is _C.BRANCH else [[branch]]
    if len(slots) > _HOIST_MAX_SLOTS or any(not slot or slot[0][0] is not _C.LITERAL for slot in slots):
        return items
    if word_start:
        # "\b" before a letter or digit is "not after a word character": "\bsin" as "s(?<!\ws)in"
        if not all(chr(slot[0][1]).isascii() and chr(slot[0][1]).isalnum() for slot in slots):
            return items
        op, behind = _C.ASSERT_NOT, [(_C.IN, [(_C.CATEGORY, _C.CATEGORY_WORD)])]
    else:
        behind = av[1]
    moved = [[slot[0], (op, (-1, list(behind) + [slot[0]]))] + list(slot[1:]) for slot in slots]
    head = [(_C.BRANCH, (None, moved))] if len(moved) > 1 else moved[0]
    return head + items[2:]


def factored_tagged(parts: list[tuple[object, str]], before: str = "", after: str = "") -> tuple[str, list] | None:
    """One factored alternation over several tagged patterns: ``before(?:p1|p2|...)after``.

    Each alternative ends in an empty capturing group, so ``match.lastindex`` tells which tag matched:
    ``tags[match.lastindex - 1]``. The matches are those of ``before(?:(?P<a>p1)|(?P<b>p2)|...)after``.
    None when a part cannot be factored (it has groups of its own, flags, or the regex internals moved).
    """
    if _sre_parse is None:
        return None
    try:
        alternatives = []
        for tag, source in parts:
            tree = _sre_parse.parse(source)
            if tree.state.flags & ~_C.SRE_FLAG_UNICODE or tree.state.groups > 1:
                return None
            items = list(tree)
            branches = [list(b) for b in items[0][1][1]] if len(items) == 1 and items[0][0] is _C.BRANCH else [items]
            alternatives += [_walk(b) + [(_MARK, tag)] for b in branches]
        tags: list = []
        middle = _emit(_factor(alternatives), tags)
        source = f"{before}(?:{middle}){after}"
        re.compile(source)
        return source, tags
    except (_Unsupported, RecursionError, re.error):
        return None


#: (source as written, flags, compiled) of every ``compile_factored`` pattern, for the tests that compare them
FACTORED_PATTERNS: list[tuple[str, int, re.Pattern[str]]] = []


def compile_factored(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, its alternations factored by first character: the same matches, faster."""
    compiled = re.compile(source if flags & re.VERBOSE else factored(source), flags)
    FACTORED_PATTERNS.append((source, flags, compiled))
    return compiled


# --- phrase lists searched from the character before a word --------------------------------------------------
# A phrase list starts with "not after a word character" (``(?<![\w'’´])``; the curly apostrophe and the acute
# accent are not ASCII, so in the ASCII texts this search serves they never occur). The regex engine cannot skip ahead to
# where such a pattern may start: it tries the look-behind at every position, and that is most of what a search of a
# short reply costs. The same pattern with that look-behind replaced by *consuming* the character before the phrase
# (``_BEFORE_A_WORD``) starts with a character class, so the engine skips in C over every letter and digit and tries
# only after spaces and punctuation, where words start. A hit of that scan at ``q`` is a match of the pattern at
# ``q + 1`` (the rest of the pattern, look-behinds included, reads the same text at the same offsets), and the scan
# tries every ``q`` in order, so its first hit gives the pattern's first match after ``q``. A match at the very start
# of the text has no character before it: it is tried first, with ``match``. ``Phrases`` returns the pattern's own
# match object at that position, so callers see what a plain search returns. The class is written for ASCII (a
# table lookup in C): texts with other characters are searched as before. tests/test_qa_speed_patterns2.py compares
# every phrase list searched both ways.
#: How a ``Phrases`` pattern that ``_scan_pattern`` rewrites starts (as ``factored`` writes it, or as written).
_NOT_AFTER_A_WORD = ("(?<![\\w\\x27\\u2019])", "(?<![\\w'’])", "(?<![\\w\\x27\\u2019\\xb4])", "(?<![\\w'’´])")
#: ``[^\w'’]`` within ASCII: every ASCII character but letters, digits, "_" and "'".
_BEFORE_A_WORD = "[\\x00-\\x26\\x28-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]"


def _scan_pattern(source: str) -> re.Pattern[str] | None:
    """The pattern ``source`` with its leading "not after a word character" consuming that character instead, or None
    when it does not start so, or may match an empty string (``Phrases`` goes on searching from the end of a match)."""
    for head in _NOT_AFTER_A_WORD:
        if source.startswith(head) and _sre_parse is not None:
            try:
                scan = re.compile(_BEFORE_A_WORD + source[len(head):])
                if scan.groups != re.compile(source).groups or _sre_parse.parse(source).getwidth()[0] == 0:
                    return None
                return scan
            except (re.error, RecursionError):
                return None
    return None


class Phrases:
    """A compiled phrase list that matches case-insensitively by searching a lowercased copy of the text.

    Python's ``re.IGNORECASE`` makes a long alternation about seven times slower; lowercasing the text
    once (cached for the last text seen) and matching a lowercase pattern keeps offsets identical
    whenever lowercasing keeps the length (always for ASCII; otherwise the slow pattern is used).
    Match objects are over the lowercased text: take quotes from the original with the offsets.
    A phrase list that starts with "not after a word character" is searched in ASCII text from the character before
    each word (``_scan_pattern``): the same matches, found faster.
    """

    __slots__ = ("pattern", "_fast", "_slow", "_scan")

    def __init__(self, source: str):
        self.pattern = source
        source = factored(source)
        self._fast = re.compile(source)
        self._slow = re.compile(source, re.IGNORECASE)
        self._scan = _scan_pattern(source)

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        low = lowered(text)
        return (self._fast, low) if len(low) == len(text) else (self._slow, text)

    def _scan_search(self, low: str, pos: int, endpos: int) -> re.Match[str] | None:
        """``self._fast.search(low, pos, endpos)`` by way of ``self._scan``, for an ASCII ``low``."""
        if pos <= 0:  # (a position before the start is the start, as for ``re``)
            m = self._fast.match(low, 0, endpos)  # at the very start: no character before it
            if m is not None:
                return m
            hit = self._scan.search(low, 0, endpos)
        else:
            hit = self._scan.search(low, pos - 1, endpos)
        return None if hit is None else self._fast.match(low, hit.start() + 1, endpos)

    def _scan_finditer(self, low: str, pos: int, endpos: int):
        """``self._fast.finditer(low, pos, endpos)`` by way of ``_scan_search``: the pattern never matches an empty
        string, so each search goes on from the end of the last match, as ``finditer`` does."""
        m = self._scan_search(low, pos, endpos)
        while m is not None:
            yield m
            m = self._scan_search(low, m.end(), endpos)

    # search, match and finditer inline ``_pick`` and the cache hit of ``lowered``: they run a hundred times per
    # conversation, and the calls cost as much as a short search.
    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        low = _lowered.get(text)
        if low is None:
            low = lowered(text)
        n = len(text)
        if len(low) == n:
            end = n if endpos is None else endpos
            if self._scan is not None and low.isascii():
                if pos > 0:  # ``_scan_search`` inlined for its usual case: a body after @handles
                    hit = self._scan.search(low, pos - 1, end)
                    return None if hit is None else self._fast.match(low, hit.start() + 1, end)
                return self._scan_search(low, pos, end)
            return self._fast.search(low, pos, end)
        return self._slow.search(text, pos, n if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        low = _lowered.get(text)
        if low is None:
            low = lowered(text)
        n = len(text)
        if len(low) == n:
            return self._fast.match(low, pos, n if endpos is None else endpos)
        return self._slow.match(text, pos, n if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        low = _lowered.get(text)
        if low is None:
            low = lowered(text)
        n = len(text)
        if len(low) == n:
            if self._scan is not None and low.isascii():
                return self._scan_finditer(low, pos, n if endpos is None else endpos)
            return self._fast.finditer(low, pos, n if endpos is None else endpos)
        return self._slow.finditer(text, pos, n if endpos is None else endpos)

    def count(self, text: str, pos: int = 0, endpos: int | None = None) -> int:
        """How many matches ``finditer`` yields (counted by ``findall`` in C when there is no scan to use)."""
        low = _lowered.get(text)
        if low is None:
            low = lowered(text)
        n = len(text)
        if len(low) == n:
            if self._scan is not None and low.isascii():
                return sum(1 for _ in self._scan_finditer(low, pos, n if endpos is None else endpos))
            return len(self._fast.findall(low, pos, n if endpos is None else endpos))
        return len(self._slow.findall(text, pos, n if endpos is None else endpos))

    def sub(self, repl: str, text: str) -> str:
        """Replace matches in the original text (by the offsets found in the lowercased copy)."""
        out, last = [], 0
        for m in self.finditer(text):
            out.append(text[last : m.start()])
            out.append(repl)
            last = m.end()
        out.append(text[last:])
        return "".join(out)


_lowered: dict[str, str] = {}


def lowered(text: str) -> str:
    """``text.lower()``, remembered for the texts of the current conversation (the checks share them).

    Keyed by the text itself: its hash is computed once per string and kept by it, and equal texts have equal
    lowercase copies.
    """
    low = _lowered.get(text)
    if low is not None:
        return low
    if len(_lowered) > 256:
        _lowered.clear()
    low = _lowered[text] = text.lower()
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
            escaped = escaped.replace("'", APOSTROPHES)
            parts.append(escaped)
    if not parts:
        return Phrases(r"(?!x)x")
    return Phrases(rf"(?<![\w'’´])(?:{'|'.join(parts)})(?![\w'’´])")


# The apostrophes people type: straight, curly, and the acute accent some keyboards give ("I´ll help you out")
APOSTROPHES = "['’´]"


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
            out.append(APOSTROPHES)
            continue
        out.append(ch)
    return "".join(out)


def body_start(text: str) -> int:
    """Offset after the leading @handles of a social reply (0 when there are none)."""
    if not text or (text[0] not in "@＠" and not text[0].isspace()):
        return 0
    m = _LEADING_HANDLES.match(text)
    return m.end() if m else 0


def body_end(text: str, start: int = 0) -> int:
    """Offset before trailing links, "1/2" counters, ellipses and emoji (a loop, not a regex: hot path)."""
    end = len(text)
    if end > start and (text[-1] in _PLAIN_ENDINGS or (text[-1] == "." and not text.endswith("..."))) \
            and "http" not in text and "www." not in text:
        return end  # most replies: an ASCII letter or a stop, no link anywhere, so nothing trails to cut
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


# Last characters that end a body as they are: neither space nor emoji, and no token ending in one of them is an ellipsis
# or a "1/2" counter (a link could be, hence the test for "http" and "www." beside them; "." ends an ellipsis only after
# two more).
_PLAIN_ENDINGS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?,:;'\"")


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


_ASCII_WORD = re.compile(r"[a-z][a-z']*")


def words(text: str) -> list[str]:
    if text.isascii():  # the same words, lowercased once: no curly apostrophe, and lowercasing keeps every letter
        return _ASCII_WORD.findall(text.lower())
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def content_stems(text: str, extra_stop: frozenset[str] = frozenset()) -> set[str]:
    """Cheap stems (first five letters) of the non-stopwords of ``text``: the words that carry its topic."""
    return {w[:5] for w in words(text) if len(w) >= 4 and w not in STOPWORDS and w not in extra_stop}


def capitalised_words(text: str) -> list[re.Match[str]]:
    return list(_CAPITALISED.finditer(text))


def opening_span(text: str, start: int, limit: int = 60) -> tuple[int, int]:
    """The first sentence after ``start`` (at most ``limit`` characters): what a "missing" check judged."""
    return shorten_opening(text, *first_sentence(text, start), limit)


def first_sentence(text: str, start: int) -> tuple[int, int]:
    """``opening_span`` before the limit: (start, end) of the first sentence after ``start``, (s, s) when empty."""
    while start < len(text) and text[start].isspace():
        start += 1
    m = _FIRST_STOP.search(text, start, min(len(text), start + 400))
    s, e = start, (m.start() + len(m.group(0).rstrip()) if m else min(len(text), start + 400))
    while e > s and text[e - 1].isspace():
        e -= 1
    return (start, start) if e <= s else (s, e)


def shorten_opening(text: str, s: int, e: int, limit: int) -> tuple[int, int]:
    """``opening_span`` from the first sentence ``text[s:e]``: cut at a space to at most ``limit`` characters."""
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
