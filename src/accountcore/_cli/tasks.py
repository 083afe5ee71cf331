"""`accountcore task add | list | show | done | cancel`."""

from __future__ import annotations

import datetime as dt

import click

from .._enums import TaskStatus
from .options import DATE, format_option, get_app
from .render import render_value, render_values

COLUMNS = (
    "id",
    "due",
    "assignee",
    "customer_id",
    "customer_name",
    "created_by",
    "title",
)


@click.group()
def task() -> None:
    """Tasks: to-dos for oneself, one's team, or one's supervisor (an escalation)."""


@task.command("add")
@click.option("--title", required=True, help="What is to be done.")
@click.option("--due", type=DATE, help="The day it is due by (none: undated).")
@click.option("--customer", metavar="ID", help="The customer it is about.")
@click.option(
    "--for",
    "assignee",
    metavar="MANAGER",
    help="Whose task it is: yourself (the default), one of your team, or your supervisor.",
)
def add(title: str, due: dt.date | None, customer: str | None, assignee: str | None) -> None:
    """Add a task; its id (t-N) is printed."""
    from .._services.tasks import add_task

    added = add_task(get_app(), title, due=due, customer=customer, assignee=assignee)
    about = f" about {added.customer_id}" if added.customer_id else ""
    when = f"due {added.due}" if added.due else "undated"
    click.echo(f"added task {added.id} for {added.assignee}{about}, {when}")


@task.command("list")
@click.option(
    "--status",
    type=click.Choice([*(s.value for s in TaskStatus), "all"]),
    default=TaskStatus.OPEN.value,
    show_default=True,
    help="Which tasks, by status.",
)
@click.option("--for", "assignee", metavar="MANAGER", help="The tasks of this manager.")
@format_option
def list_(status: str, assignee: str | None, fmt: str) -> None:
    """List your tasks (given to you or by you), by due date, the undated last."""
    from .._services.tasks import list_tasks, task_records

    app = get_app()
    wanted = None if status == "all" else TaskStatus(status)
    records = task_records(app, list_tasks(app, status=wanted, assignee=assignee))
    render_values(app.converter, records, fmt, COLUMNS)


@task.command("show")
@click.argument("task_id", metavar="ID")
@format_option
def show(task_id: str, fmt: str) -> None:
    """Show one task."""
    from .._services.tasks import get_task, task_records

    app = get_app()
    [record] = task_records(app, [get_task(app, task_id)])
    render_value(app.converter, record, fmt)


@task.command("done")
@click.argument("task_id", metavar="ID")
@click.option("--note", help="What was done.")
def done(task_id: str, note: str | None) -> None:
    """Record a task as done today."""
    from .._services.tasks import done_task

    closed = done_task(get_app(), task_id, note=note)
    click.echo(f"task {closed.id} done ({closed.title})")


@task.command("cancel")
@click.argument("task_id", metavar="ID")
@click.option("--reason", required=True, help="Why it is not to be done.")
def cancel(task_id: str, reason: str) -> None:
    """Cancel a task today, with the reason."""
    from .._services.tasks import cancel_task

    closed = cancel_task(get_app(), task_id, reason=reason)
    click.echo(f"task {closed.id} cancelled ({closed.title})")
