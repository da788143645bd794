"""tools/qa_disagreements.py: the tuning view of the hand labels, which keeps the held-out sets blind."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA

REPO = Path(__file__).resolve().parent.parent
needs_data = pytest.mark.skipif(not (SHARED_DATA / "twcs_sample" / "twcs_sample.csv").is_file(),
                                reason="../shared/data/twcs_sample is absent")


def _tool():
    spec = importlib.util.spec_from_file_location("qa_disagreements", REPO / "tools" / "qa_disagreements.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["final", "final3"])
def test_a_never_tuned_set_is_refused_without_the_flag(name, capsys):
    with pytest.raises(SystemExit) as exc:
        _tool().main(["--data", str(SHARED_DATA), "--set", name])
    assert exc.value.code == 2
    assert f"{name} is never tuned on" in capsys.readouterr().err


def test_the_default_sets_are_the_tuned_ones():
    from smilebox.evaluation import qa_eval

    tool = _tool()
    assert tool.NEVER_TUNED <= {s.name for s in qa_eval.label_sets()}
    assert "final3" in tool.NEVER_TUNED and "final2" not in tool.NEVER_TUNED


@needs_data
def test_disagreements_name_the_thread_both_labels_and_the_reason(capsys):
    from smilebox.evaluation import qa_eval

    assert _tool().main(["--data", str(SHARED_DATA), "--set", "dev", "--check", "tailored"]) == 0
    out = capsys.readouterr().out
    blocks = out.split("=== dev ")[1:]
    result = qa_eval.evaluate(SHARED_DATA, qa_eval.LABELS_PATH)
    confusion = result.per_check["tailored"].confusion
    wrong = sum(n for human, row in confusion.items() for auto, n in row.items() if human != auto)
    assert len(blocks) == wrong > 0
    first = blocks[0]
    assert "  tailored: label " in first and ", check " in first
    assert "\n    C: " in first and "\n    A: " in first


@needs_data
def test_summary_prints_one_kappa_per_check(capsys):
    assert _tool().main(["--data", str(SHARED_DATA), "--summary", "--set", "dev"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("dev ") and "greeting 0." in line and "security n/a" in line
