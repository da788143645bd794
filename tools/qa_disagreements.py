"""Where the QA checks and the hand labels of one label set disagree, thread by thread.

For tuning a check: it prints, for each labelled thread where a check's result differs from the label,
the two labels, the check's reason, the labeller's notes and the thread itself. ``--summary`` prints only
each check's kappa on the chosen sets. Usage::

    python tools/qa_disagreements.py --set final2 --check empathy       # one check's disagreements
    python tools/qa_disagreements.py --summary --set dev --set dev2      # kappa per check on two sets

Sets that are never tuned on (``final``, ``final3``) are refused unless ``--never-tuned-ok`` is given: looking
at their disagreements is how a measurement stops being blind.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from smilebox.evaluation import qa_eval

NEVER_TUNED = {"final", "final3"}


def _label_paths() -> dict[str, Path]:
    return {s.name: s.path for s in qa_eval.label_sets()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--set", dest="sets", action="append", default=[],
                        help="a label set name (repeatable); default: every set that is tuned on")
    parser.add_argument("--check", action="append", default=[], help="a check id (repeatable); default: all")
    parser.add_argument("--summary", action="store_true", help="kappa per check only")
    parser.add_argument("--never-tuned-ok", action="store_true",
                        help="allow the final and final3 sets (their figures stop being blind)")
    args = parser.parse_args(argv)

    paths = _label_paths()
    names = args.sets or [n for n in paths if n not in NEVER_TUNED]
    for name in names:
        if name not in paths:
            parser.error(f"unknown set {name!r}; choose from {', '.join(paths)}")
        if name in NEVER_TUNED and not args.never_tuned_ok:
            parser.error(f"{name} is never tuned on; pass --never-tuned-ok to look at it anyway")
    checks = args.check or list(qa_eval.CHECK_IDS)
    csv_path = args.data / "twcs_sample" / "twcs_sample.csv"
    if not csv_path.is_file():
        print(f"error: {csv_path} not found", file=sys.stderr)
        return 2
    corpus = qa_eval.read_conversations(csv_path)

    for name in names:
        if args.summary:
            result = qa_eval.evaluate(args.data, paths[name], corpus=corpus)
            if result is None:
                continue
            cells = [f"{c} {_kappa(result.per_check.get(c))}" for c in checks]
            print(f"{name:8} " + "  ".join(cells))
            continue
        _print_disagreements(name, paths[name], corpus, checks)
    return 0


def _kappa(agreement: qa_eval.Agreement | None) -> str:
    if agreement is None:
        return "-"
    return "n/a" if agreement.kappa is None else f"{agreement.kappa:.3f}"


def _print_disagreements(name: str, path: Path, corpus: tuple[list, str], checks: list[str]) -> None:
    conversations, _reader = corpus
    by_id = {c.id: c for c in conversations}
    engine = qa_eval._engine(conversations)
    for row in qa_eval.load_labels(path):
        conversation = by_id.get(row.conversation_id)
        if conversation is None:
            continue
        results = {r.id: r for r in engine.evaluate(conversation).checks}
        wrong = [c for c in checks if c in results and results[c].result != row.labels[c]]
        if not wrong:
            continue
        print(f"=== {name} {row.conversation_id} ({row.brand})")
        for c in wrong:
            r = results[c]
            print(f"  {c}: label {row.labels[c]}, check {r.result}: {r.reason}")
        if row.notes:
            print(textwrap.indent(textwrap.fill("notes: " + row.notes, 110), "  "))
        for m in conversation.messages:
            who = "C" if m.role == "customer" else "A"
            print(textwrap.indent(textwrap.fill(f"{who}: {m.text}", 110), "    "))
        print()


if __name__ == "__main__":
    raise SystemExit(main())
