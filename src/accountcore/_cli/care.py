"""`accountcore care run | due | list | done | skip`."""

from __future__ import annotations

from typing import Any

import click

from .._model import CareStatus, Channel
from .._retention_values import AT_RISK
from .names import render_named
from .options import SCORE, format_option, get_app

COLUMNS = ("id", "due", "customer", "customer_name", "rule", "message")
LIST_COLUMNS = ("id", "due", "status", "rule", "customer", "customer_name", "closed_on", "note")

_manager_option = click.option(
    "--manager", metavar="ID", help="Only this manager's customers (within your scope)."
)


@click.group()
def care() -> None:
    """Care actions: birthdays, reminders, invitations, notices, by rule and consent."""


@care.command("run")
@_manager_option
@click.option(
    "--min-score",
    type=SCORE,
    default=AT_RISK,
    show_default=True,
    help="Count as at risk the customers scoring this or more.",
)
def run(manager: str | None, min_score: float) -> None:
    """The daily batch: today's care actions, and the customers at risk of leaving.

    Actions due that their rule no longer finds are closed as lapsed, those
    past their period as expired. With --today beyond the real date nothing
    is recorded: the figures say what the batch would do.
    """
    from .._services.daily import run_daily

    app = get_app()
    done = run_daily(app, manager=manager, min_score=min_score)
    care = done.care
    _ahead(app, care.looked_ahead)
    rules = ", ".join(f"{rule} {count}" for rule, count in sorted(care.by_rule.items()))
    closed = "".join(f", {care.closed[s]} {s}" for s in ("lapsed", "expired") if care.closed[s])
    click.echo(
        f"care batch of {care.day}: {care.customers} customers,"
        f" {care.created} new actions{f' ({rules})' if rules else ''}{closed};"
        f" {done.at_risk} at risk (score {min_score} or more: `accountcore retention risks`)"
    )


def _ahead(app: Any, looked_ahead: bool) -> None:
    """Say on stderr that a look ahead recorded nothing."""
    if looked_ahead:
        click.echo(
            f"looking ahead to {app.today}: nothing recorded (the real date is {app.real_today})",
            err=True,
        )


@care.command("due")
@click.option("--customer", metavar="ID", help="Only this customer's actions.")
@click.option("--rule", metavar="RULE", help="Only this rule's actions (core.birthday...).")
@_manager_option
@format_option
def due(customer: str | None, rule: str | None, manager: str | None, fmt: str) -> None:
    """Run the batch for your customers, then list the actions due today or before.

    With --today beyond the real date nothing is recorded: the list is what
    the rules would find that day, with the stored actions they still find.
    """
    from .._services.care import due_actions

    app = get_app()
    run, actions = due_actions(app, customer=customer, rule=rule, manager=manager)
    _ahead(app, run.looked_ahead)
    render_named(app, actions, fmt, COLUMNS)


@care.command("list")
@click.option("--status", type=click.Choice([s.value for s in CareStatus]))
@click.option("--customer", metavar="ID", help="Only this customer's actions.")
@click.option("--rule", metavar="RULE", help="Only this rule's actions.")
@_manager_option
@format_option
def list_(
    status: str | None, customer: str | None, rule: str | None, manager: str | None, fmt: str
) -> None:
    """List care actions in your scope, whatever their status (without running the batch).

    Lapsed and expired actions were closed by the batch: the note says why.
    """
    from .._services.care import list_actions

    app = get_app()
    actions = list_actions(
        app,
        status=CareStatus(status) if status else None,
        customer=customer,
        rule=rule,
        manager=manager,
    )
    render_named(app, actions, fmt, LIST_COLUMNS)


@care.command("done")
@click.argument("action_id", metavar="ID")
@click.option("--note", help="What was said or done.")
@click.option(
    "--channel",
    type=click.Choice([c.value for c in Channel]),
    help="How it was done, when not through the planned channel.",
)
def done(action_id: str, note: str | None, channel: str | None) -> None:
    """Record a care action as done today."""
    from .._services.care import mark_done

    closed = mark_done(
        get_app(), action_id, note=note, channel=Channel(channel) if channel else None
    )
    click.echo(f"care action {closed.id} done ({closed.rule}, {closed.customer})")


@care.command("skip")
@click.argument("action_id", metavar="ID")
@click.option("--reason", required=True, help="Why it is not done.")
def skip(action_id: str, reason: str) -> None:
    """Record a care action as skipped today, with the reason."""
    from .._services.care import skip_action

    closed = skip_action(get_app(), action_id, reason=reason)
    click.echo(f"care action {closed.id} skipped ({closed.rule}, {closed.customer})")
