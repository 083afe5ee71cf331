"""`accountcore demo`: a sample book of the three industries, and a manager's agenda."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .agenda import echo_agenda
from .managers import COLUMNS as MANAGER_COLUMNS
from .options import get_app
from .render import render_list, render_values

AGENDA_MANAGER = "m1"
AGENDA_SUPERVISOR = "s1"


@click.command()
@click.option(
    "--report",
    "report_page",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the report page of the sample book's last three months to this file.",
)
def demo(report_page: Path | None) -> None:
    """Build a sample book with the three industries, and show a manager's agenda."""
    from .._demo import build_demo
    from .._services.agenda import agenda_of
    from .._services.privacy import mask_customer, personal_fields
    from .._services.products import list_products

    app = get_app()
    managers, customers = build_demo(app)
    conv = app.converter
    click.echo(f"Sample book at {app.store.location}, as of {app.today}\n")
    click.echo("Managers")
    render_values(conv, managers, "table", MANAGER_COLUMNS)
    click.echo("\nCustomers (personal data masked)")
    columns = ("id", "name", "tier", "manager", "phone", "birthday", "industries")
    personal = personal_fields(app.hooks.profiles)
    records = [
        {
            **conv.unstructure(mask_customer(c, personal)),
            "industries": ", ".join(sorted(c.profiles)),
        }
        for c in customers
    ]
    render_list(records, "table", columns)
    click.echo("\nProducts by industry")
    industries: dict[str, int] = {}
    for product in list_products(app):
        industries[product.industry] = industries.get(product.industry, 0) + 1
    for industry, count in sorted(industries.items()):
        click.echo(f"  {industry:<12} {count} products")

    for manager, team in ((AGENDA_MANAGER, False), (AGENDA_SUPERVISOR, True)):
        manager_app = app.evolve(actor=manager)
        click.echo("")
        echo_agenda(manager_app, agenda_of(manager_app, team=team), "table")
        manager_app.close()
    click.echo("")
    _echo_report(app)
    if report_page is not None:
        _write_report(app, report_page)
    click.echo(
        "\nTry: accountcore --book BOOK --as m1 care due, visit overdue, retention risks,"
        " complaint list --open"
    )


def _echo_report(app: Any) -> None:
    from .._services.report import build_report
    from .report import echo_tables

    echo_tables(app.converter.unstructure(build_report(app, start=f"{app.today:%Y-%m}")))


def _write_report(app: Any, path: Path) -> None:
    from .._services.report import build_report
    from ..dates import months_after
    from .report import write_page

    start = f"{months_after(app.today.replace(day=1), -2):%Y-%m}"
    write_page(path, app.converter.unstructure(build_report(app, start=start)))
    click.echo(f"\nThe month report of the whole book, {start} to {app.today:%Y-%m}: {path}")
