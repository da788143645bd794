"""The Smile Report's data and HTML: totals and trend, per agent and team, winners, lessons, redaction, escaping."""

from __future__ import annotations

import pytest

from smilebox.errors import UsageError
from smilebox.recovery import cases
from smilebox.reports.periods import Period
from smilebox.reports.redact import redact
from smilebox.reports.smile_report import build_smile_report, render_html
from smilebox.settings import Settings
from smilebox.store.tables import Drawing
from tests import recovery_data as d
from tests.helpers import run_cli

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>"]


def _world(store, hostile: bool = False):
    """October: 3 smiles (Juan 3, Ana 1; one shared), 2 opportunities; September: 1 smile, 1 opportunity."""
    settings = Settings()
    with store.session() as s:
        juan = d.agent(s, "Juan Perez", team="Blue", lead="Dana Lee")
        ana = d.agent(s, "Ana Gomez", team="Red", aliases=["Annie"])
        maria = d.customer(s, "Maria Lopez")
        conv = d.conversation(s, "c-1", cust=maria, assignee=juan)
        extra = " ".join(HOSTILE) if hostile else ""
        d.feedback(s, "c-1/f1", "smile", f"Juan fixed it! Maria Lopez, maria@example.com {extra}", conv=conv,
                   credit=[juan], at="2026-10-02T10:00:00")
        d.feedback(s, "c-1/f2", "smile", f"Juan and Annie were lovely, call me on +44 20 7946 0958 {extra}",
                   credit=[juan, ana], at="2026-10-12T10:00:00")
        d.feedback(s, "n-1", "smile", f"Thanks Juan for covering my shift {extra}", credit=[juan], kind="colleague",
                   source="notes", at="2026-10-20T10:00:00")
        d.feedback(s, "s-9", "smile", "Great service", credit=[ana], at="2026-09-20T10:00:00")
        d.feedback(s, "c-1/f3", "neutral", "ok", at="2026-10-21T10:00:00")
        bad = [d.feedback(s, "c-1/f4", "opportunity", "charged twice", conv=conv, at="2026-10-05T10:00:00"),
               d.feedback(s, "c-1/f5", "mixed", "5 stars but charged twice", conv=conv, at="2026-10-06T10:00:00"),
               d.feedback(s, "s-8", "opportunity", "slow", at="2026-09-06T10:00:00")]
        ids = [cases.open_case(s, fb, settings, now=d.when("2026-10-07T00:00:00")).id for fb in bad]
        cases.close(s, ids[0], "kept", root_cause="Double charge on retry", change="Payment retry made idempotent",
                    force=True)
        cases.close(s, ids[1], "lost", root_cause=f"double charge on retry {extra}", change=f"Refund alert {extra}",
                    force=True)
        s.add(Drawing(period="2026-10", seed="s", params={}, entries=[],
                      winners=[{"agent": "Ana Gomez", "prize": f"Lunch {extra}"}, "Juan Perez"]))
        s.add(Drawing(period="2026-09", seed="s", params={}, entries=[], winners=["Nobody From September"]))


def test_totals_and_trend_against_previous_period(store):
    """Runs on SQLite and PostgreSQL."""
    _world(store)
    report = build_smile_report(store, "2026-10")
    got = {m.name: (m.current, m.previous) for m in report.metrics}
    assert got == {"Smiles": (3, 1), "Feedback received": (6, 2), "Opportunities": (2, 1),
                   "Recovery cases opened": (2, 1), "Recovery cases closed": (2, 0), "Customers kept": (0.5, None)}
    assert report.metric("Opportunities").tone == "bad" and report.metric("Smiles").tone == "good"
    assert report.trend["labels"][-2:] == ["Sep 26", "Oct 26"] and len(report.trend["labels"]) == 6
    assert report.trend["smiles"][-2:] == [1, 3] and report.trend["opportunities"][-2:] == [1, 2]


def test_smiles_per_agent_and_team_winners_and_lessons(sqlite_store):
    _world(sqlite_store)
    report = build_smile_report(sqlite_store, "2026-10")
    assert [(a.name, a.team, a.smiles) for a in report.agents] == [("Juan Perez", "Blue", 3), ("Ana Gomez", "Red", 1)]
    assert [(t.team, t.agents, t.smiles) for t in report.teams] == [("Blue", 1, 3), ("Red", 1, 1)]
    assert [(w.name, w.detail) for w in report.winners] == [("Ana Gomez", "Lunch "), ("Juan Perez", None)]
    assert [(lesson.cause, lesson.count) for lesson in report.lessons] == [("Double charge on retry", 2)]
    assert [(a.outcome, a.change) for a in report.actions] == [("kept", "Payment retry made idempotent"),
                                                              ("lost", "Refund alert")]
    assert report.open_cases == 0 and report.charts["agents"].startswith("data:image/svg+xml;base64,")


