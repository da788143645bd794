"""The small exception tree. Library code raises these; the CLI and web edges translate them.

SmileboxError
 +-- UsageError          bad arguments or options (CLI exit 2)
 +-- ConfigError         a settings or rubric file is wrong (exit 2)
 +-- InputError          a record could not be read (FILE:LINE: problem; exit 1)
 +-- NotFound            an id that is not in the store (exit 1)
 +-- StoreError          the database is missing, old or unreachable (exit 1)
 +-- ModelUnavailable    an optional model extra is not installed (exit 1)
"""

from __future__ import annotations


class SmileboxError(Exception):
    """Base of every error Smilebox raises on purpose."""

    exit_code = 1


class UsageError(SmileboxError):
    exit_code = 2


class ConfigError(SmileboxError):
    exit_code = 2


class NotFound(SmileboxError):
    pass


class StoreError(SmileboxError):
    pass


class ModelUnavailable(SmileboxError):
    pass


class InputError(SmileboxError):
    """One bad record: where it is and what is wrong with it.

    ``location`` is a line number for line-based files or a JSON path (``tickets[3]``) for documents.
    """

    def __init__(self, file: str, location: int | str | None, problem: str):
        self.file = file
        self.location = location
        self.problem = problem
        super().__init__(str(self))

    def __reduce__(self):  # crosses process boundaries in parallel imports
        return (type(self), (self.file, self.location, self.problem))

    def __str__(self) -> str:
        where = self.file if self.location is None else f"{self.file}:{self.location}"
        return f"{where}: {self.problem}"
