"""`accountcore audit log | verify`."""

from __future__ import annotations

import click

from .options import format_option, get_app
from .render import render_values

COLUMNS = ("seq", "at", "actor", "on_behalf_of", "action", "entity_id", "reason")


@click.group()
def audit() -> None:
    """The audit trail: every change and every reveal."""


@audit.command("log")
@click.option("--entity", metavar="ID", help="Only the events of this record (c-7, d-2, m1...).")
@format_option
def log(entity: str | None, fmt: str) -> None:
    """List audit events, oldest first."""
    from .._services.audit import audit_log

    app = get_app()
    events = audit_log(app, entity_id=entity)
    render_values(app.converter, events, fmt, COLUMNS)


@audit.command("verify")
def verify() -> None:
    """Check the hash chain; exit 1 naming the first event that was altered."""
    from .._services.audit import verify as walk

    result = walk(get_app())
    event = result.altered
    if event is None:
        click.echo(f"audit trail intact: {result.events} events")
        return
    click.echo(
        f"audit trail altered at event {event.seq} ({event.action} {event.entity_id}):"
        f" {result.problem}",
        err=True,
    )
    raise SystemExit(1)
