"""The import pipeline: files -> importer -> validated records -> the store, in batches.

Each batch of ``settings.batch_size`` conversations is one transaction, so a crash leaves whole
conversations or none; re-running the same import is idempotent, so an interrupted import is finished
by running it again. Bad records are collected as ``InputError``s and reported; good ones are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from smilebox.errors import InputError, UsageError
from smilebox.import_workers import PARALLEL_MIN_BYTES, BlockResult, can_fork, import_blocks, worker_count
from smilebox.importers import ImportOptions, detect_format, get_importer
from smilebox.importers.base import RecordStream
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


def _parallel_parser(store: Store, path: Path, importer, settings: Settings):
    """The importer's line parser or record stream when ``path`` should be imported by worker
    processes, else None."""
    line_parser = getattr(importer, "line_parser", None)
    record_stream = getattr(importer, "record_stream", None)
    if line_parser is None and record_stream is None:
        return None
    if worker_count(settings.import_workers) < 2 or not can_fork():
        return None
    if store.dialect == "sqlite" and store.engine.url.database in (None, "", ":memory:"):
        return None  # other processes cannot see an in-memory database
    if path.stat().st_size < PARALLEL_MIN_BYTES:
        return None
    return line_parser if line_parser is not None else record_stream(path)


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
        run = _FileRun(summary, on_error, advance)
        importer = get_importer(name)(options)
        parser = _parallel_parser(store, path, importer, settings)
        if parser is not None:
            for block in import_blocks(store, path, parser, worker_count(settings.import_workers)):
                run.add_block(block)
            if isinstance(parser, RecordStream):  # e.g. ratings whose ticket is not in the file
                run.write_items(store, writer, parser.tail(), settings.batch_size)
        else:
            run.write_items(store, writer, importer.read(path), settings.batch_size)
        summary.counts.add(run.counts)
        with store.session() as session:
            session.add(
                ImportRun(
                    source=name,
                    path=str(path),
                    finished_at=utcnow(),
                    counts={
                        "inserted": run.counts.inserted,
                        "updated": run.counts.updated,
                        "unchanged": run.counts.unchanged,
                        "feedback_inserted": run.counts.feedback_inserted,
                        "feedback_updated": run.counts.feedback_updated,
                    },
                    errors=run.errors[:1000],
                )
            )
    return summary


@dataclass
class _FileRun:
    """The import of one file: its counts and errors, reported to the summary as they happen."""

    summary: ImportSummary
    on_error: Callable[[InputError], None] | None
    advance: Callable[[int], None] | None
    counts: WriteCounts = field(default_factory=WriteCounts)
    errors: list[str] = field(default_factory=list)

    def bad(self, item: InputError) -> None:
        self.summary.errors.append(item)
        self.errors.append(str(item))
        if self.on_error:
            self.on_error(item)

    def add_block(self, block: BlockResult) -> None:
        for item in block.errors:
            self.bad(item)
        self.summary.read += block.read
        if block.counts is not None:
            self.counts.add(block.counts)
        if self.advance:
            self.advance(block.read)

    def write_items(self, store: Store, writer: BatchWriter, items: Iterable, batch_size: int) -> None:
        convs: list[PreparedConversation] = []
        records: list[FeedbackRecord] = []
        for item in items:
            if isinstance(item, InputError):
                self.bad(item)
                continue
            self.summary.read += 1
            if isinstance(item, Conversation):
                convs.append(prepare(item, store.dialect))
            else:
                records.append(item)
            if len(convs) + len(records) >= batch_size:
                self._flush(store, writer, convs, records)
        self._flush(store, writer, convs, records)

    def _flush(self, store: Store, writer: BatchWriter, convs: list, records: list) -> None:
        if not convs and not records:
            return
        with store.session() as session:
            self.counts.add(writer.write(session, convs, records))
        if self.advance:
            self.advance(len(convs) + len(records))
        convs.clear()
        records.clear()
