"""The import pipeline: files -> importer -> validated records -> the store, in batches.

Each batch of ``settings.batch_size`` conversations is one transaction, so a crash leaves whole
conversations or none; re-running the same import is idempotent, so an interrupted import is finished
by running it again. Bad records are collected as ``InputError``s and reported; good ones are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from smilebox.errors import InputError, UsageError
from smilebox.import_workers import PARALLEL_MIN_BYTES, parallel_items, worker_count
from smilebox.importers import ImportOptions, detect_format, get_importer
from smilebox.model import Conversation, FeedbackRecord
from smilebox.settings import Settings
from smilebox.store import Store
from smilebox.store.prepare import PreparedConversation, prepare
from smilebox.store.tables import ImportRun, utcnow
from smilebox.store.writer import BatchWriter, WriteCounts


@dataclass
class ImportSummary:
    files: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    read: int = 0
    bytes: int = 0
    counts: WriteCounts = field(default_factory=WriteCounts)
    errors: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        c = self.counts
        return {
            "files": self.files,
            "formats": self.formats,
            "records_read": self.read,
            "conversations": {"inserted": c.inserted, "updated": c.updated, "unchanged": c.unchanged},
            "feedback": {"inserted": c.feedback_inserted, "updated": c.feedback_updated, "unchanged": c.feedback_unchanged},
            "errors": [str(e) for e in self.errors],
        }


def resolve_format(path: Path, fmt: str) -> str:
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; give the export files themselves")
    return detect_format(path) if fmt == "auto" else get_importer(fmt).name


def read_items(paths: Iterable[Path], fmt: str = "auto", options: ImportOptions | None = None):
    """Yield (path, format, item) for every record of every file: Conversation, FeedbackRecord or InputError."""
    for path in paths:
        name = resolve_format(path, fmt)
        importer = get_importer(name)(options)
        for item in importer.read(path):
            yield path, name, item


def _prepared_items(path: Path, name: str, options: ImportOptions, settings: Settings, dialect: str) -> Iterator:
    """The file's records with conversations already prepared for writing; in worker processes when the
    format is line-based, the file is large and more than one worker is allowed."""
    importer = get_importer(name)(options)
    parser = getattr(importer, "line_parser", None)
    workers = worker_count(settings.import_workers)
    if parser is not None and workers > 1 and path.stat().st_size >= PARALLEL_MIN_BYTES:
        yield from parallel_items(path, parser, workers, dialect)
        return
    for item in importer.read(path):
        yield prepare(item, dialect) if isinstance(item, Conversation) else item


def import_paths(
    store: Store,
    paths: list[Path],
    fmt: str = "auto",
    settings: Settings | None = None,
    *,
    on_error: Callable[[InputError], None] | None = None,
    advance: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import files into the store. ``on_error`` sees each bad record as it is found."""
    settings = settings or Settings()
    store.require_current()
    options = ImportOptions(company_name=settings.company_name)
    summary = ImportSummary()
    for path in paths:  # fail fast on a missing file or unknown format, before writing anything
        summary.formats[str(path)] = resolve_format(path, fmt)
    with store.session() as session:
        writer = BatchWriter(session)
    for path in paths:
        name = summary.formats[str(path)]
        summary.files.append(str(path))
        summary.bytes += path.stat().st_size
        run_errors: list[str] = []
        file_counts = WriteCounts()
        convs: list[PreparedConversation] = []
        records: list[FeedbackRecord] = []

        def flush() -> None:
            if not convs and not records:
                return
            with store.session() as session:
                counts = writer.write(session, convs, records)
            file_counts.add(counts)
            if advance:
                advance(len(convs) + len(records))
            convs.clear()
            records.clear()

        for item in _prepared_items(path, name, options, settings, store.dialect):
            if isinstance(item, InputError):
                summary.errors.append(item)
                run_errors.append(str(item))
                if on_error:
                    on_error(item)
                continue
            summary.read += 1
            (records if isinstance(item, FeedbackRecord) else convs).append(item)
            if len(convs) + len(records) >= settings.batch_size:
                flush()
        flush()
        summary.counts.add(file_counts)
        with store.session() as session:
            session.add(
                ImportRun(
                    source=name,
                    path=str(path),
                    finished_at=utcnow(),
                    counts={
                        "inserted": file_counts.inserted,
                        "updated": file_counts.updated,
                        "unchanged": file_counts.unchanged,
                        "feedback_inserted": file_counts.feedback_inserted,
                        "feedback_updated": file_counts.feedback_updated,
                    },
                    errors=run_errors[:1000],
                )
            )
    return summary
