"""``smiles``, ``draw`` and ``prizehat``: the Smile Box and how it is celebrated."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from smilebox.cli.common import ConfigOpt, DatabaseOpt, JsonOpt, PeriodOpt, open_store, settings_for
from smilebox.cli.output import error, info, stdout, write_json_lines

HatArg = Annotated[str, typer.Argument(help="The hat's id or name.")]
PersonArg = Annotated[str, typer.Argument(help="A participant's name.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="Who offered the trade (when several did).", show_default=False)]


def register(app: typer.Typer) -> None:
    app.command("smiles")(smiles)
    draw_app = typer.Typer(help="Draw winners from the Smile Box, fairly and reproducibly.", invoke_without_command=True)
    draw_app.callback()(draw)
    draw_app.command("verify")(draw_verify)
    draw_app.command("list")(draw_list)
    app.add_typer(draw_app, name="draw")
    hat = typer.Typer(help="The prize hat: draw a prize, redraw once and keep either, trade with a colleague.",
                      no_args_is_help=True)
    for name, func in (("new", hat_new), ("draw", hat_draw), ("redraw", hat_redraw), ("keep", hat_keep),
                       ("trade", hat_trade), ("accept", hat_accept), ("decline", hat_decline), ("show", hat_show),
                       ("list", hat_list), ("verify", hat_verify)):
        hat.command(name)(func)
    app.add_typer(hat, name="prizehat")


def _period(settings, text: str | None):
    from smilebox.feedback.periods import parse_period

    return parse_period(text, settings.report_timezone) if text is not None else None


# --- smiles -----------------------------------------------------------------------------------
def smiles(
    period: PeriodOpt = None,
    agent: Annotated[str | None, typer.Option("--agent", help="Only smiles crediting this agent (name, alias or key).", show_default=False)] = None,
    team: Annotated[str | None, typer.Option("--team", help="Only smiles crediting an agent of this team.", show_default=False)] = None,
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List the Smile Box: every smile, with the agents it credits and the words that named them.

    Example: smilebox smiles --period 2026-10 --json
    """
    from smilebox.feedback.smiles import list_smiles

    settings = settings_for(config, database_url=database)
    found = list_smiles(open_store(settings), _period(settings, period), agent, team)
    if as_json:
        write_json_lines(s.as_json() for s in found)
        return
    table = Table("date", "feedback", "agents", "text")
    for s in found:
        agents = ", ".join(f"{a.name} ({a.matched or a.method})" for a in s.agents) or "-"
        table.add_row(s.created_at.date().isoformat() if s.created_at else "", s.feedback_id, agents, s.text)
    stdout.print(table)
    info(f"{len(found)} smile(s)")


