"""The QA accuracy evaluation: hand-computed kappa cases, the label file's shape, and the report."""

from __future__ import annotations

import csv
import json

import pytest

from smilebox.errors import ConfigError
from smilebox.evaluation import qa_eval
from smilebox.evaluation.qa_eval import (
    CATEGORIES,
    CHECK_IDS,
    FINAL_LABELS_PATH,
    HOLDOUT_LABELS_PATH,
    LABELS_PATH,
    TEST_LABELS_PATH,
    cohen_kappa,
    confusion_matrix,
    load_labels,
)
from smilebox.evaluation.twcs_threads import (
    fallback_read_twcs_threads,
    select_dev2_threads,
    select_dev_threads,
    select_final2_threads,
    select_final3_threads,
    select_final_threads,
    select_holdout_threads,
    select_test_threads,
)
from tests.conftest import SHARED_DATA

TWCS_CSV = SHARED_DATA / "twcs_sample" / "twcs_sample.csv"
needs_data = pytest.mark.skipif(not TWCS_CSV.is_file(), reason=f"{TWCS_CSV} is not there")


@pytest.mark.parametrize(
    ("human", "auto", "observed", "expected", "kappa"),
    [
        # perfect agreement over two categories: p_o = 1, p_e = .5*.5 + .5*.5 = .5, kappa = 1
        ("pfpf", "pfpf", 1.0, 0.5, 1.0),
        # agreement exactly at chance: p_o = .5, p_e = .5, kappa = 0
        ("ppff", "pfpf", 0.5, 0.5, 0.0),
        # complete disagreement: p_o = 0, p_e = .5, kappa = (0 - .5) / .5 = -1
        ("pf", "fp", 0.0, 0.5, -1.0),
        # three categories: diagonal 2+1+1 of 6; rows 3,2,1 cols 2,2,2 -> p_e = 12/36; kappa = (4/6-2/6)/(4/6)
        ("pppffn", "ppffnn", 4 / 6, 1 / 3, 0.5),
        # humans used one category, the check two: p_o = .75, p_e = 1 * .75, kappa = 0 (not degenerate)
        ("pppp", "ppfp", 0.75, 0.75, 0.0),
    ],
)
def test_cohen_kappa_hand_computed(human, auto, observed, expected, kappa):
    names = {"p": "pass", "f": "fail", "n": "na"}
    result = cohen_kappa([names[c] for c in human], [names[c] for c in auto])
    assert result.n == len(human)
    assert result.observed == pytest.approx(observed)
    assert result.expected == pytest.approx(expected)
    assert result.kappa == pytest.approx(kappa)
    assert not result.degenerate
    assert result.meets(0.8) is (kappa >= 0.8)


@pytest.mark.parametrize("category", CATEGORIES)
def test_single_shared_category_is_degenerate(category):
    result = cohen_kappa([category] * 5, [category] * 5)
    assert result.kappa is None
    assert result.degenerate
    assert result.observed == 1.0 and result.expected == pytest.approx(1.0)
    assert result.meets()


def test_no_items_has_no_kappa_and_does_not_meet_the_target():
    result = cohen_kappa([], [])
    summary = (result.n, result.observed, result.kappa, result.degenerate, result.meets())
    assert summary == (0, None, None, False, False)


def test_confusion_matrix_rows_are_human_columns_are_auto():
    matrix = confusion_matrix(["pass", "pass", "fail", "na"], ["fail", "pass", "fail", "pass"])
    assert matrix["pass"] == {"pass": 1, "fail": 1, "na": 0}
    assert matrix["fail"] == {"pass": 0, "fail": 1, "na": 0}
    assert matrix["na"] == {"pass": 1, "fail": 0, "na": 0}


@pytest.mark.parametrize(
    ("human", "auto", "message"),
    [
        (["pass"], [], "rater label lists differ in length: 1 vs 0"),
        (["pass"], ["maybe"], "label outside ['pass', 'fail', 'na']: 'pass' / 'maybe'"),
    ],
)
def test_confusion_matrix_refuses_bad_input(human, auto, message):
    with pytest.raises(ValueError) as exc:
        confusion_matrix(human, auto)
    assert str(exc.value) == message


