"""`accountcore product list`."""

from __future__ import annotations

import click

from .._services.products import list_products
from .options import format_option, get_app
from .render import render_values

COLUMNS = ("code", "name", "category", "risk_level", "term_months", "minimum_amount", "plugin")


@click.group()
def product() -> None:
    """The product catalogue of the loaded plugins."""


@product.command("list")
@click.option("--industry", help="Only this industry's products (telecom, wealth, ...).")
@format_option
def list_(industry: str | None, fmt: str) -> None:
    """List the products."""
    app = get_app()
    products = list_products(app, industry)
    render_values(app.converter, products, fmt, COLUMNS)
