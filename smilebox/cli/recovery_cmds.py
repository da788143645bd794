"""``smilebox recovery``: list, show, advance and close service-recovery cases; remind owners; root causes."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from smilebox.cli.common import ConfigOpt, DatabaseOpt, JsonOpt, PeriodOpt, open_store, settings_for
from smilebox.cli.output import info, stdout, write_json_lines

CaseArg = Annotated[str, typer.Argument(help="Case number (as listed) or the feedback's id (e.g. c-1001/f1).")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Who did it (default: $USER).", show_default=False)]
RootCauseOpt = Annotated[str | None, typer.Option("--root-cause", help="Why it happened (the Boost).", show_default=False)]
ChangeOpt = Annotated[str | None, typer.Option("--change", help="What changes so it won't happen again (the Boost).",
                                               show_default=False)]
ForceOpt = Annotated[bool, typer.Option("--force", help="Allow skipping playbook steps.")]


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Service recovery: every piece of bad feedback is a case followed to the end.",
                        no_args_is_help=True)
    group.command("list")(list_command)
    group.command("show")(show)
    group.command("advance")(advance)
    group.command("close")(close)
    group.command("remind")(remind)
    group.command("causes")(causes)
    app.add_typer(group, name="recovery")


def _actor(actor: str | None) -> str | None:
    import getpass

    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def list_command(
    status: Annotated[str, typer.Option("--status", help="open or all.")] = "open",
    owner: Annotated[str | None, typer.Option("--owner", help="Only this owner's cases.", show_default=False)] = None,
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List recovery cases, soonest due first.

    Example: smilebox recovery list --status all --owner "Dana Lee" --json
    """
    from smilebox.recovery.cases import list_cases

    rows = list_cases(open_store(settings_for(config, database_url=database)), status=status, owner=owner)
    if as_json:
        write_json_lines(rows)
        return
    table = Table("case", "feedback", "customer", "owner", "status", "step", "due")
    for r in rows:
        table.add_row(str(r["case_id"]), Text(r["feedback_id"]), Text(r["customer"] or ""), Text(r["owner"]),
                      r["status"], r["step"], r["due_at"])
    stdout.print(table)
    info(f"{len(rows)} case(s)")


def show(case: CaseArg, database: DatabaseOpt = None, config: ConfigOpt = None, as_json: JsonOpt = False) -> None:
    """Show one case: the feedback, owner, playbook steps recorded and remaining, outcome and Boost.

    Example: smilebox recovery show 7
    """
    from smilebox.recovery.cases import case_detail, get_case

    store = open_store(settings_for(config, database_url=database))
    with store.session() as session:
        detail = case_detail(session, get_case(session, case))
    if as_json:
        write_json_lines([detail])
        return
    _print_detail(detail)


def _print_detail(d: dict) -> None:
    fb = d["feedback"]
    stdout.print(f"case {d['case_id']} ({d['feedback_id']}) {d['status']}, owner {d['owner']}, "
                 f"playbook {d['playbook']}, step {d['step']}, due {d['due_at']}", markup=False)
    stdout.print(f"customer: {d['customer'] or 'unknown'}; rating {fb['rating'] or '-'} ({fb['scale'] or '-'}), "
                 f"{fb['classification'] or 'unclassified'}", markup=False)
    if fb["comment"]:
        stdout.print(f"comment: {fb['comment']}", markup=False)
    table = Table("step", "note", "actor", "at")
    for h in d["history"]:
        table.add_row(h["step"], Text(h["note"] or ""), Text(h["actor"] or ""), h["at"])
    stdout.print(table)
    if d["remaining_steps"]:
        stdout.print(f"remaining: {', '.join(d['remaining_steps'])}", markup=False)
    if d["outcome"] or d["root_cause"]:
        stdout.print(f"outcome: {d['outcome'] or '-'}; root cause: {d['root_cause'] or '-'}; "
                     f"change made: {d['change_made'] or '-'}", markup=False)


