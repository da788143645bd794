"""How well the QA checks agree with people: the "connect" rubric against hand-labelled Twitter threads.

Four disjoint sets of real Twitter support threads from ``twcs_sample``, each labelled by reading the
threads, following ``evaluation/labelling-guide.md`` (labels in ``evaluation/labels/``):

- the **dev** set (``twcs_dev.jsonl``, 150 threads): the checks were tuned on it;
- the **test** set (``twcs_test.jsonl``, 100 threads): labelled blind and measured once, then its
  disagreements were used to fix checks, so it is development data now;
- the **holdout** set (``twcs_holdout.jsonl``, 100 threads): labelled blind and measured once, then its
  disagreements were used to improve checks, so it is development data now too;
- the **final** set (``twcs_final.jsonl``, 100 threads): labelled blind, never tuned on: its figure is
  the honest one.

The sets, their titles and the sentence saying what each one's figure means are one list,
``label_sets()``; the report is one table per set, in that order.

This module scores the threads with the engine and measures, per check, observed agreement and Cohen's
kappa over the three outcomes pass / fail / na. Kappa is the figure the issue sets a target for (>= 0.8):
raw agreement flatters a check whose answer is nearly always the same, kappa discounts chance.

``smilebox eval`` calls ``run(data_dir)``; ``python -m smilebox.evaluation.qa_eval ../shared/data`` prints
the same Markdown section on its own.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smilebox.errors import ConfigError, UsageError

CATEGORIES: tuple[str, ...] = ("pass", "fail", "na")
CHECK_IDS: tuple[str, ...] = (
    "greeting", "closing", "signature", "customer_name", "gratitude", "empathy",
    "ownership", "tailored", "security", "documentation", "resolution", "wow",
)
KAPPA_TARGET = 0.8
LABELS_DIR = Path(__file__).resolve().parents[2] / "evaluation" / "labels"
LABELS_PATH = LABELS_DIR / "twcs_dev.jsonl"
TEST_LABELS_PATH = LABELS_DIR / "twcs_test.jsonl"
HOLDOUT_LABELS_PATH = LABELS_DIR / "twcs_holdout.jsonl"
FINAL_LABELS_PATH = LABELS_DIR / "twcs_final.jsonl"
FINAL_SECOND_LABELS_PATH = LABELS_DIR / "twcs_final_second.jsonl"
DEV2_LABELS_PATH = LABELS_DIR / "twcs_dev2.jsonl"
FINAL2_LABELS_PATH = LABELS_DIR / "twcs_final2.jsonl"
FINAL3_LABELS_PATH = LABELS_DIR / "twcs_final3.jsonl"
RELIABILITY_TITLE = "### How far two labellers agree (final set, labelled twice)"
SECTION_TITLE = "## QA checks against hand labels (twcs dev set)"
TEST_TITLE = "### Test set (twcs test set: measured blind once, then tuned on)"
HOLDOUT_TITLE = "### Holdout set (twcs holdout set: measured blind once, then tuned on)"
DEV2_TITLE = "### Second dev set (twcs dev2 set: drawn after the final set, measured blind once, then tuned on)"
FINAL2_TITLE = "### Second final set (twcs final2 set: measured blind once, then tuned on)"
FINAL3_TITLE = "### Third final set (twcs final3 set: drawn before the tuning on final2, never tuned on)"
FINAL_TITLE = "### Final set (twcs final set: never tuned on)"


# Agreement statistics -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Agreement:
    """Two raters' labels on the same items, summarised.

    ``kappa`` is None when it is undefined: with no items, or when chance agreement is already 1
    (both raters put every item in one and the same category, so kappa = 0/0). In that degenerate case
    the raters agree perfectly but the data cannot show that they *discriminate*; ``meets`` then
    follows observed agreement (which is necessarily 1.0) and the report says why.
    """

    n: int
    observed: float | None
    expected: float | None
    kappa: float | None
    confusion: dict[str, dict[str, int]]

    @property
    def degenerate(self) -> bool:
        return self.n > 0 and self.kappa is None

    def meets(self, target: float = KAPPA_TARGET) -> bool:
        if self.kappa is not None:
            return self.kappa >= target
        return self.degenerate and self.observed == 1.0


def confusion_matrix(human: Sequence[str], auto: Sequence[str],
                     categories: Sequence[str] = CATEGORIES) -> dict[str, dict[str, int]]:
    """Counts by (human label, automatic label); rows are the human's, columns the check's."""
    if len(human) != len(auto):
        raise ValueError(f"rater label lists differ in length: {len(human)} vs {len(auto)}")
    matrix = {h: {a: 0 for a in categories} for h in categories}
    for h, a in zip(human, auto):
        if h not in matrix or a not in matrix:
            raise ValueError(f"label outside {list(categories)}: {h!r} / {a!r}")
        matrix[h][a] += 1
    return matrix


def cohen_kappa(human: Sequence[str], auto: Sequence[str],
                categories: Sequence[str] = CATEGORIES) -> Agreement:
    """Cohen's kappa = (p_o - p_e) / (1 - p_e), p_e from each rater's own category frequencies."""
    matrix = confusion_matrix(human, auto, categories)
    n = len(human)
    if n == 0:
        return Agreement(0, None, None, None, matrix)
    observed = sum(matrix[c][c] for c in categories) / n
    row = {c: sum(matrix[c].values()) / n for c in categories}
    col = {c: sum(matrix[h][c] for h in categories) / n for c in categories}
    expected = sum(row[c] * col[c] for c in categories)
    if abs(1.0 - expected) < 1e-12:  # both raters used one single, identical category
        return Agreement(n, observed, expected, None, matrix)
    return Agreement(n, observed, expected, (observed - expected) / (1.0 - expected), matrix)


# The labels --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LabelRow:
    conversation_id: str
    brand: str
    labels: dict[str, str]
    notes: str = ""


def load_labels(path: Path = LABELS_PATH) -> list[LabelRow]:
    """Read and validate the label file; a malformed row is a ConfigError naming its line."""
    rows, seen = [], set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc
        cid, labels = obj.get("conversation_id"), obj.get("labels")
        if not isinstance(cid, str) or not cid:
            raise ConfigError(f"{path}:{lineno}: conversation_id must be a non-empty string")
        if cid in seen:
            raise ConfigError(f"{path}:{lineno}: conversation_id {cid!r} is labelled twice")
        if not isinstance(labels, dict) or set(labels) != set(CHECK_IDS):
            raise ConfigError(f"{path}:{lineno}: labels must have exactly the checks {', '.join(CHECK_IDS)}")
        bad = {k: v for k, v in labels.items() if v not in CATEGORIES}
        if bad:
            raise ConfigError(f"{path}:{lineno}: labels must be pass, fail or na; got {bad}")
        seen.add(cid)
        rows.append(LabelRow(cid, str(obj.get("brand") or ""), dict(labels), str(obj.get("notes") or "")))
    return rows


# Conversations and scoring ----------------------------------------------------------------------------
def _fallback_conversations(csv_path: Path) -> list:
    """Only while the product's twcs importer is missing: threads from our own minimal reader."""
    from smilebox.evaluation.twcs_threads import fallback_read_twcs_threads
    from smilebox.model import Conversation, Message, Person

    conversations = []
    for thread in fallback_read_twcs_threads(csv_path):
        messages = [Message(id=t.tweet_id, role="customer" if t.inbound else "agent", text=t.text,
                            created_at=t.created_at, author=Person(id=t.author_id, handle=t.author_id))
                    for t in thread.tweets]
        conversations.append(Conversation(id=thread.id, source="twcs", channel="social", messages=messages))
    return conversations


