"""`accountcore init`."""

from __future__ import annotations

import click

from .options import get_app


@click.command()
def init() -> None:
    """Create the book (or bring an existing one's schema up to date)."""
    from .._services.book import init_book

    status = init_book(get_app())
    click.echo(f"book ready at {status.location} (schema version {status.schema_version})")
