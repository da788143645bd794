"""CSAT from help desks into ``Feedback`` dicts: the raw rating, its scale, and a 0-1 score.

The raw value is kept as the vendor gave it ("good", "not_good", 103, 4) so nothing is lost; the scale
name says how to read it and ``score`` (0 worst .. 1 best, from ``smilebox.feedback.scales``) lets reports
compare sources. Survey states that are not answers (Zendesk "offered"/"unoffered", Help Scout
"unknown") give no feedback unless the customer left a comment.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from smilebox.errors import InputError
from smilebox.feedback.scales import normalise
from smilebox.importers._common import ident, text, timestamp
from smilebox.model import FeedbackRecord, format_validation_error

#: raw values that mean "a survey was sent (or not) but not answered"
_NOT_ANSWERED = {"offered", "unoffered", "unknown", ""}


def rating_feedback(
    raw: Any,
    scale: str,
    comment: Any = None,
    *,
    id: Any = None,
    created_at: Any = None,
    agent: dict | None = None,
    **extra: Any,
) -> dict | None:
    """One customer Feedback dict, or None when there is neither an answer nor a comment."""
    if isinstance(raw, str) and raw.strip().lower() in _NOT_ANSWERED:
        raw = None
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float, type(None))):
        raw = None
    comment = text(comment)
    comment = comment.strip() if comment and comment.strip() else None
    if raw is None and comment is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    read = normalise(raw, scale)
    fb = {"rating": raw, "scale": scale, "comment": comment, "score": read.score, "kind": "customer"}
    if read.problem:
        fb["rating_problem"] = read.problem
    if ident(id):
        fb["id"] = ident(id)
    if timestamp(created_at) is not None:
        fb["created_at"] = timestamp(created_at)
    if agent:
        fb["agent"] = agent
    fb.update({k: v for k, v in extra.items() if v is not None})
    return fb


def loose_feedback(
    source: str, file: str, location: str, ticket_id: str, fb: dict | None
) -> Iterator[FeedbackRecord | InputError]:
    """A rating whose ticket is not in this file, as feedback that links to the conversation by id
    (it may have been imported from another file, or come later). A rating without its own id is the
    ticket's rating, ``TICKET/csat``, so re-importing it updates it instead of adding another."""
    if fb is None:
        return
    try:
        yield FeedbackRecord.model_validate({"id": f"{ticket_id}/csat", **fb, "source": source, "conversation_id": ticket_id})
    except ValidationError as exc:
        yield InputError(file, location, f"rating for ticket {ticket_id}: {format_validation_error(exc)}")
