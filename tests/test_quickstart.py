"""`smilebox quickstart`: the whole main job on the bundled sample, then a restart and a re-import."""

from __future__ import annotations

import re
import sqlite3

import pytest

from smilebox.sample import sample_paths
from tests.helpers import run_cli


def _counts(db) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "conversations": one("select count(*) from conversations"),
            "scored": one("select count(distinct conversation_id) from evaluations"),
            "evaluations": one("select count(*) from evaluations"),
            "feedback": one("select count(*) from feedback"),
            "cases": one("select count(*) from recovery_cases"),
            "open_cases": one("select count(*) from recovery_cases where closed_at is null"),
            "unclassified": one("select count(*) from feedback where classification is null"),
        }


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "smilebox-demo"
    from smilebox.cli import main

    code = main(["quickstart", "--no-serve", "--dir", str(folder)])
    return folder, code


def test_quickstart_runs_the_whole_job(demo):
    folder, code = demo
    assert code == 0
    counts = _counts(folder / "smilebox.db")
    assert counts["conversations"] >= 300
    assert counts["scored"] == counts["conversations"]  # every conversation is scored
    assert counts["feedback"] >= 300 and counts["unclassified"] == 0
    assert counts["open_cases"] > 0
    html = (folder / "reports").glob("smile-report-*.html")
    (report,) = list(html)
    month = re.fullmatch(r"smile-report-(\d{4}-\d{2})\.html", report.name).group(1)
    assert (folder / "reports" / f"smile-report-{month}.pdf").read_bytes()[:5] == b"%PDF-"
    assert "Smile Report" in report.read_text(encoding="utf-8")
    assert (folder / "evaluations.jsonl").read_bytes().count(b"\n") == counts["conversations"]


def test_output_says_where_results_are_and_lists_open_cases(tmp_path, capfd):
    run = run_cli(capfd, "quickstart", "--no-serve", "--dir", tmp_path / "demo")
    assert run.code == 0
    assert "smile report: " in run.out and "smile-report-" in run.out
    listed = re.search(r"open recovery cases: (\d+)", run.out)
    assert listed and int(listed.group(1)) == _counts(tmp_path / "demo" / "smilebox.db")["open_cases"]
    assert re.search(r"#1 .+ -> .+ \(step thank, due ", run.out)
    assert "smilebox recovery list --db sqlite:///" in run.out


def test_restart_and_reimport_change_nothing(demo, capfd):
    """A new process on the same store sees everything; the same files again open no second case."""
    folder, _ = demo
    db = folder / "smilebox.db"
    before = _counts(db)
    url = f"sqlite:///{db}"
    paths = sample_paths()
    run = run_cli(capfd, "import", "auto", paths["conversations"], paths["feedback"], "--db", url)
    assert run.code == 0, run.err
    listed = run_cli(capfd, "recovery", "list", "--json", "--db", url)
    assert listed.code == 0
    assert len(listed.json_lines) == before["open_cases"]
    after = _counts(db)
    assert after == before
