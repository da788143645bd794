"""``quickstart``: the main job on the bundled sample data (contract section 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smilebox.cli.common import ConfigOpt, settings_for
from smilebox.cli.output import info, progress, stdout
from smilebox.errors import UsageError


def register(app: typer.Typer) -> None:
    app.command("quickstart")(quickstart)


def quickstart(
    folder: Annotated[Path, typer.Option("--dir", help="Folder for the demo store and results.")] = Path("smilebox-demo"),
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Start the web dashboard afterwards.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Make a SQLite store in a folder, import the sample data, score everything, collect the smiles,
    open recovery cases, write the Smile Report, and say where to look next.

    Example: smilebox quickstart --no-serve --dir ./smilebox-demo
    """
    from smilebox.quickstart import run_quickstart

    if serve:
        raise UsageError("the web dashboard is not part of this version yet: run with --no-serve")
    settings = settings_for(config)
    with progress("importing sample data") as advance:
        r = run_quickstart(folder, settings, advance)
    imp = r.imported
    stdout.print(f"[bold]Smilebox quickstart[/] in {r.folder}/")
    stdout.print(f"  store:        {r.database_url}")
    stdout.print(f"  imported:     {imp['conversations']['inserted']} conversations, {imp['feedback']['inserted']} feedback "
                 f"({len(r.import_errors)} bad records)")
    mean = "-" if r.mean_score is None else f"{r.mean_score:.1%}"
    stdout.print(f"  scored:       {r.scored} conversations, mean score {mean}, {r.critical_failed} critical failures")
    stdout.print(f"  evaluations:  {r.evaluations_file}")
    if r.feedback:
        classes = r.feedback.get("classes", {})
        stdout.print(f"  feedback:     {r.feedback.get('processed', 0)} classified: "
                     + ", ".join(f"{n} {name}" for name, n in classes.items())
                     + f"; {r.feedback.get('credits', 0)} agent credits; {r.feedback.get('cases_opened', 0)} recovery cases opened")
    for path in r.report:
        stdout.print(f"  smile report: {path}")
    if r.open_cases:
        stdout.print(f"  open recovery cases: {len(r.open_cases)}")
        for case in r.open_cases[:15]:
            stdout.print(f"    #{case.get('case_id')} {case.get('customer') or '(no name)'} -> {case.get('owner')} "
                         f"(step {case.get('step')}, due {case.get('due_at')})")
        if len(r.open_cases) > 15:
            stdout.print(f"    ... and {len(r.open_cases) - 15} more: smilebox recovery list --db {r.database_url}")
    info("next: smilebox show ID --db " + r.database_url + "   |   smilebox agents --db " + r.database_url)