# The label files ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("path", "minimum"),
                         [(LABELS_PATH, 150), (TEST_LABELS_PATH, 60), (HOLDOUT_LABELS_PATH, 60),
                          (FINAL_LABELS_PATH, 60), (qa_eval.FINAL_SECOND_LABELS_PATH, 100),
                          (qa_eval.DEV2_LABELS_PATH, 60), (qa_eval.FINAL2_LABELS_PATH, 60),
                          (qa_eval.FINAL3_LABELS_PATH, 60)])
def test_label_file_is_well_formed(path, minimum):
    rows = load_labels(path)
    assert len(rows) >= minimum
    assert len({r.conversation_id for r in rows}) == len(rows)
    for row in rows:
        assert set(row.labels) == set(CHECK_IDS)
        assert set(row.labels.values()) <= set(CATEGORIES)
        assert row.labels["documentation"] == "na"  # the guide: no internal notes on Twitter
        assert row.labels["wow"] in ("pass", "na")  # a bonus is never a fail
        assert row.brand


# later sets draw from fewer brands (the earlier sets took one thread per brand per round), so more per brand
@pytest.mark.parametrize(("path", "min_brands", "max_per_brand"),
                         [(LABELS_PATH, 40, 5), (TEST_LABELS_PATH, 30, 5), (HOLDOUT_LABELS_PATH, 30, 5),
                          (FINAL_LABELS_PATH, 25, 5), (qa_eval.DEV2_LABELS_PATH, 20, 5),
                          (qa_eval.FINAL2_LABELS_PATH, 14, 8), (qa_eval.FINAL3_LABELS_PATH, 12, 8)])
def test_label_file_spreads_over_many_brands(path, min_brands, max_per_brand):
    rows = load_labels(path)
    brands = [r.brand for r in rows]
    assert len(set(brands)) >= min_brands
    assert max(brands.count(b) for b in set(brands)) <= max_per_brand


ALL_LABEL_PATHS = (LABELS_PATH, TEST_LABELS_PATH, HOLDOUT_LABELS_PATH, qa_eval.DEV2_LABELS_PATH, FINAL_LABELS_PATH,
                   qa_eval.FINAL2_LABELS_PATH, qa_eval.FINAL3_LABELS_PATH)


def test_the_label_files_are_pairwise_disjoint():
    ids = [{r.conversation_id for r in load_labels(path)} for path in ALL_LABEL_PATHS]
    for i, first in enumerate(ids):
        for second in ids[i + 1:]:
            assert first.isdisjoint(second)


def test_the_second_labelling_covers_exactly_the_final_threads():
    first = [r.conversation_id for r in load_labels(FINAL_LABELS_PATH)]
    second = [r.conversation_id for r in load_labels(qa_eval.FINAL_SECOND_LABELS_PATH)]
    assert sorted(first) == sorted(second)


def _row(cid, **labels):
    base = dict.fromkeys(CHECK_IDS, "na")
    return qa_eval.LabelRow(cid, "Brand", base | labels)


def test_labeller_agreement_pairs_threads_by_id_and_ignores_the_unshared():
    first = [_row("1", greeting="pass"), _row("2", greeting="fail"), _row("3", greeting="pass"), _row("9")]
    second = [_row("3", greeting="pass"), _row("1", greeting="pass"), _row("2", greeting="pass")]
    agreement = qa_eval.labeller_agreement(first, second)
    assert agreement["greeting"].n == 3
    assert agreement["greeting"].observed == pytest.approx(2 / 3)
    assert agreement["greeting"].kappa == pytest.approx(0.0)  # second always "pass": no agreement beyond chance
    assert agreement["wow"].kappa is None  # both "na" throughout: undefined


# The thread selection ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_threads():
    if not TWCS_CSV.is_file():
        pytest.skip(f"{TWCS_CSV} is not there")
    return fallback_read_twcs_threads(TWCS_CSV)


def test_dev_selection_still_gives_the_labelled_dev_set(sample_threads):
    chosen = [th.id for th in select_dev_threads(sample_threads)]
    assert sorted(chosen) == sorted(r.conversation_id for r in load_labels(LABELS_PATH))


def test_test_selection_is_disjoint_from_dev_deterministic_and_balanced(sample_threads):
    dev = {th.id for th in select_dev_threads(sample_threads)}
    test = select_test_threads(sample_threads)
    assert len(test) == 100 and len({th.id for th in test}) == 100
    assert dev.isdisjoint(th.id for th in test)
    assert [th.id for th in select_test_threads(sample_threads)] == [th.id for th in test]
    assert all(th.has_agent_reply and len(th.brands) == 1 for th in test)
    brands = [th.brand for th in test]
    assert max(brands.count(b) for b in set(brands)) <= 3