def test_quotes_are_redacted_but_keep_agent_names(sqlite_store):
    _world(sqlite_store)
    report = build_smile_report(sqlite_store, "2026-10")
    texts = [q.text for q in report.quotes]
    assert texts == ["Juan fixed it! [name], [email]", "Juan and Annie were lovely, call me on [phone]",
                     "Thanks Juan for covering my shift"]
    assert [q.agents for q in report.quotes] == [["Juan Perez"], ["Juan Perez", "Ana Gomez"], ["Juan Perez"]]
    html = render_html(report)
    for secret in ("maria@example.com", "Maria Lopez", "7946 0958"):
        assert secret not in html


@pytest.mark.parametrize(
    "text, names, keep, expected",
    [
        ("write to jo.b+x@mail.example.org now", [], [], "write to [email] now"),
        ("card 4111 1111 1111 1111 ok", [], [], "card [card] ok"),
        ("card 4111-1111-1111-1112 is not a valid card", [], [], "card 4111-1111-1111-1112 is not a valid card"),
        ("ring (555) 123-4567 or +1 555 987 6543.", [], [], "ring [phone] or [phone]."),
        ("order 4411 placed 2026-10-03", [], [], "order 4411 placed 2026-10-03"),
        ("MARIA said Lopez's agent Juan was great", ["Maria Lopez"], ["Juan"], "[name] said [name]'s agent Juan was great"),
        ("Juan Lopez thanks Juan", ["Juan Lopez"], ["Juan Perez", "Juan"], "[name] thanks Juan"),
        ("Mariana is not Maria", ["Maria"], [], "Mariana is not [name]"),
    ],
)
def test_redact(text, names, keep, expected):
    assert redact(text, names=names, keep=keep).text == expected


def test_hostile_comments_are_escaped_everywhere(sqlite_store):
    _world(sqlite_store, hostile=True)
    html = render_html(build_smile_report(sqlite_store, "2026-10"))
    assert "<script" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    # in the quotes, the lessons, the changes made and the draw prize
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6


def test_default_period_is_last_month_in_report_timezone(sqlite_store):
    now = d.when("2026-11-01T03:00:00")
    assert build_smile_report(sqlite_store, None, now=now).period == "2026-10"
    assert build_smile_report(sqlite_store, None, tz="America/New_York", now=now).period == "2026-09"
    assert Period.parse("2026-10", "Europe/Madrid").start == d.when("2026-09-30T22:00:00")


@pytest.mark.parametrize("text", ["2026-13", "Oct 2026", "2026-1"])
def test_bad_period_is_a_usage_error(text):
    with pytest.raises(UsageError) as exc:
        Period.parse(text)
    assert str(exc.value) == f"--period {text!r} is not a month; write YYYY-MM, e.g. 2026-10"


def test_empty_period_renders_with_placeholders(sqlite_store):
    html = render_html(build_smile_report(sqlite_store, "2026-10"))
    assert "No smiles with a comment this period." in html
    assert "No draw was held for October 2026." in html


def test_cli_recovery_list_and_report(sqlite_store, capfd, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    _world(sqlite_store)
    listed = run_cli(capfd, "recovery", "list", "--status", "all", "--json", "--database", sqlite_store.url)
    assert listed.code == 0, listed.err
    assert [set(r) for r in listed.json_lines] == [
        {"case_id", "feedback_id", "customer", "owner", "status", "step", "due_at"}] * 3
    assert [(r["feedback_id"], r["status"], r["customer"]) for r in listed.json_lines] == [
        ("c-1/f4", "closed", "Maria Lopez"), ("c-1/f5", "closed", "Maria Lopez"), ("s-8", "open", None)]
    out = tmp_path / "out"
    made = run_cli(capfd, "report", "smile", "--period", "2026-10", "--out", str(out), "--database", sqlite_store.url)
    assert made.code == 0, made.err
    assert made.out.splitlines() == [str(out / "smile-report-2026-10.html"), str(out / "smile-report-2026-10.pdf")]
    assert (out / "smile-report-2026-10.pdf").read_bytes().startswith(b"%PDF")
