"""Where a book is kept: the store port and its adapters."""

from __future__ import annotations

import cattrs

from .base import CareFilter, ComplaintFilter, CustomerFilter, DutyScope, Store

__all__ = [
    "CareFilter",
    "ComplaintFilter",
    "CustomerFilter",
    "DutyScope",
    "Store",
    "is_postgres_url",
    "open_store",
]


def is_postgres_url(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL database rather than a file."""
    return location.startswith(("postgresql://", "postgres://"))


def open_store(location: str, converter: cattrs.Converter, *, create: bool = False) -> Store:
    """Open the book at ``location`` (a file path or a PostgreSQL URL), migrating it if needed."""
    if is_postgres_url(location):
        from .postgres import open_postgres

        return open_postgres(location, converter, create=create)
    from .sqlite import open_sqlite

    return open_sqlite(location, converter, create=create)