def test_test_selection_prefix_is_stable_when_fewer_are_drawn(sample_threads):
    """Labelling fewer threads (a shorter draw) labels a prefix of the full 100, never other threads."""
    full = [th.id for th in select_test_threads(sample_threads)]
    assert [th.id for th in select_test_threads(sample_threads, n=60)] == full[:60]


def test_holdout_selection_is_disjoint_from_dev_and_test_deterministic_and_balanced(sample_threads):
    earlier = {th.id for th in select_dev_threads(sample_threads)} | {
        th.id for th in select_test_threads(sample_threads)}
    holdout = select_holdout_threads(sample_threads)
    assert len(holdout) == 100 and len({th.id for th in holdout}) == 100
    assert earlier.isdisjoint(th.id for th in holdout)
    assert [th.id for th in select_holdout_threads(sample_threads)] == [th.id for th in holdout]
    assert all(th.has_agent_reply and len(th.brands) == 1 for th in holdout)
    brands = [th.brand for th in holdout]
    assert len(set(brands)) >= 30 and max(brands.count(b) for b in set(brands)) <= 4


def test_holdout_selection_prefix_is_stable_when_fewer_are_drawn(sample_threads):
    full = [th.id for th in select_holdout_threads(sample_threads)]
    assert [th.id for th in select_holdout_threads(sample_threads, n=60)] == full[:60]


def test_final_selection_is_disjoint_from_all_earlier_sets_deterministic_and_balanced(sample_threads):
    earlier = set()
    for select in (select_dev_threads, select_test_threads, select_holdout_threads):
        earlier |= {th.id for th in select(sample_threads)}
    assert len(earlier) == 350
    final = select_final_threads(sample_threads)
    assert len(final) == 100 and len({th.id for th in final}) == 100
    assert earlier.isdisjoint(th.id for th in final)
    assert [th.id for th in select_final_threads(sample_threads)] == [th.id for th in final]
    assert all(th.has_agent_reply and len(th.brands) == 1 for th in final)
    brands = [th.brand for th in final]
    assert len(set(brands)) >= 25 and max(brands.count(b) for b in set(brands)) <= 4


def test_final_selection_prefix_is_stable_when_fewer_are_drawn(sample_threads):
    full = [th.id for th in select_final_threads(sample_threads)]
    assert [th.id for th in select_final_threads(sample_threads, n=60)] == full[:60]


@pytest.mark.parametrize(("select", "path"), [(select_test_threads, TEST_LABELS_PATH),
                                              (select_holdout_threads, HOLDOUT_LABELS_PATH),
                                              (select_final_threads, FINAL_LABELS_PATH),
                                              (select_dev2_threads, qa_eval.DEV2_LABELS_PATH),
                                              (select_final2_threads, qa_eval.FINAL2_LABELS_PATH),
                                              (select_final3_threads, qa_eval.FINAL3_LABELS_PATH)])
def test_labels_resolve_to_selected_threads_with_every_check(sample_threads, select, path):
    """Every labelled id is a thread of the draw, labelled on every check, and the labels are its prefix."""
    drawn = select(sample_threads)
    selected = {th.id: th for th in drawn}
    rows = load_labels(path)
    assert [r.conversation_id for r in rows if r.conversation_id not in selected] == []
    assert {r.conversation_id for r in rows} == {th.id for th in drawn[:len(rows)]}
    for row in rows:
        assert row.brand == selected[row.conversation_id].brand
        assert set(row.labels) == set(CHECK_IDS)
        assert set(row.labels.values()) <= set(CATEGORIES)


@needs_data
@pytest.mark.parametrize("path", ALL_LABEL_PATHS)
def test_labelled_ids_are_root_customer_tweets_of_the_sample(path):
    with open(TWCS_CSV, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    roots = {r["tweet_id"] for r in rows if r["inbound"] == "True" and not r["in_response_to_tweet_id"]}
    missing = [r.conversation_id for r in load_labels(path) if r.conversation_id not in roots]
    assert missing == []


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not valid JSON (Expecting property name enclosed in double quotes)"),
        ('{"conversation_id": "", "labels": {}}', "conversation_id must be a non-empty string"),
        ('{"conversation_id": "1", "labels": {"greeting": "pass"}}',
         "labels must have exactly the checks " + ", ".join(CHECK_IDS)),
        (json.dumps({"conversation_id": "1", "labels": {c: "pass" for c in CHECK_IDS} | {"wow": "great"}}),
         "labels must be pass, fail or na; got {'wow': 'great'}"),
    ],
)
def test_load_labels_names_the_bad_line(tmp_path, line, problem):
    path = tmp_path / "labels.jsonl"
    good = json.dumps({"conversation_id": "0", "brand": "b", "labels": {c: "na" for c in CHECK_IDS}})
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_labels(path)
    assert str(exc.value) == f"{path}:2: {problem}"


