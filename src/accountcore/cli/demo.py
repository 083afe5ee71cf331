"""`accountcore demo`."""

from __future__ import annotations

import click

from .customers import COLUMNS as CUSTOMER_COLUMNS
from .managers import COLUMNS as MANAGER_COLUMNS
from .options import get_app
from .render import render_list


@click.command()
def demo() -> None:
    """Build a sample book with the three industries, and show it."""
    from ..services.demo import build_demo
    from ..services.products import list_products

    app = get_app()
    managers, customers = build_demo(app)
    conv = app.converter
    click.echo(f"Sample book at {app.store.location}, as of {app.today}\n")
    click.echo("Managers")
    render_list((conv.unstructure(m) for m in managers), "table", MANAGER_COLUMNS)
    click.echo("\nCustomers")
    columns = (*CUSTOMER_COLUMNS, "profiles")
    records = [
        {**conv.unstructure(c), "profiles": ", ".join(sorted(c.profiles))} for c in customers
    ]
    render_list(records, "table", columns)
    click.echo("\nProducts by industry")
    industries: dict[str, int] = {}
    for product in list_products(app):
        industries[product.industry] = industries.get(product.industry, 0) + 1
    for industry, count in sorted(industries.items()):
        click.echo(f"  {industry:<12} {count} products")
