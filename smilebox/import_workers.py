"""Importing a big file with several worker processes, in file order, with flat memory.

Two kinds of block feed the workers:

* **lines** (native JSONL): the main process cuts the file into blocks of whole lines, and the importer's
  ``line_parser`` turns each line into a record in the worker;
* **records** (help-desk exports, e.g. a Zendesk JSON document): the importer's ``record_stream`` walks the
  file in the main process (ijson's C parser, side tables joined there) and ships each raw record as
  compact JSON bytes with its location (``tickets[3]``, a line number); the stream's ``parse`` builds the
  record in the worker. Side tables read before the workers start are inherited by the fork; tables that
  grow while the file is read (users side-loaded on JSONL pages) reach the workers as ``Update`` entries,
  in file order, and every block carries the updates since the workers were forked, so whichever worker
  takes a block sees exactly what a one-process import would. When that backlog grows big the pool is
  forked again (``RESTART``).

The worker parses, validates and prepares every record (``store.prepare``) and then writes the block to
the store itself, as one transaction, on its own connection. Writes take turns in block order (a shared counter),
so the result is exactly that of a one-process import: a conversation that appears twice in the file ends
as its later line says. While one worker writes, the other parses its next block, so both cores work;
nothing big crosses between processes (the block's bytes go in, counts and errors come back).

At most ``2 x workers`` blocks are in flight, so memory stays flat whatever the file's size. Workers are
forked (they inherit the importer and the settings); where ``fork`` is not available, or the store is an
in-memory SQLite database, the caller imports in-process instead.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smilebox.errors import InputError
from smilebox.importers.base import RecordStream, Update
from smilebox.model import Conversation, FeedbackRecord
from smilebox.store.prepare import prepare

CHUNK_BYTES = 2 * 1024 * 1024
#: below this size a file is imported in-process: starting workers would cost more than it saves
PARALLEL_MIN_BYTES = 16 * 1024 * 1024
#: how long a worker waits for its turn to write before checking that the import is still alive
_TURN_POLL_SECONDS = 5.0

#: updates since the workers were forked that a block may carry before the pool is forked again
RESTART_AFTER_UPDATES = 2000

LineParser = Callable[[str, int, bytes], object]


@dataclass
class RecordBlock:
    """Raw records for a worker: ``(location, bytes)``, ``InputError`` (found while walking the file) or
    ``Update`` entries in file order, and the updates since the pool was forked that came before them."""

    entries: list
    catch_up: list  # payloads of the updates since the fork, before this block
    size: int = 0


#: a mark in the blocks: the pool must be forked again (the updates backlog is too big to carry)
RESTART = object()


def record_blocks(stream: RecordStream, chunk_bytes: int | None = None) -> Iterator[RecordBlock | object]:
    """Group the stream's entries into blocks of about ``CHUNK_BYTES``, with the updates they must see."""
    chunk_bytes = chunk_bytes or CHUNK_BYTES
    since_fork: list = []  # update payloads since the pool was forked
    weight = 0
    entries: list = []
    size = 0
    catch_up: list = []
    for entry in stream.entries():
        entries.append(entry)
        if isinstance(entry, Update):
            since_fork.append(entry.payload)
            weight += entry.weight
            size += 256 * entry.weight  # a guess at its size: a file of side tables only still makes blocks
        elif isinstance(entry, tuple):
            size += len(entry[1])
        else:
            size += 256
        if size >= chunk_bytes:
            yield RecordBlock(entries, catch_up, size)
            entries, size = [], 0
            if weight > RESTART_AFTER_UPDATES:
                yield RESTART  # the main process waits for the pool to stop and forks a new one: state now
                since_fork, weight = [], 0
            catch_up = list(since_fork)
    if entries:
        yield RecordBlock(entries, catch_up, size)


