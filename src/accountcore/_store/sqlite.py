"""The SQLite adapter: one file, WAL, foreign keys, a busy timeout for concurrent writers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import BadInput, BookError
from .sql import SqlStore

if TYPE_CHECKING:
    from .sql.base import Converting

__all__ = ["SQLiteStore", "open_sqlite", "peek_sqlite_config"]

BUSY_TIMEOUT_SECONDS = 30.0


class SQLiteStore(SqlStore):
    """A book in one SQLite file."""

    dialect = "sqlite"

    def _begin(self) -> None:
        # IMMEDIATE takes the write lock at once: two writers queue on the busy
        # timeout instead of failing when a read lock would need upgrading.
        self._db.execute("BEGIN IMMEDIATE")

    def _has_table(self, name: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def login(self) -> None:
        """No server says who is connected: ``--as`` does."""
        return None

    def grant_login(self, role: str, manager: str) -> bool:
        """Refused: an SQLite file has no roles."""
        raise BadInput(
            f"--login {role}: {self.location} is an SQLite file, which has no roles"
            " (--as says who acts there); --login is for a postgresql:// book"
        )

    def _table_names(self) -> set[str]:
        rows = self._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return {row[0] for row in rows}

    def _columns_of(self, table: str) -> list[str]:
        return [row[1] for row in self._db.execute(f"PRAGMA table_info({table})")]

    def _day(self, expression: str) -> str:
        # julianday() of a date is its Julian day at noon; 1721424.5 makes it date.toordinal().
        return f"CAST(julianday({expression}) - 1721424.5 AS INTEGER)"

    def _has_profile(self, profile: str) -> tuple[str, list[Any]]:
        # The hint first: cheap, and it lets json_type() see only the likely rows.
        hint, params = self._profile_hint(profile)
        return f"({hint} AND json_type(profiles, ?) IS NOT NULL)", [*params, _json_path(profile)]

    def _profile_at_least(self, profile: str, name: str, minimum: Any) -> tuple[str, list[Any]]:
        # Money is a decimal string; compared as REAL, with a margin for rounding, so
        # no customer at the threshold is lost (the rule decides on the exact value).
        bound = float(minimum)
        bound -= abs(bound) * 1e-9 + 1e-9
        return "CAST(json_extract(profiles, ?) AS REAL) >= ?", [_json_path(profile, name), bound]

    def _profile_list_has(self, profile: str, name: str, item: str) -> tuple[str, list[Any]]:
        sql = "EXISTS (SELECT 1 FROM json_each(customers.profiles, ?) WHERE json_each.value = ?)"
        return sql, [_json_path(profile, name), item]

    def _json_text(self, expression: str, key: str) -> str:
        return f"json_extract({expression}, '$.{key}')"

    def _json_elements(self, expression: str) -> str:
        return f"json_each({expression}) AS f"

    def _profile_text(self, profile: str, name: str) -> tuple[str, list[Any]]:
        return "json_extract(profiles, ?)", [_json_path(profile, name)]

    def _profile_number(self, profile: str, name: str) -> tuple[str, list[Any]]:
        return "CAST(json_extract(profiles, ?) AS REAL)", [_json_path(profile, name)]


def _json_path(*keys: str) -> str:
    return "$" + "".join(f'."{key}"' for key in keys)


def open_sqlite(path: str | Path, converter: Converting, *, create: bool) -> SQLiteStore:
    """Open the book at ``path``; with ``create``, make it (and its folder) if missing.

    Raises :class:`BookError` when the path is a folder, holds no book, or is
    not an accountcore book.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise BookError(f"book path {path} is a directory: give a file, such as {path}/book.db")
    if not path.exists():
        if not create:
            raise BookError(f"no book at {path}: create it with `accountcore --book {path} init`")
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
        connection.execute("PRAGMA foreign_keys = ON")
        store = SQLiteStore(connection, str(path), converter)
        is_empty = store.schema_version() == 0 and not _has_any_table(connection)
        if not store.is_book() and not (create and is_empty):
            connection.close()
            raise BookError(
                f"{path} is an SQLite database but not an accountcore book:"
                " give another path, or create a book with `accountcore --book PATH init`"
            )
        if create and is_empty:
            connection.execute("PRAGMA journal_mode = WAL")
        store.migrate()
    except sqlite3.DatabaseError as exc:
        raise BookError(
            f"{path} is not an accountcore book ({exc}): give the path of a book"
        ) from exc
    return store


def _has_any_table(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None


def peek_sqlite_config(path: str | Path, key: str) -> Any:
    """The config value ``key`` of the book at ``path``, or None; never creates nor migrates."""
    path = Path(path).expanduser()
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            row = connection.execute("SELECT value FROM config WHERE key = ?", (key,)).fetchone()
        finally:
            connection.close()
        return json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError):
        return None