def read_conversations(csv_path: Path) -> tuple[list, str]:
    """All conversations of the sample, and which reader produced them ("twcs importer" or fallback)."""
    from smilebox.importers import get_importer
    from smilebox.model import Conversation

    try:
        importer = get_importer("twcs")()
    except UsageError:
        return _fallback_conversations(csv_path), "fallback reader (twcs importer not installed)"
    return [item for item in importer.read(csv_path) if isinstance(item, Conversation)], "twcs importer"


def _engine(conversations: list):
    from smilebox.qa import Engine, load_rubric

    engine = Engine(load_rubric("connect"))
    if importlib.util.find_spec("smilebox.qa.templates") is not None:
        from smilebox.qa import templates

        build = getattr(templates, "build_template_index", None)
        if build is not None:
            engine.context.templates = build(conversations)
    return engine


@dataclass
class QaEvalResult:
    per_check: dict[str, Agreement]
    missing_checks: list[str]
    n_conversations: int
    n_brands: int
    n_unmatched: int
    reader: str


def evaluate(data_dir: Path, labels_path: Path = LABELS_PATH, corpus: tuple[list, str] | None = None,
             analyzer: Any = None) -> QaEvalResult | None:
    """Score the labelled threads of ``labels_path``; ``corpus`` (conversations, reader) saves a re-read.

    ``analyzer`` is the language-model analyzer the engine reads cues with (None: the lexicons only, as in the
    main tables)."""
    csv_path = data_dir / "twcs_sample" / "twcs_sample.csv"
    if not csv_path.is_file() or not labels_path.is_file():
        return None
    rows = load_labels(labels_path)
    conversations, reader = corpus if corpus is not None else read_conversations(csv_path)
    by_id = {c.id: c for c in conversations}
    engine = _engine(conversations)
    engine.context.analyzer = analyzer
    rubric_ids = {check.id for check in engine.rubric.checks}
    human: dict[str, list[str]] = {c: [] for c in CHECK_IDS}
    auto: dict[str, list[str]] = {c: [] for c in CHECK_IDS}
    unmatched = 0
    for row in rows:
        conversation = by_id.get(row.conversation_id)
        if conversation is None:
            unmatched += 1
            continue
        results = {r.id: r.result for r in engine.evaluate(conversation).checks}
        for check_id in CHECK_IDS:
            if check_id in results:
                human[check_id].append(row.labels[check_id])
                auto[check_id].append(results[check_id])
    per_check = {c: cohen_kappa(human[c], auto[c]) for c in CHECK_IDS if c in rubric_ids}
    missing = [c for c in CHECK_IDS if c not in rubric_ids]
    return QaEvalResult(per_check, missing, len(rows), len({r.brand for r in rows}), unmatched, reader)


