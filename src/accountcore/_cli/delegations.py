"""`accountcore delegate`, `delegation list | end` and `responsibility list`."""

from __future__ import annotations

import datetime as dt

import click

from .options import DATE, format_option, get_app
from .render import render_values

COLUMNS = (
    "id",
    "from_manager",
    "to_manager",
    "start",
    "end",
    "responsibilities",
    "ended_on",
    "reason",
)


@click.command()
@click.argument("from_manager", metavar="FROM")
@click.argument("to_manager", metavar="TO")
@click.option("--start", type=DATE, required=True, help="First day the deputy holds the duties.")
@click.option("--end", type=DATE, required=True, help="Last day (included).")
@click.option("--reason", required=True, help="Why: annual leave, illness...")
@click.option(
    "--responsibility",
    "responsibilities",
    multiple=True,
    metavar="CODE",
    help="Hand over only this duty; repeatable (default: all of them).",
)
def delegate(
    from_manager: str,
    to_manager: str,
    start: dt.date,
    end: dt.date,
    reason: str,
    responsibilities: tuple[str, ...],
) -> None:
    """Hand FROM's duties to the deputy TO for a period."""
    from .._services.delegations import delegate as make

    made = make(
        get_app(),
        from_manager,
        to_manager,
        start=start,
        end=end,
        reason=reason,
        responsibilities=responsibilities,
    )
    duties = ", ".join(made.responsibilities) or "all duties"
    click.echo(
        f"delegated {made.from_manager}'s {duties} to {made.to_manager}"
        f" from {made.start} to {made.end} ({made.id})"
    )


@click.group()
def delegation() -> None:
    """Delegations to deputies."""


@delegation.command("list")
@click.option("--active", is_flag=True, help="Only those in force today.")
@click.option("--manager", metavar="ID", help="Only those from or to this manager.")
@format_option
def list_(active: bool, manager: str | None, fmt: str) -> None:
    """List delegations."""
    from .._services.delegations import list_delegations

    app = get_app()
    found = list_delegations(app, active=active, manager=manager)
    render_values(app.converter, found, fmt, COLUMNS)


@delegation.command("end")
@click.argument("delegation_id", metavar="ID")
@click.option("--reason", default="", help="Why it ends early.")
def end(delegation_id: str, reason: str) -> None:
    """End a delegation today (the manager is back)."""
    from .._services.delegations import end_delegation

    ended = end_delegation(get_app(), delegation_id, reason=reason)
    click.echo(f"ended {ended.id}: {ended.to_manager} no longer stands in for {ended.from_manager}")


@click.group()
def responsibility() -> None:
    """The duties of an account manager."""


@responsibility.command("list")
@format_option
def responsibility_list(fmt: str) -> None:
    """List the core's responsibilities and those the plugins add."""
    app = get_app()
    duties = app.hooks.responsibilities.values()
    render_values(app.converter, duties, fmt, ("code", "name", "plugin", "description"))
