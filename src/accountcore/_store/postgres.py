"""The PostgreSQL adapter (psycopg 3), for a team that outgrows one file.

Install it with ``pip install 'accountcore[postgres]'`` and give ``--book``
a ``postgresql://`` URL. Writers take one book-wide advisory lock per
transaction, so ids and the audit chain stay gapless as with SQLite.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import cattrs

from .._errors import BookError
from .sql import SqlStore

__all__ = ["PostgresStore", "open_postgres", "peek_postgres_config", "safe_url"]

_WRITER_LOCK = 0x61636301  # "acc\x01": one lock per book (per database and schema)
_cursor_names = itertools.count(1)


class PostgresStore(SqlStore):
    """A book in a PostgreSQL database (or in the schema its URL selects)."""

    placeholder = "%s"
    dialect = "postgres"

    def _begin(self) -> None:
        self._db.execute("BEGIN")
        self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))

    def _has_table(self, name: str) -> bool:
        row = self._db.execute("SELECT to_regclass(%s)", (name,)).fetchone()
        return row is not None and row[0] is not None

    def _stream(self, sql: str, params: tuple | list = ()) -> Iterator[Any]:
        # A client-side cursor would fetch the whole result: a server-side one
        # sends it in pieces (WITH HOLD, as the connection is in autocommit).
        name = f"accountcore_stream_{next(_cursor_names)}"
        with self._db.cursor(name=name, withhold=True) as cursor:
            cursor.itersize = 2000
            cursor.execute(self._sql(sql), params)
            yield from cursor

    def _day(self, expression: str) -> str:
        return f"(CAST({expression} AS date) - DATE '0001-01-01' + 1)"

    def _profile_at_least(self, profile: str, name: str, minimum: Any) -> tuple[str, list[Any]]:
        return "CAST(CAST(profiles AS jsonb) #>> ? AS NUMERIC) >= ?", [[profile, name], minimum]

    def _profile_list_has(self, profile: str, name: str, item: str) -> tuple[str, list[Any]]:
        return "(CAST(profiles AS jsonb) #> ?) @> CAST(? AS jsonb)", [
            [profile, name],
            json.dumps([item]),
        ]


def open_postgres(url: str, converter: cattrs.Converter, *, create: bool) -> PostgresStore:
    """Open the book in the database at ``url``; with ``create``, make its tables if missing."""
    try:
        import psycopg
    except ImportError as exc:
        raise BookError(
            "a PostgreSQL book needs psycopg: pip install 'accountcore[postgres]'"
        ) from exc
    try:
        connection: Any = psycopg.connect(url, autocommit=True)
    except psycopg.Error as exc:
        raise BookError(f"cannot connect to the book at {safe_url(url)}: {exc}".strip()) from exc
    store = PostgresStore(connection, safe_url(url), converter)
    if not store.is_book():
        if not create:
            connection.close()
            raise BookError(
                f"no book at {safe_url(url)}: create it with `accountcore --book URL init`"
            )
        if store._has_table("customers"):
            connection.close()
            raise BookError(f"{safe_url(url)} holds tables that are not an accountcore book")
    store.migrate()
    return store


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