# Report ------------------------------------------------------------------------------------------------
def _fmt(value: float | None, pct: bool = False) -> str:
    if value is None:
        return "undefined"
    return f"{value * 100:.1f} %" if pct else f"{value:.3f}"


def _counts(matrix: dict[str, dict[str, int]], by_row: bool) -> str:
    def total(c: str) -> int:
        return sum(matrix[c].values()) if by_row else sum(matrix[h][c] for h in matrix)
    return " / ".join(str(total(c)) for c in CATEGORIES)


def render(result: QaEvalResult, title: str = SECTION_TITLE, method: str | None = None,
           status: str | None = None) -> str:
    """One set's section: its status, the kappa table, the confusion matrices and how the labels were made."""
    lines = [title, ""]
    if status:
        lines += [f"**Status:** {status}", ""]
    lines += [f"Target: Cohen's kappa >= {KAPPA_TARGET} for every check (issue 3). "
             f"{result.n_conversations} hand-labelled threads; conversations read by the {result.reader}.",
             "", *_table(result)]
    met = [c for c, ag in result.per_check.items() if ag.meets()]
    lines += ["", f"Checks meeting the target: {', '.join(met) if met else 'none'} "
                  f"({len(met)} of {len(CHECK_IDS)})."]
    if result.n_unmatched:
        lines.append(f"{result.n_unmatched} labelled threads were not found in the import and are left out.")
    lines += ["", "Confusion matrices (rows: human label, columns: check result; pass, fail, na):", "",
              *_confusions(result)]
    lines += ["", (_METHOD if method is None else method).format(n=result.n_conversations,
                                                                 brands=result.n_brands)]
    return "\n".join(lines) + "\n"


def _table(result: QaEvalResult) -> list[str]:
    lines = [_HEADER, "|---|---:|---:|---:|:---:|---:|---:|"]
    for check_id, ag in result.per_check.items():
        kappa = _fmt(ag.kappa) + (" (one category)" if ag.degenerate else "")
        met = "yes" if ag.meets() else "no"
        lines.append(f"| {check_id} | {ag.n} | {_fmt(ag.observed, pct=True)} | {kappa} | {met} | "
                     f"{_counts(ag.confusion, True)} | {_counts(ag.confusion, False)} |")
    for check_id in result.missing_checks:
        lines.append(f"| {check_id} | 0 | not in rubric yet | | no | | |")
    return lines


