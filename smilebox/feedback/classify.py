"""Smile, opportunity, mixed or neutral: the rating and the text read together.

The text is cut into clauses (sentences, and the halves around "but", "however", "although"); each
clause is read for polarity by the sentiment model and searched for complaint cues, phrasings that
polarity models miss because the words are polite ("you might first want to improve yours", "it took
three weeks"). A clause with a cue counts as negative whatever its polarity. Praise cues are the other
way round: praise said through negated or idiomatic words ("no complaints", "not bad at all", "couldn't be
happier", "went above and beyond") that a polarity model trained on complaints reads as negative; a clause
with one and no complaint cue counts as positive. The rating's band and the text's band then decide:

================  ==========  ===========  ===========  ==========
rating \\ text    positive    negative     mixed        neutral/none
================  ==========  ===========  ===========  ==========
positive          smile       mixed        mixed        smile
neutral           smile       opportunity  mixed        neutral
negative          mixed*      opportunity  opportunity  opportunity
none              smile       opportunity  mixed        neutral
================  ==========  ===========  ===========  ==========

(*) opportunity when the text is under four words: "Thanks!" under a 1-star rating is politeness.
A colleague's thank-you note is always a smile. Every result carries a one-line reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from smilebox.feedback.scales import Rating, rating_band

CLASSES = ("smile", "opportunity", "mixed", "neutral")

_CLAUSE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+|[,;]?\s+\b(?:but|however|although|though|except|yet)\b[,]?\s+", re.IGNORECASE)

#: name -> pattern. Each finds a complaint phrased in words a polarity model reads as neutral or kind.
COMPLAINT_CUES: dict[str, re.Pattern[str]] = {name: re.compile(p, re.IGNORECASE) for name, p in {
    "should-improve": r"\bimprove (yours|your own)\b|\b(you|they|your \w+)\b[^.!?]{0,30}\b(need|needs|should|must|might|ought|have|has) "
                      r"(first |really |seriously )?(to )?(want to )?improve\b|\bpractice what you preach\b|\b(room for|needs?) improvement\b",
    "could-be-better": r"\bcould (have been|be|have) (better|faster|quicker|clearer|done better)\b|\bdo better\b",
    "slow": r"\btook (too long|forever|ages|(over |more than )?(a|an|\d+|two|three|four|five|six|several|many) (days?|weeks?|months?|hours?))\b"
            r"|\b(on hold|waited|waiting) (for )?(over |more than )?((\d+|an?|two|three|several|many) (minutes?|hours?|days?|weeks?)|hours|days|weeks|forever|ages)\b"
            r"|\b(too|so|very|really|painfully) slow\b",
    "unresolved": r"\b(not|never|wasn't|isn't|hasn't been|still not|wasn't) (been )?(resolved|fixed|solved|sorted|answered|addressed|helpful|working)\b"
                  r"|\b(didn't|did not|doesn't|does not|won't|wouldn't|couldn't|could not|can't|cannot|never) (even )?"
                  r"(help|work|fix|solve|resolve|answer|respond|reply|get back|call (me )?back|listen|arrive)\b"
                  r"|\bstill (waiting|broken|not|no|haven't|hasn't|doesn't|charging)\b",
    "no-response": r"\bno (one|response|reply|answer|call ?back|follow[- ]?up|help)\b|\bnobody\b"
                   r"|\bnever (got|received|heard|replied|responded|called)\b",
    "repeat-contact": r"\bhad to (call|email|write|explain|repeat|chase|contact|ask)\b[^.!?]{0,30}\b(again|twice|three times|several times|multiple times|many times)\b",
    "service-failure": r"\bthanks? (you )?for nothing\b|\bwhere(?:'s| is) my\b|\b(delayed|cancell?ed|lost|missing|late) (again|twice|my|our|bags?|luggage|package|order)\b"
                       r"|\b(was|been|got|is|are|were) (delayed|cancell?ed|lost|missing)\b|\bon hold\b|\bhold times?\b|\bcan't get through\b",
    "billing": r"\b(charged|billed) (me )?(twice|double|again|wrong\w*)\b|\bovercharg\w*|\bdouble[- ]charg\w*",
    "upset": r"\b(disappoint\w*|frustrat\w*|unacceptable|ridiculous|terrible|horrible|awful|worst|rude|useless|incompetent"
             r"|waste of (my )?time|fed up|never again|unhappy|not happy|angry|furious|annoy\w*)\b",
}.items()}
#: name -> pattern. Each finds praise in words a polarity model reads as negative or neutral.
PRAISE_CUES: dict[str, re.Pattern[str]] = {name: re.compile(p, re.IGNORECASE) for name, p in {
    "no-complaints": r"\bno (complaints?|issues|problems) (at all|whatsoever|here|from me)\b|\bno complaints\b"
                     r"|\bnothing (at all )?to complain about\b|\b(can't|cannot|couldn't|could not) complain\b"
                     r"|\bnever (had|have had) (a|any) (problem|issue|complaint)s?\b",
    "not-bad": r"\bnot (too |that |half )?bad at all\b|\bnot half bad\b",
    "could-not-be-better": r"\b(couldn't|could not|can't|cannot) (be|have been) (happier|more (pleased|helpful|satisfied)|better)\b"
                           r"|\b(couldn't|could not|can't|cannot) (have )?(asked|ask|wish) for (more|better|a better)\b",
    "cannot-fault": r"\b(can't|cannot|couldn't|could not) fault\b|\bfaultless\b|\bflawless\b",
    "no-trouble": r"\bnothing (was )?too much (trouble|to ask)\b|\bno (problem|request|question) (was )?too (much|big|small)\b"
                  r"|\bno (hassle|fuss|drama)\b|\bhassle[- ]free\b|\bpainless\b|\bwithout (any )?(hassle|fuss)\b",
    "above-and-beyond": r"\babove and beyond\b|\bbeyond the call of duty\b|\bextra mile\b",
    "quick-fix": r"\b(sorted|fixed|solved|resolved|handled|sorted out)\b[^.!?]{0,25}\b(in (no time|minutes|seconds|a flash|a jiffy"
                 r"|(one|two|three|four|five|ten|a few|\d+) (minutes?|mins?))|straight away|right away|immediately|first time)\b",
    "never-felt": r"\bnever (once )?felt (stupid|rushed|ignored|judged|dumb|silly|like a number|like a nuisance)\b",
    "working-now": r"\beverything(?:'s| is)( now)? (working|fixed|sorted|resolved|back to normal)\b"
                   r"|\b(works?|working) (perfectly|great|like a charm|fine) (now|again)\b",
    "shout-out": r"\bshout[- ]?outs?\b|\bkudos\b|\bhats off\b|\bprops to\b",
    "recommend": r"\b(highly|would|definitely|totally) recommend\b|\b(10|ten)/10\b|\b(five|5)[- ]stars?\b",
}.items()}
_NEGATED = re.compile(r"\b(not|never|no|n't|nothing|without)\W+(\w+\W+){0,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    kind: str
    quote: str
    start: int
    end: int


@dataclass
class TextReading:
    band: str | None  # positive | negative | mixed | neutral; None without text
    cues: list[Cue] = field(default_factory=list)
    clauses: list[dict] = field(default_factory=list)
    words: int = 0


@dataclass(frozen=True)
class Classification:
    label: str
    reason: str
    rating_band: str | None
    text_band: str | None


def clauses(text: str) -> list[str]:
    """The text's sentences and contrastive halves, stripped, without empty pieces."""
    return [c.strip() for c in _CLAUSE_SPLIT.split(text) if c and c.strip() and any(ch.isalnum() for ch in c)]


