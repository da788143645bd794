"""The public contract (docs/contract.md): shapes, exit codes, error lines, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import conversation
from tests.helpers import run_cli, write_jsonl

CHECK_KEYS = {"conversation_id", "rubric", "rubric_version", "score", "earned", "possible", "critical_failed", "checks", "cues"}
RESULT_KEYS = {"id", "name", "version", "result", "points", "max_points", "evidence", "reason", "tip"}


def test_check_writes_one_contract_object_per_conversation(tmp_path, capfd):
    path = write_jsonl(tmp_path / "in.jsonl", [conversation("c-1"), conversation("c-2")])
    run = run_cli(capfd, "check", path, "--json")
    assert run.code == 0, run.err
    objs = run.json_lines
    assert [o["conversation_id"] for o in objs] == ["c-1", "c-2"]
    for obj in objs:
        assert set(obj) == CHECK_KEYS
        assert obj["rubric"] == "connect"
        for check in obj["checks"]:
            assert set(check) == RESULT_KEYS
            assert check["result"] in {"pass", "fail", "na"}
            assert check["name"] == f"connect.{check['id']}"
            if check["result"] == "fail":
                assert check["tip"]
        counted = [c for c in obj["checks"] if c["result"] != "na"]
        assert obj["earned"] == pytest.approx(sum(c["points"] for c in counted))
        assert obj["possible"] == pytest.approx(sum(c["max_points"] for c in counted))
        expected = 0.0 if obj["critical_failed"] or not obj["possible"] else obj["earned"] / obj["possible"]
        assert obj["score"] == pytest.approx(expected, abs=1e-4)


def test_evidence_quotes_are_the_exact_characters(tmp_path, capfd):
    conv = conversation("c-1")
    path = write_jsonl(tmp_path / "in.jsonl", [conv])
    (obj,) = run_cli(capfd, "check", path, "--json").json_lines
    texts = {m["id"]: m["text"] for m in conv["messages"]}
    spans = [e for c in obj["checks"] for e in c["evidence"]] + obj["cues"]
    assert spans, "expected some evidence"
    for span in spans:
        assert texts[span["message_id"]][span["start"] : span["end"]] == span["quote"]


def test_check_reports_bad_records_and_scores_the_rest(tmp_path, capfd):
    path = write_jsonl(tmp_path / "in.jsonl", [conversation("c-1"), b"{oops", conversation("c-3")])
    run = run_cli(capfd, "check", path, "--json")
    assert run.code == 1
    assert [o["conversation_id"] for o in run.json_lines] == ["c-1", "c-3"]
    assert run.err.strip().splitlines() == [f"{path}:2: not valid JSON: unexpected character, expected a string key (column 2)"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "missing.jsonl", "--json"], "error: missing.jsonl: no such file"),
        (["check", "IN", "--format", "nope", "--json"], "error: unknown format 'nope': use one of auto,"),
        (["check", "IN", "--rubric", "nope", "--json"], "error: rubric 'nope' not found"),
        (["check", "--bogus"], "No such option: --bogus"),
    ],
)
def test_usage_errors_exit_2_with_a_message(tmp_path, capfd, args, message):
    path = write_jsonl(tmp_path / "in.jsonl", [conversation("c-1")])
    args = [str(path) if a == "IN" else a for a in args]
    run = run_cli(capfd, *args)
    assert run.code == 2
    assert message in run.err
    assert "Traceback" not in run.err


def test_console_script_exit_codes_without_tracebacks(tmp_path):
    bad = write_jsonl(tmp_path / "in.jsonl", [b"[1]"])
    cmd = [sys.executable, "-m", "smilebox", "check", str(bad), "--format", "jsonl", "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"{bad}:1: expected a JSON object, got list"
    assert proc.stdout == ""


def test_store_commands_need_an_initialised_store(tmp_path, capfd, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = run_cli(capfd, "score")
    assert run.code == 1
    assert "is not initialised: run 'smilebox init' first" in run.err
