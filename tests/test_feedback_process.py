"""process_pending on a real store: classification, credits, fallbacks, recovery hand-off, idempotence."""

import pytest
from sqlalchemy import func, select

from smilebox.feedback.process import process_pending
from smilebox.ingest import import_paths
from smilebox.settings import Settings
from smilebox.store import Store
from smilebox.store.tables import Agent, FeedbackCredit, FeedbackRow, RecoveryCase
from tests.conftest import conversation
from tests.helpers import write_jsonl

SETTINGS = Settings(models="off")
ROSTER = [("ag-1", "Juan Perez", []), ("ag-2", "Derrick Smith", []), ("ag-3", "Robert Jones", ["Bobby J"]), ("ag-4", "Ana Ruiz", [])]


def make_store(tmp_path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 't.db'}")
    store.init()
    with store.session() as s:
        s.add_all(Agent(key=k, name=n, aliases=a, team="blue" if k != "ag-4" else "red") for k, n, a in ROSTER)
    return store


def load(store, tmp_path, feedback, **conv):
    """One conversation assigned to Ana Ruiz, carrying ``feedback``."""
    conv.setdefault("assignee", {"id": "ag-4", "name": "Ana Ruiz"})
    path = write_jsonl(tmp_path / f"c{len(list(tmp_path.iterdir()))}.jsonl", [conversation(feedback=feedback, **conv)])
    import_paths(store, [path], "jsonl", SETTINGS)


def credits(store) -> list[tuple[str, str, str, str]]:
    with store.session() as s:
        rows = s.execute(select(FeedbackRow.external_id, Agent.name, FeedbackCredit.matched, FeedbackCredit.method)
                         .join(FeedbackCredit, FeedbackCredit.feedback_id == FeedbackRow.id)
                         .join(Agent, Agent.id == FeedbackCredit.agent_id).order_by(FeedbackRow.external_id, Agent.name))
        return [tuple(r) for r in rows]


@pytest.mark.parametrize("comment, expected", [
    ("Thanks to Juan for OWNING THE CUSTOMERS and helping them solve issues — always!", [("Juan Perez", "Juan", "first-name")]),
    ("Derrick was very helpful and polite. I used his services twice today.", [("Derrick Smith", "Derrick", "first-name")]),
    ("Bobby was great", [("Robert Jones", "Bobby", "nickname")]),
    ("Jaun sorted it out", [("Juan Perez", "Jaun", "fuzzy")]),
    ("Juan and Derrick were both great", [("Derrick Smith", "Derrick", "first-name"), ("Juan Perez", "Juan", "first-name")]),
    ("Great help, thank you!", [("Ana Ruiz", "", "assignee")]),
    ("Maria here: thanks, Gloria was great", [("Ana Ruiz", "", "assignee")]),
])
def test_smiles_credit_the_named_agents_else_the_assignee(tmp_path, comment, expected):
    store = make_store(tmp_path)
    load(store, tmp_path, [{"id": "f1", "rating": 5, "scale": "csat5", "comment": comment}])
    summary = process_pending(store, SETTINGS)
    assert summary.classes["smile"] == 1
    assert [c[1:] for c in credits(store)] == expected


def test_source_agent_is_credited_when_there_is_no_assignee(tmp_path):
    store = make_store(tmp_path)
    load(store, tmp_path, [{"id": "f1", "rating": "good", "comment": "Quick and kind", "agent": {"name": "Derrick Smith"}}],
         assignee=None)
    process_pending(store, SETTINGS)
    assert credits(store) == [("c-1/f1", "Derrick Smith", "Derrick Smith", "source")]


