"""The fallback analyzer when the model extra is not installed: VADER plus small, readable lexicons.

Same interface and output shapes as the model analyzer (contract section 3), so nothing downstream
changes. Every pattern is listed here so a quality lead can see exactly why a text was flagged.
Sentiment is VADER's compound score with its documented cut-offs (+-0.05); the ``scores`` are VADER's
negative/neutral/positive proportions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from smilebox.nlp.datasets import EMOTIONS, NEGATIVE_CUE_EMOTIONS

VADER_POSITIVE = 0.05
VADER_NEGATIVE = -0.05
#: a VADER compound at or below this also counts as a negative cue (scaled into cue_score)
CUE_COMPOUND = -0.5


def _words(*stems: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(stems) + r")\b", re.I)


EMOTION_LEXICON: dict[str, re.Pattern] = {
    "anger": _words(r"angry", r"furious", r"livid", r"outrage\w*", r"unacceptable", r"ridiculous", r"disgrace\w*",
                    r"pissed", r"fed up", r"sick of", r"worst", r"scam\w*", r"rip[- ]?off", r"hate", r"disgust\w*"),
    "annoyance": _words(r"annoy\w*", r"frustrat\w*", r"irritat\w*", r"again\?*!+", r"still (?:waiting|not)",
                        r"how many times", r"seriously", r"ugh+", r"come on", r"waste of (?:time|money)"),
    "disappointment": _words(r"disappoint\w*", r"let down", r"expected better", r"not (?:happy|impressed|satisfied)",
                             r"unhappy", r"dissatisfied", r"poor service", r"shame", r"underwhelm\w*"),
    "sadness": _words(r"sad", r"upset", r"heartbroken", r"devastated", r"miserable", r"cry\w*", r"depress\w*",
                      r"unfortunately", r"passed away"),
    "fear": _words(r"worried", r"worry\w*", r"scared", r"afraid", r"anxious", r"nervous", r"panic\w*", r"terrified",
                   r"concerned", r"fraud\w*", r"stolen", r"hacked"),
    "gratitude": _words(r"thanks?", r"thank you", r"thankful", r"grateful", r"appreciate\w*", r"cheers", r"thx", r"ty"),
    "joy": _words(r"happy", r"glad", r"great", r"love\w*", r"awesome", r"amazing", r"excellent", r"wonderful",
                  r"fantastic", r"delighted", r"perfect", r"pleased", r"yay"),
}
#: cue words for the rest of GoEmotions' negative group (disapproval, disgust, embarrassment, grief,
#: remorse): they raise the cue but are not among the seven reported emotions
CUE_EXTRA = _words(r"disgusting", r"gross", r"terrible", r"awful", r"horrible", r"pathetic", r"useless", r"wrong",
                   r"broken", r"(?:doesn't|does not|didn't|did not|won't) work\w*", r"never again", r"not what I (?:asked|ordered|paid)",
                   r"embarrass\w*", r"ashamed", r"humiliat\w*", r"regret\w*", r"grie\w+", r"unfair", r"incompetent")
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|no|n't|hardly)\s+(?:\w+\s+)?$", re.I)

EMPATHY_PATTERNS: tuple[re.Pattern, ...] = (
    re.compile(r"\b(?:so|very|really|truly|terribly|deeply)?\s*sorry (?:to hear|that you|you(?:'ve| have| had| were| are)?|"
               r"about (?:the|your|all|this|that)|for (?:the|your|all the) (?:trouble|frustration|inconvenience|stress|"
               r"worry|confusion|hassle|experience|loss))", re.I),
    re.compile(r"\b(?:I|we) (?:completely |totally |fully |can )?(?:understand|see|imagine|appreciate) (?:how|why|your "
               r"(?:frustration|concern|disappointment|worry))", re.I),
    re.compile(r"\b(?:that|this|it) (?:must be|must have been|sounds|sounds like it was|is so) (?:so |really |very |incredibly )?"
               r"(?:frustrating|annoying|stressful|upsetting|disappointing|difficult|awful|hard|worrying|scary|"
               r"exhausting|inconvenient|a nightmare)", re.I),
    re.compile(r"\b(?:I|we) (?:know|can tell) (?:how|this|that) (?:much|important|frustrating|stressful|hard|difficult)", re.I),
    re.compile(r"\b(?:I'd|I would) (?:be|feel) (?:\w+ )?(?:frustrated|upset|annoyed|the same)", re.I),
    re.compile(r"\b(?:I|we) (?:sincerely |deeply )?apologi[sz]e for (?:the|any|all|how) (?:distress|trouble|frustration|"
               r"inconvenience|stress|worry|way)", re.I),
    re.compile(r"\b(?:your (?:frustration|concern) is (?:completely |totally )?(?:valid|understandable)|"
               r"(?:completely|totally) understandable|I feel for you|my condolences|you have every right)", re.I),
)
#: apologies about the agent's own process, not the customer's experience
EMPATHY_EXCLUSIONS = re.compile(r"\bsorry (?:for|about) (?:the|my) (?:late|delayed|slow) (?:reply|response)", re.I)


def _hits(pattern: re.Pattern, text: str) -> int:
    return sum(1 for m in pattern.finditer(text) if not _NEGATED_BEFORE.search(text[: m.start()]))


def _negated_positive(text: str) -> int:
    """"not happy", "never great": positive words under a negation read as disappointment."""
    count = 0
    for name in ("joy", "gratitude"):
        count += sum(1 for m in EMOTION_LEXICON[name].finditer(text) if _NEGATED_BEFORE.search(text[: m.start()]))
    return count


def saturate(hits: int) -> float:
    """0 hits -> 0.0, 1 -> 0.6, 2 -> 0.84, ...: more evidence, more confidence, never 1."""
    return round(1.0 - 0.4**hits, 4) if hits else 0.0


class LexiconAnalyzer:
    kind = "lexicon"
    name = "lexicon:vader"

    @cached_property
    def _vader(self):
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        return SentimentIntensityAnalyzer()

    def sentiment(self, texts: Sequence[str]) -> list[dict[str, Any]]:
        out = []
        for text in texts:
            s = self._vader.polarity_scores(text)
            c = s["compound"]
            label = "positive" if c >= VADER_POSITIVE else "negative" if c <= VADER_NEGATIVE else "neutral"
            out.append({"label": label, "scores": {"negative": s["neg"], "neutral": s["neu"], "positive": s["pos"]}})
        return out

    def emotion(self, texts: Sequence[str]) -> list[dict[str, Any]]:
        out = []
        for text in texts:
            hits = {name: _hits(EMOTION_LEXICON[name], text) for name in EMOTIONS}
            hits["disappointment"] += _negated_positive(text)
            emotions = {name: saturate(n) for name, n in hits.items()}
            compound = self._vader.polarity_scores(text)["compound"]
            from_vader = min(1.0, compound / CUE_COMPOUND * 0.5) if compound <= CUE_COMPOUND else 0.0
            lexical = saturate(sum(hits[n] for n in EMOTIONS if n in NEGATIVE_CUE_EMOTIONS) + _hits(CUE_EXTRA, text))
            cue = max(lexical, round(from_vader, 4))
            out.append({"negative_cue": cue >= 0.5, "cue_score": cue, "emotions": emotions})
        return out

    def empathy(self, texts: Sequence[str]) -> list[dict[str, Any]]:
        out = []
        for text in texts:
            cleaned = EMPATHY_EXCLUSIONS.sub(" ", text)
            hits = sum(len(p.findall(cleaned)) for p in EMPATHY_PATTERNS)
            score = saturate(hits)
            out.append({"empathy": score >= 0.5, "score": score})
        return out
