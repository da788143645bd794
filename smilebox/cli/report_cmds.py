"""``smilebox report``: the Smile Report as an HTML page and a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smilebox.cli.common import ConfigOpt, DatabaseOpt, PeriodOpt, open_store, settings_for


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Reports for the team and its leaders.", no_args_is_help=True)
    group.command("smile")(smile)
    app.add_typer(group, name="report")


def smile(
    period: PeriodOpt = None,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the report into.")] = Path("."),
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write the Smile Report for a month (default: last month) as smile-report-YYYY-MM.html and .pdf.

    Prints the two paths, HTML first.

    Example: smilebox report smile --period 2026-10 --out reports/
    """
    from smilebox.reports.smile_report import write_report

    settings = settings_for(config, database_url=database)
    if out.exists() and not out.is_dir():
        from smilebox.errors import UsageError

        raise UsageError(f"--out {out}: exists and is not a folder")
    html_path, pdf_path = write_report(open_store(settings), period, out, tz=settings.report_timezone,
                                       company=settings.company_name)
    print(html_path)
    print(pdf_path)
