"""Smile Box draws: reproducible from the seed, verifiable, fair options; and the smiles listing."""

import pytest
from sqlalchemy import update

from smilebox.feedback.draw import pick_winners
from smilebox.feedback.process import process_pending
from smilebox.settings import Settings
from smilebox.store import Store
from smilebox.store.tables import Agent, Drawing, FeedbackRow
from tests.helpers import run_cli

SETTINGS = Settings(models="off")
AGENTS = [("ag-1", "Juan Perez", "blue"), ("ag-2", "Derrick Smith", "blue"), ("ag-3", "Ana Ruiz", "red")]
COMMENTS = ["Juan was great", "Derrick was wonderful", "Ana saved my day", "Juan and Ana were lovely",
            "Thanks Derrick, perfect", "Juan is the best", "Awful, nobody answered"]


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 't.db'}"
    store = Store(url)
    store.init()
    from datetime import datetime, timezone
    with store.session() as s:
        s.add_all(Agent(key=k, name=n, team=t, aliases=[]) for k, n, t in AGENTS)
        for i, text in enumerate(COMMENTS):
            s.add(FeedbackRow(source="survey", external_id=f"s{i}", comment=text, content_hash=str(i),
                              created_at=datetime(2026, 10, 1 + i, 12, tzinfo=timezone.utc)))
        s.add(FeedbackRow(source="survey", external_id="late", comment="Juan was great", content_hash="late",
                          created_at=datetime(2026, 11, 1, 0, 0, 1, tzinfo=timezone.utc)))
    process_pending(store, SETTINGS)
    monkeypatch.setenv("SMILEBOX_DATABASE_URL", url)
    monkeypatch.setenv("SMILEBOX_MODELS", "off")
    return store


def test_smiles_json_has_the_contract_shape(db, capfd):
    run = run_cli(capfd, "smiles", "--period", "2026-10", "--json")
    assert run.code == 0
    lines = run.json_lines
    assert [s["feedback_id"] for s in lines] == ["s0", "s1", "s2", "s3", "s4", "s5"]
    assert lines[3] == {"feedback_id": "s3", "conversation_id": None, "text": "Juan and Ana were lovely",
                        "agents": [{"name": "Juan Perez", "matched": "Juan", "method": "first-name"},
                                   {"name": "Ana Ruiz", "matched": "Ana", "method": "first-name"}],
                        "created_at": "2026-10-04T12:00:00Z", "kind": "customer"}


@pytest.mark.parametrize("args, ids", [
    (["--agent", "Derrick Smith"], ["s1", "s4"]),
    (["--agent", "ana"], ["s2", "s3"]),
    (["--team", "red"], ["s2", "s3"]),
    (["--period", "2026-11"], ["late"]),
])
def test_smiles_filters(db, capfd, args, ids):
    assert [s["feedback_id"] for s in run_cli(capfd, "smiles", *args, "--json").json_lines] == ids


@pytest.mark.parametrize("period", ["2026-13", "Oct 2026", "2026-1"])
def test_bad_period_is_a_usage_error(db, capfd, period):
    run = run_cli(capfd, "smiles", "--period", period)
    assert run.code == 2
    assert run.err.strip() == "error: --period must look like 2026-10"


def test_draw_is_recorded_and_verifies(db, capfd):
    run = run_cli(capfd, "draw", "--period", "2026-10", "--winners", "3", "--seed", "october", "--json")
    assert run.code == 0
    draw = run.json_lines[0]
    assert draw["entries"] == 7 and len(draw["winners"]) == 3 and draw["seed"] == "october"
    again = run_cli(capfd, "draw", "--period", "2026-10", "--winners", "3", "--seed", "october", "--json").json_lines[0]
    assert again["winners"] == draw["winners"]  # same seed, same entries, same winners
    verify = run_cli(capfd, "draw", "verify", str(draw["draw_id"]))
    assert verify.code == 0 and "verified" in verify.err
    listed = run_cli(capfd, "draw", "list", "--json").json_lines
    assert [d["draw_id"] for d in listed] == [draw["draw_id"], again["draw_id"]]


def test_tampered_draw_fails_verification(db, capfd):
    draw_id = run_cli(capfd, "draw", "--period", "2026-10", "--winners", "2", "--seed", "s", "--json").json_lines[0]["draw_id"]
    with db.session() as s:
        s.execute(update(Drawing).where(Drawing.id == draw_id).values(seed="other"))
    run = run_cli(capfd, "draw", "verify", str(draw_id))
    assert run.code == 1
    assert run.err.startswith(f"error: draw {draw_id} does not verify: re-running it from its seed gives")


def test_one_per_agent_and_exclude_recent(db, capfd):
    first = run_cli(capfd, "draw", "--period", "2026-10", "--winners", "5", "--one-per-agent", "--seed", "a", "--json").json_lines[0]
    assert sorted(w["agent"] for w in first["winners"]) == ["Ana Ruiz", "Derrick Smith", "Juan Perez"]
    solo = run_cli(capfd, "draw", "--period", "2026-10", "--winners", "1", "--seed", "b", "--json").json_lines[0]
    winner = solo["winners"][0]["agent_key"]
    nxt = run_cli(capfd, "draw", "--period", "2026-10", "--winners", "9", "--exclude-recent", "1", "--seed", "c", "--json")
    assert winner not in {w["agent_key"] for w in nxt.json_lines[0]["winners"]}
    assert nxt.json_lines[0]["params"]["excluded_agents"] == [winner]


def test_empty_period_says_so(db, capfd):
    run = run_cli(capfd, "draw", "--period", "2025-01")
    assert run.code == 2
    assert run.err.strip() == "error: no smiles to draw from in 2025-01; import feedback or pick another --period"


def test_unknown_draw_is_not_found(db, capfd):
    run = run_cli(capfd, "draw", "verify", "99")
    assert run.code == 1 and run.err.strip() == "error: no draw with id 99; 'smilebox draw list' shows them"


def test_pick_winners_is_stable_and_uses_every_ticket_once():
    entries = [{"agent_key": f"a{i % 3}", "feedback_id": f"f{i}"} for i in range(20)]
    first = pick_winners(entries, "seed", 20, False)
    assert first == pick_winners(entries, "seed", 20, False)
    assert sorted(e["feedback_id"] for e in first) == sorted(e["feedback_id"] for e in entries)
    assert first != pick_winners(entries, "other seed", 20, False)
