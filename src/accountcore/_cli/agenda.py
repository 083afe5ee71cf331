"""`accountcore agenda`: a manager's day in one list."""

from __future__ import annotations

from typing import Any

import click

from .._retention_values import AT_RISK
from .options import COUNT, SCORE, format_option, get_app
from .render import render_list

COLUMNS = ("when", "customer", "customer_name", "why", "todo")


def _when(item: dict[str, Any]) -> str:
    if item["urgency"] == "overdue":
        return f"overdue\n{item['due']}" if item["due"] else "overdue"
    if item["urgency"] == "today":
        return "today"
    return str(item["due"])


def _row(item: dict[str, Any], team: bool) -> dict[str, Any]:
    why = item["why"]
    if item["delegated_by"]:
        why = f"(for {item['delegated_by']}) {why}"
    elif team and item["owner"] and item["kind"] != "escalation":
        why = f"({item['owner']}'s) {why}"
    return {**item, "when": _when(item), "why": why}


def _title(responsibility: str) -> str:
    return responsibility.replace("-", " ").capitalize()


@click.command()
@click.option(
    "--days",
    type=COUNT,
    default=1,
    show_default=True,
    help="Days from today the agenda covers (7: the week ahead; a look ahead records nothing).",
)
@click.option(
    "--team", is_flag=True, help="A supervisor's view: his team's overdue and escalated work."
)
@click.option(
    "--min-score",
    type=SCORE,
    default=AT_RISK,
    show_default=True,
    help="Customers scoring this or more are at risk.",
)
@format_option
def agenda(days: int, team: bool, min_score: float, fmt: str) -> None:
    """Your day in one list, most urgent first, grouped by responsibility.

    Complaints to answer, blocking compliance findings, customers at risk,
    care actions due, visits overdue, missed and planned, agreements ending
    within 30 days, tasks and escalations: each naming the customer, why it is
    there and what to do. The order is documented in docs/agenda.md.
    """
    from .._services.agenda import agenda_of

    app = get_app()
    found = agenda_of(app, days=days, team=team, min_score=min_score)
    if found.looked_ahead:
        click.echo(
            f"looking ahead to {found.until}: nothing was recorded (the care actions of days"
            " to come are worked out, not made)",
            err=True,
        )
    echo_agenda(app, found, fmt)


def echo_agenda(app: Any, found: Any, fmt: str) -> None:
    """Echo an agenda: a table per responsibility, or every item as JSON or CSV."""
    records = [app.converter.unstructure(item) for item in found.items]
    if fmt != "table":
        render_list(records, fmt, COLUMNS)
        return
    span = str(found.day) if found.until == found.day else f"{found.day} to {found.until}"
    whose = "team of " if found.team else ""
    click.echo(f"Agenda of {whose}{found.manager.name} ({found.manager.id}) for {span}")
    if not records:
        click.echo("\nnothing to do")
        return
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(record["responsibility"], []).append(_row(record, found.team))
    for responsibility, rows in groups.items():
        click.echo(f"\n{_title(responsibility)} ({len(rows)})")
        render_list(rows, "table", COLUMNS)
