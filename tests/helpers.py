"""Small helpers for tests: write JSONL files, run the CLI in-process and capture its streams."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson


def write_jsonl(path: Path, rows: list) -> Path:
    with open(path, "wb") as fh:
        for row in rows:
            fh.write(row if isinstance(row, bytes) else orjson.dumps(row))
            fh.write(b"\n")
    return path


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def json_lines(self) -> list[dict]:
        return [orjson.loads(line) for line in self.out.splitlines() if line.strip()]


def run_cli(capfd, *args: str) -> Run:
    from smilebox.cli import main

    code = main([str(a) for a in args])
    out, err = capfd.readouterr()
    return Run(code, out, err)
