"""``check`` (stateless), ``score`` (into the store) and ``show`` (one evaluation with its evidence)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smilebox.cli.common import ConfigOpt, DatabaseOpt, JsonOpt, RubricOpt, open_store, settings_for
from smilebox.cli.output import info, progress, warn, write_json_lines
from smilebox.errors import InputError


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("score")(score)
    app.command("show")(show)


def check(
    files: Annotated[list[Path], typer.Argument(help="Conversation files, in any format 'smilebox import' reads.")],
    fmt: Annotated[str, typer.Option("--format", help="auto, jsonl, csv, zendesk, helpscout, ... (detected when auto).")] = "auto",
    rubric: RubricOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Score conversations from files against a rubric; write one JSON object per conversation. No database.

    Bad records are reported on stderr as FILE:LINE: problem and the rest are still scored (exit 1 then).

    Example: smilebox check tickets.jsonl --json > scores.jsonl
    """
    from smilebox.qa import load_rubric
    from smilebox.scoring import check_files

    settings = settings_for(config, rubric=rubric)
    loaded = load_rubric(settings.rubric)
    failures: list[InputError] = []

    def on_error(err: InputError) -> None:
        failures.append(err)
        warn(str(err))

    evaluations = check_files(files, loaded, settings, fmt, on_error=on_error)
    if as_json:
        write_json_lines(ev.to_dict() for ev in evaluations)
    else:
        from smilebox.cli.render import print_evaluation_line

        for ev in evaluations:
            print_evaluation_line(ev.to_dict())
    if failures:
        raise typer.Exit(1)


def score(
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    rubric: RubricOpt = None,
    rescore: Annotated[bool, typer.Option("--rescore", help="Score every conversation again, not only new or changed ones.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Score the store's conversations that are new or changed since their last evaluation.

    Every evaluation records the rubric name and version; earlier evaluations stay as history.

    Example: smilebox score --rubric connect
    """
    from smilebox.qa import load_rubric
    from smilebox.scoring import count_conversations, score_store

    settings = settings_for(config, database_url=database, rubric=rubric)
    store = open_store(settings)
    loaded = load_rubric(settings.rubric)
    with progress("scoring", count_conversations(store)) as advance:
        summary = score_store(store, loaded, settings, rescore=rescore, advance=advance)
    result = {"rubric": loaded.name, "rubric_version": loaded.version, **vars(summary)}
    if as_json:
        write_json_lines([result])
    else:
        mean = "-" if summary.mean_score is None else f"{summary.mean_score:.1%}"
        info(f"scored {summary.scored} conversations with {loaded.name} v{loaded.version}: mean score {mean}, "
             f"{summary.critical_failed} critical failures")


def show(
    conversation_id: Annotated[str, typer.Argument(help="The conversation's id in its source.")],
    source: Annotated[str | None, typer.Option("--source", help="The source, when the id exists in several.")] = None,
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show a conversation's current evaluation, with the evidence for every point highlighted.

    Example: smilebox show c-1001
    """
    from smilebox.evaluations import current_evaluation

    settings = settings_for(config, database_url=database)
    found = current_evaluation(open_store(settings), conversation_id, source)
    if as_json:
        write_json_lines([found.result])
        return
    from smilebox.cli.render import print_evaluation

    print_evaluation(found)
