"""Emotional cues in customer messages. (Placeholder lexicon: the QA-engine work replaces this.)"""

from __future__ import annotations

import re
from typing import Any

from smilebox.qa.results import Cue

_LEXICON = re.compile(r"\b(frustrat\w*|angry|furious|disappointed|worried|upset|ridiculous|unacceptable)\b", re.I)


def detect_cues(conversation: Any, analyzer: Any = None) -> list[Cue]:
    cues = []
    for msg in conversation.customer_messages:
        m = _LEXICON.search(msg.text or "")
        if m:
            cues.append(Cue(msg.id, "frustration", 0.8, m.start(), m.end(), m.group(0)))
    return cues
