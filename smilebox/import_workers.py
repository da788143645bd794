"""Importing a big line-based file with several worker processes, in file order, with flat memory.

The main process cuts the file into blocks of whole lines and hands each block to a worker. The worker
parses, validates and prepares every line (``store.prepare``) and then writes the block to the store
itself, as one transaction, on its own connection. Writes take turns in block order (a shared counter),
so the result is exactly that of a one-process import: a conversation that appears twice in the file ends
as its later line says. While one worker writes, the other parses its next block, so both cores work;
nothing big crosses between processes (the block's bytes go in, counts and errors come back).

At most ``2 x workers`` blocks are in flight, so memory stays flat whatever the file's size. Workers are
forked (they inherit the importer and the settings); where ``fork`` is not available, or the store is an
in-memory SQLite database, the caller imports in-process instead.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smilebox.errors import InputError
from smilebox.model import Conversation, FeedbackRecord
from smilebox.store.prepare import prepare

CHUNK_BYTES = 2 * 1024 * 1024
#: below this size a file is imported in-process: starting workers would cost more than it saves
PARALLEL_MIN_BYTES = 16 * 1024 * 1024
#: how long a worker waits for its turn to write before checking that the import is still alive
_TURN_POLL_SECONDS = 5.0

LineParser = Callable[[str, int, bytes], object]


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
    out = []
    lines = block.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    for offset, raw in enumerate(lines):
        item = parser(name, first_line + offset, raw)
        if item is None:
            continue
        out.append(prepare(item, dialect) if isinstance(item, Conversation) else item)
    return out


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
    _job.update(store=store, parser=parser, name=name, turn=turn, turn_changed=turn_changed,
                parent_pid=parent_pid, writer=None)


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


def _import_block(index: int, first_line: int, block: bytes) -> BlockResult:
    from smilebox.store.writer import BatchWriter

    store = _job["store"]
    result = BlockResult()
    problem: BaseException | None = None
    convs, records = [], []
    try:
        for item in prepare_block(_job["parser"], _job["name"], store.dialect, first_line, block):
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
def import_blocks(store, path: Path, parser: LineParser, workers: int) -> Iterator[BlockResult]:
    """Import ``path`` with ``workers`` processes; yields each block's result in file order."""
    context = multiprocessing.get_context("fork")
    turn = context.Value("q", 0, lock=False)
    turn_changed = context.Condition()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(store, parser, str(path), turn, turn_changed, os.getpid()),
    ) as pool:
        in_flight: deque[Future] = deque()
        try:
            for index, (first_line, block) in enumerate(_blocks(path)):
                in_flight.append(pool.submit(_import_block, index, first_line, block))
                if len(in_flight) >= 2 * workers:
                    yield in_flight.popleft().result()
            while in_flight:
                yield in_flight.popleft().result()
        except BaseException:
            for future in in_flight:
                future.cancel()
            raise
