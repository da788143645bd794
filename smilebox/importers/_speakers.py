"""Which speaker in a call is the agent, when the transcript only says "spk_0" and "spk_1".

Agents follow a script: they open with the company's greeting ("thank you for calling Acme"), give their
name, offer help, and ask the caller to verify who they are. Callers explain why they call. Each
speaker's first few turns are scored on these signals (weights below); the highest-scoring speaker is
the agent. Confidence comes from the margin between the best and the runner-up, so a call where nobody
says anything agent-like reports low confidence instead of a confident guess, and every signal found is
listed so a reviewer can see why.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

#: (name, weight, pattern); positive = sounds like the agent, negative = sounds like the caller
SIGNALS: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    (
        "thanks_for_calling",
        3.0,
        re.compile(r"\bthanks? (?:you )?for (?:calling|contacting|holding|choosing)\b", re.I),
    ),
    ("welcome_to", 1.5, re.compile(r"\bwelcome to\b", re.I)),
    (
        "offers_help",
        2.5,
        re.compile(r"\bhow (?:can|may|could|might) i (?:help|assist)\b|\bwhat can i do for you\b", re.I),
    ),
    (
        "gives_name",
        1.0,
        re.compile(
            r"\b(?:my name is|my name's|this is|you're speaking (?:to|with)|you are speaking (?:to|with))\b",
            re.I,
        ),
    ),
    (
        "asks_verification",
        2.0,
        re.compile(
            r"\b(?:(?:can|could) (?:you|i) (?:please )?(?:confirm|verify|have|get)|date of birth|last four|"
            r"security (?:question|code)|account number|post ?code|zip code|billing address)\b",
            re.I,
        ),
    ),
    ("call_recorded", 2.0, re.compile(r"\b(?:call|calls) (?:may be|is being|are) recorded\b", re.I)),
    (
        "caller_reason",
        -2.0,
        re.compile(
            r"\b(?:i'?m calling (?:about|because|to)|i am calling|i called|i need help with|"
            r"i have a (?:problem|question|issue)|my (?:order|bill|account|internet))\b",
            re.I,
        ),
    ),
)
OPENING_TURNS = 3


@dataclass
class RoleGuess:
    agent_speaker: str | None
    confidence: float
    signals: list[str] = field(default_factory=list)

    def as_extra(self) -> dict:
        return {
            "agent_speaker": self.agent_speaker,
            "confidence": round(self.confidence, 3),
            "signals": self.signals,
        }


def guess_agent(
    turns: list[tuple[str, str]],
    company_name: str | None = None,
    agent_names: list[str] | tuple[str, ...] = (),
) -> RoleGuess:
    """``turns`` are (speaker, text) in call order. Returns the agent's speaker label and how sure."""
    speakers = list(dict.fromkeys(s for s, _ in turns))
    if not speakers:
        return RoleGuess(None, 0.0, [])
    if len(speakers) == 1:
        return RoleGuess(speakers[0], 0.0, ["single speaker: no diarisation, roles cannot be told apart"])
    scores = {s: 0.0 for s in speakers}
    found: dict[str, list[str]] = {s: [] for s in speakers}
    seen_turns = {s: 0 for s in speakers}
    company = re.compile(rf"\b{re.escape(company_name)}\b", re.I) if company_name else None
    names = [re.compile(rf"\b{re.escape(n.split()[0])}\b", re.I) for n in agent_names if n and n.split()]
    for speaker, said in turns:
        if seen_turns[speaker] >= OPENING_TURNS:
            continue
        seen_turns[speaker] += 1
        for name, weight, pattern in SIGNALS:
            if pattern.search(said) and name not in found[speaker]:
                scores[speaker] += weight
                found[speaker].append(name)
        if company and company.search(said) and "company_name" not in found[speaker]:
            scores[speaker] += 1.5
            found[speaker].append("company_name")
        if (
            names
            and any(n.search(said) for n in names)
            and "roster_name" not in found[speaker]
            and SIGNALS[3][2].search(said)
        ):
            scores[speaker] += 2.5
            found[speaker].append("roster_name")
    scores[speakers[0]] += 0.5  # on inbound calls the agent usually speaks first
    found[speakers[0]].append("speaks_first")
    ranked = sorted(speakers, key=lambda s: scores[s], reverse=True)
    best, second = ranked[0], ranked[1]
    margin = scores[best] - scores[second]
    confidence = 1 / (1 + math.exp(-margin)) if margin > 0 else 0.5
    return RoleGuess(
        best, confidence, [f"{best}: {s}" for s in found[best]] + [f"{second}: {s}" for s in found[second]]
    )


def merge_turns(
    segments: list[tuple[str, str, float | None, float | None]],
) -> list[tuple[str, str, float | None, float | None]]:
    """Join consecutive (speaker, text, start, end) pieces of the same speaker into one turn."""
    out: list[tuple[str, str, float | None, float | None]] = []
    for speaker, said, start, end in segments:
        said = said.strip()
        if not said:
            continue
        if out and out[-1][0] == speaker:
            prev = out[-1]
            out[-1] = (speaker, f"{prev[1]} {said}", prev[2], end if end is not None else prev[3])
        else:
            out.append((speaker, said, start, end))
    return out
