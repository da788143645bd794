"""``smilebox analyze TASK [FILE]``: the language models on their own (contract section 3)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from smilebox.cli.common import ConfigOpt, JsonOpt, settings_for
from smilebox.cli.output import stdout, warn, write_json_lines
from smilebox.errors import InputError

ModelsOpt = Annotated[
    str | None,
    typer.Option("--models", help="auto | on | off: use the language models (default: the models setting, auto).", show_default=False),
]


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)


def analyze(
    task: Annotated[str, typer.Argument(help="sentiment | emotion | empathy")],
    file: Annotated[str | None, typer.Argument(help="Text file (one text per line) or JSONL with a 'text' field; stdin when absent.")] = None,
    models: ModelsOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Analyse texts: one JSON object per input, in input order.

    Bad JSONL lines and lines that are not UTF-8 are reported on stderr as FILE:LINE: problem and skipped
    (no output object; exit 1).

    Example: smilebox analyze sentiment comments.txt --json
    """
    from smilebox.nlp import get_analyzer
    from smilebox.nlp.tasks import analyze_texts, check_task, is_jsonl_name, open_input, read_texts

    check_task(task)
    settings = settings_for(config, models=models)
    # bytes, decoded line by line (a text-only stdin, as some hosts and tests give, is read as text)
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    stream, name = open_input(file, stdin)
    failures: list[InputError] = []

    def on_error(err: InputError) -> None:
        failures.append(err)
        warn(str(err))

    try:
        texts = read_texts(stream, name, on_error, jsonl=is_jsonl_name(name))
        analyzer = get_analyzer(settings.models, settings.embedding_backend)
        results = analyze_texts(analyzer, task, texts)
        if as_json:
            write_json_lines(results)
        else:
            for result in results:
                stdout.print(_summary(task, result), highlight=False)
    finally:
        if stream is not stdin:
            stream.close()
    if failures:
        raise typer.Exit(1)


def _summary(task: str, result: dict) -> str:
    """One readable line per input for people; scripts use --json."""
    if task == "sentiment":
        return f"{result['label']:<8} {result['scores'][result['label']]:.2f}"
    if task == "emotion":
        top = max(result["emotions"], key=result["emotions"].get)
        cue = "cue" if result["negative_cue"] else "-"
        return f"{cue:<4} {result['cue_score']:.2f}  top: {top} {result['emotions'][top]:.2f}"
    return f"{'empathy' if result['empathy'] else '-':<8} {result['score']:.2f}"