def test_load_labels_refuses_a_repeated_id(tmp_path):
    path = tmp_path / "labels.jsonl"
    row = json.dumps({"conversation_id": "7", "labels": {c: "na" for c in CHECK_IDS}})
    path.write_text(f"{row}\n{row}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_labels(path)
    assert str(exc.value) == f"{path}:2: conversation_id '7' is labelled twice"


# The report --------------------------------------------------------------------------------------------
def test_run_skips_when_the_sample_is_absent(tmp_path):
    assert qa_eval.run(tmp_path) is None


def _table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| check")]


@needs_data
def test_run_reports_every_check_on_dev_then_test_holdout_dev2_final_final2_then_final3():
    section = qa_eval.run(SHARED_DATA)
    assert section.startswith(qa_eval.SECTION_TITLE)
    dev_part, rest = section.split(qa_eval.TEST_TITLE)
    test_part, rest = rest.split(qa_eval.HOLDOUT_TITLE)
    holdout_part, rest = rest.split(qa_eval.DEV2_TITLE)
    dev2_part, final_part = rest.split(qa_eval.FINAL_TITLE)
    final_part, reliability_part = final_part.split(qa_eval.RELIABILITY_TITLE)
    reliability_part, final2_part = reliability_part.split(qa_eval.FINAL2_TITLE)
    final2_part, final3_part = final2_part.split(qa_eval.FINAL3_TITLE)
    final3_part = final3_part.split(qa_eval.MODELS_TITLE)[0]
    assert "smilebox eval" in dev_part
    for part in (dev_part, test_part, holdout_part, dev2_part, final2_part):
        assert "**Status:** development data" in part and "never tuned on" not in part
    for part in (test_part, holdout_part, dev2_part, final2_part):
        assert "measured blind once" in part
    assert "closing 0.630" in holdout_part  # the holdout's first blind figures stay on record
    assert "**Status:** never tuned on" in final_part and "never tuned on these threads" in final_part
    assert "wow 0.000" in final2_part  # final2's one blind measurement stays on record
    assert "**Status:** never tuned on" in final3_part and "measured once" in final3_part
    n_test, n_holdout, n_dev2, n_final, n_final2, n_final3 = (
        str(len(load_labels(path)))
        for path in (TEST_LABELS_PATH, HOLDOUT_LABELS_PATH, qa_eval.DEV2_LABELS_PATH, FINAL_LABELS_PATH,
                     qa_eval.FINAL2_LABELS_PATH, qa_eval.FINAL3_LABELS_PATH))
    for part, n in ((dev_part, "150"), (test_part, n_test), (holdout_part, n_holdout), (dev2_part, n_dev2),
                    (final_part, n_final), (final2_part, n_final2), (final3_part, n_final3)):
        rows = _table_rows(part)
        assert [row.split("|")[1].strip() for row in rows] == list(CHECK_IDS)
        scored = [row for row in rows if "not in rubric yet" not in row]
        assert all(row.split("|")[2].strip() == n for row in scored)
        assert part.count("- `") == len(scored)  # one confusion matrix per scored check
    # the two labellers' table: one row per check, the second labels' column computed like the first's
    reliability = _table_rows(reliability_part)
    assert [row.split("|")[1].strip() for row in reliability] == list(CHECK_IDS)
    greeting_first = next(r for r in _table_rows(final_part) if r.startswith("| greeting "))
    assert reliability[0].split("|")[4].strip() == greeting_first.split("|")[4].strip()


OPTIONAL_SETS = {"TEST_LABELS_PATH": "TEST_TITLE", "HOLDOUT_LABELS_PATH": "HOLDOUT_TITLE",
                 "DEV2_LABELS_PATH": "DEV2_TITLE", "FINAL_LABELS_PATH": "FINAL_TITLE",
                 "FINAL2_LABELS_PATH": "FINAL2_TITLE", "FINAL3_LABELS_PATH": "FINAL3_TITLE"}


@needs_data
@pytest.mark.parametrize("absent", sorted(OPTIONAL_SETS))
def test_run_leaves_out_a_table_without_its_labels(monkeypatch, tmp_path, absent):
    monkeypatch.setattr(qa_eval, absent, tmp_path / "absent.jsonl")
    monkeypatch.setattr(qa_eval, "_model_analyzer", lambda: None)  # the tables from the labels alone
    section = qa_eval.run(SHARED_DATA)
    assert qa_eval.MODELS_TITLE not in section
    for path_name, title in OPTIONAL_SETS.items():
        assert (getattr(qa_eval, title) in section) is (path_name != absent)
    # the labellers' table goes with the final set
    assert (qa_eval.RELIABILITY_TITLE in section) is (absent != "FINAL_LABELS_PATH")
    tables = len(OPTIONAL_SETS) + (absent != "FINAL_LABELS_PATH")
    assert len(_table_rows(section)) == tables * len(CHECK_IDS)


def test_run_needs_the_dev_labels(monkeypatch, tmp_path):
    monkeypatch.setattr(qa_eval, "LABELS_PATH", tmp_path / "absent.jsonl")
    assert qa_eval.run(SHARED_DATA) is None


def test_label_sets_are_one_list_in_report_order():
    sets = qa_eval.label_sets()
    assert [s.name for s in sets] == ["dev", "test", "holdout", "dev2", "final", "final2", "final3"]
    assert [s.path for s in sets] == list(ALL_LABEL_PATHS)
    assert [s.required for s in sets] == [True, False, False, False, False, False, False]
    assert all(s.status and s.title and s.method for s in sets)


@needs_data
def test_fallback_reader_threads_like_the_importer():
    """The private fallback must give the labelled threads the same ids and messages as the importer."""
    imported, reader = qa_eval.read_conversations(TWCS_CSV)
    if reader != "twcs importer":
        pytest.skip("the twcs importer is not installed")
    fallback = {c.id: c for c in qa_eval._fallback_conversations(TWCS_CSV)}
    by_id = {c.id: c for c in imported}
    for row in load_labels(LABELS_PATH):
        ours, theirs = fallback[row.conversation_id], by_id[row.conversation_id]
        assert [m.role for m in ours.messages] == [m.role for m in theirs.messages]
        assert sorted(m.text for m in ours.messages) == sorted(m.text for m in theirs.messages)


def _result(**kappas):
    per_check = {check: qa_eval.Agreement(10, 0.9, 0.5, kappa, {}) for check, kappa in kappas.items()}
    return qa_eval.QaEvalResult(per_check, [], 10, 3, 0, "twcs importer")


def test_with_models_table_sets_each_cue_check_both_ways():
    lexicon = {"dev": _result(empathy=0.9, resolution=0.8, wow=0.7), "final": _result(empathy=0.5, resolution=0.4, wow=0.0)}
    models = {"dev": _result(empathy=0.6, resolution=0.85, wow=0.7), "final": None}
    text = qa_eval.render_with_models(lexicon, models)
    assert text.startswith(qa_eval.MODELS_TITLE)
    rows = _table_rows(text)
    assert rows[0] == "| empathy | lexicon | 0.900 |" and rows[1] == "| empathy | model | 0.600 |"
    assert [r.split("|")[1].strip() for r in rows] == ["empathy", "empathy", "resolution", "resolution", "wow", "wow"]
    header = next(line for line in text.splitlines() if line.startswith("| check"))
    assert header == "| check | cues | dev |"  # a set the models did not measure has no column


@needs_data
def test_run_adds_the_with_models_table_when_the_models_are_installed(monkeypatch):
    pytest.importorskip("onnxruntime")
    from smilebox.nlp import default_backend, model_missing

    if model_missing(default_backend()) is not None:
        pytest.skip("the language models are not installed")
    section = qa_eval.run(SHARED_DATA)
    models_part = section.split(qa_eval.MODELS_TITLE)[1]
    rows = _table_rows(models_part)
    assert len(rows) == 2 * len(qa_eval.CUE_CHECKS)
    # the lexicon rows repeat the main tables' kappa for the dev set
    dev_empathy = next(r for r in _table_rows(section.split(qa_eval.TEST_TITLE)[0]) if r.startswith("| empathy "))
    assert rows[0].split("|")[3].strip() == dev_empathy.split("|")[4].strip()
