"""Recovery cases: opening (idempotent, owner by rule, SLA), the playbooks, closing with the Boost, causes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from smilebox.errors import ConfigError, NotFound, UsageError
from smilebox.recovery import cases
from smilebox.recovery.clock import as_utc
from smilebox.recovery.insights import root_causes
from smilebox.recovery.routing import parse_rule
from smilebox.settings import Settings
from smilebox.store.tables import RecoveryCase
from tests import recovery_data as d

NOW = d.when("2026-11-02T09:00:00")


def _settings(**kw) -> Settings:
    return Settings(**kw)


def _one_case(store, settings=None, **feedback_kw):
    settings = settings or _settings()
    with store.session() as s:
        fb = d.feedback(s, "c-1/f1", "opportunity", "You charged me twice", **feedback_kw)
        return cases.open_case(s, fb, settings, now=NOW).id


def test_open_case_is_idempotent_and_sets_due_date_from_sla(store):
    """Runs on SQLite and PostgreSQL."""
    settings = _settings(recovery_sla_hours=24)
    with store.session() as s:
        fb = d.feedback(s, "c-1/f1", "opportunity", "Charged twice")
        first = cases.open_case(s, fb, settings, now=NOW)
        again = cases.open_case(s, fb, settings, now=NOW + timedelta(hours=5))
        assert again.id == first.id
    with store.session() as s:
        fb = s.get(type(fb), fb.id)
        third = cases.open_case(s, fb, settings)
        rows = s.query(RecoveryCase).all()
    assert third.id == first.id and len(rows) == 1
    assert as_utc(rows[0].due_at) == NOW + timedelta(hours=24)
    assert rows[0].step == "thank" and rows[0].status == "open"


def _routing_world(s):
    lead_agent = d.agent(s, "Juan Perez", team="Blue", lead="Dana Lee")
    no_lead = d.agent(s, "Robert Stone", team="Nights")
    return {"lead": lead_agent, "nolead": no_lead}


@pytest.mark.parametrize(
    "who, how, tags, channel, rules, expected, reason",
    [
        ("lead", "credit", [], "email", ["tag:billing = billing-queue"], "Dana Lee", "lead of Juan Perez"),
        ("lead", "assignee", [], "email", [], "Dana Lee", "lead of Juan Perez"),
        ("nolead", "assignee", ["Billing"], "email", ["tag:billing = billing-queue"], "billing-queue", "rule tag:billing"),
        ("nolead", "credit", [], "social", ["tag:billing = b", "channel:social = Sam Ortiz"], "Sam Ortiz",
         "rule channel:social"),
        ("nolead", "assignee", [], "chat", ["team:nights = nights@acme.test"], "nights@acme.test", "rule team:nights"),
        ("nolead", "assignee", ["billing"], "chat", ["channel:chat = first", "tag:billing = second"], "first",
         "rule channel:chat"),
        ("nolead", "assignee", [], "email", ["tag:billing = billing-queue"], "recovery-queue", "default owner"),
        (None, None, [], "email", [], "recovery-queue", "default owner"),
    ],
)
def test_owner_by_rule(sqlite_store, who, how, tags, channel, rules, expected, reason):
    settings = _settings(recovery_owner_rules=rules)
    with sqlite_store.session() as s:
        agents = _routing_world(s)
        agent = agents.get(who)
        conv = d.conversation(s, "c-1", channel=channel, tags=tags, assignee=agent if how == "assignee" else None)
        fb = d.feedback(s, "c-1/f1", "opportunity", "bad", conv=conv, credit=[agent] if how == "credit" else [])
        case = cases.open_case(s, fb, settings, now=NOW)
        assert case.owner == expected
        assert reason in case.steps[0].note


@pytest.mark.parametrize(
    "rule, message",
    [
        ("billing-queue", "recovery_owner_rules: 'billing-queue' is not a rule; write 'FIELD:VALUE = OWNER', "
                          "e.g. 'tag:billing = billing-queue'"),
        ("tag:billing =", "recovery_owner_rules: 'tag:billing =' is not a rule; write 'FIELD:VALUE = OWNER', "
                          "e.g. 'tag:billing = billing-queue'"),
        ("mood:angry = x", "recovery_owner_rules: 'mood:angry = x' uses unknown field 'mood'; "
                           "fields are: tag, channel, source, team, group"),
    ],
)
def test_bad_owner_rule_is_a_config_error(rule, message):
    with pytest.raises(ConfigError) as exc:
        parse_rule(rule)
    assert str(exc.value) == message


def test_customer_name_comes_from_the_customer_record(sqlite_store):
    with sqlite_store.session() as s:
        cust = d.customer(s, "Maria Lopez")
        conv = d.conversation(s, "c-1", cust=cust)
        fb = d.feedback(s, "c-1/f1", "opportunity", "bad", conv=conv)
        assert cases.open_case(s, fb, _settings(), now=NOW).customer_name == "Maria Lopez"


@pytest.mark.parametrize("playbook, steps", [
    ("five-steps", ["thank", "apologise", "listen", "explain", "solution"]),
    ("lamb", ["listen", "acknowledge", "move", "boost"]),
])
def test_advance_walks_the_playbook_in_order(sqlite_store, playbook, steps):
    case_id = _one_case(sqlite_store, _settings(recovery_playbook=playbook))
    seen = []
    with sqlite_store.session() as s:
        for i, expected in enumerate(steps):
            extra = {"root_cause": "double charge", "change": "retry fixed"} if expected == "boost" else {}
            case = cases.advance(s, case_id, f"note {i}", actor="dana", now=NOW, **extra)
            seen.append(case.steps[-1].step)
        assert case.step == "done"
        assert [(h.step, h.note, h.actor) for h in case.steps[1:]] == [(st, f"note {i}", "dana") for i, st in enumerate(steps)]
    assert seen == steps


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"step": "explain"}, "case 1 is at step 'thank'; recording 'explain' would skip thank, apologise, listen; "
                              "record those first or pass --force"),
        ({"step": "hug"}, "step 'hug' is not in the five-steps playbook; its steps are: "
                          "thank, apologise, listen, explain, solution"),
        ({"note": "  "}, "a note is required: say what you did, e.g. --note 'Called the customer and apologised'"),
    ],
)
def test_advance_refusals(sqlite_store, kwargs, message):
    case_id = _one_case(sqlite_store)
    kwargs = {"note": "did it", **kwargs}
    with sqlite_store.session() as s, pytest.raises((UsageError, ConfigError)) as exc:
        cases.advance(s, case_id, kwargs.pop("note"), **kwargs)
    assert str(exc.value) == message


def test_advance_backwards_is_refused(sqlite_store):
    case_id = _one_case(sqlite_store)
    with sqlite_store.session() as s:
        cases.advance(s, case_id, "thanked")
        with pytest.raises(UsageError) as exc:
            cases.advance(s, case_id, "again", step="thank")
    assert str(exc.value) == "step 'thank' of case 1 is already recorded; the next step is 'apologise'"


def test_forced_skip_records_the_skipped_steps(sqlite_store):
    case_id = _one_case(sqlite_store)
    with sqlite_store.session() as s:
        case = cases.advance(s, case_id, "explained the billing run", step="explain", force=True, actor="dana")
        assert [(h.step, h.note) for h in case.steps[1:]] == [
            ("thank", "skipped (--force)"), ("apologise", "skipped (--force)"), ("listen", "skipped (--force)"),
            ("explain", "explained the billing run")]
        assert case.step == "solution"


def test_lamb_boost_needs_root_cause_and_change(sqlite_store):
    case_id = _one_case(sqlite_store, _settings(recovery_playbook="lamb"))
    with sqlite_store.session() as s:
        with pytest.raises(UsageError) as exc:
            cases.advance(s, case_id, "boosted", step="boost", force=True)
        assert str(exc.value) == ("the boost step records the root cause and the change made: pass --root-cause "
                                  "'why it happened' --change 'what changes so it won't happen again'")
        case = cases.advance(s, case_id, "boosted", step="boost", force=True, root_cause="Macro  wrong", change="Fixed")
        assert (case.root_cause, case.change_made, case.step) == ("Macro wrong", "Fixed", "done")
        closed = cases.close(s, case_id, "kept")  # the Boost is already recorded
        assert (closed.status, closed.step, closed.outcome) == ("closed", "closed", "kept")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"outcome": "happy"}, "--outcome 'happy' is not valid; use one of: kept, lost, unknown"),
        ({"outcome": "kept"}, "case 1 still has steps to record (thank, apologise, listen, explain, solution); "
                              "record them with 'smilebox recovery advance 1 --note ...' or close with --force"),
        ({"outcome": "kept", "force": True}, "closing needs the Boost: --root-cause 'why it happened' and "
                                             "--change 'what changes so it won't happen again'"),
        ({"outcome": "lost", "force": True, "root_cause": "x"},
         "closing needs the Boost: --root-cause 'why it happened' and --change 'what changes so it won't happen again'"),
    ],
)
def test_close_refusals(sqlite_store, kwargs, message):
    case_id = _one_case(sqlite_store)
    with sqlite_store.session() as s, pytest.raises(UsageError) as exc:
        cases.close(s, case_id, **kwargs)
    assert str(exc.value) == message


def test_close_then_nothing_more(sqlite_store):
    case_id = _one_case(sqlite_store)
    with sqlite_store.session() as s:
        case = cases.close(s, case_id, "lost", root_cause="slow refund", change="refunds same day", force=True,
                           note="customer cancelled", actor="dana", now=NOW)
        assert case.steps[-1].note == "outcome lost; customer cancelled; closed before step 'thank' (--force)"
        assert as_utc(case.closed_at) == NOW
        with pytest.raises(UsageError) as exc:
            cases.advance(s, case_id, "late note")
        assert str(exc.value) == "case 1 is closed; nothing to advance"
        with pytest.raises(UsageError) as exc:
            cases.close(s, case_id, "kept")
        assert str(exc.value) == "case 1 is already closed (outcome lost)"


def test_find_case_by_number_or_feedback_id(sqlite_store):
    case_id = _one_case(sqlite_store)
    with sqlite_store.session() as s:
        assert cases.get_case(s, "c-1/f1").id == case_id
        assert cases.get_case(s, str(case_id)).id == case_id
        with pytest.raises(NotFound) as exc:
            cases.get_case(s, "99")
    assert str(exc.value) == "no recovery case '99'; 'smilebox recovery list --status all' shows every case"


def test_list_cases_filters_and_orders(sqlite_store):
    settings = _settings(recovery_owner_rules=["tag:vip = Vera"])
    with sqlite_store.session() as s:
        vip = d.conversation(s, "c-9", tags=["vip"])
        a = d.feedback(s, "f-a", "opportunity", "late")
        b = d.feedback(s, "f-b", "opportunity", "rude", conv=vip)
        cases.open_case(s, a, settings, now=NOW + timedelta(hours=3))
        cases.open_case(s, b, settings, now=NOW)
    with sqlite_store.session() as s:
        cases.close(s, "f-a", "kept", root_cause="x", change="y", force=True)
    everything = cases.list_cases(sqlite_store, status="all")
    assert [c["feedback_id"] for c in everything] == ["f-b", "f-a"]
    assert list(everything[0]) == ["case_id", "feedback_id", "customer", "owner", "status", "step", "due_at"]
    assert [c["feedback_id"] for c in cases.list_cases(sqlite_store)] == ["f-b"]
    assert [c["feedback_id"] for c in cases.list_cases(sqlite_store, "all", owner="vera")] == ["f-b"]
    assert everything[0]["due_at"] == "2026-11-04T09:00:00Z"
    with pytest.raises(UsageError) as exc:
        cases.list_cases(sqlite_store, status="closed")
    assert str(exc.value) == "--status 'closed' is not valid; use open or all"


def test_recurring_root_causes_are_grouped_and_counted(store):
    """Runs on SQLite and PostgreSQL."""
    spec = [("f1", "2026-09-03T10:00:00", "Billing double charge", "payment retry fixed", "kept"),
            ("f2", "2026-10-03T10:00:00", "billing  double charge", "alert on duplicates", "lost"),
            ("f3", "2026-10-09T10:00:00", "Billing double charge", "payment retry fixed", "kept"),
            ("f4", "2026-10-11T10:00:00", "Rude reply", "coaching", "kept")]
    with store.session() as s:
        for ext, at, cause, change, outcome in spec:
            case = cases.open_case(s, d.feedback(s, ext, "opportunity", "bad", at=at), _settings(), now=NOW)
            cases.close(s, case.id, outcome, root_cause=cause, change=change, force=True)
    found = root_causes(store)
    assert [(c.cause, c.count, c.recurring) for c in found] == [
        ("Billing double charge", 3, True), ("Rude reply", 1, False)]
    assert found[0].periods == {"2026-09": 1, "2026-10": 2}
    assert found[0].changes == ["payment retry fixed", "alert on duplicates"]
    assert found[0].outcomes == {"kept": 2, "lost": 1}
    october = root_causes(store, d.when("2026-10-01T00:00:00"), d.when("2026-11-01T00:00:00"), min_count=2)
    assert [(c.cause.casefold(), c.count) for c in october] == [("billing double charge", 2)]
