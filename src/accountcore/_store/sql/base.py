"""The SQL store's foundation: connection, transactions, migrations, ids, config.

Statements carry the driver's own placeholder, :attr:`SqlBase.mark` (``?`` for
sqlite3, ``%s`` for psycopg), written in where a parameter goes: the SQL is
never rewritten, so a ``?`` of the SQL itself (in a literal, PostgreSQL's
JSON operator) means what it says. Values go in as parameters, literal ``%``
included (psycopg reads ``%`` in a statement that has parameters). Rows
become domain values through the one cattrs converter (:mod:`.table`).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from ..._errors import BadInput
from .conditions import Conditions, among
from .scripts import migration_numbers, migrations, statements
from .table import Table
from .versions import refuse_newer

if TYPE_CHECKING:
    import cattrs

    # A converter, or what builds it when the store first structures a value: a command
    # that only passes stored data on never imports cattrs.
    Converting = cattrs.Converter | Callable[[], cattrs.Converter]

__all__ = [
    "APPLICATION",
    "Conditions",
    "SqlBase",
    "among",
    "in_chunks",
    "json_or_raw",
    "migrations",
]

APPLICATION = "accountcore"
# Ids per ``IN (...)`` query: a batch's customers in a few queries, well under
# every driver's limit on parameters.
IN_CHUNK = 500
T = TypeVar("T")


def in_chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    """The ids (each once), :data:`IN_CHUNK` at a time, for ``IN (...)`` queries."""
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), IN_CHUNK):
        yield unique[start : start + IN_CHUNK]


def json_or_raw(text: str) -> Any:
    # An altered event may no longer be JSON; keep it so `audit verify` can name it.
    try:
        return json.loads(text)
    except ValueError:
        return {"unreadable": text}


class SqlBase:
    """A book held in a SQL database through a DB-API connection."""

    mark = "?"  # the driver's placeholder (its DB-API paramstyle)
    # Which ``NNNN_name.DIALECT.sql`` migrations this database runs.
    dialect = ""

    def __init__(self, connection: Any, location: str, converter: Converting) -> None:
        self.location = location
        self._db = connection
        self._converter = converter
        self._depth = 0
        self._after_commit: list[Callable[[], None]] = []

    @property
    def _conv(self) -> cattrs.Converter:
        """The converter, built when a value is first structured or unstructured."""
        if callable(self._converter):
            self._converter = self._converter()
        return self._converter

    # Connection and transactions -------------------------------------------

    def _marks(self, values: Iterable[Any]) -> str:
        """One placeholder per value, comma-separated."""
        return ", ".join(self.mark for _ in values)

    def _conditions(self) -> Conditions:
        """An empty WHERE for this dialect."""
        return Conditions(self.mark)

    def _execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        # No parameters, no placeholders: the driver takes the SQL as it is.
        try:
            return self._db.execute(sql) if params is None else self._db.execute(sql, params)
        except UnicodeEncodeError as exc:
            raise BadInput(
                f"text that is not valid UTF-8 ({exc.object[exc.start : exc.end]!r}): give it"
                " again as UTF-8 text"
            ) from exc

    def _execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._db.cursor().executemany(sql, rows)

    def _begin(self) -> None:
        self._db.execute("BEGIN")

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        """The connection a streamed read (and the temporary tables it joins) runs on."""
        yield self._db

    def _rows(
        self, db: Any, sql: str, params: Sequence[Any] | None = None, *, wide: bool = False
    ) -> Iterator[Any]:
        """Rows of a query on ``db`` one by one, never all in memory (the adapter knows how).

        ``wide``: a row may be large, so the adapter holds fewer of them at once.
        """
        cursor = db.execute(sql) if params is None else db.execute(sql, params)
        try:
            yield from cursor
        finally:
            cursor.close()

    def _stream(
        self, sql: str, params: Sequence[Any] | None = None, *, wide: bool = False
    ) -> Iterator[Any]:
        """Rows of a query one by one, never all in memory (``wide``: see :meth:`_rows`)."""
        with self._reading() as db:
            yield from self._rows(db, sql, params, wide=wide)

    def _fill(self, db: Any, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Insert ``rows`` into a temporary table on ``db``, a chunk per transaction.

        The transaction takes no lock on the book: a read command filling a
        temporary table does not queue behind writers.
        """
        rows = iter(rows)
        while chunk := list(itertools.islice(rows, 1000)):
            if self._depth:
                db.cursor().executemany(sql, chunk)
                continue
            with self._atomic(lambda: db.execute("BEGIN")):
                db.cursor().executemany(sql, chunk)

    def _get(self, table: Table[T], column: str, value: Any) -> T | None:
        """The value of ``table`` whose (unique) ``column`` holds ``value``, or None."""
        row = self._get_row(table, column, value)
        return None if row is None else table.value(self._conv, row, self.location)

    def _get_row(self, table: Table[Any], column: str, value: Any) -> Sequence[Any] | None:
        """The row of :meth:`_get`, as the table holds it."""
        sql = f"{table.select()} WHERE {column} = {self.mark}"
        row: Sequence[Any] | None = self._execute(sql, [value]).fetchone()
        return row

    def _rows_among(
        self, select: str, column: str, ids: Iterable[str], tail: str = ""
    ) -> Iterator[Any]:
        """The rows of ``select`` whose ``column`` holds one of ``ids``, a chunk at a time."""
        for chunk in in_chunks(ids):
            yield from self._execute(
                f"{select} WHERE {column} IN ({self._marks(chunk)}){tail}", chunk
            )

    def _streams_whole(self) -> bool:
        """Whether a long read runs on one cursor now, rather than a query per page.

        Keyset pages by default: a page's query ends with it, so the read may
        span the caller's commits. PostgreSQL streams on its read transaction.
        """
        return False

    def _page_rows(
        self, table: Table[Any], where: Conditions, size: int
    ) -> Iterator[list[Sequence[Any]]]:
        """The rows of ``table`` ``where`` keeps (its columns), in id order, ``size`` at a time."""
        m = self.mark
        select = f"{table.select(with_seq=True)} WHERE {where.sql()}"
        if self._streams_whole():
            rows = self._stream(f"{select} ORDER BY seq", where.params)
            while page := list(itertools.islice(rows, size)):
                yield [row[1:] for row in page]
            return
        sql = f"{select} AND seq > {m} ORDER BY seq LIMIT {m}"
        after = -1
        while True:
            rows = self._execute(sql, [*where.params, after, size]).fetchall()
            if rows:
                yield [row[1:] for row in rows]
            if len(rows) < size:
                return
            after = rows[-1][0]

    def _pages(self, table: Table[T], where: Conditions, size: int) -> Iterator[list[T]]:
        """The values ``where`` keeps in id order, ``size`` at a time (keyset pagination)."""
        for rows in self._page_rows(table, where, size):
            yield [table.value(self._conv, row, self.location) for row in rows]

    def _data_pages(
        self, table: Table[Any], where: Conditions, size: int
    ) -> Iterator[list[dict[str, Any]]]:
        """The rows of :meth:`_pages` as the stored plain data, not structured into values."""
        for rows in self._page_rows(table, where, size):
            yield [table.data(row) for row in rows]

    def _by_customer(self, table: Table[T], customer_ids: Iterable[str]) -> dict[str, list[T]]:
        """The values of ``table`` of each customer (every id a key), oldest first."""
        ids = list(customer_ids)
        found: dict[str, list[T]] = {customer_id: [] for customer_id in ids}
        index = table.columns.index("customer")
        for row in self._rows_among(table.select(), "customer", ids, " ORDER BY seq"):
            found[row[index]].append(table.value(self._conv, row, self.location))
        return found

    def _add(self, table: Table[T], values: Iterable[T]) -> None:
        """Insert new values into ``table``."""
        rows = [table.row(self._conv, value) for value in values]
        self._execute_many(table.insert(self.mark), rows)

    def _replace(self, table: Table[T], value: T) -> None:
        """Overwrite the stored value with ``value``'s id."""
        self._execute(table.update(self.mark), table.update_row(self._conv, value))

    def _replace_many(self, table: Table[T], values: Iterable[T]) -> None:
        """Overwrite each stored value with the id of one of ``values``."""
        rows = [table.update_row(self._conv, value) for value in values]
        if rows:
            self._execute_many(table.update(self.mark), rows)

    # SQL the two databases write differently ------------------------------

    # What ends a subquery whose columns its parent must not compute again ('' if the
    # database computes each once as it is).
    _computed_once = ""

    def _day(self, expression: str) -> str:
        """SQL for the day number of an ISO date: the same as ``date.toordinal()``."""
        raise NotImplementedError

    def _profile_hint(self, profile: str) -> tuple[str, list[Any]]:
        """Cheap SQL that holds for every customer with that profile (and maybe a few more).

        The profile's name as a key somewhere in the JSON text: a test on the
        text, no JSON read.
        """
        return f"profiles LIKE {self.mark}", [f'%"{profile}":%']

    def _has_profile(self, profile: str) -> tuple[str, list[Any]]:
        """SQL that holds when a customer has a profile of that plugin, and parameters."""
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
                    self._before_commit()
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

    @property
    def reads_trail(self) -> bool:
        """Whether the connection may read the audit trail back."""
        return True

    @property
    def in_transaction(self) -> bool:
        """Whether a :meth:`transaction` is open."""
        return self._depth > 0

    def _before_commit(self) -> None:
        """What the adapter writes last in a transaction that is about to commit."""

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
        rows = self._execute(
            f"SELECT key FROM meta WHERE key LIKE {self.mark}", ("migration.%",)
        ).fetchall()
        applied = {int(row[0].split(".", 1)[1]) for row in rows}
        if not applied:
            # Books from before migrations were recorded one by one had all up to their version.
            version = self.schema_version()
            applied = {number for number in migration_numbers(self.dialect) if number <= version}
        return applied

    def migrate(self) -> list[int]:
        """Apply the migrations this book lacks, in order, each in its own transaction.

        Each applied migration is recorded by number, so a migration numbered
        below the book's version (merged from a parallel branch) still runs.
        """
        numbers = migration_numbers(self.dialect)
        done = self.applied_migrations()
        refuse_newer(self.location, self.schema_version(), done, numbers)
        applied: list[int] = []
        if done.issuperset(numbers):  # as every command but the first after an upgrade finds
            return applied
        for number, sql in migrations(self.dialect):
            if number in done:
                continue
            with self.transaction():
                if number in self.applied_migrations():  # another process got here first
                    continue
                for statement in statements(sql):
                    self._execute(statement)
                self._set_meta("application", APPLICATION)
                self._set_meta(f"migration.{number:04d}", "applied")
                self._set_meta("schema_version", str(max(number, self.schema_version())))
            applied.append(number)
        return applied

    def _set_meta(self, key: str, value: str) -> None:
        m = self.mark
        self._execute(f"DELETE FROM meta WHERE key = {m}", (key,))
        self._execute(f"INSERT INTO meta (key, value) VALUES ({m}, {m})", (key, value))
