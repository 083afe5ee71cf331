"""Creating a book."""

from __future__ import annotations

from attrs import frozen

from .._app import App

__all__ = ["BookStatus", "init_book"]


@frozen
class BookStatus:
    """Where a book is and which schema it has."""

    location: str
    schema_version: int


def init_book(app: App) -> BookStatus:
    """Create the book if it is missing and bring its schema up to date (the administrator's)."""
    from .scope import ensure_administrator

    ensure_administrator(app, "create a book or bring its schema up to date")
    store = app.create_book()
    return BookStatus(store.location, store.schema_version())
