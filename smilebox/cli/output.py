"""Shared output helpers for commands: JSON lines on stdout, messages on stderr, Rich progress."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import contextmanager
from typing import Any

import orjson
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

stderr = Console(stderr=True, highlight=False)
stdout = Console(highlight=False, soft_wrap=True)  # paths and ids stay whole for copy and paste


def error(message: str) -> None:
    stderr.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True) if stderr.is_terminal else print(
        f"error: {message}", file=sys.stderr
    )


def warn(message: str) -> None:
    """A problem report (``FILE:LINE: problem``) on stderr, unadorned so scripts can parse it."""
    print(message, file=sys.stderr)


def info(message: str) -> None:
    stderr.print(message, markup=True, soft_wrap=True)


def write_json_lines(objects: Iterable[dict[str, Any]]) -> int:
    out = sys.stdout.buffer
    n = 0
    for obj in objects:
        out.write(orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS))
        n += 1
    out.flush()
    return n


@contextmanager
def progress(description: str, total: int | None = None, *, enabled: bool = True):
    """A Rich progress bar on stderr (hidden when stderr is not a terminal or when disabled).

    Yields an ``advance(n=1)`` function.
    """
    if not enabled or not stderr.is_terminal:
        yield lambda n=1: None
        return
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[rate]}")]
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task(description, total=total, rate="")
        done = 0
        import time

        start = time.perf_counter()

        def advance(n: int = 1) -> None:
            nonlocal done
            done += n
            elapsed = max(time.perf_counter() - start, 1e-6)
            bar.update(task, advance=n, rate=f"{done / elapsed:,.0f}/s")

        yield advance
