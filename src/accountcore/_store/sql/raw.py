"""A book's tables as rows, for copying a book whole between stores.

Rows go as the database holds them (text, integers, NULL), so a copy keeps
every value, the audit trail's hashes included, exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .base import SqlBase

__all__ = ["RawTables"]

# Tables in an order that puts every referenced row first; tables a later
# migration adds follow, by name. ``meta`` belongs to each store.
ORDER = (
    "config",
    "sequences",
    "managers",
    "logins",
    "customers",
    "agreements",
    "visits",
    "care_actions",
    "complaints",
    "delegations",
    "tasks",
    "audit_events",
)
LOAD_CHUNK = 1000


def _supervisors_first(rows: list[Any], columns: Sequence[str]) -> list[Any]:
    """Managers with each supervisor before his reports (the table refers to itself)."""
    at_id, at_boss = columns.index("id"), columns.index("supervisor")
    placed: set[Any] = set()
    ordered: list[Any] = []
    todo = sorted(rows, key=lambda row: row[at_id])
    while todo:
        ready = [row for row in todo if row[at_boss] is None or row[at_boss] in placed]
        if not ready:  # a loop the book should not hold: keep the rest as they are
            ready = todo
        ordered += ready
        placed.update(row[at_id] for row in ready)
        todo = [row for row in todo if row[at_id] not in placed]
    return ordered


class RawTables(SqlBase):
    """Every table of the book, read and written as plain rows."""

    def _table_names(self) -> set[str]:
        """The book's tables (the adapter asks its catalogue)."""
        raise NotImplementedError

    def _columns_of(self, table: str) -> list[str]:
        """A table's columns, in their order (the adapter asks its catalogue)."""
        raise NotImplementedError

    def book_tables(self) -> list[str]:
        """The tables a copy carries, referenced ones first (``meta`` is the store's own)."""
        names = self._table_names() - {"meta"}
        known = [name for name in ORDER if name in names]
        return known + sorted(names - set(ORDER))

    def table_columns(self, table: str) -> list[str]:
        """The columns of one of :meth:`book_tables`."""
        return self._columns_of(table)

    def count_rows(self, table: str) -> int:
        """How many rows the table holds."""
        return int(self._execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def iter_rows(self, table: str, columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """The table's rows (those columns), streamed; managers with supervisors first."""
        names = ", ".join(f'"{column}"' for column in columns)
        key = "seq" if "seq" in columns else f'"{columns[0]}"'
        sql = f"SELECT {names} FROM {table} ORDER BY {key}"
        rows = (tuple(row) for row in self._stream(sql, wide=table == "audit_events"))
        if table == "managers":
            return iter(_supervisors_first(list(rows), columns))
        return rows

    def load_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert the rows into the table (in the caller's transaction); returns how many."""
        names = ", ".join(f'"{column}"' for column in columns)
        sql = f"INSERT INTO {table} ({names}) VALUES ({self._marks(columns)})"
        count, rows = 0, iter(rows)
        while chunk := list(itertools.islice(rows, LOAD_CHUNK)):
            self._execute_many(sql, chunk)
            count += len(chunk)
        return count
