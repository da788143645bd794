"""Rating scales: keep the raw value, read it on its scale, give a score from 0 (worst) to 1 (best).

Help desks and surveys rate on different scales. ``normalise(raw, scale)`` reads one rating; when the
scale is missing it is inferred from the value (``infer_scale``). A value that does not fit its scale
gives ``score=None`` and a ``problem`` saying why, so classification falls back to the text alone.

Known scales (and the names they also go by):

===========  =========================================================  ==============================
scale        raw values                                                 score
===========  =========================================================  ==============================
csat5        1..5 (also "4/5")                                          (r-1)/4
stars5       1..5, "★★★★☆", "4 stars"                                   (r-1)/4
csat3        1..3                                                       (r-1)/2
nps          0..10                                                      r/10
goodbad      good / bad (Zendesk satisfaction)                          1 / 0
helpscout    great / okay / not_good                                    1 / 0.5 / 0
freshdesk    103, 102, 101, 100, -101, -102, -103 and their labels      1, 5/6, 4/6, 1/2, 2/6, 1/6, 0
thumbs       up / down, +1 / -1, 👍 / 👎                                 1 / 0
percent      0..100                                                     r/100
===========  =========================================================  ==============================
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCALE_ALIASES = {
    "csat": "csat5", "csat5": "csat5", "csat_5": "csat5", "5": "csat5", "1-5": "csat5", "five": "csat5",
    "stars": "stars5", "stars5": "stars5", "star": "stars5", "rating5": "stars5",
    "csat3": "csat3", "1-3": "csat3",
    "nps": "nps", "0-10": "nps", "nps10": "nps",
    "goodbad": "goodbad", "good_bad": "goodbad", "good/bad": "goodbad", "zendesk": "goodbad",
    "helpscout": "helpscout", "help_scout": "helpscout", "happiness": "helpscout",
    "freshdesk": "freshdesk",
    "thumbs": "thumbs", "thumb": "thumbs", "updown": "thumbs",
    "percent": "percent", "pct": "percent", "0-100": "percent",
}

FRESHDESK = {103: 1.0, 102: 5 / 6, 101: 4 / 6, 100: 0.5, -101: 2 / 6, -102: 1 / 6, -103: 0.0}
FRESHDESK_LABELS = {
    "extremely happy": 103, "very happy": 102, "happy": 101, "neutral": 100,
    "unhappy": -101, "very unhappy": -102, "extremely unhappy": -103,
}
HELPSCOUT = {"great": 1.0, "okay": 0.5, "ok": 0.5, "not_good": 0.0, "not good": 0.0, "notgood": 0.0, "bad": 0.0}
GOODBAD = {"good": 1.0, "bad": 0.0, "good_with_comment": 1.0, "bad_with_comment": 0.0}
THUMBS = {"up": 1.0, "down": 0.0, "+1": 1.0, "-1": 0.0, "👍": 1.0, "👎": 0.0, "thumbs up": 1.0, "thumbs down": 0.0,
          "thumbsup": 1.0, "thumbsdown": 0.0, "yes": 1.0, "no": 0.0, "true": 1.0, "false": 0.0}
#: Zendesk's "offered" / "unoffered" mean a survey went out without an answer: no rating at all.
NO_RATING = {"", "offered", "unoffered", "none", "null", "n/a", "na", "-"}

_FRACTION = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:/|out of)\s*(\d+)\s*$")
_STARS_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*stars?\s*$")


@dataclass(frozen=True)
class Rating:
    """One rating read on its scale. ``score`` is None when there is no usable rating."""

    score: float | None
    scale: str | None
    problem: str | None = None


def canonical_scale(scale: str | None) -> str | None:
    if scale is None or not str(scale).strip():
        return None
    key = str(scale).strip().casefold().replace(" ", "")
    return SCALE_ALIASES.get(key, key)


def _number(raw: str) -> float | None:
    try:
        return float(raw)
    except ValueError:
        return None


def infer_scale(raw: str) -> str | None:
    """Guess the scale of a rating that came without one; None when the value says nothing."""
    value = raw.strip().casefold()
    if value in NO_RATING:
        return None
    if value in GOODBAD:
        return "goodbad"
    if value in HELPSCOUT:
        return "helpscout"
    if value in FRESHDESK_LABELS:
        return "freshdesk"
    if value in THUMBS:
        return "thumbs"
    if set(value) <= {"★", "☆", "*"}:
        return "stars5"
    if _FRACTION.match(value) or _STARS_TEXT.match(value):
        return "stars5"
    number = _number(value)
    if number is None:
        return None
    if abs(number) in (100, 101, 102, 103) and number.is_integer() and number != 100:
        return "freshdesk"
    if number.is_integer() and 1 <= number <= 5:
        return "csat5"
    if number.is_integer() and 0 <= number <= 10:
        return "nps"
    if 0 <= number <= 100:
        return "percent"
    return None


def _linear(number: float | None, low: float, high: float, scale: str, raw: str) -> Rating:
    if number is None:
        return Rating(None, scale, f"rating {raw!r} is not a number on the {scale} scale ({low:g}-{high:g})")
    if not low <= number <= high:
        return Rating(None, scale, f"rating {raw!r} is outside the {scale} scale ({low:g}-{high:g})")
    return Rating((number - low) / (high - low), scale)


def _stars(value: str, scale: str, raw: str) -> Rating:
    if value and set(value) <= {"★", "☆", "*"}:
        stars, total = value.count("★") + value.count("*"), len(value)
        return _linear(float(stars), 1, 5, scale, raw) if total == 5 else _linear(float(stars), 0, float(total), scale, raw)
    fraction = _FRACTION.match(value)
    if fraction:
        number, out_of = float(fraction.group(1)), float(fraction.group(2))
        if out_of == 5:
            return _linear(number, 1, 5, scale, raw)
        return _linear(number, 0, out_of, scale, raw) if out_of > 0 else Rating(None, scale, f"rating {raw!r} is out of 0")
    text = _STARS_TEXT.match(value)
    return _linear(float(text.group(1)) if text else _number(value), 1, 5, scale, raw)


def _lookup(table: dict[str, float], value: str, scale: str, raw: str) -> Rating:
    if value in table:
        return Rating(table[value], scale)
    known = " / ".join(k for k in table if k.isascii() and " " not in k)
    return Rating(None, scale, f"rating {raw!r} is not one of {known} ({scale} scale)")


def _freshdesk(value: str, raw: str) -> Rating:
    code = FRESHDESK_LABELS.get(value)
    if code is None:
        number = _number(value)
        code = int(number) if number is not None and number.is_integer() else None
    if code not in FRESHDESK:
        return Rating(None, "freshdesk", f"rating {raw!r} is not a Freshdesk rating (103 ... -103 or its label)")
    return Rating(FRESHDESK[code], "freshdesk")


def normalise(raw: object, scale: str | None = None) -> Rating:
    """Read ``raw`` on ``scale`` (inferred when None); the score is 0..1, higher is happier."""
    if raw is None:
        return Rating(None, canonical_scale(scale))
    raw_text = str(raw).strip()
    value = raw_text.casefold()
    if value in NO_RATING:
        return Rating(None, canonical_scale(scale))
    name = canonical_scale(scale) or infer_scale(raw_text)
    if name is None:
        return Rating(None, None, f"cannot tell the scale of rating {raw_text!r}; give the scale (csat5, nps, ...)")
    if name in ("csat5", "stars5"):
        return _stars(value, name, raw_text)
    if name == "csat3":
        return _linear(_number(value), 1, 3, name, raw_text)
    if name == "nps":
        return _linear(_number(value), 0, 10, name, raw_text)
    if name == "percent":
        return _linear(_number(value.rstrip("%")), 0, 100, name, raw_text)
    if name == "goodbad":
        return _lookup(GOODBAD, value, name, raw_text)
    if name == "helpscout":
        return _lookup(HELPSCOUT, value.replace("-", "_"), name, raw_text)
    if name == "thumbs":
        return _lookup(THUMBS, value, name, raw_text)
    if name == "freshdesk":
        return _freshdesk(value, raw_text)
    return Rating(None, name, f"unknown rating scale {scale!r}; use one of {', '.join(sorted(set(SCALE_ALIASES.values())))}")


def rating_band(rating: Rating) -> str | None:
    """positive / neutral / negative for a read rating (None without one).

    NPS keeps its own bands (promoters 9-10, passives 7-8, detractors 0-6); other scales call the top
    third positive and the bottom 40 % negative, so csat 4-5 is positive, 3 neutral, 1-2 negative.
    """
    if rating.score is None:
        return None
    high, low = (0.9, 0.6) if rating.scale == "nps" else (0.65, 0.4)
    if rating.score >= high - 1e-9:
        return "positive"
    if rating.score <= low + 1e-9:
        return "negative"
    return "neutral"
