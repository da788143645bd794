"""The prize hat: draw, redraw and keep either, trade with consent, never more than the stock."""

import pytest

from smilebox.errors import UsageError
from smilebox.feedback.prize_hat import PrizeHatService, parse_prize
from smilebox.store import Store
from tests.helpers import run_cli

PRIZES = {"Lunch with the CEO": 1, "Day off": 2}
PEOPLE = ["Juan", "Derrick", "Ana", "Bob"]


@pytest.fixture
def hats(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 't.db'}")
    store.init()
    service = PrizeHatService(store)
    service.create("October", PRIZES, PEOPLE, seed="fixed")
    return service


def held(view):
    return {p["name"]: p["prize"] for p in view["participants"]}


def test_draw_redraw_keep_returns_the_other_prize(hats):
    first = hats.draw("October", "Juan")["prize"]
    second = hats.redraw("October", "juan")["prize"]  # names are case-insensitive
    view = hats.show("October")
    assert view["participants"][0]["choosing"] == [first, second]
    kept = hats.keep("October", "Juan", "second")
    assert (kept["kept"], kept["returned"]) == (second, first)
    view = hats.show("October")
    assert held(view)["Juan"] == second
    assert sum(view["left"].values()) == 2
    assert [e["kind"] for e in view["events"]] == ["draw", "redraw", "keep"]


def test_never_more_than_the_stock(hats):
    for person in ("Juan", "Derrick", "Ana"):
        hats.draw("October", person)
    with pytest.raises(UsageError) as exc:
        hats.draw("October", "Bob")
    assert str(exc.value) == "no stock: the hat 'October' is empty"
    assert sorted(held(hats.show("October")).values(), key=str) == sorted(["Day off", "Day off", "Lunch with the CEO", None], key=str)


@pytest.mark.parametrize("steps, message", [
    ([("draw", "Juan"), ("draw", "Juan")],
     "Juan has already drawn from 'October': drawing twice is not allowed (use 'redraw' to draw once more)"),
    ([("redraw", "Juan")], "Juan has not drawn yet; use 'draw' first"),
    ([("draw", "Juan"), ("redraw", "Juan"), ("keep", "Juan", "first"), ("redraw", "Juan")],
     "Juan has already used their one redraw in 'October'"),
    ([("draw", "Juan"), ("keep", "Juan", "first")], "Juan has nothing to choose between; 'keep' follows a 'redraw'"),
    ([("draw", "Zed")], "'Zed' is not a participant of 'October' (participants: Juan, Derrick, Ana, Bob)"),
    ([("draw", "Juan"), ("draw", "Ana"), ("accept", "Ana")], "trade not offered: Ana has no open trade offer in 'October'"),
    ([("draw", "Juan"), ("trade", "Juan", "Ana")], "Ana has no prize to trade yet; draw first"),
    ([("draw", "Juan"), ("trade", "Juan", "Juan")], "Juan cannot trade with themselves"),
])
def test_clear_errors(hats, steps, message):
    actions = {"draw": hats.draw, "redraw": hats.redraw, "keep": hats.keep, "trade": hats.offer_trade,
               "accept": lambda h, p: hats.answer_trade(h, p, True)}
    with pytest.raises(UsageError) as exc:
        for name, *args in steps:
            actions[name]("October", *args)
    assert str(exc.value) == message


def test_trade_needs_consent(hats):
    juan, ana = hats.draw("October", "Juan")["prize"], hats.draw("October", "Ana")["prize"]
    hats.offer_trade("October", "Juan", "Ana")
    hats.answer_trade("October", "Ana", False)
    assert held(hats.show("October"))["Juan"] == juan  # declined: nothing moves
    hats.offer_trade("October", "Juan", "Ana")
    hats.answer_trade("October", "Ana", True)
    view = hats.show("October")
    assert (held(view)["Juan"], held(view)["Ana"]) == (ana, juan)
    assert [e["kind"] for e in view["events"]][-3:] == ["trade-decline", "trade-offer", "trade-accept"]


def test_draws_are_reproducible_from_the_seed(tmp_path):
    outcomes = []
    for n in range(2):
        store = Store(f"sqlite:///{tmp_path / f'{n}.db'}")
        store.init()
        service = PrizeHatService(store)
        service.create("H", {"A": 3, "B": 3, "C": 3}, PEOPLE, seed="same")
        outcomes.append([service.draw("H", p)["prize"] for p in PEOPLE])
        assert service.verify("H")
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("text, message", [
    ("Day off", "--prize 'Day off' must look like \"Day off=2\" (name=quantity)"),
    ("Day off=two", "--prize 'Day off=two': the quantity 'two' is not a whole number"),
    ("Day off=0", "--prize 'Day off=0': the quantity must be 1 or more"),
])
def test_bad_prize_options(text, message):
    with pytest.raises(UsageError) as exc:
        parse_prize(text)
    assert str(exc.value) == message


def test_cli_flow(tmp_path, capfd, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    Store(url).init()
    monkeypatch.setenv("SMILEBOX_DATABASE_URL", url)
    made = run_cli(capfd, "prizehat", "new", "--name", "Oct", "--prize", "Lunch with the CEO=1", "--prize", "Day off=2",
                   "--participant", "Juan", "--participant", "Ana", "--seed", "x", "--json")
    assert made.code == 0 and made.json_lines[0]["stock"] == {"Day off": 2, "Lunch with the CEO": 1}
    assert run_cli(capfd, "prizehat", "draw", "Oct", "Juan").code == 0
    twice = run_cli(capfd, "prizehat", "draw", "Oct", "Juan")
    assert twice.code == 2
    assert twice.err.strip() == ("error: Juan has already drawn from 'Oct': drawing twice is not allowed "
                                 "(use 'redraw' to draw once more)")
    shown = run_cli(capfd, "prizehat", "show", "Oct", "--json").json_lines[0]
    assert sum(shown["left"].values()) == 2 and shown["participants"][0]["prize"] is not None
    assert run_cli(capfd, "prizehat", "verify", "Oct").code == 0
