"""The whole main job on the bundled sample data: store, import, score, smiles, recovery, report.

Library first: ``run_quickstart(folder)`` returns what it did and where the results are; the CLI prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from smilebox.errors import UsageError
from smilebox.settings import Settings, load_settings
from smilebox.store import Store


@dataclass
class QuickstartResult:
    folder: Path
    database_url: str
    imported: dict = field(default_factory=dict)
    scored: int = 0
    mean_score: float | None = None
    critical_failed: int = 0
    feedback: dict | None = None
    report: list[Path] = field(default_factory=list)
    report_period: str | None = None
    open_cases: list[dict] = field(default_factory=list)
    evaluations_file: Path | None = None
    import_errors: list[str] = field(default_factory=list)


def run_quickstart(folder: Path, settings: Settings | None = None, advance=None) -> QuickstartResult:
    from smilebox.evaluations import iter_current_results
    from smilebox.feedback.process import process_pending
    from smilebox.ingest import import_paths
    from smilebox.people import import_roster
    from smilebox.qa import load_rubric
    from smilebox.recovery import cases
    from smilebox.reports.smile_report import write_report
    from smilebox.sample import sample_paths
    from smilebox.scoring import score_store

    folder = folder.expanduser()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{(folder / 'smilebox.db').resolve()}"
    base = settings or load_settings()
    settings = base.model_copy(update={"database_url": url})
    store = Store(url)
    store.init()
    paths = sample_paths()
    result = QuickstartResult(folder=folder, database_url=url)

    import_roster(store, paths["agents"])
    summary = import_paths(store, [paths["conversations"], paths["feedback"]], "auto", settings, advance=advance)
    result.imported = summary.as_dict()
    result.import_errors = [str(e) for e in summary.errors]

    scored = score_store(store, load_rubric(settings.rubric), settings)
    result.scored, result.mean_score, result.critical_failed = scored.scored, scored.mean_score, scored.critical_failed
    out = folder / "evaluations.jsonl"
    import orjson

    with open(out, "wb") as fh:
        for obj in iter_current_results(store):
            fh.write(orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE))
    result.evaluations_file = out

    processed = process_pending(store, settings)
    result.feedback = processed.as_dict()
    result.report_period = latest_month(store)
    if result.report_period:
        result.report = [Path(p) for p in write_report(store, result.report_period, folder / "reports")]
    result.open_cases = cases.list_cases(store, status="open")
    store.dispose()
    return result


def latest_month(store: Store) -> str | None:
    """The month (YYYY-MM) of the newest conversation: the sample's "last month"."""
    from sqlalchemy import func, select

    from smilebox.store.tables import ConversationRow

    with store.session() as session:
        newest = session.scalar(select(func.max(ConversationRow.created_at)))
    return None if newest is None else f"{newest.year:04d}-{newest.month:02d}"