def _confusions(result: QaEvalResult) -> list[str]:
    lines = []
    for check_id, ag in result.per_check.items():
        row = ag.confusion
        cells = "; ".join(f"{h}: " + " ".join(str(row[h][a]) for a in CATEGORIES) for h in CATEGORIES)
        lines.append(f"- `{check_id}`: {cells}")
    return lines


_HEADER = "| check | n | agreement | kappa | target met | human pass / fail / na | auto pass / fail / na |"
_METHOD = """How the labels were made: {n} threads of `twcs_sample` (real Twitter support conversations),
chosen by `select_dev_threads` (seed 20261122, round-robin over {brands} brands, each with an agent reply; see
`evaluation/README.md`), were read and labelled by hand following `evaluation/labelling-guide.md`, without
running any Smilebox check. Kappa is Cohen's kappa over the three outcomes pass / fail / na; when both the
labels and the check use a single category for every thread, kappa is 0/0 and is shown as undefined
(the target then counts as met only with 100 % agreement). By the guide, `documentation` is na on
Twitter (no internal notes) and `security` passes on every thread of this set, so on those two only a
check that gives the same single answer everywhere agrees, and its kappa is then undefined.

Reproduce: `smilebox eval --data ../shared/data --only qa_eval`, or
`python -m smilebox.evaluation.qa_eval ../shared/data`."""
_TEST_METHOD = """These {n} threads ({brands} brands) were drawn by `select_test_threads` (seed 20261201,
the same brand round-robin over the eligible threads left after removing the 150 dev threads) and
labelled blind (labels in `evaluation/labels/twcs_test.jsonl`). After their first blind measurement their
disagreements were used to fix closing, empathy, ownership, tailored, resolution and wow, so this table
now flatters those checks like the dev table does."""
_HOLDOUT_METHOD = """These {n} threads ({brands} brands) were drawn by `select_holdout_threads` (seed
20261203, the same brand round-robin over the eligible threads left after removing the 150 dev and the
100 test threads) and labelled blind by the same guide before any check was run on them (labels in
`evaluation/labels/twcs_holdout.jsonl`). After that first measurement their disagreements were used to
improve the checks, so this table, like the dev and test tables, shows how well the checks fit threads
they were tuned on."""
_DEV2_METHOD = """These {n} threads ({brands} brands) were drawn by `select_dev2_threads` (seed 20261205, the
same brand round-robin over the eligible threads left after removing the dev, test, holdout and final
threads) once the final set had been measured, so the checks could be tuned on threads they had not seen
without touching the final set. They were labelled blind by the same guide (labels in
`evaluation/labels/twcs_dev2.jsonl`), measured once, and then used for tuning."""
_FINAL_METHOD = """The checks were never tuned on these threads, though this table was looked at after each
tuning round on the other sets. The {n} threads ({brands} brands) were drawn by `select_final_threads` (seed 20261204, the same brand
round-robin over the eligible threads left after removing the dev, test and holdout threads, so the four
sets are disjoint; see `evaluation/README.md`) and labelled blind by the same guide before any check was
run on them (labels in `evaluation/labels/twcs_final.jsonl`). Nobody may change a check to fit these
labels; tune on the development sets and re-measure here. Once this set is used for tuning it stops being
held out: draw a new one with a new seed, excluding all four sets (`select_after` takes the earlier
selectors)."""

_DEV_STATUS = ("development data: the checks were tuned on these threads, so this table shows how well they "
               "fit them, not how they do on new threads.")
_TEST_STATUS = ("development data: measured blind once (kappa greeting 0.980, closing 0.564, signature "
                "0.950, customer_name 0.958, gratitude 0.976, empathy 0.526, ownership 0.366, tailored "
                "0.523, resolution 0.485, wow 0.174; security and documentation single category, 100 %), "
                "then tuned on.")
_HOLDOUT_STATUS = ("development data: measured blind once (kappa greeting 1.000, closing 0.630, signature "
                   "0.921, customer_name 0.932, gratitude 0.975, empathy 0.700, ownership 0.708, tailored "
                   "0.463, resolution 0.553, wow 0.427; security and documentation single category, 100 %), "
                   "then tuned on.")
