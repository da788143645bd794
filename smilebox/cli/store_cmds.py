"""``init``, ``import`` and ``agents``: the store and what goes into it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from smilebox.cli.common import ConfigOpt, DatabaseOpt, JsonOpt, open_store, settings_for
from smilebox.cli.output import info, progress, stdout, warn, write_json_lines


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("import")(import_command)
    agents_app = typer.Typer(help="The agent roster: list agents, import a roster CSV.", invoke_without_command=True)
    agents_app.callback()(agents_list)
    agents_app.command("import")(agents_import)
    app.add_typer(agents_app, name="agents")


def init(database: DatabaseOpt = None, config: ConfigOpt = None) -> None:
    """Create the store, or upgrade it to this version's schema.

    Example: smilebox init --database sqlite:///smilebox.db
    """
    settings = settings_for(config, database_url=database)
    store = open_store(settings, require_current=False)
    revision = store.init()
    info(f"store ready at {store.engine.url.render_as_string(hide_password=True)} (schema {revision})")


def import_command(
    source: Annotated[str, typer.Argument(help="Format: auto, jsonl, csv, zendesk, helpscout, freshdesk, intercom, front, twcs, a transcript format...")],
    paths: Annotated[list[Path], typer.Argument(help="Files to import.")],
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
    no_feedback: Annotated[bool, typer.Option("--no-feedback", help="Do not classify feedback or open recovery cases now.")] = False,
) -> None:
    """Load conversations and feedback into the store. Re-importing the same file changes nothing.

    Bad records are reported on stderr as FILE:LINE: problem; every good record is kept (exit 1 if any failed).

    Example: smilebox import auto exports/tickets.jsonl
    """
    from smilebox.ingest import import_paths

    settings = settings_for(config, database_url=database)
    store = open_store(settings)
    with progress("importing", None) as advance:
        summary = import_paths(store, paths, source, settings, on_error=lambda e: warn(str(e)), advance=advance)
    processed = _process_feedback(store, settings) if not no_feedback else None
    result = summary.as_dict()
    if processed is not None:
        result["feedback_processing"] = processed
    if as_json:
        write_json_lines([result])
    else:
        c = summary.counts
        info(
            f"read {summary.read} records from {len(summary.files)} file(s): {c.inserted} new, {c.updated} updated, "
            f"{c.unchanged} unchanged conversations; {c.feedback_inserted} new feedback; {len(summary.errors)} bad records"
        )
        for note in c.feedback_unlinked[:20]:
            info(f"note: feedback {note}")
    if summary.errors:
        raise typer.Exit(1)


def _process_feedback(store, settings) -> dict | None:
    try:
        from smilebox.feedback.process import process_pending
    except ModuleNotFoundError:
        return None
    summary = process_pending(store, settings)
    return summary.as_dict() if hasattr(summary, "as_dict") else vars(summary)


def agents_list(
    ctx: typer.Context,
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List agents with their conversations, mean QA score and smiles.

    Example: smilebox agents --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from smilebox.people import agent_overview

    settings = settings_for(config, database_url=database)
    rows = agent_overview(open_store(settings))
    if as_json:
        write_json_lines(rows)
        return
    table = Table("agent", "team", "lead", "conversations", "mean score", "smiles")
    for r in rows:
        score = "-" if r["mean_score"] is None else f"{r['mean_score']:.0%}"
        table.add_row(r["name"], r["team"] or "", r["lead"] or "", str(r["conversations"]), score, str(r["smiles"]))
    stdout.print(table)


def agents_import(
    path: Annotated[Path, typer.Argument(help="Roster CSV: key,name,email,team,lead,aliases (aliases ;-separated).")],
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Load or update the agent roster (names, aliases, teams, leads).

    Example: smilebox agents import roster.csv
    """
    from smilebox.people import import_roster

    settings = settings_for(config, database_url=database)
    result = import_roster(open_store(settings), path, on_error=lambda e: warn(str(e)))
    info(f"roster: {result.inserted} new, {result.updated} updated agents; {len(result.errors)} bad rows")
    if result.errors:
        raise typer.Exit(1)
