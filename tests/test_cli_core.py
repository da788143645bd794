"""init, import, score, show, agents through the CLI, in-process, on a fresh SQLite store per test."""

from __future__ import annotations

from tests.conftest import conversation
from tests.helpers import run_cli, write_jsonl


def db_args(tmp_path):
    return ["--db", f"sqlite:///{tmp_path / 'cli.db'}"]


def test_init_import_score_show_round_trip(tmp_path, capfd):
    db = db_args(tmp_path)
    assert run_cli(capfd, "init", *db).code == 0
    path = write_jsonl(tmp_path / "in.jsonl", [conversation("c-1"), conversation("c-2")])
    first = run_cli(capfd, "import", "auto", path, *db, "--json", "--no-feedback")
    assert first.code == 0, first.err
    assert first.json_lines[0]["conversations"] == {"inserted": 2, "updated": 0, "unchanged": 0}
    again = run_cli(capfd, "import", "jsonl", path, *db, "--json", "--no-feedback")
    assert again.json_lines[0]["conversations"] == {"inserted": 0, "updated": 0, "unchanged": 2}

    scored = run_cli(capfd, "score", *db, "--json")
    assert scored.code == 0, scored.err
    assert scored.json_lines[0]["scored"] == 2

    shown = run_cli(capfd, "show", "c-1", *db, "--json")
    assert shown.code == 0
    assert shown.json_lines[0]["conversation_id"] == "c-1"
    table = run_cli(capfd, "show", "c-1", *db)
    assert "c-1 (jsonl, email) scored" in table.out and "greeting" in table.out


def test_import_reports_bad_lines_and_keeps_good_ones(tmp_path, capfd):
    db = db_args(tmp_path)
    run_cli(capfd, "init", *db)
    path = write_jsonl(tmp_path / "in.jsonl", [conversation("c-1"), {"id": "x"}, conversation("c-3")])
    run = run_cli(capfd, "import", "auto", path, *db, "--json", "--no-feedback")
    assert run.code == 1
    assert f"{path}:2: channel: Field required; messages: Field required" in run.err
    assert run.json_lines[0]["conversations"]["inserted"] == 2


def test_show_unknown_conversation(tmp_path, capfd):
    db = db_args(tmp_path)
    run_cli(capfd, "init", *db)
    run = run_cli(capfd, "show", "nope", *db)
    assert run.code == 1 and "conversation 'nope' is not in the store" in run.err


def test_agents_roster_import_and_listing(tmp_path, capfd):
    db = db_args(tmp_path)
    run_cli(capfd, "init", *db)
    roster = tmp_path / "roster.csv"
    roster.write_text("key,name,email,team,lead,aliases\nag-3,Juan Perez,juan@acme.test,Billing,Rosa Diaz,Juanito;^JP\n"
                      ",,x@y,Billing,,\n")
    run = run_cli(capfd, "agents", "import", roster, *db)
    assert run.code == 1
    assert f"{roster}:3: name is empty" in run.err
    path = write_jsonl(tmp_path / "in.jsonl", [conversation("c-1")])
    run_cli(capfd, "import", "auto", path, *db, "--no-feedback")
    listing = run_cli(capfd, "agents", *db, "--json")
    (juan,) = listing.json_lines
    assert juan["name"] == "Juan Perez" and juan["team"] == "Billing" and juan["conversations"] == 1
    assert juan["aliases"] == ["Juanito", "^JP"]
