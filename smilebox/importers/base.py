"""The importer contract: a file in, a stream of conversations (and loose feedback) out.

An importer never stops at a bad record: it yields an ``InputError`` for it (file, line or JSON path,
problem) and goes on. It reads in a streaming way, so memory stays flat whatever the file's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from smilebox.errors import InputError
from smilebox.model import Conversation, FeedbackRecord

Item = Conversation | FeedbackRecord | InputError


@dataclass
class ImportOptions:
    """Settings an importer may use; they come from ``smilebox.settings.Settings``."""

    company_name: str | None = None
    agent_names: list[str] = field(default_factory=list)  # a roster helps transcripts find the agent
    default_channel: str | None = None


class Importer:
    name: ClassVar[str]
    description: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()

    def __init__(self, options: ImportOptions | None = None):
        self.options = options or ImportOptions()

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        """True when the first bytes of ``path`` look like this format (used by ``--format auto``)."""
        return False

    def read(self, path: Path) -> Iterator[Item]:
        raise NotImplementedError

    # An importer whose records can be built one by one in worker processes may also define
    # ``line_parser`` (a static ``(file name, line number, raw line) -> Item | None``: each line of the
    # file stands alone) or ``record_stream(path) -> RecordStream`` (records walked in the main process
    # and shipped as raw bytes); ``smilebox.import_workers`` then spreads big files over processes.


@dataclass(frozen=True)
class Update:
    """A change to an importer's side tables (users seen on a JSONL page), applied in file order."""

    payload: Any
    weight: int = 1  # how much it costs to carry it in every block (e.g. the number of users)



class RecordStream:
    """What an importer gives the worker path when its records come out of a JSON document.

    ``entries`` runs in the main process and yields ``(location, raw bytes)``, ``InputError`` and
    ``Update``; ``parse`` and ``update`` run in the workers (forked from the main process, so they see
    what ``entries`` had read before the fork); ``tail`` runs in the main process after every block was
    written (e.g. ratings whose ticket never came).
    """

    def entries(self) -> Iterator:
        raise NotImplementedError

    def parse(self, name: str, location: int | str, raw: bytes) -> object:
        raise NotImplementedError

    def update(self, payload: Any) -> None:
        pass

    def tail(self) -> Iterator:
        return iter(())


def describe_utf8_error(exc: UnicodeDecodeError) -> str:
    bad = exc.object[exc.start : exc.start + 1]
    return f"not valid UTF-8 (byte 0x{bad.hex()} at column {exc.start + 1}); re-save the file as UTF-8"