_FINAL2_METHOD = """These {n} threads ({brands} brands; fewer brands are left after five sets, so up to eight
threads each) were drawn by `select_final2_threads` (seed 20261206, the same brand round-robin over the eligible
threads in none of the five earlier sets) after the last change to any check, labelled blind by the guide (labels
in `evaluation/labels/twcs_final2.jsonl`) and measured once with the checks exactly as they were. After that one
measurement a new held-out set (final3, below) was drawn and labelled, and only then were this set's
disagreements used for tuning, like dev2's."""
_FINAL2_STATUS = ("development data: measured blind once (kappa greeting 0.976, closing 0.666, signature 0.975, "
                  "customer_name 0.973, gratitude 0.947, empathy 0.380, ownership 0.398, tailored 0.418, resolution "
                  "0.299, wow 0.000; security and documentation single category, 100 %), then tuned on.")
_FINAL3_METHOD = """These {n} threads ({brands} brands, up to eight each) were drawn by `select_final3_threads`
(seed 20261207, the same brand round-robin over the eligible threads in none of the six earlier sets) and
labelled blind by the guide (labels in `evaluation/labels/twcs_final3.jsonl`), by a labeller who read only the
guide and the threads, before the tuning on final2 began. They were measured once, after that tuning; the tuning
tool (`tools/qa_disagreements.py`) refuses to show this set. Nobody may change a check to fit these labels."""
_FINAL3_STATUS = "never tuned on, measured once after the last tuning: the freshest held-out figure."
_DEV2_STATUS = ("development data: measured blind once (kappa greeting 0.978, closing 0.642, signature 1.000, "
                "customer_name 0.912, gratitude 0.971, empathy 0.615, ownership 0.627, tailored 0.324, resolution "
                "0.361, wow 0.197; security and documentation single category, 100 %), then tuned on.")
_FINAL_STATUS = ("never tuned on, but measured after each tuning round since it was drawn; the third final set "
                 "below, measured once, is the freshest held-out figure.")


@dataclass(frozen=True)
class LabelSet:
    """One labelled set in the report: where its labels are, its heading, and what its figure means."""

    name: str
    path: Path
    title: str
    method: str
    status: str
    required: bool = False  # the dev set: without it there is no section at all


def label_sets() -> list[LabelSet]:
    """Every labelled set, in report order. Read at call time, so a patched path is honoured."""
    return [
        LabelSet("dev", LABELS_PATH, SECTION_TITLE, _METHOD, _DEV_STATUS, required=True),
        LabelSet("test", TEST_LABELS_PATH, TEST_TITLE, _TEST_METHOD, _TEST_STATUS),
        LabelSet("holdout", HOLDOUT_LABELS_PATH, HOLDOUT_TITLE, _HOLDOUT_METHOD, _HOLDOUT_STATUS),
        LabelSet("dev2", DEV2_LABELS_PATH, DEV2_TITLE, _DEV2_METHOD, _DEV2_STATUS),
        LabelSet("final", FINAL_LABELS_PATH, FINAL_TITLE, _FINAL_METHOD, _FINAL_STATUS),
        LabelSet("final2", FINAL2_LABELS_PATH, FINAL2_TITLE, _FINAL2_METHOD, _FINAL2_STATUS),
        LabelSet("final3", FINAL3_LABELS_PATH, FINAL3_TITLE, _FINAL3_METHOD, _FINAL3_STATUS),
    ]


def run(data_dir: Path) -> str | None:
    """The Markdown section for docs/accuracy.md, or None when the sample or the dev labels are absent.

    One table per set of ``label_sets()``, in order (dev, test, holdout, dev2, final, final2, final3); a set other
    than dev whose label file is absent is left out.
    """
    data_dir = Path(data_dir)
    csv_path = data_dir / "twcs_sample" / "twcs_sample.csv"
    sets = label_sets()
    if not csv_path.is_file() or any(s.required and not s.path.is_file() for s in sets):
        return None
    corpus = read_conversations(csv_path)
    parts = []
    measured: dict[str, QaEvalResult] = {}
    for label_set in sets:
        result = evaluate(data_dir, label_set.path, corpus)
        if result is not None:
            measured[label_set.name] = result
            parts.append(render(result, label_set.title, label_set.method, label_set.status))
            if label_set.name == "final" and FINAL_SECOND_LABELS_PATH.is_file():
                second = evaluate(data_dir, FINAL_SECOND_LABELS_PATH, corpus)
                parts.append(render_reliability(load_labels(label_set.path), load_labels(FINAL_SECOND_LABELS_PATH),
                                                result, second))
    analyzer = _model_analyzer()
    if analyzer is not None:
        with_models = {s.name: evaluate(data_dir, s.path, corpus, analyzer) for s in sets if s.name in measured}
        parts.append(render_with_models(measured, with_models))
    return "\n".join(parts)


