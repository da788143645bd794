"""Terminal rendering of evaluations: a check table and the messages with evidence highlighted."""

from __future__ import annotations

from typing import Any

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from smilebox.cli.output import stdout

_STYLE = {"pass": "bold green", "fail": "bold red", "na": "dim"}
_HIGHLIGHT = {"pass": "black on green", "fail": "black on red", "na": "black on yellow", "cue": "black on magenta"}


def print_evaluation_line(result: dict[str, Any]) -> None:
    flags = " CRITICAL" if result["critical_failed"] else ""
    stdout.print(f"{result['conversation_id']}: {result['score']:.0%} ({result['earned']:g}/{result['possible']:g}){flags}")


def print_evaluation(stored) -> None:
    result, conv = stored.result, stored.conversation
    head = (f"[bold]{conv.id}[/] ({conv.source}, {conv.channel}) scored {result['score']:.0%} "
            f"({result['earned']:g}/{result['possible']:g}) with {result['rubric']} v{result['rubric_version']} "
            f"by {stored.evaluator}")
    if result["critical_failed"]:
        head += "  [bold red]CRITICAL FAILURE[/]"
    stdout.print(head)
    table = Table("check", "result", "points", "reason", "tip", show_lines=False)
    for c in result["checks"]:
        table.add_row(c["id"], Text(c["result"], style=_STYLE[c["result"]]), f"{c['points']:g}/{c['max_points']:g}",
                      c["reason"], c["tip"] or "")
    stdout.print(table)
    spans: dict[str, list[tuple[int, int, str, str]]] = {}
    for c in result["checks"]:
        for ev in c["evidence"]:
            spans.setdefault(ev["message_id"], []).append((ev["start"], ev["end"], c["result"], c["id"]))
    for cue in result.get("cues", []):
        spans.setdefault(cue["message_id"], []).append((cue["start"], cue["end"], "cue", cue["kind"]))
    for msg in conv.messages:
        text = Text(msg.text or "")
        labels = []
        for start, end, kind, label in spans.get(msg.id, []):
            text.stylize(_HIGHLIGHT[kind], start, end)
            labels.append(label)
        title = f"{msg.id} {msg.role}{' (internal note)' if msg.internal else ''}"
        if labels:
            title += "  <- " + ", ".join(sorted(set(labels)))
        stdout.print(Panel(text, title=title, title_align="left", border_style="dim" if msg.role != "agent" else "cyan"))
