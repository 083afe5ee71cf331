"""The PostgreSQL adapter (psycopg 3), for a team that outgrows one file.

Install it with ``pip install 'accountcore[postgres]'`` and give ``--book``
a ``postgresql://`` URL. A write transaction (READ COMMITTED) takes the
book-wide advisory lock when it first takes an id or appends an audit event,
and holds it to its commit, so ids and the audit chain stay gapless as with
SQLite: the chain's head is read under the lock, after the last holder's
commit. Ids are reserved a block at a time (one round trip, not one per id),
and what the transaction did not use is given back before it commits. The
role that creates the book owns it and administers it; the server holds
every other role to its manager's scope (:mod:`.postgres_team`,
:mod:`.postgres_security`).
"""

from __future__ import annotations

import importlib.util
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .._errors import BookError, NoBook
from .._model import AuditEvent
from . import postgres_security as security
from .postgres_team import TeamBook
from .sql import migrations
from .sql.table import Table

if TYPE_CHECKING:
    from .sql.base import Converting

__all__ = ["PostgresStore", "open_postgres", "peek_postgres_config", "safe_url"]

_WRITER_LOCK = 0x61636301  # "acc\x01": one lock per book (per database and schema)
_cursor_names = itertools.count(1)
STREAM_ROWS = 2000  # rows per round trip of a streamed read
# Of a read whose rows may be large (an audit event of a care batch holds every
# action's image): fewer, so what is held at once stays bounded.
WIDE_ROWS = 100
ID_BLOCK = 1000  # ids reserved per round trip in a write transaction
ANALYZE_AFTER = 1000  # rows a session writes to a table before its statistics are looked at