def test_rows_get_score_class_and_explanation(tmp_path):
    store = make_store(tmp_path)
    load(store, tmp_path, [
        {"id": "f1", "rating": 5, "scale": "csat5", "comment": "Juan was great but it took three weeks to get my refund."},
        {"id": "f2", "rating": 9, "comment": "Great"},
        {"id": "f3", "comment": "Prior to helping others improve their customer service, you might first want to improve yours."},
        {"id": "f4", "rating": 3, "scale": "csat5"},
    ])
    summary = process_pending(store, SETTINGS)
    with store.session() as s:
        rows = {r.external_id: r for r in s.scalars(select(FeedbackRow))}
    assert {k: r.classification for k, r in rows.items()} == {
        "c-1/f1": "mixed", "c-1/f2": "smile", "c-1/f3": "opportunity", "c-1/f4": "neutral"}
    assert rows["c-1/f2"].score == pytest.approx(0.9) and rows["c-1/f2"].scale == "nps"
    assert rows["c-1/f1"].sentiment["cues"] == [{"kind": "slow", "quote": "took three weeks"}]
    assert rows["c-1/f1"].sentiment["model"] == "vader"
    assert summary.as_dict()["classes"] == {"smile": 1, "opportunity": 1, "mixed": 1, "neutral": 1}


def test_processing_twice_changes_nothing(tmp_path):
    store = make_store(tmp_path)
    load(store, tmp_path, [{"id": "f1", "rating": 5, "comment": "Juan was great"}])
    first = process_pending(store, SETTINGS)
    again = process_pending(store, SETTINGS)
    load(store, tmp_path, [{"id": "f1", "rating": 5, "comment": "Juan was great"}])  # same content re-imported
    third = process_pending(store, SETTINGS)
    assert (first.processed, again.processed, third.processed) == (1, 0, 0)
    assert credits(store) == [("c-1/f1", "Juan Perez", "Juan", "first-name")]


def test_changed_feedback_is_credited_again_without_duplicates(tmp_path):
    store = make_store(tmp_path)
    load(store, tmp_path, [{"id": "f1", "rating": 5, "comment": "Juan was great"}])
    process_pending(store, SETTINGS)
    load(store, tmp_path, [{"id": "f1", "rating": 5, "comment": "Derrick was great"}])
    assert process_pending(store, SETTINGS).processed == 1
    assert credits(store) == [("c-1/f1", "Derrick Smith", "Derrick", "first-name")]


def test_opportunities_and_mixed_open_real_recovery_cases_once(tmp_path):
    store = make_store(tmp_path)
    feedback = [{"id": "f1", "rating": 1, "comment": "Nobody called me back"},
                {"id": "f2", "rating": 5, "comment": "Juan was great but I was charged twice"},
                {"id": "f3", "rating": 5, "comment": "Perfect"},
                # the critical tweet of the seed 004_c340618dff9f6872.txt, as a social post with no rating
                {"id": "f4", "comment": "Prior to helping others improve their customer service, you might first "
                                        "want to improve yours."}]
    load(store, tmp_path, feedback)
    summary = process_pending(store, SETTINGS)
    assert summary.cases_opened == 3 and summary.recovery == "available"

    def cases():
        with store.session() as s:
            return s.execute(select(FeedbackRow.external_id, FeedbackRow.classification, RecoveryCase.status,
                                    RecoveryCase.step).join(RecoveryCase, RecoveryCase.feedback_id == FeedbackRow.id)
                             .order_by(FeedbackRow.external_id)).all()

    assert [tuple(c) for c in cases()] == [("c-1/f1", "opportunity", "open", "thank"), ("c-1/f2", "mixed", "open", "thank"),
                                           ("c-1/f4", "opportunity", "open", "thank")]
    store.dispose()
    again = Store(store.engine.url.render_as_string(hide_password=False))  # a restart: a new engine on the same file
    load(again, tmp_path, feedback)  # the same feedback re-imported (a new file with the same records)
    assert process_pending(again, SETTINGS).cases_opened == 0
    store = again
    assert len(cases()) == 3


def test_colleague_note_does_not_credit_its_author(tmp_path):
    store = make_store(tmp_path)
    with store.session() as s:
        s.add(FeedbackRow(source="notes", external_id="n1", kind="colleague", comment="Juan, thanks for covering for me! Derrick",
                          author_name="Derrick Smith", content_hash="x"))
    summary = process_pending(store, SETTINGS)
    assert summary.classes["smile"] == 1
    assert credits(store) == [("n1", "Juan Perez", "Juan", "first-name")]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(FeedbackRow).where(FeedbackRow.classification.is_(None))) == 0
