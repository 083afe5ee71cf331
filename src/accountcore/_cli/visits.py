"""`accountcore visit plan | log | cancel | move | list | show | overdue | stats`."""

from __future__ import annotations

import datetime as dt
import itertools

import click

from .._enums import VisitChannel, VisitPurpose, VisitStatus
from .names import render_named
from .options import COUNT, DATE, format_option, get_app
from .render import render_value, render_values
from .transfer import export_command, import_command

COLUMNS = (
    "id",
    "on",
    "customer",
    "customer_name",
    "manager",
    "status",
    "purpose",
    "outcome",
)
OVERDUE_COLUMNS = (
    "customer",
    "name",
    "manager",
    "tier",
    "last_visit",
    "due",
    "days_overdue",
    "policy",
)
STATS_COLUMNS = (
    "manager",
    "name",
    "made",
    "planned",
    "missed",
    "capacity",
    "target",
    "development_share",
    "followed_by_agreement",
    "expected",
    "pace",
    "behind",
)

_purpose = click.option(
    "--purpose",
    required=True,
    type=click.Choice([p.value for p in VisitPurpose]),
    help="Why: develop a new customer, return visit, complaint, care or sales.",
)
_channel = click.option(
    "--channel",
    required=True,
    type=click.Choice([c.value for c in VisitChannel]),
    help="How: on site, by phone, by video or by letter.",
)


@click.group()
def visit() -> None:
    """Plan and log visits; see who is overdue and each manager's month."""


@visit.command("plan")
@click.argument("customer_id", metavar="CUSTOMER")
@click.option("--on", "on", type=DATE, required=True, help="The day of the visit (today or later).")
@_purpose
@_channel
@click.option("--agenda", help="What the visit is for.")
def plan(customer_id: str, on: dt.date, purpose: str, channel: str, agenda: str | None) -> None:
    """Plan a visit to CUSTOMER; its id (v-N) is printed."""
    from .._services.visits import plan_visit

    made = plan_visit(
        get_app(), customer_id, on=on, purpose=purpose, channel=channel, agenda=agenda
    )
    click.echo(f"planned visit {made.id} to {made.customer} on {made.on}")


@visit.command("log")
@click.argument("customer_id", metavar="CUSTOMER")
@click.option("--on", "on", type=DATE, help="The day of the visit [default: today].")
@_purpose
@_channel
@click.option("--outcome", help="What came of it.")
@click.option("--next-step", help="What is to be done next (needs --next-on).")
@click.option("--next-on", type=DATE, help="When: the next step becomes a planned visit.")
def log(
    customer_id: str,
    on: dt.date | None,
    purpose: str,
    channel: str,
    outcome: str | None,
    next_step: str | None,
    next_on: dt.date | None,
) -> None:
    """Log a visit made to CUSTOMER; a planned visit that day is fulfilled."""
    from .._services.visits import log_visit

    logged = log_visit(
        get_app(),
        customer_id,
        on=on,
        purpose=purpose,
        channel=channel,
        outcome=outcome,
        next_step=next_step,
        next_on=next_on,
    )
    done = logged.visit
    fulfilled = " (the visit planned that day)" if logged.fulfilled else ""
    click.echo(f"logged visit {done.id} to {done.customer} on {done.on}{fulfilled}")
    if logged.next_visit is not None:
        again = "already planned" if logged.next_was_planned else "planned"
        click.echo(f"next step: visit {logged.next_visit.id} {again} on {logged.next_visit.on}")


@visit.command("cancel")
@click.argument("visit_id", metavar="ID")
@click.option("--reason", required=True, help="Why the visit is cancelled.")
def cancel(visit_id: str, reason: str) -> None:
    """Cancel a planned (or missed) visit; it stays in the book as cancelled."""
    from .._services.visit_plans import cancel_visit

    cancelled = cancel_visit(get_app(), visit_id, reason=reason)
    click.echo(f"cancelled visit {cancelled.id} to {cancelled.customer} on {cancelled.on}")


@visit.command("move")
@click.argument("visit_id", metavar="ID")
@click.option("--to", "to", type=DATE, required=True, help="The new day (today or later).")
@click.option("--reason", help="Why the visit is moved.")
def move(visit_id: str, to: dt.date, reason: str | None) -> None:
    """Move a planned (or missed) visit to another day."""
    from .._services.visit_plans import move_visit

    moved = move_visit(get_app(), visit_id, to=to, reason=reason)
    click.echo(f"visit {moved.id} to {moved.customer} now on {moved.on}")


@visit.command("list")
@click.option("--manager", metavar="ID", help="Only the visits this manager made or plans.")
@click.option("--month", metavar="YYYY-MM", help="Only this month's visits.")
@click.option("--customer", metavar="ID", help="Only this customer's visits.")
@click.option("--status", type=click.Choice([s.value for s in VisitStatus]))
@format_option
def list_(fmt: str, **filters: str | None) -> None:
    """List visits, by date; a planned visit whose day has passed shows as missed."""
    from .._services.visits import iter_visits

    app = get_app()
    render_named(app, iter_visits(app, **filters), fmt, COLUMNS)


@visit.command("show")
@click.argument("visit_id", metavar="ID")
@format_option
def show(visit_id: str, fmt: str) -> None:
    """Show one visit."""
    from .._services.visits import get_visit

    app = get_app()
    render_value(app.converter, get_visit(app, visit_id), fmt)


@visit.command("overdue")
@click.option("--manager", metavar="ID", help="Only this manager's customers.")
@click.option("--limit", type=COUNT, help="Only the N most overdue.")
@format_option
def overdue(manager: str | None, limit: int | None, fmt: str) -> None:
    """Customers overdue for a return visit, most overdue first."""
    from .._services.visits import overdue_visits

    app = get_app()
    found = itertools.islice(overdue_visits(app, manager=manager), limit)
    render_values(app.converter, found, fmt, OVERDUE_COLUMNS)


@visit.command("stats")
@click.option("--month", metavar="YYYY-MM", help="The month [default: this month].")
@format_option
def stats(month: str | None, fmt: str) -> None:
    """Per manager: visits made, planned and missed against capacity and target, and quality."""
    from .._services.visit_stats import visit_stats

    app = get_app()
    found = visit_stats(app, month=month)
    render_values(app.converter, found, fmt, STATS_COLUMNS)
    if fmt != "json":  # JSON rows carry the warning themselves
        for row in found:
            if row.warning is not None:
                click.echo(f"warning: {row.warning}", err=True)


_IMPORT_HELP = (
    "Import past (and planned) visits from FILE; customers by id or external id.\n\n"
    "Imported done visits count for overdue return visits and monthly "
    "stats."
)
visit.add_command(import_command("visit", help_text=_IMPORT_HELP))
visit.add_command(export_command("visit"))