class PostgresStore(TeamBook):
    """A book in a PostgreSQL database (or in the schema its URL selects).

    Streamed reads run on named (server-side) cursors, which live in a
    transaction: inside a write transaction, that one (the read sees what it
    wrote); outside, a read transaction on a second connection, opened when
    first needed, so that a write made while iterating commits when its own
    block ends.
    """

    mark = "%s"
    dialect = "postgres"

    def __init__(
        self, connection: Any, location: str, converter: Converting, url: str = ""
    ) -> None:
        super().__init__(connection, location, converter)
        self._url = url
        self._reader: Any = None
        self._reads = 0
        self._locked = False  # whether this transaction holds the book's lock
        # Per prefix, the last id handed out and the last reserved, in this transaction.
        self._blocks: dict[str, tuple[int, int]] = {}
        self._owner = False  # whether the role owns the book (and may ANALYZE it)
        # Per table, the rows this session wrote since it last had the server count it.
        self._grown: dict[str, int] = {}
        self._analyze_at: dict[str, float] = {}

    # The book's lock is taken where order matters, not at BEGIN: a write
    # transaction reads and checks alongside the others, then queues once it
    # takes an id or appends to the audit trail, and holds the lock to its
    # commit. Migrations take it at BEGIN.
    _lock_at_begin = False

    def _begin(self) -> None:
        self._db.execute("BEGIN")
        self._locked = False
        self._blocks.clear()
        if self._lock_at_begin:
            self._lock_book()

    def _lock_book(self) -> None:
        """Queue for the book's writer lock (held until the transaction ends)."""
        if not self._locked:
            self._execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))
            self._locked = True

    def migrate(self) -> list[int]:
        """Apply the migrations this book lacks, one writer at a time."""
        self._lock_at_begin = True
        try:
            return super().migrate()
        finally:
            self._lock_at_begin = False

    def next_ids(self, prefix: str, count: int) -> list[str]:
        """``count`` new ids ``PREFIX-N`` in a row, under the book's lock.

        The first call of a transaction reserves a block of ids in one
        statement; later ones take from it without a round trip.
        """
        with self.transaction():
            self._lock_book()
            handed, reserved = self._blocks.get(prefix, (-1, -1))
            if reserved - handed < count:
                more = max(count, ID_BLOCK)
                row = self._execute(
                    "INSERT INTO sequences (name, last) VALUES (%s, %s) ON CONFLICT (name)"
                    " DO UPDATE SET last = sequences.last + EXCLUDED.last RETURNING last",
                    (prefix, more),
                ).fetchone()
                # Under the lock, the stored last was ours (or, at first, anyone's before us).
                handed, reserved = (handed if handed >= 0 else row[0] - more), row[0]
            self._blocks[prefix] = (handed + count, reserved)
        return [f"{prefix}-{number}" for number in range(handed + 1, handed + count + 1)]

    def _before_commit(self) -> None:
        # Give back the ids reserved and not used: the next writer goes on from the last used.
        blocks, self._blocks = self._blocks, {}
        for prefix, (handed, reserved) in blocks.items():
            if handed < reserved:
                self._execute("UPDATE sequences SET last = %s WHERE name = %s", (handed, prefix))

    def _add(self, table: Table[Any], values: Iterable[Any]) -> None:
        values = list(values)
        super()._add(table, values)
        self._grown_by(table.name, len(values))

    def _grown_by(self, table: str, rows: int) -> None:
        """ANALYZE ``table`` once this session has grown it by a tenth since it was counted.

        What autovacuum does where it runs (it may be off, or not have come by
        yet): without statistics the planner takes a growing table for an empty
        one and reads all of it for each batch's ``IN (...)`` (a first care run
        at 100k customers: 190 s, now 28 s). Inside a write transaction ANALYZE
        counts its rows too, and the next statements are planned with them.
        Only the owner may; a failure costs nothing (its savepoint is rolled back).
        """
        import psycopg

        grown = self._grown[table] = self._grown.get(table, 0) + rows
        if not self._owner or grown < ANALYZE_AFTER:
            return
        if table not in self._analyze_at:
            self._analyze_at[table] = self._tenth(table)
        if grown < self._analyze_at[table]:
            return
        self._grown[table] = 0
        inside = self._depth > 0
        try:
            if inside:
                self._db.execute("SAVEPOINT accountcore_analyze")
            self._db.execute(f"ANALYZE {table}")
        except psycopg.Error:
            if inside:
                self._db.execute("ROLLBACK TO SAVEPOINT accountcore_analyze")
        if inside:
            self._db.execute("RELEASE SAVEPOINT accountcore_analyze")
        self._analyze_at[table] = self._tenth(table)

    def _tenth(self, table: str) -> float:
        """A tenth of the rows the server last counted in ``table`` (ANALYZE_AFTER at least)."""
        row = self._db.execute(
            "SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)", (table,)
        ).fetchone()
        return max(float(ANALYZE_AFTER), 0.1 * float(row[0] if row else 0))

    def append_events(self, events: list[AuditEvent]) -> list[AuditEvent]:
        """Append events under the book's lock: the head they chain to is the last committed."""
        with self.transaction():
            self._lock_book()
            return super().append_events(events)

    def _has_table(self, name: str) -> bool:
        row = self._db.execute("SELECT to_regclass(%s)", (name,)).fetchone()
        return row is not None and row[0] is not None

    def pending_migrations(self) -> list[int]:
        """The numbers of the migrations this book lacks, in order."""
        applied = self.applied_migrations()
        return [number for number, _ in migrations(self.dialect) if number not in applied]

    def _owned(self) -> bool:
        """Whether the connected role owns the book (or will: there is none yet)."""
        row = self._db.execute(
            "SELECT pg_has_role(session_user, tableowner, 'MEMBER') FROM pg_tables"
            " WHERE schemaname = current_schema() AND tablename = 'meta'"
        ).fetchone()
        return row is None or bool(row[0])

    def _table_names(self) -> set[str]:
        rows = self._execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
        return {row[0] for row in rows} - security.SERVER_TABLES

    def _columns_of(self, table: str) -> list[str]:
        return security.columns(self._db, table)

    def load_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert the rows with COPY (in the caller's transaction); returns how many.

        Logins are granted a manager's privileges when their role exists here.
        """
        names = ", ".join(f'"{column}"' for column in columns)
        count = 0
        with self._server(), self._db.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        self._grown_by(table, count)
        if table == "logins":
            with self._server():
                security.grant_existing(self._db)
        return count

    def _meta(self, key: str) -> str | None:
        row = self._execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
        return None if row is None else str(row[0])

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        if self._depth:
            yield self._db
            return
        if self._reader is None:
            self._reader = _connect(self._url)
        if not self._reads:
            self._reader.execute("BEGIN")
        self._reads += 1
        try:
            yield self._reader
        finally:
            self._reads -= 1
            if not self._reads:
                self._reader.execute("COMMIT")

    def _streams_whole(self) -> bool:
        # Outside a write, on the read transaction; inside, a commit would close the cursor.
        return not self._depth

    def _rows(
        self, db: Any, sql: str, params: Sequence[Any] | None = None, *, wide: bool = False
    ) -> Iterator[Any]:
        # A client-side cursor would fetch the whole result: a named one sends it in pieces.
        with self._server(), db.cursor(name=f"accountcore_stream_{next(_cursor_names)}") as cursor:
            cursor.itersize = WIDE_ROWS if wide else STREAM_ROWS
            cursor.execute(sql, params)
            yield from cursor

    def _fill(self, db: Any, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        # ``db`` is in a transaction already (the write's or the reading's).
        rows = iter(rows)
        while chunk := list(itertools.islice(rows, 1000)):
            with self._server():
                db.cursor().executemany(sql, chunk)

    def close(self) -> None:
        """Release the connections."""
        if self._reader is not None:
            self._reader.close()
        super().close()

    # PostgreSQL pulls a subquery up into its parent, copying a correlated subquery (the
    # overdue list's last visit) to every use of its column: OFFSET 0 keeps it whole.
    _computed_once = " OFFSET 0"

    def _day(self, expression: str) -> str:
        return f"(CAST({expression} AS date) - DATE '0001-01-01' + 1)"

    def _has_profile(self, profile: str) -> tuple[str, list[Any]]:
        # jsonb's key operator is a literal ``?``; the hint first, as it is cheaper than the cast.
        hint, params = self._profile_hint(profile)
        return f"({hint} AND CAST(profiles AS jsonb) ? %s)", [*params, profile]

    def _profile_at_least(self, profile: str, name: str, minimum: Any) -> tuple[str, list[Any]]:
        return "CAST(CAST(profiles AS jsonb) #>> %s AS NUMERIC) >= %s", [[profile, name], minimum]

    def _profile_list_has(self, profile: str, name: str, item: str) -> tuple[str, list[Any]]:
        return "(CAST(profiles AS jsonb) #> %s) @> CAST(%s AS jsonb)", [
            [profile, name],
            json.dumps([item]),
        ]

    def _json_text(self, expression: str, key: str) -> str:
        return f"(CAST({expression} AS jsonb) ->> '{key}')"

    def _json_elements(self, expression: str) -> str:
        return f"jsonb_array_elements(CAST({expression} AS jsonb)) AS f(value)"

    def _profile_text(self, profile: str, name: str) -> tuple[str, list[Any]]:
        return "(CAST(profiles AS jsonb) #>> %s)", [[profile, name]]

    def _profile_number(self, profile: str, name: str) -> tuple[str, list[Any]]:
        return "CAST(CAST(profiles AS jsonb) #>> %s AS NUMERIC)", [[profile, name]]


def _connect(url: str) -> Any:
    import psycopg

    try:
        connection = psycopg.connect(url, autocommit=True)
        # The book's queries are a command's, not a report's hours: compiling one (the
        # server's choice past a cost that a scan of the customers' JSON passes) takes
        # longer than it saves, 0.4 s of a 1.5 s read of 100,000 customers.
        connection.execute("SET jit = off")
        return connection
    except psycopg.Error as exc:
        raise BookError(f"cannot connect to the book at {safe_url(url)}: {exc}".strip()) from exc


def open_postgres(url: str, converter: Converting, *, create: bool) -> PostgresStore:
    """Open the book in the database at ``url``; with ``create``, make its tables if missing."""
    if importlib.util.find_spec("psycopg") is None:
        raise BookError("a PostgreSQL book needs psycopg: pip install 'accountcore[postgres]'")
    connection = _connect(url)
    store = PostgresStore(connection, safe_url(url), converter, url)
    try:
        _prepare(store, create=create)
    except BaseException:
        store.close()
        raise
    return store


def _prepare(store: PostgresStore, *, create: bool) -> None:
    """Check, migrate and secure the book (its owner only), then learn who is connected."""
    store._role = str(store._db.execute("SELECT session_user").fetchone()[0])
    if not store.is_book():
        if not create:
            raise NoBook(
                f"no book at {store.location}: create it with `accountcore --book URL init`"
            )
        if store._has_table("customers"):
            raise BookError(f"{store.location} holds tables that are not an accountcore book")
    owner = store._owner = store._owned()
    if not owner and store.pending_migrations():
        raise BookError(
            f"the book at {store.location} needs migrations"
            f" {', '.join(map(str, store.pending_migrations()))} that only its owner may apply:"
            " the administrator runs `accountcore --book URL init`"
        )
    store.migrate()
    if owner:
        with store.transaction():
            store._lock_book()
            if security.secure(store._db, store._meta):
                store._set_meta(security.META_KEY, security.VERSION)
    store._login = security.login(store._db)
    store._commits = 0  # opening's own (migrations, security) are not the command's changes


def peek_postgres_config(url: str, key: str) -> Any:
    """The config value ``key`` of the book at ``url``, or None; never creates nor migrates."""
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect(url, autocommit=True) as connection:
            found = connection.execute("SELECT to_regclass('config')").fetchone()
            if found is None or found[0] is None:
                return None
            row = connection.execute("SELECT value FROM config WHERE key = %s", (key,)).fetchone()
        return json.loads(row[0]) if row else None
    except (psycopg.Error, ValueError):
        return None


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"
