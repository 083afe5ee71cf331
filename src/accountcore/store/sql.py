"""The store in SQL, shared by the SQLite and PostgreSQL adapters.

Statements are written with ``?`` placeholders; an adapter whose driver wants
another style sets :attr:`SqlStore.placeholder`. Rows become domain values
through the one cattrs converter.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

import cattrs

from .. import chain
from ..errors import BookError
from ..model import AuditEvent, Customer, Manager
from .base import CustomerFilter

__all__ = ["APPLICATION", "SqlStore", "migrations"]

APPLICATION = "accountcore"
_CUSTOMER_COLUMNS = (
    "id", "external_id", "name", "kind", "tier", "status", "manager", "birthday", "phone",
    "email", "address", "id_number", "consent", "contacts", "profiles", "created_on",
)  # fmt: skip
_JSON_COLUMNS = frozenset({"consent", "contacts", "profiles"})
_EVENT_COLUMNS = (
    "seq", "at", "actor", "on_behalf_of", "action", "entity", "entity_id", "before", "after",
    "prev_hash", "hash",
)  # fmt: skip


def migrations() -> list[tuple[int, str]]:
    """The numbered migrations shipped with accountcore, in order: ``(number, sql)``."""
    folder = resources.files("accountcore.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text()))
    return sorted(found)


def _statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [stmt.strip() for stmt in "\n".join(lines).split(";") if stmt.strip()]


def _json_or_raw(text: str) -> Any:
    # An altered event may no longer be JSON; keep it so `audit verify` can name it.
    try:
        return json.loads(text)
    except ValueError:
        return {"unreadable": text}


class SqlStore:
    """A book held in a SQL database through a DB-API connection."""

    placeholder = "?"

    def __init__(self, connection: Any, location: str, converter: cattrs.Converter) -> None:
        self.location = location
        self._db = connection
        self._conv = converter
        self._depth = 0

    # Connection and transactions -------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        return self._db.execute(self._sql(sql), params)

    def _begin(self) -> None:
        self._db.execute("BEGIN")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

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

    def migrate(self) -> list[int]:
        """Apply the migrations this book lacks, each in its own transaction."""
        current = self.schema_version()
        known = migrations()
        newest = known[-1][0] if known else 0
        if current > newest:
            raise BookError(
                f"the book at {self.location} has schema version {current}, newer than this"
                f" accountcore knows ({newest}): upgrade accountcore"
            )
        applied = []
        for number, sql in known:
            if number <= current:
                continue
            with self.transaction():
                if self.schema_version() >= number:  # another process got here first
                    continue
                for statement in _statements(sql):
                    self._execute(statement)
                self._set_meta("application", APPLICATION)
                self._set_meta("schema_version", str(number))
            applied.append(number)
        return applied

    def _set_meta(self, key: str, value: str) -> None:
        self._execute("DELETE FROM meta WHERE key = ?", (key,))
        self._execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))

    # Ids ------------------------------------------------------------------------

    def next_id(self, prefix: str) -> str:
        """A new id ``PREFIX-N``; numbers are never reused."""
        with self.transaction():
            row = self._execute("SELECT last FROM sequences WHERE name = ?", (prefix,)).fetchone()
            number = (row[0] if row else 0) + 1
            if row:
                self._execute("UPDATE sequences SET last = ? WHERE name = ?", (number, prefix))
            else:
                self._execute("INSERT INTO sequences (name, last) VALUES (?, ?)", (prefix, number))
        return f"{prefix}-{number}"

    # Managers -------------------------------------------------------------------

    def _manager_row(self, manager: Manager) -> tuple:
        return (
            manager.name,
            manager.supervisor,
            manager.capacity,
            manager.target,
            int(manager.active),
            manager.id,
        )

    def add_manager(self, manager: Manager) -> None:
        """Store a new manager."""
        self._execute(
            "INSERT INTO managers (name, supervisor, capacity, target, active, id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            self._manager_row(manager),
        )

    def update_manager(self, manager: Manager) -> None:
        """Replace the stored manager with the same id."""
        self._execute(
            "UPDATE managers SET name = ?, supervisor = ?, capacity = ?, target = ?, active = ?"
            " WHERE id = ?",
            self._manager_row(manager),
        )

    @staticmethod
    def _manager(row: Any) -> Manager:
        return Manager(row[0], row[1], row[2], row[3], row[4], bool(row[5]))

    _MANAGER_SELECT = "SELECT id, name, supervisor, capacity, target, active FROM managers"

    def get_manager(self, manager_id: str) -> Manager | None:
        """The manager with this id, or None."""
        row = self._execute(self._MANAGER_SELECT + " WHERE id = ?", (manager_id,)).fetchone()
        return self._manager(row) if row else None

    def list_managers(self) -> list[Manager]:
        """Every manager, by id."""
        return [self._manager(r) for r in self._execute(self._MANAGER_SELECT + " ORDER BY id")]

    # Customers -------------------------------------------------------------------

    def _customer_row(self, customer: Customer) -> list[Any]:
        data = self._conv.unstructure(customer)
        return [
            json.dumps(data[col], ensure_ascii=False, sort_keys=True)
            if col in _JSON_COLUMNS
            else data[col]
            for col in _CUSTOMER_COLUMNS
        ]

    def _customer(self, row: Any) -> Customer:
        data = {
            col: json.loads(value) if col in _JSON_COLUMNS else value
            for col, value in zip(_CUSTOMER_COLUMNS, row, strict=True)
        }
        data = {key: value for key, value in data.items() if value is not None}
        try:
            return self._conv.structure(data, Customer)
        except Exception as exc:
            from ..convert import describe_error

            raise BookError(
                f"customer {data.get('id')} in {self.location} cannot be read:"
                f" {describe_error(exc, 'customer')}"
            ) from exc

    @staticmethod
    def _seq(customer_id: str) -> int:
        return int(customer_id.rsplit("-", 1)[1])

    def add_customer(self, customer: Customer) -> None:
        """Store a new customer."""
        self.add_customers([customer])

    def add_customers(self, customers: list[Customer]) -> None:
        """Store many new customers at once."""
        columns = ", ".join(("seq", *_CUSTOMER_COLUMNS))
        marks = ", ".join("?" * (len(_CUSTOMER_COLUMNS) + 1))
        rows = [[self._seq(c.id), *self._customer_row(c)] for c in customers]
        self._db.cursor().executemany(
            self._sql(f"INSERT INTO customers ({columns}) VALUES ({marks})"), rows
        )

    def update_customer(self, customer: Customer) -> None:
        """Replace the stored customer with the same id."""
        row = self._customer_row(customer)
        assignments = ", ".join(f"{col} = ?" for col in _CUSTOMER_COLUMNS[1:])
        self._execute(f"UPDATE customers SET {assignments} WHERE id = ?", [*row[1:], row[0]])

    def _select_customers(self, condition: str, params: list[Any], tail: str = "") -> Any:
        columns = ", ".join(_CUSTOMER_COLUMNS)
        return self._execute(f"SELECT {columns} FROM customers WHERE {condition}{tail}", params)

    def get_customer(self, customer_id: str) -> Customer | None:
        """The customer with this id, or None."""
        row = self._select_customers("id = ?", [customer_id]).fetchone()
        return self._customer(row) if row else None

    def find_customer_by_external_id(self, external_id: str) -> Customer | None:
        """The customer with this external id, or None."""
        row = self._select_customers("external_id = ?", [external_id]).fetchone()
        return self._customer(row) if row else None

    def _where(self, where: CustomerFilter | None) -> tuple[str, list[Any]]:
        where = where or CustomerFilter()
        clauses, params = ["1 = 1"], []
        if where.managers is not None:
            managers = sorted(where.managers) or [""]
            clauses.append(f"manager IN ({', '.join('?' * len(managers))})")
            params.extend(managers)
        for column in ("tier", "status", "kind"):
            value = getattr(where, column)
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if where.profile is not None:
            clauses.append("profiles LIKE ?")
            params.append(f'%"{where.profile}":%')
        return " AND ".join(clauses), params

    def iter_customers(
        self, where: CustomerFilter | None = None, batch_size: int = 1000
    ) -> Iterator[list[Customer]]:
        """Customers in id order, a batch at a time (keyset pagination on ``seq``)."""
        condition, params = self._where(where)
        after = -1
        while True:
            rows = self._execute(
                f"SELECT seq, {', '.join(_CUSTOMER_COLUMNS)} FROM customers"
                f" WHERE {condition} AND seq > ? ORDER BY seq LIMIT ?",
                [*params, after, batch_size],
            ).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            yield [self._customer(row[1:]) for row in rows]
            if len(rows) < batch_size:
                return

    def count_customers(self, where: CustomerFilter | None = None) -> int:
        """How many customers match."""
        condition, params = self._where(where)
        return self._execute(
            f"SELECT COUNT(*) FROM customers WHERE {condition}", params
        ).fetchone()[0]

    # Audit ----------------------------------------------------------------------------

    def append_event(self, event: AuditEvent) -> AuditEvent:
        """Append an event to the audit trail, numbered and chained to the one before."""
        with self.transaction():
            last = self._execute(
                "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            seq, prev = (last[0] + 1, last[1]) if last else (1, chain.GENESIS)
            sealed = chain.seal(event, seq, prev)
            data = self._conv.unstructure(sealed)
            for column in ("before", "after"):
                if data[column] is not None:
                    data[column] = json.dumps(data[column], ensure_ascii=False, sort_keys=True)
            self._execute(
                f"INSERT INTO audit_events ({', '.join(_EVENT_COLUMNS)})"
                f" VALUES ({', '.join('?' * len(_EVENT_COLUMNS))})",
                [data[column] for column in _EVENT_COLUMNS],
            )
        return sealed

    def iter_events(self, entity_id: str | None = None) -> Iterator[AuditEvent]:
        """Audit events in order, all or those of one entity."""
        condition, params = ("entity_id = ?", [entity_id]) if entity_id else ("1 = 1", [])
        cursor = self._execute(
            f"SELECT {', '.join(_EVENT_COLUMNS)} FROM audit_events WHERE {condition} ORDER BY seq",
            params,
        )
        for row in cursor:
            data = dict(zip(_EVENT_COLUMNS, row, strict=True))
            for column in ("before", "after"):
                if data[column] is not None:
                    data[column] = _json_or_raw(data[column])
            yield self._conv.structure(data, AuditEvent)

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
