"""``smilebox recovery``: the commands end to end on a fresh store, with exact outputs and error texts."""

from __future__ import annotations

import pytest

from smilebox.recovery import cases
from smilebox.settings import Settings
from tests import recovery_data as d
from tests.helpers import run_cli


@pytest.fixture
def world(sqlite_store, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray ./smilebox.toml
    monkeypatch.setenv("SMILEBOX_DATABASE_URL", sqlite_store.url)
    with sqlite_store.session() as s:
        juan = d.agent(s, "Juan Perez", lead="Dana Lee")
        cust = d.customer(s, "Maria Lopez")
        conv = d.conversation(s, "c-1", assignee=juan, cust=cust)
        for ext in ("c-1/f1", "c-1/f2"):
            fb = d.feedback(s, ext, "opportunity", "Charged twice [bold]!", conv=conv)
            cases.open_case(s, fb, Settings(recovery_playbook="lamb"), now=d.when("2026-11-01T09:00:00"))
    return sqlite_store


def test_list_json_is_the_contract_shape(world, capfd):
    result = run_cli(capfd, "recovery", "list", "--json")
    assert result.code == 0, result.err
    assert result.json_lines == [
        {"case_id": 1, "feedback_id": "c-1/f1", "customer": "Maria Lopez", "owner": "Dana Lee", "status": "open",
         "step": "listen", "due_at": "2026-11-03T09:00:00Z"},
        {"case_id": 2, "feedback_id": "c-1/f2", "customer": "Maria Lopez", "owner": "Dana Lee", "status": "open",
         "step": "listen", "due_at": "2026-11-03T09:00:00Z"},
    ]
    assert run_cli(capfd, "recovery", "list", "--owner", "nobody", "--json").json_lines == []


def test_work_a_case_through_lamb_and_close_it(world, capfd):
    steps = [("listen", []), ("acknowledge", []), ("move", []),
             ("boost", ["--root-cause", "retry charged twice", "--change", "idempotent retries"])]
    for step, extra in steps:
        result = run_cli(capfd, "recovery", "advance", "c-1/f1", "--note", f"did {step}", "--actor", "Dana", *extra)
        assert result.code == 0, result.err
    closed = run_cli(capfd, "recovery", "close", "1", "--outcome", "kept", "--actor", "Dana")
    assert closed.code == 0, closed.err
    assert "case 1: closed, customer kept" in closed.err
    shown = run_cli(capfd, "recovery", "show", "1", "--json").json_lines[0]
    assert (shown["status"], shown["step"], shown["outcome"]) == ("closed", "closed", "kept")
    assert [(h["step"], h["actor"]) for h in shown["history"]] == [
        ("opened", "smilebox"), ("listen", "Dana"), ("acknowledge", "Dana"), ("move", "Dana"), ("boost", "Dana"),
        ("closed", "Dana")]
    assert shown["feedback"]["comment"] == "Charged twice [bold]!"
    text = run_cli(capfd, "recovery", "show", "1")
    assert "Charged twice [bold]!" in text.out  # user text printed as is, not as Rich markup
    causes = run_cli(capfd, "recovery", "causes", "--json").json_lines
    assert [(c["cause"], c["count"], c["changes"]) for c in causes] == [
        ("retry charged twice", 1, ["idempotent retries"])]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["recovery", "show", "42"], 1, "no recovery case '42'; 'smilebox recovery list --status all' shows every case"),
        (["recovery", "advance", "1", "--note", "x", "--step", "move"], 2,
         "case 1 is at step 'listen'; recording 'move' would skip listen, acknowledge; record those first or pass --force"),
        (["recovery", "close", "1", "--outcome", "maybe"], 2,
         "--outcome 'maybe' is not valid; use one of: kept, lost, unknown"),
        (["recovery", "list", "--status", "done"], 2, "--status 'done' is not valid; use open or all"),
        (["recovery", "causes", "--period", "2026-1"], 2, "--period '2026-1' is not a month; write YYYY-MM, e.g. 2026-10"),
    ],
)
def test_user_errors_are_one_line_with_exit_code(world, capfd, args, code, message):
    result = run_cli(capfd, *args)
    assert result.code == code
    assert result.err.strip() == f"error: {message}"
    assert "Traceback" not in result.err
