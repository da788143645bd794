"""The second speed pass of the QA engine gives the same answers as the code it replaces.

- ``Phrases`` searches a phrase list that starts with "not after a word character" from the character before each
  word (``phrases._scan_pattern``): ``search``, ``finditer``, ``count`` and ``sub`` are compared with the plain
  pattern over the bundled sample, the public Twitter threads when present, and texts made of the phrases' own words,
  with random windows (including windows that start right at a match, at the text's end, or end before they start);
- ``_LEADING_HANDLES`` (possessive) is compared with the pattern as written;
- ``Phrases.count`` is compared with counting ``finditer``;
- the security check's digit count (bytes translation) is compared with ``str.count`` over the ten digits, and its
  literal pre-test of the verification phrases is checked never to skip a text the phrase pattern matches;
- ``Reply.low`` is the lowercase copy ``phrases.lowered`` gives;
- ``TemplateLibrary.best_match`` (``similarity`` inlined) gives what ``max`` over ``similarity`` gives;
- the customer's sign-off and introduction pre-tests of ``qa.view`` never skip a text the patterns match.
"""

from __future__ import annotations

import random
import re

import pytest

from smilebox.qa import cues, phrases
from smilebox.qa.checks import security
from smilebox.qa.phrases import Phrases
from tests.conftest import SHARED_DATA
from tests.test_qa_factored import _all_phrases, _phrase_texts, _sample_texts, _twcs_texts


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    texts = _sample_texts() + _twcs_texts(SHARED_DATA)
    sources = [p.pattern for p in _all_phrases().values()] + [p for _, _, p in cues._LEXICON]
    edge = ["", "a", " ", "no", "no no no", "not  happy", "'not'", "don't", "n't", "_not", "1not", "not_", "#fail",
            "@115712 not happy", "sorry!!!sorry", "\nsorry\n", "...still waiting...", "ſtill", "Still", "STILL WAITING"]
    return texts + _phrase_texts(sources, seed=23) + edge


def _patterns() -> dict[str, Phrases]:
    found = dict(_all_phrases())
    found["cues._lexicon"] = cues._lexicon().pattern
    return found


def _plain(p: Phrases, low: str, pos: int, endpos: int) -> list:
    return [(m.span(), m.groups(), m.lastindex) for m in p._fast.finditer(low, pos, endpos)]


def _scanned(p: Phrases, low: str, pos: int, endpos: int) -> list:
    return [(m.span(), m.groups(), m.lastindex) for m in p._scan_finditer(low, pos, endpos)]


def _windows(text: str, rng: random.Random, p: Phrases) -> list[tuple[int, int]]:
    n = len(text)
    out = [(0, n), (n, n), (0, 0)]
    a = rng.randint(0, n)
    out.append((a, rng.randint(a, n)))
    out.append((a, max(0, a - rng.randint(0, 3))))  # a window that ends before it starts
    out.append((-3, n + 5))  # bounds outside the text, clipped as ``re`` clips them
    for m in p._fast.finditer(text.lower()) if len(text.lower()) == n else ():
        out.append((m.start(), n))  # starting right at a match, and right after its first character
        out.append((m.start() + 1, n))
        break
    return out


def test_phrase_lists_are_scanned(corpus):
    patterns = _patterns()
    scanned = [name for name, p in patterns.items() if p._scan is not None]
    assert len(scanned) > 15  # the rewrite is in use, not silently skipped
    assert patterns["cues._lexicon"]._scan is not None


def test_scanned_search_matches_the_plain_pattern(corpus):
    rng = random.Random(5)
    for name, p in _patterns().items():
        if p._scan is None:
            continue
        for text in corpus:
            low = text.lower()
            if len(low) != len(text) or not low.isascii():
                continue
            for pos, endpos in _windows(text, rng, p):
                assert _scanned(p, low, pos, endpos) == _plain(p, low, pos, endpos), (name, text, pos, endpos)
                plain = p._fast.search(low, pos, endpos)
                got = p._scan_search(low, pos, endpos)
                assert (got and (got.span(), got.groups())) == (plain and (plain.span(), plain.groups())), \
                    (name, text, pos, endpos)


