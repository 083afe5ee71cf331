"""`accountcore init` and `accountcore book copy`."""

from __future__ import annotations

import time

import click

from .options import get_app


@click.command()
def init() -> None:
    """Create the book (or bring an existing one's schema up to date)."""
    from .._services.book import init_book

    status = init_book(get_app())
    click.echo(f"book ready at {status.location} (schema version {status.schema_version})")


@click.group()
def book() -> None:
    """The book itself: copy it whole between SQLite and PostgreSQL."""


@book.command("copy")
@click.option("--from", "source", required=True, metavar="PATH|URL", help="The book to copy.")
@click.option(
    "--to", "target", required=True, metavar="PATH|URL", help="A new or empty book to fill."
)
def copy(source: str, target: str) -> None:
    """Copy a book whole (the audit trail included) into a new one, and verify the copy.

    Either side may be an SQLite file or a postgresql:// URL; both are opened
    as their administrator. The copy is checked after: the same rows in every
    table, and the copied audit trail verifying.
    """
    from .._services.book_copy import copy_book

    app = get_app()
    started = time.perf_counter()
    source_app, target_app = app.evolve(book=source), app.evolve(book=target)
    try:
        report = copy_book(source_app, target_app)
    finally:
        source_app.close()
        target_app.close()
    seconds = max(time.perf_counter() - started, 1e-9)
    for table, count in report.rows.items():
        click.echo(f"{table:14} {count:>9} rows")
    click.echo(
        f"copied {report.total} rows from {report.source} to {report.target}"
        f" in {seconds:.1f}s ({report.total / seconds:,.0f} rows/s); verified: every table's"
        f" rows equal, audit trail intact ({report.events} events)"
    )