def complaint_cues(text: str) -> list[Cue]:
    found = []
    for kind, pattern in COMPLAINT_CUES.items():
        for m in pattern.finditer(text):
            if kind == "upset" and _NEGATED.search(text[max(0, m.start() - 30) : m.start()]):
                continue  # "never been disappointed"
            found.append(Cue(kind, m.group(0), m.start(), m.end()))
    return sorted(found, key=lambda c: c.start)


def praise_cues(text: str) -> list[Cue]:
    found = [Cue(kind, m.group(0), m.start(), m.end()) for kind, pattern in PRAISE_CUES.items() for m in pattern.finditer(text)]
    return sorted(found, key=lambda c: c.start)


def read_text(pieces: list[str], sentiments: list[dict]) -> TextReading:
    """Combine clause polarities and cues into one band for the whole text."""
    if not pieces:
        return TextReading(None)
    reading = TextReading("neutral", words=sum(len(p.split()) for p in pieces))
    positive = negative = False
    for piece, sentiment in zip(pieces, sentiments):
        cues = complaint_cues(piece) or praise_cues(piece)
        reading.cues.extend(cues)
        label = ("positive" if cues[0].kind in PRAISE_CUES else "negative") if cues else sentiment["label"]
        reading.clauses.append({"text": piece, "label": label, "model_label": sentiment["label"]})
        positive |= label == "positive"
        negative |= label == "negative"
    reading.band = "mixed" if positive and negative else "positive" if positive else "negative" if negative else "neutral"
    return reading


_TABLE = {
    ("positive", "positive"): "smile", ("positive", "negative"): "mixed", ("positive", "mixed"): "mixed",
    ("positive", "neutral"): "smile", ("positive", None): "smile",
    ("neutral", "positive"): "smile", ("neutral", "negative"): "opportunity", ("neutral", "mixed"): "mixed",
    ("neutral", "neutral"): "neutral", ("neutral", None): "neutral",
    ("negative", "positive"): "mixed", ("negative", "negative"): "opportunity", ("negative", "mixed"): "opportunity",
    ("negative", "neutral"): "opportunity", ("negative", None): "opportunity",
    (None, "positive"): "smile", (None, "negative"): "opportunity", (None, "mixed"): "mixed",
    (None, "neutral"): "neutral", (None, None): "neutral",
}


def classify(rating: Rating, text: TextReading, kind: str = "customer") -> Classification:
    """The class of one piece of feedback, with the reason in words."""
    band = rating_band(rating)
    if kind == "colleague":
        return Classification("smile", "a colleague's thank-you note", band, text.band)
    label = _TABLE[(band, text.band)]
    if label == "mixed" and band == "negative" and text.words < 4:
        label = "opportunity"  # a bare "Thanks!" under a 1-star rating is politeness, not praise
    parts = []
    if band is not None:
        parts.append(f"{band} rating ({rating.scale} {rating.score:.2f})")
    if text.band is not None:
        cue_words = ", ".join(f"{c.kind}: {c.quote!r}" for c in text.cues[:3])
        parts.append(f"{text.band} text" + (f" ({cue_words})" if cue_words else ""))
    return Classification(label, "; ".join(parts) or "no rating and no text", band, text.band)