def test_phrases_methods_match_the_plain_pattern(corpus):
    """The public methods, whichever path they take (scan, plain, or the case-insensitive pattern)."""
    rng = random.Random(9)
    for name, p in _patterns().items():
        for text in corpus[::3]:
            low = text.lower()
            pattern, subject = (p._fast, low) if len(low) == len(text) else (p._slow, text)
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            for pos, endpos in ((0, None), (a, b), (a, None)):
                end = len(text) if endpos is None else endpos
                want = [(m.span(), m.groups()) for m in pattern.finditer(subject, pos, end)]
                assert [(m.span(), m.groups()) for m in p.finditer(text, pos, endpos)] == want, (name, text, pos, endpos)
                first = p.search(text, pos, endpos)
                assert (first.span() if first else None) == (want[0][0] if want else None), (name, text, pos, endpos)
                assert p.count(text, pos, endpos) == len(want), (name, text, pos, endpos)
            assert p.sub(" ", text) == _sub_plain(pattern, subject, text), (name, text)


def _sub_plain(pattern: re.Pattern[str], subject: str, text: str) -> str:
    out, last = [], 0
    for m in pattern.finditer(subject):
        out += [text[last : m.start()], " "]
        last = m.end()
    return "".join(out + [text[last:]])


def test_scan_is_refused_where_it_would_not_be_exact():
    assert phrases._scan_pattern(r"\bthanks\b") is None  # not the look-behind it replaces
    assert phrases._scan_pattern(r"(?<![\w'’])(?:x?)") is None  # may match an empty string
    assert phrases._scan_pattern(r"(?<![\w'’])(?:thanks|cheers)(?![\w'’])") is not None


def test_leading_handles_as_written(corpus):
    written = re.compile(phrases._LEADING_HANDLES_AS_WRITTEN)
    rng = random.Random(3)
    alphabet = ["@", "＠", "a", "1", "_", " ", "\t", "\n", ":", ",", "x", "é", "😤", ".", "@@"]
    randoms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for text in corpus + randoms:
        assert phrases._LEADING_HANDLES.match(text).span() == written.match(text).span(), text


def test_digit_count_by_bytes(corpus):
    rng = random.Random(4)
    randoms = ["".join(rng.choice("0123456789 -abc@") for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    for text in corpus + randoms:
        if text.isascii():
            by_bytes = len(text) - len(text.encode().translate(None, security._ASCII_DIGIT_BYTES))
            assert by_bytes == sum(map(text.count, "0123456789")), text


def test_verified_pretest_never_skips_a_verification(corpus):
    check = security.Security()
    assert check._verified_hinted
    extra = _phrase_texts([p[3:] for p in security.VERIFIED], seed=31, n=1500)
    extra += ["Thanks for verifying", "ID VERIFIED", "passed security", "That all matches", "everything checks out",
              "You've been verified.", "PAſſED SECURITY", "İ have verified"]
    hits = 0
    for text in corpus + extra:
        if check._verified.search(text):
            hits += 1
            assert security._may_say_verified(text), text
    assert hits > 20
    assert not security.Security({"verified": ["all good"]})._verified_hinted


def test_reply_low_is_the_shared_lowercase_copy(corpus):
    from types import SimpleNamespace

    from smilebox.qa.view import Reply

    for text in corpus[:200]:
        r = Reply(SimpleNamespace(id="m", text=text), 0)
        assert r.low == text.lower() == phrases.lowered(text)


def test_template_best_match_as_with_similarity(corpus):
    from smilebox.qa.checks.tailored import Tailored
    from smilebox.qa.templates import TemplateLibrary, normalise, shingles, similarity

    libraries = [Tailored()._library, TemplateLibrary(["Hi", "", "Please DM us.", "We are sorry to hear that, please DM us"]),
                 TemplateLibrary(["one two", "one two three four five six seven eight nine ten eleven twelve"])]
    for library in libraries:
        for text in corpus[::2] + ["", "ok", "Please DM us", "one two three"]:
            reply = shingles(normalise(text), library.k)
            want = max(((t, similarity(reply, s)) for t, s in library.templates), key=lambda ts: ts[1])
            got = library.best_match(text)
            assert got == want and repr(got[1]) == repr(want[1]), text


def test_customer_sign_off_pretests(corpus):
    from smilebox.qa import view

    rng = random.Random(8)
    alphabet = list("AZaz'- \t.!\n,?") + ["Ann", "Bob", "my name", "i'm ", "I am ", "this is ", "it's ", "É", "😤", "Mc"]
    randoms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(6000)]
    ended = 0
    for text in corpus + randoms:
        low = text.lower()
        n = len(text)
        for lo, end in ((0, n), (max(0, n - 40), n), (rng.randint(0, n), n), (0, rng.randint(0, n))):
            lo = min(lo, end)
            found = view._ENDS_CAPITALISED.search(text, lo, end)
            ended += bool(found)
            assert not found or view._may_end_capitalised(text, lo, end), (text, lo, end)
            assert view._has_intro_words(low, lo, end) == bool(view._INTRO_WORDS.search(low, lo, end)), (text, lo, end)
    assert ended > 100
