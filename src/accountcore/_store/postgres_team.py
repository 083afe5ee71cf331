"""A PostgreSQL book shared by a team: who is connected, and what his role may read.

The server decides what a manager's role sees (row-level security,
:mod:`.postgres_security`); this mixin makes the store work within it: it
reads the customers through the view without personal data, fetches one
customer's personal data through the logged, scope-checked function, and
reports the server's refusals and conflicts in one line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

import attrs

from .._model import Customer
from . import postgres_security as security
from .postgres_errors import server_errors
from .sql import SqlStore
from .sql.base import Conditions
from .sql.customers import CUSTOMERS
from .sql.table import Table

__all__ = ["TeamBook"]

T = TypeVar("T")

# The customers as a manager's role reads them: the view, under the table's name so
# that conditions written for ``customers`` hold.
_DIRECTORY = attrs.evolve(CUSTOMERS, name=f"{security.DIRECTORY} AS customers")


class TeamBook(SqlStore):
    """The team side of the PostgreSQL store (see the module)."""

    _login: security.Login | None = None
    _role = "?"  # session_user, known from the first statement on
    _commits = 0

    def login(self) -> security.Login | None:
        """The connection's role, whether it administers the book, and its manager."""
        return self._login

    @property
    def _restricted(self) -> bool:
        return self._login is not None and not self._login.administrator

    @property
    def reads_trail(self) -> bool:
        """Whether the connection may read the audit trail back (a manager's role may not)."""
        return not self._restricted

    def _server(self) -> AbstractContextManager[None]:
        return server_errors(self.location, self._role, committed=self._commits > 0)

    # Every statement: the server's errors in one line ----------------------------

    def _execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        with self._server():
            return super()._execute(sql, params)

    def _execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._server():
            super()._execute_many(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction; nested calls join the outer one."""
        outer = self._depth == 0
        with self._server(), super().transaction():
            yield
        if outer:
            self._commits += 1

    # A manager's role reads customers without their personal data ----------------

    def _get(self, table: Table[T], column: str, value: Any) -> T | None:
        if table is not CUSTOMERS or not self._restricted:
            return super()._get(table, column, value)
        found = super()._get(_DIRECTORY, column, value)
        return None if found is None else self._with_personal(found)  # type: ignore[return-value]

    def get_customer_data(self, customer_id: str) -> dict[str, Any] | None:
        if not self._restricted:
            return super().get_customer_data(customer_id)
        customer = self.get_customer(customer_id)  # with his personal data, logged
        return None if customer is None else self._conv.unstructure(customer)

    def _page_rows(
        self, table: Table[Any], where: Conditions, size: int
    ) -> Iterator[list[Sequence[Any]]]:
        shown = _DIRECTORY if table is CUSTOMERS and self._restricted else table
        return super()._page_rows(shown, where, size)

    def _customers_among(self, column: str, values: Iterable[str]) -> dict[str, Customer]:
        # A batch (names for a listing, an import's lookups) without personal data, as
        # iter_customers reads them: one call of the logged function per customer would not do.
        if not self._restricted:
            return super()._customers_among(column, values)
        index = _DIRECTORY.columns.index(column)
        return {
            row[index]: _DIRECTORY.value(self._conv, row, self.location)
            for row in self._rows_among(_DIRECTORY.select(), column, values)
        }

    def _with_personal(self, customer: Any) -> Customer:
        """The customer with his personal data, read through the server's logged function."""
        row = self._execute(
            "SELECT phone, email, address, id_number, contacts FROM accountcore_personal(%s)",
            [customer.id],
        ).fetchone()
        if row is None:
            return customer
        data = self._conv.unstructure(customer)
        data.update(zip(("phone", "email", "address", "id_number"), row[:4], strict=True))
        data["contacts"] = json.loads(row[4])
        return self._conv.structure({k: v for k, v in data.items() if v is not None}, Customer)

    # Logins -----------------------------------------------------------------------

    def grant_login(self, role: str, manager: str) -> bool:
        """Map a PostgreSQL role to ``manager`` (creating it when allowed); see
        :func:`.postgres_security.grant_login`. Returns whether the role was created."""
        with self.transaction(), self._server():
            return security.grant_login(self._db, role, manager, location=self.location)
