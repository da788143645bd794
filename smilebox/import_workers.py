"""Parsing and preparing line-based files in worker processes, in order, with flat memory.

The main process reads the file in chunks of whole lines and hands each chunk to a worker, which parses,
validates and prepares every line (``store.prepare``); the main process only writes to the database.
At most ``2 x workers`` chunks are in flight, so memory stays flat whatever the file's size.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from smilebox.errors import InputError
from smilebox.model import Conversation
from smilebox.store.prepare import PreparedConversation, prepare

CHUNK_BYTES = 2 * 1024 * 1024
#: below this size a file is parsed in-process: starting workers would cost more than it saves
PARALLEL_MIN_BYTES = 16 * 1024 * 1024

LineParser = Callable[[str, int, bytes], object]


def worker_count(setting: int) -> int:
    return setting if setting > 0 else (os.cpu_count() or 1)


def _prepare_lines(parser: LineParser, name: str, dialect: str, first_line: int, chunk: bytes) -> list:
    out = []
    lines = chunk.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    for offset, raw in enumerate(lines):
        item = parser(name, first_line + offset, raw)
        if item is None:
            continue
        out.append(prepare(item, dialect) if isinstance(item, Conversation) else item)
    return out


def _chunks(path: Path) -> Iterator[tuple[int, bytes]]:
    """(number of the first line, bytes of whole lines) for blocks of about ``CHUNK_BYTES``."""
    with open(path, "rb") as fh:
        lineno = 1
        while block := fh.read(CHUNK_BYTES):
            if not block.endswith(b"\n"):
                block += fh.readline()  # finish the last line
            yield lineno, block
            lineno += block.count(b"\n")


def parallel_items(
    path: Path, parser: LineParser, workers: int, dialect: str
) -> Iterator[PreparedConversation | InputError | object]:
    """Every record of ``path`` in file order, parsed and prepared for ``dialect`` by ``workers`` processes."""
    name = str(path)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        in_flight: deque[Future] = deque()
        for first_line, chunk in _chunks(path):
            in_flight.append(pool.submit(_prepare_lines, parser, name, dialect, first_line, chunk))
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
