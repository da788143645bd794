"""The speed rewrites of the QA engine give the same answers as the code they replace.

Patterns rewritten to start with one character class (so the regex engine skips to candidates in C) are compared
with the patterns as written; the literal pre-test of the gratitude check is checked never to skip a reply the phrase
pattern would match; the fast path of ``body_end`` is compared with the loop alone. Texts: the bundled sample, the
public Twitter threads when present, and random strings of the characters each pattern turns on (with windows).
"""

from __future__ import annotations

import csv
import random
import re
from importlib import resources

import orjson
import pytest

from smilebox.qa import cues, phrases, templates
from smilebox.qa.checks import closing, gratitude, security, tailored
from smilebox.qa.registry import registered_checks
from tests.conftest import SHARED_DATA


@pytest.fixture(scope="module")
def texts() -> list[str]:
    path = resources.files("smilebox.sample") / "data" / "conversations.jsonl"
    out = []
    for line in path.read_bytes().splitlines():
        if line:
            out += [m.get("text") or "" for m in orjson.loads(line)["messages"]]
    twcs = SHARED_DATA / "twcs_sample" / "twcs_sample.csv"
    if twcs.is_file():
        with open(twcs, encoding="utf-8", newline="") as fh:
            out += [row["text"] for row in csv.DictReader(fh)]
    return out


def _random_texts(alphabet: list[str], n: int, seed: int, longest: int = 10) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(n)]


def _spans(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> list:
    endpos = len(text) if endpos is None else endpos
    return [(m.span(), m.groups()) for m in pattern.finditer(text, pos, endpos)]


def _compare(fast: re.Pattern[str], written: re.Pattern[str], corpus: list[str]) -> None:
    rng = random.Random(11)
    for text in corpus:
        assert _spans(fast, text) == _spans(written, text), text
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        assert _spans(fast, text, a, b) == _spans(written, text, a, b), (text, a, b)
        assert fast.sub(" ", text) == written.sub(" ", text), text


def test_proper_and_links_as_written(texts):
    written = re.compile(tailored._PROPER_AND_LINKS_AS_WRITTEN)
    odd = ["h", "H", "w", "W", "@", "＠", "^", "*", "~", "/", "=", "-", "A", "Z", "a", "_", "1", "é", " ", "\n", "\t",
           ",", ".", "!", ";", ":", "&", "'", "’", "ttps://", "http://x", "www.", "ww."]
    _compare(tailored._PROPER_AND_LINKS, written, texts + _random_texts(odd, 40_000, seed=1))


def test_shout_as_written(texts):
    written = re.compile(cues._SHOUT_SOURCE)
    odd = ["A", "B", "N", "O", "T", "NOT", "NOTHING", "STILL", "EVER", "TWICE", "!", "?", ".", ",", " ", "\n", "a", "_",
           "1", "É", "é", "!!!", "?!"]
    _compare(cues._SHOUT, written, texts + _random_texts(odd, 40_000, seed=2))


def test_rewritten_repeats_as_written(texts):
    digits = ["1", "2", "0", "-", " ", "a", "١", "x"]
    ssn = re.compile(r"\d{3}-\d{2}-\d{4}(?![\d-])")
    _compare(security._SSN_DIGITS, ssn, texts + _random_texts(digits, 20_000, 3, 16))
    _compare(templates._NUMBER, re.compile(r"\d+"), texts + _random_texts(digits, 5_000, 4))
    low = [t.lower() for t in texts] + _random_texts(["a", "z", "0", "'", " ", "-", "é"], 5_000, 5)
    _compare(templates._TOKEN, re.compile(r"[a-z0-9']+"), low)
    _compare(cues._CAPS_RUN, re.compile(r"[A-Z]{3}"), texts + _random_texts(["A", "B", "a", " ", "É"], 5_000, 6))


def test_alnum_is_str_isalnum():
    assert all((closing._ALNUM.match(chr(c)) is not None) == chr(c).isalnum() for c in range(0x3000))
    for ch in "_ ٣²ⅷé😤":
        assert (closing._ALNUM.match(ch) is not None) == ch.isalnum(), ch


def _body_end_as_written(text: str, start: int = 0) -> int:
    end = len(text)
    while end > start:
        ch = text[end - 1]
        if ch.isspace() or (ord(ch) >= 0x2600 and phrases._is_emoji(ch)):
            end -= 1
            continue
        k = max(text.rfind(" ", start, end), text.rfind("\n", start, end), start - 1) + 1
        first = text[k]
        if (first == "h" and text.startswith(("http://", "https://"), k)) or (first == "w" and text.startswith("www.", k)) \
                or (first in ".…" and text[k:end] in ("...", "…")) \
                or (first in "(0123456789" and phrases._COUNTER.fullmatch(text, k, end)):
            end = k
            continue
        return end
    return end


def test_body_end_fast_path(texts):
    odd = ["a", "Z", ".", "..", "…", " ", "\n", "\t", "1", "/", "2", "(", ")", "http://x", "https://", "www.", "😀", "!",
           "?", ",", "'", "\"", ":", ";", "h", "w"]
    rng = random.Random(7)
    for text in texts + _random_texts(odd, 60_000, seed=8):
        start = phrases.body_start(text)
        assert phrases.body_end(text, start) == _body_end_as_written(text, start), text
        s = rng.randint(0, len(text))
        assert phrases.body_end(text, s) == _body_end_as_written(text, s), (text, s)


def test_gratitude_literal_pretest_never_skips_a_match(texts):
    check = registered_checks()["gratitude"]()
    assert check._hinted
    odd = ["thank", "THANK", "ty", "TY", "thx", "cheers", "appreciat", "grateful", "ſ", "K", "İ", " ", "you", "for", "x"]
    for text in texts + _random_texts(odd, 20_000, seed=9, longest=6):
        if check._thanks.search(text):
            assert gratitude._may_thank(text), text
    # configured phrases are always searched
    assert not registered_checks()["gratitude"]({"phrases": ["cheers mate"]})._hinted
