"""The engine's loop reads each check's settings once: overrides of ``applies`` and changed rubrics still count."""

from smilebox.qa import Engine, load_rubric
from smilebox.qa.checks.greeting import Greeting
from tests.qa_conversations import conv


def _conversation():
    return conv(("customer", "Help"), ("agent", "Hi Maria, looking now. Thanks for waiting!"), channel="chat")


def test_applies_overridden_on_the_instance_or_the_class_is_asked():
    engine = Engine(load_rubric("connect"))
    c = _conversation()
    assert engine.evaluate(c).check("greeting").result == "pass"
    engine.rubric.checks[0].applies = lambda conversation: False  # after the engine has run once
    assert engine.evaluate(c).check("greeting").result == "na"

    class NeverGreeting(Greeting):
        def applies(self, conversation):
            return False

    engine.rubric.checks[0] = NeverGreeting()  # replaced in place
    assert engine.evaluate(c).check("greeting").result == "na"


def test_rubric_checks_changed_between_evaluations():
    engine = Engine(load_rubric("connect"))
    c = _conversation()
    assert len(engine.evaluate(c).checks) == 12
    engine.rubric.checks = engine.rubric.checks[:3]
    assert [r.id for r in engine.evaluate(c).checks] == ["greeting", "closing", "signature"]


def test_points_and_bonus_as_before():
    engine = Engine(load_rubric("connect"))
    engine.rubric.checks[0].max_points = 2.5
    evaluation = engine.evaluate(_conversation())
    greeting = evaluation.check("greeting")
    assert (greeting.result, greeting.points, greeting.max_points) == ("pass", 2.5, 2.5)
    wow = evaluation.check("wow")
    assert wow.bonus and wow.result in ("pass", "na") and (wow.tip is None)
