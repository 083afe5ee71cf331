"""Where a book is kept: the store port and its adapters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import filters
from .base import CustomerFilter, DutyScope, Store, VisitCounts

if TYPE_CHECKING:
    from .record_filters import CareFilter, ComplaintFilter, TaskFilter, VisitFilter
    from .sql.base import Converting

__all__ = [
    "CareFilter",
    "ComplaintFilter",
    "CustomerFilter",
    "DutyScope",
    "Store",
    "TaskFilter",
    "VisitCounts",
    "VisitFilter",
    "is_postgres_url",
    "open_store",
    "peek_config",
]


def is_postgres_url(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL database rather than a file."""
    return location.startswith(("postgresql://", "postgres://"))


def open_store(location: str, converter: Converting, *, create: bool = False) -> Store:
    """Open the book at ``location`` (a file path or a PostgreSQL URL), migrating it if needed."""
    if is_postgres_url(location):
        from .postgres import open_postgres

        return open_postgres(location, converter, create=create)
    from .sqlite import open_sqlite

    return open_sqlite(location, converter, create=create)


def peek_config(location: str, key: str) -> Any:
    """One value of the book's config, read raw: no converter, no migration, no plugin.

    For what must be known before the plugins load (which ones the book
    disables). None when the book is missing, unreadable or lacks the key:
    opening it properly later reports why.
    """
    if is_postgres_url(location):
        from .postgres import peek_postgres_config

        return peek_postgres_config(location, key)
    from .sqlite import peek_sqlite_config

    return peek_sqlite_config(location, key)


def __getattr__(name: str) -> Any:
    # The filters of the listings other than customers, built on first use (see .filters).
    if name not in filters.ELSEWHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(filters, name)