def advance(
    case: CaseArg,
    note: Annotated[str, typer.Option("--note", help="What you did in this step.")],
    step: Annotated[str | None, typer.Option("--step", help="Record this step (default: the case's next step).",
                                             show_default=False)] = None,
    actor: ActorOpt = None,
    root_cause: RootCauseOpt = None,
    change: ChangeOpt = None,
    force: ForceOpt = False,
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Record the case's next playbook step (or --step) with a note, and move to the step after it.

    Example: smilebox recovery advance 7 --note "Called Maria, apologised for the double charge" --actor "Dana Lee"
    """
    from smilebox.recovery import cases

    store = open_store(settings_for(config, database_url=database))
    with store.session() as session:
        row = cases.advance(session, case, note, actor=_actor(actor), step=step, force=force,
                            root_cause=root_cause, change=change)
        info(f"case {row.id}: step recorded; next: {row.step}")


def close(
    case: CaseArg,
    outcome: Annotated[str, typer.Option("--outcome", help="kept, lost or unknown: did the customer stay?")],
    root_cause: RootCauseOpt = None,
    change: ChangeOpt = None,
    note: Annotated[str | None, typer.Option("--note", help="A closing note.", show_default=False)] = None,
    actor: ActorOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Close even though playbook steps remain.")] = False,
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Close a case with its outcome and the Boost: the root cause and the change made.

    Example: smilebox recovery close 7 --outcome kept --root-cause "refund rule unclear" --change "macro rewritten"
    """
    from smilebox.recovery import cases

    store = open_store(settings_for(config, database_url=database))
    with store.session() as session:
        row = cases.close(session, case, outcome, root_cause=root_cause, change=change, note=note,
                          actor=_actor(actor), force=force)
        info(f"case {row.id}: closed, customer {row.outcome}")


def remind(
    now: Annotated[str | None, typer.Option("--now", help="Pretend it is this ISO 8601 time.", show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List only; send no email, record nothing.")] = False,
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List cases due within a day or overdue; with smtp_host set, email each owner one list of theirs.

    A case is not emailed again within 24 hours. Exit 1 when an email could not be sent.

    Example: smilebox recovery remind --dry-run
    """
    from smilebox.recovery.clock import parse_now
    from smilebox.recovery.reminders import remind as run_reminders

    settings = settings_for(config, database_url=database)
    run = run_reminders(open_store(settings), settings, now=parse_now(now), dry_run=dry_run)
    if as_json:
        write_json_lines([c.as_dict() for c in run.cases])
    else:
        table = Table("case", "owner", "customer", "step", "due", "", "reminder")
        for c in run.cases:
            table.add_row(str(c.case_id), Text(c.owner), Text(c.customer or ""), c.step, c.as_dict()["due_at"],
                          "OVERDUE" if c.overdue else "due", Text(c.reminder + (f": {c.detail}" if c.detail else "")))
        stdout.print(table)
        info(f"{len(run.cases)} due or overdue case(s); {run.emails_sent} email(s) sent")
    if run.failed:
        raise typer.Exit(1)


def causes(
    period: PeriodOpt = None,
    min_count: Annotated[int, typer.Option("--min-count", help="Only causes seen at least this often.")] = 1,
    database: DatabaseOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Recurring root causes of bad feedback, with counts per month and the changes made.

    Example: smilebox recovery causes --period 2026-10 --min-count 2
    """
    from smilebox.recovery.insights import root_causes
    from smilebox.reports.periods import Period

    settings = settings_for(config, database_url=database)
    span = Period.parse(period, settings.report_timezone) if period else None
    found = root_causes(open_store(settings), span.start if span else None, span.end if span else None, min_count)
    if as_json:
        write_json_lines([c.as_dict() for c in found])
        return
    table = Table("root cause", "cases", "by month", "changes made")
    for c in found:
        months = ", ".join(f"{m}: {n}" for m, n in sorted(c.periods.items()))
        table.add_row(Text(c.cause), str(c.count), months, Text("; ".join(c.changes)))
    stdout.print(table)
