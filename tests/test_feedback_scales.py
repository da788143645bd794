"""Rating scales: raw value + scale -> score 0..1, inferred scales, and ratings that do not fit."""

import pytest

from smilebox.feedback.scales import infer_scale, normalise, rating_band


@pytest.mark.parametrize("raw, scale, score, used", [
    (5, "csat5", 1.0, "csat5"), (1, "csat5", 0.0, "csat5"), ("3", "csat", 0.5, "csat5"), (4, None, 0.75, "csat5"),
    (10, "nps", 1.0, "nps"), (0, None, 0.0, "nps"), (7, None, 0.7, "nps"), (9, "NPS", 0.9, "nps"),
    ("good", None, 1.0, "goodbad"), ("bad", "goodbad", 0.0, "goodbad"),
    ("great", None, 1.0, "helpscout"), ("okay", "helpscout", 0.5, "helpscout"), ("not_good", None, 0.0, "helpscout"),
    (103, None, 1.0, "freshdesk"), (-103, "freshdesk", 0.0, "freshdesk"), ("101", None, 4 / 6, "freshdesk"),
    ("Very Unhappy", None, 1 / 6, "freshdesk"), ("Extremely Happy", "freshdesk", 1.0, "freshdesk"),
    ("up", "thumbs", 1.0, "thumbs"), ("👎", None, 0.0, "thumbs"),
    ("★★★★☆", None, 0.75, "stars5"), ("4/5", None, 0.75, "stars5"), ("2 stars", "stars", 0.25, "stars5"),
    ("80%", "percent", 0.8, "percent"),
])
def test_normalise_reads_each_scale(raw, scale, score, used):
    rating = normalise(raw, scale)
    assert rating.problem is None
    assert rating.scale == used
    assert rating.score == pytest.approx(score)


@pytest.mark.parametrize("raw, scale, problem", [
    (7, "csat5", "rating '7' is outside the csat5 scale (1-5)"),
    ("meh", "nps", "rating 'meh' is not a number on the nps scale (0-10)"),
    ("superb", "helpscout", "rating 'superb' is not one of great / okay / ok / not_good / notgood / bad (helpscout scale)"),
    (99, "freshdesk", "rating '99' is not a Freshdesk rating (103 ... -103 or its label)"),
    ("x", None, "cannot tell the scale of rating 'x'; give the scale (csat5, nps, ...)"),
])
def test_ratings_that_do_not_fit_say_why(raw, scale, problem):
    rating = normalise(raw, scale)
    assert rating.score is None
    assert rating.problem == problem


@pytest.mark.parametrize("raw", [None, "", "offered", "unoffered"])
def test_no_rating_is_not_a_problem(raw):
    rating = normalise(raw, "goodbad")
    assert rating.score is None and rating.problem is None


@pytest.mark.parametrize("raw, scale, band", [
    (5, "csat5", "positive"), (4, "csat5", "positive"), (3, "csat5", "neutral"), (2, "csat5", "negative"),
    (9, "nps", "positive"), (8, "nps", "neutral"), (6, "nps", "negative"),
    ("okay", "helpscout", "neutral"), (101, "freshdesk", "positive"), (-101, "freshdesk", "negative"),
])
def test_rating_bands(raw, scale, band):
    assert rating_band(normalise(raw, scale)) == band


def test_infer_scale_leaves_unknown_values_alone():
    assert infer_scale("1000") is None
    assert infer_scale("offered") is None
