"""``smilebox eval``: run every accuracy evaluation and write docs/accuracy.md."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from smilebox.cli.output import info
from smilebox.errors import UsageError


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        data: Path = typer.Option(Path("../shared/data"), help="Folder of the public labelled data sets."),
        out: Path = typer.Option(Path("docs/accuracy.md"), help="Where to write the report."),
        only: list[str] = typer.Option([], help="Run only these sections (qa_eval, nlp_eval)."),
    ) -> None:
        """Measure accuracy on labelled data and write the report.

        Example: smilebox eval --data ../shared/data --out docs/accuracy.md
        """
        from smilebox.evaluation import section_functions

        if not data.is_dir():
            raise UsageError(f"{data}: data folder not found (the public data sets live in ../shared/data)")
        parts = [
            "# Accuracy\n",
            f"Written by `smilebox eval --data {data}` on {date.today().isoformat()}. "
            "Re-run that command to reproduce every figure below.\n",
        ]
        for name, fn in section_functions():
            if only and name not in only:
                continue
            info(f"running {name} ...")
            section = fn(data)
            if section:
                parts.append(section.rstrip() + "\n")
            else:
                info(f"{name}: its data is not in {data}; skipped")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(parts), encoding="utf-8")
        info(f"wrote {out}")
