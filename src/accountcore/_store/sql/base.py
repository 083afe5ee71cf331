"""The SQL store's foundation: connection, transactions, migrations, ids, config.

Statements are written with ``?`` placeholders; an adapter whose driver wants
another style sets :attr:`SqlStore.placeholder`. Rows become domain values
through the one cattrs converter.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import cattrs

from ..._errors import BookError

__all__ = ["APPLICATION", "SqlBase", "in_chunks", "json_or_raw", "marks", "migrations"]

APPLICATION = "accountcore"
# Ids per ``IN (...)`` query: a batch's customers in a few queries, well under
# every driver's limit on parameters.
IN_CHUNK = 500


def migrations() -> list[tuple[int, str]]:
    """The numbered migrations shipped with accountcore, in order: ``(number, sql)``."""
    folder = Path(__file__).resolve().parent.parent / "migrations"
    return sorted(
        (int(path.name.split("_", 1)[0]), path.read_text(encoding="utf-8"))
        for path in folder.glob("[0-9]*.sql")
    )


def _statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [stmt.strip() for stmt in "\n".join(lines).split(";") if stmt.strip()]


def in_chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    """The ids (each once), :data:`IN_CHUNK` at a time, for ``IN (...)`` queries."""
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), IN_CHUNK):
        yield unique[start : start + IN_CHUNK]


def marks(values: Iterable[Any]) -> str:
    """One ``?`` placeholder per value, comma-separated."""
    return ", ".join("?" for _ in values)


def json_or_raw(text: str) -> Any:
    # An altered event may no longer be JSON; keep it so `audit verify` can name it.
    try:
        return json.loads(text)
    except ValueError:
        return {"unreadable": text}


class SqlBase:
    """A book held in a SQL database through a DB-API connection."""

    placeholder = "?"

    def __init__(self, connection: Any, location: str, converter: cattrs.Converter) -> None:
        self.location = location
        self._db = connection
        self._conv = converter
        self._depth = 0
        self._after_commit: list[Callable[[], None]] = []

    # Connection and transactions -------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        return self._db.execute(self._sql(sql), params)

    def _begin(self) -> None:
        self._db.execute("BEGIN")

    def _stream(self, sql: str, params: tuple | list = ()) -> Iterator[Any]:
        """Rows of a query one by one, never all in memory (the adapter knows how)."""
        cursor = self._execute(sql, params)
        try:
            yield from cursor
        finally:
            cursor.close()

    # SQL the two databases write differently ------------------------------

    def _day(self, expression: str) -> str:
        """SQL for the day number of an ISO date: the same as ``date.toordinal()``."""
        raise NotImplementedError

    def _profile_at_least(self, profile: str, name: str, minimum: Any) -> tuple[str, list[Any]]:
        """SQL that holds when a number in a customer's profile is at least ``minimum``.

        It may hold for a value a hair below (a selection may take more
        customers, never fewer); a missing value does not hold.
        """
        raise NotImplementedError

    def _profile_list_has(self, profile: str, name: str, item: str) -> tuple[str, list[Any]]:
        """SQL that holds when a list in a customer's profile holds ``item``, and parameters."""
        raise NotImplementedError

    @contextmanager
    def _atomic(self, begin: Callable[[], None]) -> Iterator[None]:
        """Run the block between ``begin()`` and COMMIT, or ROLLBACK if it raises."""
        begin()
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction; nested calls join the outer one.

        What :meth:`after_commit` was given runs once the outermost one has
        committed; a rollback drops it.
        """
        outer = self._depth == 0
        self._depth += 1
        try:
            if outer:
                with self._atomic(self._begin):
                    yield
            else:
                yield
        except BaseException:
            if outer:
                self._after_commit.clear()
            raise
        finally:
            self._depth -= 1
        if outer:
            self._run_after_commit()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the open transaction commits (now, when none is open)."""
        self._after_commit.append(callback)
        if not self._depth:
            self._run_after_commit()

    def _run_after_commit(self) -> None:
        # A callback may write (in a transaction of its own) and queue more.
        pending, self._after_commit = self._after_commit, []
        for callback in pending:
            callback()

    @contextmanager
    def _scratch(self) -> Iterator[None]:
        """A transaction for temporary tables only: it takes no lock on the book.

        A read command filling a temporary table does not queue behind writers.
        """
        if self._depth:
            yield
            return
        with self._atomic(lambda: self._db.execute("BEGIN")):
            yield

    def close(self) -> None:
        """Release the connection."""
        self._db.close()

    # Schema -----------------------------------------------------------------

    def _has_table(self, name: str) -> bool:
        raise NotImplementedError

    def schema_version(self) -> int:
        """The number of the last migration applied (0 for an empty database)."""
        if not self._has_table("meta"):
            return 0
        row = self._execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def is_book(self) -> bool:
        """Whether this database holds an accountcore book."""
        if not self._has_table("meta"):
            return False
        row = self._execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        return bool(row and row[0] == APPLICATION)

    def applied_migrations(self) -> set[int]:
        """The numbers of the migrations this book has had."""
        if not self._has_table("meta"):
            return set()
        rows = self._execute("SELECT key FROM meta WHERE key LIKE ?", ("migration.%",)).fetchall()
        applied = {int(row[0].split(".", 1)[1]) for row in rows}
        if not applied:
            # Books from before migrations were recorded one by one had all up to their version.
            applied = {number for number, _ in migrations() if number <= self.schema_version()}
        return applied

    def migrate(self) -> list[int]:
        """Apply the migrations this book lacks, in order, each in its own transaction.

        Each applied migration is recorded by number, so a migration numbered
        below the book's version (merged from a parallel branch) still runs.
        """
        known = migrations()
        newest = known[-1][0] if known else 0
        if self.schema_version() > newest:
            raise BookError(
                f"the book at {self.location} has schema version {self.schema_version()},"
                f" newer than this accountcore knows ({newest}): upgrade accountcore"
            )
        applied = []
        for number, sql in known:
            if number in self.applied_migrations():
                continue
            with self.transaction():
                if number in self.applied_migrations():  # another process got here first
                    continue
                for statement in _statements(sql):
                    self._execute(statement)
                self._set_meta("application", APPLICATION)
                self._set_meta(f"migration.{number:04d}", "applied")
                self._set_meta("schema_version", str(max(number, self.schema_version())))
            applied.append(number)
        return applied

    def _set_meta(self, key: str, value: str) -> None:
        self._execute("DELETE FROM meta WHERE key = ?", (key,))
        self._execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))

    # Ids ------------------------------------------------------------------------

    def next_id(self, prefix: str) -> str:
        """A new id ``PREFIX-N``; numbers are never reused."""
        return self.next_ids(prefix, 1)[0]

    def next_ids(self, prefix: str, count: int) -> list[str]:
        """``count`` new ids ``PREFIX-N`` in a row; numbers are never reused."""
        with self.transaction():
            row = self._execute("SELECT last FROM sequences WHERE name = ?", (prefix,)).fetchone()
            last = row[0] if row else 0
            if row:
                self._execute(
                    "UPDATE sequences SET last = ? WHERE name = ?", (last + count, prefix)
                )
            else:
                self._execute(
                    "INSERT INTO sequences (name, last) VALUES (?, ?)", (prefix, last + count)
                )
        return [f"{prefix}-{number}" for number in range(last + 1, last + count + 1)]

    # Config ------------------------------------------------------------------------------

    def get_config(self) -> dict[str, Any]:
        """The book's settings overrides, ``{"plugin.field": value}``."""
        return {k: json.loads(v) for k, v in self._execute("SELECT key, value FROM config")}

    def set_config(self, key: str, value: Any) -> None:
        """Set one override; None removes it."""
        with self.transaction():
            self._execute("DELETE FROM config WHERE key = ?", (key,))
            if value is not None:
                self._execute(
                    "INSERT INTO config (key, value) VALUES (?, ?)", (key, json.dumps(value))
                )
