"""Small helpers every built-in check uses to build outcomes with exact evidence."""

from __future__ import annotations

from smilebox.qa.phrases import first_sentence, shorten_opening
from smilebox.qa.results import Evidence, Outcome
from smilebox.qa.view import Reply


def span(reply: Reply, start: int, end: int) -> Evidence:
    return Evidence(reply.id, start, end, reply.text[start:end])


def opening(reply: Reply, limit: int = 60) -> Evidence:
    """The first sentence of a reply's body: what a check judged when what it looked for is missing.

    Several checks quote the same reply's opening: its first sentence is found once and kept on the reply.
    """
    first = getattr(reply, "first_sentence", None)  # (any object with the fields of a Reply will do)
    if first is None:
        first = first_sentence(reply.text, reply.start)
        if isinstance(reply, Reply):
            reply.first_sentence = first
    s, e = shorten_opening(reply.text, first[0], first[1], limit)
    return span(reply, s, e)


def ending(reply: Reply, limit: int = 60) -> Evidence:
    """The last characters of a reply's body (at most ``limit``), starting at a word."""
    if reply.end <= reply.start:
        return span(reply, 0, len(reply.text.rstrip()))
    s = max(reply.start, reply.end - limit)
    if s > reply.start:
        space = reply.text.find(" ", s, reply.end)
        if space != -1:
            s = space + 1
    return span(reply, s, reply.end)


def passed(reason: str, evidence: list[Evidence], **detail) -> Outcome:
    return Outcome("pass", reason, evidence, None, 1.0, detail)


def failed(reason: str, evidence: list[Evidence], tip: str, **detail) -> Outcome:
    return Outcome("fail", reason, evidence, tip, 1.0, detail)


def not_applicable(reason: str, evidence: list[Evidence] | None = None) -> Outcome:
    return Outcome("na", reason, evidence or [])
