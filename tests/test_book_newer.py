"""A book newer than this accountcore is refused, on both stores, and nothing is written."""

from __future__ import annotations

import sqlite3

import pytest

from accountcore._errors import BookError
from accountcore._store import is_postgres_url, open_store


def _raw(location: str):
    if is_postgres_url(location):
        import psycopg

        return psycopg.connect(location, autocommit=True)
    return sqlite3.connect(location, isolation_level=None)


def _state(location: str) -> tuple[list, bool]:
    """The book's meta rows, and whether it has the table of migration 0011."""
    db = _raw(location)
    try:
        meta = sorted(db.execute("SELECT key, value FROM meta").fetchall())
        if is_postgres_url(location):
            found = db.execute("SELECT to_regclass('logins')").fetchone()[0] is not None
        else:
            found = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'logins'").fetchone()
        return meta, bool(found)
    finally:
        db.close()


def test_a_book_with_a_migration_this_code_does_not_know_is_refused_untouched(location, converter):
    open_store(location, converter, create=True).close()
    db = _raw(location)
    # A later accountcore applied its migration 9999 to a book that still lacks 0011.
    db.execute("DROP TABLE logins")
    db.execute("DELETE FROM meta WHERE key = 'migration.0011'")
    db.execute("INSERT INTO meta (key, value) VALUES ('migration.9999', 'applied')")
    db.close()
    before = _state(location)
    for create in (False, True):
        with pytest.raises(BookError, match=r"newer than this accountcore \(migrations 9999;"):
            open_store(location, converter, create=create)
    assert _state(location) == before
    assert before[1] is False  # 0011 was not applied on the way