MODELS_TITLE = "### With the language models installed (cues and empathy read by the model)"
#: the checks that read the customer's emotional cues (empathy also reads the reply with the empathy model)
CUE_CHECKS = ("empathy", "resolution", "wow")


def _model_analyzer() -> Any:
    """The default backend's model analyzer when the models are installed here, else None."""
    from smilebox.nlp import default_backend, get_analyzer, model_missing

    backend = default_backend()
    return get_analyzer("on", backend) if model_missing(backend) is None else None


def render_with_models(lexicon: dict[str, QaEvalResult], models: dict[str, QaEvalResult | None]) -> str:
    """Kappa of the cue-reading checks per set, with the lexicon cues (the tables above) and with the model's."""
    names = [name for name in lexicon if models.get(name) is not None]
    lines = [MODELS_TITLE, "", _MODELS_METHOD, "",
             "| check | cues | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for check in CUE_CHECKS:
        for label, results in (("lexicon", lexicon), ("model", models)):
            cells = [_fmt(results[name].per_check[check].kappa) if check in results[name].per_check else "n/a"
                     for name in names]
            lines.append(f"| {check} | {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


_MODELS_METHOD = """The tables above read the customer's emotional cues, and the replies' empathy, with the lexicons
alone. With the `models` extra installed and `models = auto` (the default), the engine reads both with the
language models instead, so the checks that read cues (empathy, resolution, wow) can judge differently. This
table gives their kappa both ways on every set; the other checks judge the same either way. The models were
never tuned on these labels."""


def labeller_agreement(first: Sequence[LabelRow], second: Sequence[LabelRow]) -> dict[str, Agreement]:
    """Cohen's kappa per check between two label files, over the threads both labelled."""
    theirs = {row.conversation_id: row.labels for row in second}
    shared = [row for row in first if row.conversation_id in theirs]
    return {check: cohen_kappa([row.labels[check] for row in shared],
                               [theirs[row.conversation_id][check] for row in shared]) for check in CHECK_IDS}


def render_reliability(first: Sequence[LabelRow], second: Sequence[LabelRow], against_first: QaEvalResult,
                       against_second: QaEvalResult | None) -> str:
    """The two labellers' agreement beside the checks' agreement with each: how much of a check's shortfall
    could be noise in the labels rather than the check."""
    between = labeller_agreement(first, second)
    n = min(ag.n for ag in between.values())
    lines = [RELIABILITY_TITLE, "", _RELIABILITY_METHOD.format(n=n), "",
             "| check | labellers' agreement | labellers' kappa | check vs first labels | check vs second labels |",
             "|---|---|---|---|---|"]
    for check in CHECK_IDS:
        ours = between[check]
        vs_first = against_first.per_check.get(check)
        vs_second = against_second.per_check.get(check) if against_second else None
        lines.append(f"| {check} | {_fmt(ours.observed, pct=True)} | {_fmt(ours.kappa)} | "
                     f"{_fmt(vs_first.kappa) if vs_first else 'n/a'} | {_fmt(vs_second.kappa) if vs_second else 'n/a'} |")
    return "\n".join(lines) + "\n"


_RELIABILITY_METHOD = """The {n} final threads were labelled a second time, by a second labeller who followed the
same guide without seeing the first labels, the check code or any check output (labels in
`evaluation/labels/twcs_final_second.jsonl`; the second labeller had read the label counts printed in
`evaluation/README.md`). Both labellers learned the task from the same guide and its worked examples, so
their agreement shows how consistently the guide can be applied, not how far any two quality leads would
agree. Where the labellers agree far better than a check agrees with either of them, the shortfall is the
check's, not noise in the labels. Where both labellers used one category throughout, kappa is undefined."""


def main(argv: Iterable[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    data_dir = Path(args[0]) if args else Path("../shared/data")
    section = run(data_dir)
    if section is None:
        print(f"{data_dir}: twcs_sample/twcs_sample.csv or the label file is missing; nothing to evaluate",
              file=sys.stderr)
        return 1
    print(section, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
