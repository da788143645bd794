"""Customer Support on Twitter (TWCS) CSV: tweets threaded into conversations.

Columns, exactly (pandas' unnamed index column first is allowed)::

    tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id

A thread is every tweet reachable through ``in_response_to_tweet_id``; **its conversation id is the root
tweet's ``tweet_id``** (the earliest tweet whose parent is absent from the file), so labels keyed by
that id stay valid across imports. ``inbound`` True is the customer, False the brand's agent; the brand
(the agent tweets' ``author_id``) is kept as the conversation's ``brand``, and an agent's sign-off initials
(``^CB``, ``-KC``) become the message author's name.

Rows of one thread are scattered through the file, so it is read twice: the first pass checks every row
and maps each tweet to its root (a few integers per tweet), the second buffers rows only until their
thread is complete. Bad rows are reported as ``FILE:LINE: problem`` and skipped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from smilebox.errors import InputError
from smilebox.importers._common import finish
from smilebox.importers.base import Importer, Item, describe_utf8_error

COLUMNS = (
    "tweet_id",
    "author_id",
    "inbound",
    "created_at",
    "text",
    "response_tweet_id",
    "in_response_to_tweet_id",
)
_DATE_FORMAT = "%a %b %d %H:%M:%S %z %Y"
#: "^CB", "-KC", "~JW", "—AR" at the very end of an agent's tweet
_SIGN_OFF = re.compile(r"(?:^|\s)[\^\-~\u2013\u2014]\s?([A-Z]{1,3}[a-z]?)\s*$")
csv.field_size_limit(16 * 1024 * 1024)


@dataclass(frozen=True)
class Tweet:
    line: int
    tweet_id: int
    author_id: str
    inbound: bool
    created_at: datetime
    text: str
    parent: int | None


class _Lines:
    """Decode the file line by line, counting lines and noting bytes that are not UTF-8."""

    def __init__(self, fh, name: str):
        self.fh, self.name, self.lineno, self.errors = fh, name, 0, []

    def __iter__(self):
        for raw in self.fh:
            self.lineno += 1
            try:
                yield raw.decode("utf-8-sig" if self.lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                self.errors.append(
                    InputError(self.name, self.lineno, describe_utf8_error(exc) + "; read with U+FFFD")
                )
                yield raw.decode("utf-8", errors="replace")


def _header_offset(header: list[str]) -> int | None:
    """0 or 1 (a leading index column) when the header is the TWCS columns, else None."""
    cols = [h.strip().strip('"') for h in header]
    if tuple(cols) == COLUMNS:
        return 0
    if (
        len(cols) == len(COLUMNS) + 1
        and tuple(cols[1:]) == COLUMNS
        and cols[0] in ("", "index", "Unnamed: 0")
    ):
        return 1
    return None


def _int(value: str) -> int | None:
    value = value.strip()
    if value.endswith(".0"):
        value = value[:-2]
    return int(value) if value.isdigit() else None


def _parse(row: list[str], offset: int, line: int) -> Tweet | str:
    """A Tweet, or the problem with this row."""
    width = len(COLUMNS) + offset
    if len(row) != width:
        return (
            f"{len(row)} fields where the header has {width}; "
            "a tweet's text may contain an unquoted line break"
        )
    tweet_id, author, inbound, created, body, _responses, parent = row[offset:]
    tid = _int(tweet_id)
    if tid is None:
        return f"tweet_id {tweet_id!r} is not a number"
    if inbound not in ("True", "False"):
        return (
            f"inbound is {inbound!r} (expected True or False); "
            "the row may be a broken-off piece of the line above"
        )
    if not author.strip():
        return "author_id is empty"
    try:
        when = datetime.strptime(created.strip(), _DATE_FORMAT)
    except ValueError:
        return f"created_at {created!r} is not a date like 'Tue Oct 31 22:14:37 +0000 2017'"
    parent_id = _int(parent) if parent.strip() else None
    if parent.strip() and parent_id is None:
        return f"in_response_to_tweet_id {parent!r} is not a tweet id"
    return Tweet(line, tid, author.strip(), inbound == "True", when, body, parent_id)


class TwcsImporter(Importer):
    name = "twcs"
    description = "Customer Support on Twitter CSV (tweet_id, author_id, inbound, ...), threaded by reply."
    extensions = (".csv",)

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        first = head.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff").strip()
        return _header_offset(next(csv.reader([first]), [])) is not None

    def _rows(self, path: Path, errors: bool) -> Iterator[Tweet | InputError]:
        name = str(path)
        with open(path, "rb") as fh:
            lines = _Lines(fh, name)
            reader = csv.reader(lines)
            try:
                header = next(reader, None)
            except csv.Error:
                header = None
            offset = _header_offset(header or [])
            if offset is None:
                if errors:
                    yield InputError(
                        name,
                        1,
                        f"the header is not the TWCS columns ({', '.join(COLUMNS)}); "
                        f"found: {', '.join(header or []) or 'nothing'}",
                    )
                return
            seen: dict[int, int] = {}
            while True:
                start = lines.lineno + 1
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    if errors:
                        yield InputError(name, start, f"not valid CSV: {exc}")
                    continue
                if errors:
                    yield from lines.errors
                lines.errors.clear()
                if not row:
                    continue
                tweet = _parse(row, offset, start)
                if isinstance(tweet, Tweet) and tweet.tweet_id in seen:
                    first = seen[tweet.tweet_id]
                    tweet = f"tweet_id {tweet.tweet_id} appears again (first at line {first}); this row is skipped"
                if isinstance(tweet, str):
                    if errors:
                        yield InputError(name, start, tweet)
                    continue
                seen[tweet.tweet_id] = start
                yield tweet

    def read(self, path: Path) -> Iterator[Item]:
        parent: dict[int, int | None] = {}
        for item in self._rows(path, errors=True):
            if isinstance(item, InputError):
                yield item
            else:
                parent[item.tweet_id] = item.parent
        roots = {tid: _root(tid, parent) for tid in parent}
        size: dict[int, int] = {}
        for root in roots.values():
            size[root] = size.get(root, 0) + 1
        del parent
        pending: dict[int, list[Tweet]] = {}
        for tweet in self._rows(path, errors=False):
            if not isinstance(tweet, Tweet):
                continue
            root = roots.get(tweet.tweet_id)
            if root is None:  # the file changed between passes
                continue
            thread = pending.setdefault(root, [])
            thread.append(tweet)
            if len(thread) == size[root]:
                del pending[root]
                yield from finish(self._conversation(root, thread), str(path), min(t.line for t in thread))

    def _conversation(self, root: int, tweets: list[Tweet]) -> dict:
        tweets.sort(key=lambda t: (t.created_at, t.tweet_id))
        brands = [t.author_id for t in tweets if not t.inbound]
        customers = [t for t in tweets if t.inbound]
        first_customer = next(
            (t for t in tweets if t.tweet_id == root and t.inbound), customers[0] if customers else None
        )
        messages = []
        for t in tweets:
            if t.inbound:
                author = {"id": t.author_id, "handle": t.author_id}
            else:
                author = {"id": t.author_id, "handle": t.author_id, "group": t.author_id}
                sign = _SIGN_OFF.search(t.text)
                if sign:
                    author = {**author, "id": f"{t.author_id}/{sign.group(1)}", "name": sign.group(1)}
            messages.append(
                {
                    "id": str(t.tweet_id),
                    "role": "customer" if t.inbound else "agent",
                    "author": author,
                    "text": t.text,
                    "created_at": t.created_at,
                    "in_response_to": str(t.parent) if t.parent is not None else None,
                }
            )
        return {
            "id": str(root),
            "source": self.name,
            "channel": "social",
            "created_at": tweets[0].created_at,
            "customer": {"id": first_customer.author_id, "handle": first_customer.author_id}
            if first_customer
            else None,
            "messages": messages,
            "brand": max(set(brands), key=brands.count) if brands else None,
        }


def _root(tid: int, parent: dict[int, int | None]) -> int:
    """Follow replies up to the first tweet whose parent is not in the file (cycles stop where they loop)."""
    seen = {tid}
    while True:
        up = parent.get(tid)
        if up is None or up not in parent or up in seen:
            return tid
        seen.add(up)
        tid = up
