"""Phrase patterns factored by first character (``phrases.factored``) match exactly what they were written as.

Every ``Phrases`` of the built-in checks and of the QA modules, and the cue lexicon, is compared with the
pattern as written, on the bundled sample conversations, the shared Twitter threads when present, and text
made of the phrases themselves: the same matches, spans and groups, with and without case folding.
"""

from __future__ import annotations

import functools
import random
import re
from importlib import resources

import orjson
import pytest

from smilebox.qa import cues, load_rubric, phrases
from smilebox.qa.phrases import Phrases, factored, factored_tagged
from smilebox.qa.registry import registered_checks
from tests.conftest import SHARED_DATA


def _matches(pattern: re.Pattern[str], text: str) -> list:
    found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    n = len(text)
    for pos, endpos in ((0, n), (n // 3, n), (0, max(0, n - 7)), (n // 2, n // 2 + 40)):
        m = pattern.search(text, pos, endpos)
        found.append((m.span(), m.groups()) if m else None)
        m = pattern.match(text, pos, endpos)
        found.append((m.span(), m.groups()) if m else None)
    return found


def _spans(pattern: re.Pattern[str], text: str) -> list:
    """Every match, and one search in a window: the lighter comparison for the broad tests."""
    n = len(text)
    m = pattern.search(text, n // 3, n - 5)
    return [(m.span(), m.groups()) for m in pattern.finditer(text)] + [m and (m.span(), m.groups())]


def _sample_texts() -> list[str]:
    path = resources.files("smilebox.sample") / "data" / "conversations.jsonl"
    out = []
    for line in path.read_bytes().splitlines():
        if line:
            out += [m.get("text") or "" for m in orjson.loads(line)["messages"]]
    return out


def _twcs_texts(shared_data) -> list[str]:
    import csv

    path = shared_data / "twcs_sample" / "twcs_sample.csv"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [row["text"] for row in csv.DictReader(fh)]


_ODD = ["’", "K", "ſ", "İ", "ı", "١٢٣", "😤", "!!!", "...", "\n", "\n\n", " - ", "^CB", "@116", "#12345", "4111 1111 1111 1111",
        "123-45-6789", "'", ",", "?", "DM", "Hi Sam,", "NOT", "STILL", "http://x.co/a"]


def _phrase_texts(sources: list[str], seed: int = 7, n: int = 400) -> list[str]:
    """Text made of the words the patterns are written with, in any case, with odd characters between."""
    vocab = sorted({w for s in sources for w in re.findall(r"[a-z][a-z'’]*", s)})
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 14)):
            roll = rng.random()
            if roll < 0.75:
                w = rng.choice(vocab)
                parts.append(w.upper() if rng.random() < 0.1 else w.capitalize() if rng.random() < 0.2 else w)
            else:
                parts.append(rng.choice(_ODD))
        texts.append(rng.choice([" ", "  ", " ", ", "]).join(parts) + rng.choice(["", ".", "!", "?", " :)"]))
    return texts


def _all_phrases() -> dict[str, Phrases]:
    found: dict[str, Phrases] = {}
    rubric = load_rubric("connect")
    checks = list(rubric.checks) + [cls() for cls in registered_checks().values()]
    for check in checks:
        for name, value in vars(check).items():
            if isinstance(value, Phrases):
                found[f"{check.id}.{name}"] = value
    import smilebox.qa.checks as pkg
    import importlib
    import pkgutil

    modules = [importlib.import_module(f"smilebox.qa.checks.{m.name}") for m in pkgutil.iter_modules(pkg.__path__)]
    for module in modules + [cues, phrases]:
        for name, value in vars(module).items():
            if isinstance(value, Phrases):
                found[f"{module.__name__}.{name}"] = value
    return found


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    texts = _sample_texts() + _twcs_texts(SHARED_DATA)
    sources = [p.pattern for p in _all_phrases().values()] + [p for _, _, p in cues._LEXICON]
    return texts + _phrase_texts(sources)


def test_every_phrase_pattern_matches_as_written(corpus):
    patterns = _all_phrases()
    assert len(patterns) > 20
    factored_count = 0
    for name, p in patterns.items():
        written_fast, written_slow = re.compile(p.pattern), re.compile(p.pattern, re.IGNORECASE)
        factored_count += p._fast.pattern != p.pattern
        for text in corpus[::2]:
            low = text.lower()
            if len(low) == len(text):
                assert _spans(p._fast, low) == _spans(written_fast, low), (name, text)
            assert _spans(p._slow, text) == _spans(written_slow, text), (name, text)
    assert factored_count > 10  # the rewrite is in use, not silently skipped


def test_cue_lexicon_matches_as_written(corpus):
    named = re.compile(r"(?<![\w'’])(?:" + "|".join(f"(?P<g{i}>{p})" for i, (_, _, p) in enumerate(cues._LEXICON))
                       + r")(?![\w'’])")
    lex = cues._lexicon()
    assert lex.pattern._fast.pattern != named.pattern
    for text in corpus:
        low = text.lower()
        for new, old, subject in ((lex.pattern._fast, named, low),
                                  (lex.pattern._slow, re.compile(named.pattern, re.IGNORECASE), text)):
            if subject is low and len(low) != len(text):
                continue
            got = [(m.span(), lex.meta[m.lastindex]) for m in new.finditer(subject)]
            want = [(m.span(), cues._LEXICON[int(m.lastgroup[1:])][:2]) for m in old.finditer(subject)]
            assert got == want, text


@pytest.mark.parametrize("source, texts", [
    (r"(?:a|ab)(?:c|bcd)(?:d*)", ["abcd", "abcdd", "acd", "ab"]),
    (r"(?:please |kindly )?(?:send|dm)|(?:please )??d", ["please send", "kindly dm", "please d", "d", "please x d"]),
    (r"(?<!i'm )(?<!i am )afraid(?! so)|a\w+", ["i'm afraid", "i am afraid so", "so afraid", "afraid"]),
    (r"f+u+c+k\w*|fun|\d+ times|\d+th|no{3,}|no", ["fuuuck", "fun", "12 times", "4th", "nooooo", "no"]),
    (r"x{2,4}y|x{2,4}?z|xy|x++w", ["xxxxy", "xxxz", "xy", "xxw", "xxxxxz"]),
    (r"(?i:thanks|thank you)[ \t]*,?[ \t]+([A-Z][a-z]+)|thx", ["Thanks, Priya", "THANK YOU Sam", "thx"]),
    (r"\bsorry\b|\Bs|^so|so$|s\Z|\As", ["sorry", "also", "so", "s"]),
    (r"(a)b|(?:ab|ac)(c)?|(?:a(d))|ad", ["ab", "acc", "ad", "abc"]),  # capturing groups keep their numbers
    (r"kelvin|kilo|s(?:top|ſ)|[a-c]x|[^a-z]y|.z|", ["Kelvin", "KILO", "ſtop", "bx", "9y", "zz", ""]),
])
def test_factored_tricky_constructs(source, texts):
    new = factored(source)
    for flags in (0, re.IGNORECASE):
        a, b = re.compile(source, flags), re.compile(new, flags)
        for text in texts + [" ".join(texts), "".join(texts)]:
            assert _matches(b, text) == _matches(a, text), (source, flags, text)


def test_factored_leaves_what_it_cannot_prove_alone():
    assert factored(r"(?P<a>x)|xy") == r"(?P<a>x)|xy"  # a named group
    assert factored(r"(?i)ab|ac") == r"(?i)ab|ac"  # a global flag
    assert factored(r"(?x) a b | a c") == r"(?x) a b | a c"
    assert factored("[") == "["


def test_factored_tagged_tells_which_part_matched():
    source, tags = factored_tagged([("x", "sad|sorry"), ("y", "so|sorry to")], r"\b", r"\b")
    p = re.compile(source)
    assert [(m.group(0), tags[m.lastindex - 1]) for m in p.finditer("so sorry to be sad")] == \
        [("so", "y"), ("sorry", "x"), ("sad", "x")]
    assert factored_tagged([("x", "(a)b")]) is None


def test_every_compile_factored_pattern_matches_as_written(corpus):
    import smilebox.qa.checks.security  # noqa: F401 - modules whose patterns are compiled with compile_factored
    import smilebox.qa.view  # noqa: F401

    assert len(phrases.FACTORED_PATTERNS) > 5
    for source, flags, compiled in phrases.FACTORED_PATTERNS:
        written = re.compile(source, flags)
        for text in corpus[::2]:
            for subject in (text, text.lower()):
                assert _spans(compiled, subject) == _spans(written, subject), (source, text)


def test_trailing_vocative_look_behind_moved(corpus):
    from smilebox.qa import view

    written = re.compile(r"(?<=[a-z'’] )([A-Z][a-z]+)\s*(?:[.!?]|,\s+(?=[a-z]))")
    for text in corpus:
        assert _matches(view._TRAILING_VOCATIVE, text) == _matches(written, text), text


def test_words_fast_path_for_ascii(corpus):
    for text in corpus:
        want = [w.lower().replace("’", "'") for w in phrases._WORD.findall(text)]
        assert phrases.words(text) == want, text


@pytest.mark.parametrize("source", [
    r"(?<![\w'’])(?:thanks|cheers|thank you|ty)(?![\w'’])",
    r"(?<![\w'’])thanks?(?![\w'’])",
    r"(?<=[.!?] )(?:we|i) can",
    r"(?<!no )(?:thanks|thx)|cheers",
])
def test_look_behind_hoisted_into_branches(source, corpus):
    new = factored(source)
    for flags in (0, re.IGNORECASE):
        a, b = re.compile(source, flags), re.compile(new, flags)
        for text in corpus[:3000]:
            assert _matches(b, text) == _matches(a, text), (source, text)
            assert _matches(b, text.lower()) == _matches(a, text.lower()), (source, text)


def test_first_stop_rewritten(corpus):
    written = re.compile(r"[.!?…]+(?=\s|$)|\n")
    for text in corpus + ["a.\nb", "?!a", "end...", "x…\n", "\n\n", "a. b! c?"]:
        assert _matches(phrases._FIRST_STOP, text) == _matches(written, text), text


def test_sign_mark_rewritten(corpus):
    written = re.compile(phrases._SIGN_MARK_AS_WRITTEN)
    edge = ["^CB", "ok -KC", "done.--Jo", "x —— Al", "a ^ab.", "x*JM", "/NQ", "~RW\n", "-Erica", "^Wren", "- Nick",
            "a-b", "1-2", "thanks!—Dee", "text –  Bo", "-- ", "^", "x ^^AB", "\t-Al"]
    for text in corpus + edge + [f"All sorted. {e}" for e in edge]:
        n = len(text)
        assert _matches(phrases.SIGN_MARK, text) == _matches(written, text), text
        for pos in (0, max(0, n - 40), max(0, n - 3), 1):
            m1, m2 = phrases.SIGN_MARK.search(text, pos, n), written.search(text, pos, n)
            assert (m1 and (m1.span(), m1.groups())) == (m2 and (m2.span(), m2.groups())), (text, pos)


@pytest.mark.parametrize("source", [
    r"\b(?:ssn|social security(?: number| no\.?)?|sin|national (?:id|insurance)(?: number)?)\b[\s:#is]{1,6}\d+",
    r"\b(?:password|pin)\b",
    r"\bsin",
    r"\b(?:a|-b)",
])
def test_word_boundary_hoisted_into_branches(source, corpus):
    new = factored(source)
    for flags in (0, re.IGNORECASE):
        a, b = re.compile(source, flags), re.compile(new, flags)
        for text in corpus[:3000] + ["sin", "asin", "é sin", "_sin", "9sin", "sin9"]:
            assert _matches(b, text) == _matches(a, text), (source, text)
            assert _matches(b, text.lower()) == _matches(a, text.lower()), (source, text)


def test_security_hints_cover_every_default_phrase(corpus):
    """The literal scans the security check runs first never skip a reply its full patterns would match."""
    from smilebox.qa.checks import security as S

    check = S.Security()
    for text in corpus:
        if not text.isascii():
            continue
        low = text.lower()
        if check._asking.search(text):
            m = check._asking.search(text)
            assert S._ASKING_HINT.search(low, m.start(), m.end()), text
        m = check._disclosure.search(text)
        if m:
            assert S._DISCLOSURE_HINT.search(low, m.start(), m.end()), text
    for phrase in ["send us your full card number", "what is your password", "dm me your pin", "provide your ssn",
                   "reply with your national insurance number", "share the security code", "type your cvv",
                   "confirm your credit card number", "what's the social security number", "send us your card details",
                   "give me your passcode", "include your cvc", "post your debit card number", "need your pin number"]:
        assert check._asking.search(phrase), phrase
        assert S._ASKING_HINT.search(phrase), phrase


_SIGNOFF_ENDINGS = ["Best, Chloé D.", "Thanks, Priya", "... on your line? FA", "how much?EE", "= JJ", "the week. Phil.",
                    "changes-Yana", "When did you visit? Robbie", "- The Support Team", "Customer Service Team",
                    "Acme help desk", "I'm Sam from the team.", "Sam here, happy to help.", "my name is Dave, hi",
                    "Kind regards,\nJuan Perez", "cheers Élodie", "Take care Ana B", "Thanks,\nThe Acme Support Team",
                    "^Customer Care", "- help desk  ", "/ Service"]


def test_signoff_prefilters_never_skip_a_match(corpus):
    from smilebox.qa import view

    texts = corpus + [f"Your order has shipped. {e}" for e in _SIGNOFF_ENDINGS]
    for text in texts:
        end = len(text.rstrip())
        w60, w30 = max(0, end - 60), max(0, end - 30)
        if view._INLINE_SIGNED.search(text, w60, end) or view._BARE_SIGNOFF.search(text, w30, end):
            assert view._CAPITAL_TAIL.search(text, w60, end), text
        if text.isascii() and view._TEAM_TAIL.search(text, w60, end):
            assert text.lower()[w60:end].rstrip().endswith(view._TEAM_ENDS), text
        for a, b in ((0, min(end, 160)), (max(0, end - 160), end)):
            if phrases.SELF_INTRO.search(text, a, b):
                assert view._SELF_INTRO_HINT.search(text, 0, end), text
        m = view._COURTESY_VOCATIVE.search(text, 0, end)
        if m:
            assert view._COMMA_NAME.search(text, 0, end), text


@functools.cache
def _as_written_patterns():
    named = Phrases(r"(?<![\w'’])(?:" + "|".join(f"(?P<g{i}>{p})" for i, (_, _, p) in enumerate(cues._LEXICON))
                    + r")(?![\w'’])")
    return (named, re.compile(cues._NEGATION_SOURCE, re.IGNORECASE), re.compile(cues._SHOUT_SOURCE),
            re.compile(cues._NEGATIVE_SOURCE, re.IGNORECASE), re.compile(cues._PRAISE.pattern, re.IGNORECASE),
            re.compile(cues._PROBLEM.pattern, re.IGNORECASE))


def _lexicon_cues_as_written(message_id, text, start, end):
    """``cues._lexicon_cues`` as first written (one named group per lexicon entry), the reference for the fast one."""
    from smilebox.qa.results import Cue

    named, negation, shout, negative_words, praise, problem = _as_written_patterns()
    best = {}
    for m in named.finditer(text, start, end):
        kind, strength = cues._LEXICON[int(m.lastgroup[1:])][:2]
        if not cues._SELF_NEGATING.match(m.group(0)):
            if negation.search(text, max(start, m.start() - 40), m.start()):
                continue
        quote = text[m.start() : m.end()]
        if cues._AMBIVALENT.fullmatch(quote):
            # praise besides the cue's own words ("can't"): a happy "Can't believe I'm leaving, wonderful time"
            positive = len(praise.findall(text, start, end))
            problems = len(problem.findall(text, start, m.start())) + len(problem.findall(text, m.end(), end))
            if positive and problems < positive:
                continue
        cues._keep(best, Cue(message_id, kind, strength, m.start(), m.end(), quote))
    if not text.isascii():
        for m in cues._EMOJI_RE.finditer(text, start):
            cues._keep(best, Cue(message_id, cues._EMOJI_CUES[m.group(0)], 0.75, m.start(), m.end(), m.group(0)))
    negative = negative_words.search(text, start, end) is not None
    praise_only = best == {} and cues.is_praise_words(text, start, end) and not negative
    if "!" in text or cues._CAPS_RUN.search(text, start, end):
        for m in shout.finditer(text, start, end):
            quote = m.group(0).strip()
            if quote[:1].isalpha() and all(w.strip("!?.,") in cues._ACRONYMS for w in quote.split()):
                continue
            kind = "anger" if quote[:1].isalpha() and " " in quote else "frustration"
            s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            cues._keep(best, Cue(message_id, kind, 0.7, s, s + len(quote), quote))
    else:
        praise_only = False
    # "?!" with a word of a problem: exasperation; the earlier cue stays on a tie of strength
    m = re.compile(r"\?+!+[!?]*|!+\?+[!?]*").search(text, start, end)
    if m and negative:
        current = best.get("frustration")
        if current is None or current.score < 0.7 or (current.score == 0.7 and m.start() < current.start):
            best["frustration"] = Cue(message_id, "frustration", 0.7, m.start(), m.end(), m.group(0))
        praise_only = False
    else:
        # "So???": three question marks are exasperation too (praise alone, shouting for joy, still rules it out)
        q = re.compile(r"\?\?\?+").search(text, start, end)
        if q:
            current = best.get("frustration")
            if current is None or current.score < 0.7 or (current.score == 0.7 and q.start() < current.start):
                best["frustration"] = Cue(message_id, "frustration", 0.7, q.start(), q.end(), q.group(0))
    if praise_only:
        return []
    return sorted(best.values(), key=lambda c: c.start)


def test_lexicon_cues_as_written(corpus):
    shouting = ["THANK YOU!!! YOU ARE A REAL MVP!!!", "I am NOT happy", "WHY IS THIS STILL BROKEN", "USA ATL DFW",
                "great service!!!", "not angry at all!!!", "love it 😤", "ugh!!! again", "I CAN'T BELIEVE THIS", "ok!!",
                "wow an outage!!!!", "Is there parking ?!", "you can't deliver my bag?!", "NOT again!!?", "why?! wow!!! great",
                "Can't believe it, a wonderful stay", "can't believe you lost it ?!", "Mine is 9. So???",
                "THANK YOU SO MUCH!!! best day ever???", "where is it??? NOT happy!!!"]
    for text in corpus + shouting:
        start = phrases.body_start(text)
        end = phrases.body_end(text, start)
        assert cues._lexicon_cues("m", text, start, end) == _lexicon_cues_as_written("m", text, start, end), text


def test_sentence_pattern_matches_as_written(corpus):
    written = re.compile(phrases._SENTENCE_AS_WRITTEN)
    edge = ["?!a", "a.b?!c", "x\n\ny. z", "end...", "", "a", "e.g. this", "Hi!!! ok\n", "3.5 or 4.", "wait…\nwhat?)",
            "(sure.) ok", "a .b", ". . .", "!\n!", "x.\n", "x?!", "¿qué?"]
    for text in corpus + edge:
        assert _matches(phrases._SENTENCE, text) == _matches(written, text), text


def test_customer_introduction_prefilters_never_skip_a_match(corpus):
    from smilebox.qa import view

    texts = corpus + ["Hi, my name is Dave", "MY NAME IS carla", "I'm Tom, order 55", "this is Ann here", "it's Bo!"]
    for text in texts:
        end = len(text)
        if view._CUSTOMER_INTRO.search(text):
            assert view._CUSTOMER_INTRO_HINT.search(text, 0, end), text
        if text.isascii() and view._MY_NAME_IS.search(text):
            assert "my name" in text.lower(), text


def test_opening_kept_on_the_reply_is_the_opening_span(corpus):
    from types import SimpleNamespace

    from smilebox.qa.checks._common import opening
    from smilebox.qa.view import Reply

    for i, text in enumerate(corpus[::5]):
        start = phrases.body_start(text)
        reply = Reply(SimpleNamespace(id=f"m{i}", text=text), 0)
        for limit in (60, 40, 60, 10):
            s, e = phrases.opening_span(text, start, limit)
            ev = opening(reply, limit)
            assert (ev.start, ev.end, ev.quote) == (s, e, text[s:e])
        duck = SimpleNamespace(id="x", text=text, start=start, end=len(text))
        assert opening(duck, 40).quote == text.__getitem__(slice(*phrases.opening_span(text, start, 40)))