def worker_count(setting: int) -> int:
    return setting if setting > 0 else (os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@dataclass
class BlockResult:
    """What one block did: records read, the writer's counts, and the bad lines, in file order."""

    read: int = 0
    errors: list[InputError] = field(default_factory=list)
    counts: Any = None  # store.writer.WriteCounts


def prepare_block(parser: LineParser, name: str, dialect: str, first_line: int, block: bytes) -> list:
    """Every record of a block of whole lines: prepared conversations, feedback records and InputErrors."""
    out: list = []
    lines = block.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    for offset, raw in enumerate(lines):
        item = parser(name, first_line + offset, raw)
        if item is None:
            continue
        out.append(prepare(item, dialect) if isinstance(item, Conversation) else item)
    return out


def prepare_records(stream: RecordStream, name: str, dialect: str, block: RecordBlock, applied: int) -> tuple[list, int]:
    """Every record of a ``RecordBlock``, and how many updates since the fork this process has applied."""
    for payload in block.catch_up[applied:]:
        stream.update(payload)
    applied = max(applied, len(block.catch_up))
    out: list = []
    for entry in block.entries:
        if isinstance(entry, tuple):
            item = stream.parse(name, entry[0], entry[1])
            if item is not None:
                out.append(prepare(item, dialect) if isinstance(item, Conversation) else item)
        elif isinstance(entry, Update):
            stream.update(entry.payload)
            applied += 1
        else:
            out.append(entry)
    return out, applied


def _blocks(path: Path) -> Iterator[tuple[int, bytes]]:
    """(number of the first line, bytes of whole lines) for blocks of about ``CHUNK_BYTES``."""
    with open(path, "rb") as fh:
        lineno = 1
        while block := fh.read(CHUNK_BYTES):
            if not block.endswith(b"\n"):
                block += fh.readline()  # finish the last line
            yield lineno, block
            lineno += block.count(b"\n")


# --- inside a worker process ------------------------------------------------------------------
_job: dict[str, Any] = {}


def _start_worker(store, parser: LineParser, name: str, turn, turn_changed, parent_pid: int) -> None:
    # the parent's pooled connections must not be used (or closed) from this process
    store.engine.dispose(close=False)
    # what the fork inherited (side tables, modules) lives as long as the worker: the collector need not
    # scan it again and again, and untouched pages stay shared with the parent. A block makes and drops
    # ~10^5 objects that live until it is written (few cycles among them): collecting less often saves
    # ~7% of a worker's CPU (measured on bench_import_zendesk) for a few MB of garbage at most.
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    _job.update(store=store, parser=parser, name=name, turn=turn, turn_changed=turn_changed,
                parent_pid=parent_pid, writer=None, applied=0)


def _forked() -> None:
    """A task that only makes the pool fork its workers now (it forks them all at the first task)."""


def _wait_for_turn(index: int) -> None:
    turn, changed = _job["turn"], _job["turn_changed"]
    with changed:
        while not changed.wait_for(lambda: turn.value == index, timeout=_TURN_POLL_SECONDS):
            if os.getppid() != _job["parent_pid"]:  # the import was stopped: don't wait forever
                raise SystemExit(1)


def _pass_turn(index: int) -> None:
    turn, changed = _job["turn"], _job["turn_changed"]
    with changed:
        turn.value = index + 1
        changed.notify_all()


def _import_block(index: int, first_line: int, block: bytes | RecordBlock) -> BlockResult:
    from smilebox.store.writer import BatchWriter

    store = _job["store"]
    result = BlockResult()
    problem: BaseException | None = None
    convs, records = [], []
    try:
        if isinstance(block, RecordBlock):
            items, _job["applied"] = prepare_records(_job["parser"], _job["name"], store.dialect, block, _job["applied"])
        else:
            items = prepare_block(_job["parser"], _job["name"], store.dialect, first_line, block)
        for item in items:
            if isinstance(item, InputError):
                result.errors.append(item)
            else:
                result.read += 1
                (records if isinstance(item, FeedbackRecord) else convs).append(item)
    except BaseException as exc:  # written up after our turn, so later blocks are not held up
        problem = exc
    _wait_for_turn(index)
    try:
        if problem is None and (convs or records):
            with store.session() as session:
                if _job["writer"] is None:
                    _job["writer"] = BatchWriter(session)
                result.counts = _job["writer"].write(session, convs, records)
    finally:
        _pass_turn(index)
    if problem is not None:
        raise problem
    return result


# --- in the main process ----------------------------------------------------------------------
def import_blocks(
    store, path: Path, parser: LineParser | RecordStream, workers: int, blocks: Iterable | None = None
) -> Iterator[BlockResult]:
    """Import ``path`` with ``workers`` processes; yields each block's result in file order.

    ``parser`` is a line parser (blocks of whole lines are cut from the file) or a ``RecordStream``
    (``blocks`` defaults to its ``record_blocks``).
    """
    if blocks is None:
        blocks = record_blocks(parser) if isinstance(parser, RecordStream) else _blocks(path)
    context = multiprocessing.get_context("fork")
    turn = context.Value("q", 0, lock=False)
    turn_changed = context.Condition()

    def start() -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(store, parser, str(path), turn, turn_changed, os.getpid()),
        )
        pool.submit(_forked)  # fork now, before the next block is read: workers see the state as it is here
        return pool

    pool = start()
    in_flight: deque[Future] = deque()
    try:
        index = 0
        for block in blocks:
            if block is RESTART:
                while in_flight:
                    yield in_flight.popleft().result()
                pool.shutdown()
                pool = start()
                continue
            first_line, data = (0, block) if isinstance(block, RecordBlock) else block
            in_flight.append(pool.submit(_import_block, index, first_line, data))
            index += 1
            if len(in_flight) >= 2 * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    except BaseException:
        for future in in_flight:
            future.cancel()
        pool.shutdown(cancel_futures=True)
        raise
    pool.shutdown()