# --- draws ------------------------------------------------------------------------------------
def draw(
    ctx: typer.Context,
    period: PeriodOpt = None,
    winners: Annotated[int, typer.Option("--winners", help="How many tickets to draw.")] = 1,
    one_per_agent: Annotated[bool, typer.Option("--one-per-agent", help="An agent wins at most once.")] = False,
    exclude_recent: Annotated[int, typer.Option("--exclude-recent", help="Leave out agents who won any of the last N draws.")] = 0,
    seed: Annotated[str | None, typer.Option("--seed", help="Seed for the draw [default: random, recorded].", show_default=False)] = None,
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Draw winners from a month's smiles (one ticket per credited agent per smile); recorded for 'draw verify'.

    Without --period, last month (in report_timezone).

    Example: smilebox draw --period 2026-10 --winners 3 --one-per-agent
    """
    if ctx.invoked_subcommand is not None:
        return
    from smilebox.feedback.draw import run_draw
    from smilebox.feedback.periods import last_month

    settings = settings_for(config, database_url=database)
    chosen_period = _period(settings, period) or last_month(settings.report_timezone)
    result = run_draw(open_store(settings), chosen_period, winners, one_per_agent=one_per_agent,
                      exclude_recent=exclude_recent, seed=seed)
    if as_json:
        write_json_lines([result.as_json()])
        return
    info(f"draw {result.id} for {result.period}: {len(result.entries)} tickets, seed {result.seed}")
    for n, w in enumerate(result.winners, start=1):
        stdout.print(f"{n}. {w['agent']}  (smile {w['feedback_id']})")
    if len(result.winners) < winners:
        info(f"only {len(result.winners)} winner(s): the pool ran out of eligible tickets")


def draw_verify(
    draw_id: Annotated[int, typer.Argument(help="The draw's id (see 'smilebox draw list').")],
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Re-run a past draw from its recorded seed and entries and confirm the same winners come out.

    Exit 1 when they differ.

    Example: smilebox draw verify 4
    """
    from smilebox.feedback.draw import verify_draw

    settings = settings_for(config, database_url=database)
    result = verify_draw(open_store(settings), draw_id)
    if as_json:
        write_json_lines([{"draw_id": draw_id, "ok": result.ok, "recorded": result.recorded, "recomputed": result.recomputed}])
    if not result.ok:
        error(f"draw {draw_id} does not verify: re-running it from its seed gives "
              f"{[w['agent'] for w in result.recomputed]}, but {[w['agent'] for w in result.recorded]} were recorded")
        raise typer.Exit(1)
    if not as_json:
        info(f"draw {draw_id} verified: the seed and entries give the recorded winners "
             f"({', '.join(w['agent'] for w in result.recorded)})")


def draw_list(database: DatabaseOpt = None, config: ConfigOpt = None, as_json: JsonOpt = False) -> None:
    """List past draws with their period, seed and winners.

    Example: smilebox draw list --json
    """
    from smilebox.feedback.draw import list_draws

    settings = settings_for(config, database_url=database)
    draws = list_draws(open_store(settings))
    if as_json:
        write_json_lines(d.as_json() for d in draws)
        return
    table = Table("id", "period", "when", "tickets", "winners", "seed")
    for d in draws:
        table.add_row(str(d.id), d.period or "", (d.created_at or "")[:16], str(len(d.entries)),
                      ", ".join(w["agent"] for w in d.winners), d.seed)
    stdout.print(table)


# --- prize hat --------------------------------------------------------------------------------
def _hats(database, config):
    from smilebox.feedback.prize_hat import PrizeHatService

    return PrizeHatService(open_store(settings_for(config, database_url=database)))


def _print_step(result: dict, as_json: bool) -> None:
    if as_json:
        write_json_lines([result])
        return
    person, kind = result["participant"], result["event"]
    if kind in ("draw", "redraw"):
        stdout.print(f"{person} drew: {result['prize']}")
    elif kind == "keep":
        stdout.print(f"{person} keeps {result['kept']}; {result['returned']} goes back into the hat")
    elif kind == "trade-offer":
        stdout.print(f"{person} offers {result['to']} {result['gives']} for {result['gets']}")
    elif kind == "trade-accept":
        stdout.print(f"{person} accepts: now holds {result['gets']}; {result['from']} holds {result['gives']}")
    else:
        stdout.print(f"{person} declines the trade offered by {result['from']}")


def hat_new(
    name: Annotated[str, typer.Option("--name", help="Name of the hat, e.g. 'October smiles'.")],
    prize: Annotated[list[str] | None, typer.Option("--prize", help="A prize and its quantity, 'Day off=2' (repeat).", show_default=False)] = None,
    participant: Annotated[list[str] | None, typer.Option("--participant", help="Who draws (repeat).", show_default=False)] = None,
    prizes_file: Annotated[Path | None, typer.Option("--file", help="TOML with [prizes] name = quantity and participants = [...].", show_default=False)] = None,
    from_draw: Annotated[int | None, typer.Option("--from-draw", help="Add the winners of this Smile Box draw as participants.", show_default=False)] = None,
    seed: Annotated[str | None, typer.Option("--seed", help="Seed for every draw from this hat [default: random, recorded].", show_default=False)] = None,
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Create a prize hat with prizes (name=quantity) and participants.

    Example: smilebox prizehat new --name October --prize "Lunch with the CEO=1" --prize "Day off=2" --participant Juan --participant Derrick
    """
    from smilebox.feedback.draw import get_draw
    from smilebox.feedback.prize_hat import load_hat_file, parse_prize

    prizes, people = load_hat_file(prizes_file) if prizes_file else ({}, [])
    for text in prize or []:
        key, count = parse_prize(text)
        prizes[key] = prizes.get(key, 0) + count
    people += participant or []
    service = _hats(database, config)
    if from_draw is not None:
        people += [w["agent"] for w in get_draw(service.store, from_draw).winners]
    view = service.create(name, prizes, people, seed)
    if as_json:
        write_json_lines([view])
        return
    info(f"prize hat {view['hat_id']} {view['name']!r}: {sum(view['stock'].values())} prizes for "
         f"{len(view['participants'])} participants")


def hat_draw(hat: HatArg, person: PersonArg, database: DatabaseOpt = None, config: ConfigOpt = None, as_json: JsonOpt = False) -> None:
    """Draw one prize from the hat for a participant (once each).

    Example: smilebox prizehat draw October Juan
    """
    _print_step(_hats(database, config).draw(hat, person), as_json)


def hat_redraw(hat: HatArg, person: PersonArg, database: DatabaseOpt = None, config: ConfigOpt = None, as_json: JsonOpt = False) -> None:
    """Draw once more; then 'keep first' or 'keep second' (the other goes back into the hat).

    Example: smilebox prizehat redraw October Juan
    """
    _print_step(_hats(database, config).redraw(hat, person), as_json)


def hat_keep(
    hat: HatArg,
    person: PersonArg,
    which: Annotated[str, typer.Argument(help="first or second.")],
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """After a redraw, keep the first or the second prize.

    Example: smilebox prizehat keep October Juan second
    """
    _print_step(_hats(database, config).keep(hat, person, which), as_json)


def hat_trade(
    hat: HatArg,
    person: Annotated[str, typer.Argument(help="Who offers the trade.")],
    to: Annotated[str, typer.Argument(help="The colleague offered the trade.")],
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Offer to swap prizes with a colleague, who then accepts or declines.

    Example: smilebox prizehat trade October Juan Derrick
    """
    _print_step(_hats(database, config).offer_trade(hat, person, to), as_json)


def hat_accept(hat: HatArg, person: PersonArg, offered_by: FromOpt = None, database: DatabaseOpt = None,
               config: ConfigOpt = None, as_json: JsonOpt = False) -> None:
    """Accept a trade offered to you: the prizes are swapped.

    Example: smilebox prizehat accept October Derrick
    """
    _print_step(_hats(database, config).answer_trade(hat, person, True, offered_by), as_json)


def hat_decline(hat: HatArg, person: PersonArg, offered_by: FromOpt = None, database: DatabaseOpt = None,
                config: ConfigOpt = None, as_json: JsonOpt = False) -> None:
    """Decline a trade offered to you: both keep their prizes.

    Example: smilebox prizehat decline October Derrick
    """
    _print_step(_hats(database, config).answer_trade(hat, person, False, offered_by), as_json)


def hat_show(hat: HatArg, database: DatabaseOpt = None, config: ConfigOpt = None, as_json: JsonOpt = False) -> None:
    """Show a hat: prizes left, who holds what, open trade offers and every step so far.

    Example: smilebox prizehat show October --json
    """
    view = _hats(database, config).show(hat)
    if as_json:
        write_json_lines([view])
        return
    stdout.print(f"[bold]{view['name']}[/] (hat {view['hat_id']}, seed {view['seed']})")
    stdout.print("left in the hat: " + ", ".join(f"{k} x{v}" for k, v in view["left"].items() if v) or "nothing")
    table = Table("participant", "prize", "redrawn")
    for p in view["participants"]:
        holding = p["prize"] or (f"choosing: {' / '.join(p['choosing'])}" if p["choosing"] else "-")
        table.add_row(p["name"], holding, "yes" if p["redrawn"] else "")
    stdout.print(table)
    for offer in view["offers"]:
        stdout.print(f"open offer: {offer['from']} -> {offer['to']} ({offer['gives']} for {offer['gets']})")


def hat_list(database: DatabaseOpt = None, config: ConfigOpt = None, as_json: JsonOpt = False) -> None:
    """List prize hats.

    Example: smilebox prizehat list
    """
    hats = _hats(database, config).list()
    if as_json:
        write_json_lines({k: h[k] for k in ("hat_id", "name", "status", "stock", "left")} for h in hats)
        return
    for h in hats:
        stdout.print(f"{h['hat_id']}  {h['name']}  ({sum(h['left'].values())} of {sum(h['stock'].values())} prizes left)")


def hat_verify(hat: HatArg, database: DatabaseOpt = None, config: ConfigOpt = None) -> None:
    """Re-run every draw of a hat from its seed and confirm each gave the recorded prize (exit 1 if not).

    Example: smilebox prizehat verify October
    """
    if not _hats(database, config).verify(hat):
        error(f"prize hat {hat!r} does not verify: its recorded draws differ from what its seed gives")
        raise typer.Exit(1)
    info(f"prize hat {hat!r} verified: every draw matches its seed")


