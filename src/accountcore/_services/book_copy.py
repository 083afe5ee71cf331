"""Copying a book whole between stores (SQLite <-> PostgreSQL), verified after.

Every table goes row for row, the audit trail included (its hashes are of
the values, which a copy keeps exactly); the copy is one transaction on the
target, then checked: the same rows in every table (counts and a digest of
each table's rows, in any order), and the target's audit trail verifying
with as many events as the source's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import frozen

from .._app import App
from .._errors import BookError, Refused
from . import audit

__all__ = ["CopyReport", "copy_book"]


@frozen
class CopyReport:
    """What a copy carried: rows per table, and the audit events that verified."""

    source: str
    target: str
    rows: Mapping[str, int]
    events: int

    @property
    def total(self) -> int:
        """Every row copied."""
        return sum(self.rows.values())


class _Digest:
    """An order-free digest of rows: the sum of their hashes, so both sides may stream."""

    def __init__(self) -> None:
        self.value = 0

    def add(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        data = repr(tuple(row)).encode("utf-8")
        self.value = (self.value + int.from_bytes(hashlib.sha256(data).digest())) % (1 << 256)
        return row


def _digest(rows: Iterable[tuple[Any, ...]]) -> int:
    digest = _Digest()
    for row in rows:
        digest.add(row)
    return digest.value


def _ensure_whole(app: App, role: str) -> None:
    """Refuse a copy by a manager: the server would show him only his scope."""
    login = app.store.login()
    if app.actor is not None or (login is not None and not login.administrator):
        raise Refused(
            f"book copy reads and writes every row: connect to the {role} book as its"
            f" administrator ({app.store.location} is opened as manager {app.actor})",
            rule="core.admin-only",
        )


def _ensure_empty(target: App) -> None:
    for table in target.store.book_tables():
        if target.store.count_rows(table):
            raise Refused(
                f"the target book {target.store.location} already holds {table}: copy into"
                " a new book (an empty database, or a path with no file yet)",
                rule="core.copy-into-empty",
            )


def copy_book(source: App, target: App) -> CopyReport:
    """Copy the book of ``source`` into the new (or empty) book of ``target``, then verify.

    Both are opened as their administrator; nothing is written to the target
    when any of it fails (the copy is one transaction).
    """
    _ensure_whole(source, "source")
    store = target.create_book()
    _ensure_whole(target, "target")
    if source.store.location == store.location:
        raise Refused("--from and --to name the same book", rule="core.copy-into-empty")
    _ensure_empty(target)
    tables = source.store.book_tables()
    missing = sorted(set(tables) - set(store.book_tables()))
    if missing or source.store.schema_version() != store.schema_version():
        raise BookError(
            f"the books' schemas differ ({', '.join(missing) or 'schema version'}):"
            " open the source with this accountcore first (`accountcore --book SOURCE init`)"
        )
    rows, digests = {}, {}
    with store.transaction():
        for table in tables:
            columns = source.store.table_columns(table)
            digest = _Digest()
            stream = (digest.add(row) for row in source.store.iter_rows(table, columns))
            rows[table] = store.load_rows(table, columns, stream)
            digests[table] = (columns, digest.value)
    _verify(target, rows, digests)
    return CopyReport(source.store.location, store.location, rows, _verified_events(source, target))


def _verify(target: App, rows: Mapping[str, int], digests: Mapping[str, Any]) -> None:
    """The target holds the very rows copied: as many, and the same, in every table."""
    for table, (columns, digest) in digests.items():
        count = target.store.count_rows(table)
        if count != rows[table] or _digest(target.store.iter_rows(table, columns)) != digest:
            raise BookError(
                f"the copy's {table} differs from the source's ({count} rows against"
                f" {rows[table]}): the target {target.store.location} is not a faithful copy"
            )


def _verified_events(source: App, target: App) -> int:
    """The target's audit trail verifies, with every event of the source's."""
    result = audit.verify(target)
    expected = sum(1 for _ in source.store.iter_events())
    if not result.intact or result.events != expected:
        raise BookError(
            f"the copy's audit trail does not verify ({result.events} events of {expected}):"
            f" the target {target.store.location} is not a faithful copy"
        )
    return result.events
