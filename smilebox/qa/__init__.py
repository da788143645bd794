"""The QA engine: checks, rubrics and evaluations (product section 1, contract section 2).

Public API::

    from smilebox.qa import load_rubric, Engine
    engine = Engine(load_rubric("connect"))
    evaluation = engine.evaluate(conversation)      # -> Evaluation, .to_dict() is the contract shape
"""

from smilebox.qa.engine import Engine, EvaluationContext
from smilebox.qa.results import CheckResult, Cue, Evaluation, Evidence
from smilebox.qa.rubric import Rubric, load_rubric

__all__ = [
    "CheckResult",
    "Cue",
    "Engine",
    "Evaluation",
    "EvaluationContext",
    "Evidence",
    "Rubric",
    "load_rubric",
]
