"""Customers in SQL: core fields in columns, consent, contacts and profiles as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..._convert import describe_error
from ..._errors import BookError
from ..._model import Customer, CustomerSelection
from ..base import CustomerFilter
from .base import SqlBase

__all__ = ["CustomerTable"]

_CUSTOMER_COLUMNS = (
    "id",
    "external_id",
    "name",
    "kind",
    "tier",
    "status",
    "manager",
    "birthday",
    "phone",
    "email",
    "address",
    "id_number",
    "consent",
    "contacts",
    "profiles",
    "created_on",
)
_JSON_COLUMNS = frozenset({"consent", "contacts", "profiles"})


class CustomerTable(SqlBase):
    """The ``customers`` table."""

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
        if where.any_of is not None:
            chosen = [self._selection(selection) for selection in where.any_of]
            clauses.append("(" + (" OR ".join(sql for sql, _ in chosen) or "1 = 0") + ")")
            params.extend(param for _, more in chosen for param in more)
        return " AND ".join(clauses), params

    def _selection(self, selection: CustomerSelection) -> tuple[str, list[Any]]:
        """SQL for one selection; cheap conditions first, as the database tries them in order."""
        clauses, params = [], []
        for column, values in (("kind", selection.kinds), ("tier", selection.tiers)):
            if values:
                names = sorted(value.value for value in values)
                clauses.append(f"{column} IN ({', '.join('?' * len(names))})")
                params.extend(names)
        if selection.profile is not None:
            clauses.append("profiles LIKE ?")
            params.append(f'%"{selection.profile}":%')
        profile = selection.profile or ""
        conditions = [
            self._profile_at_least(profile, name, minimum)
            for name, minimum in sorted(selection.at_least.items())
        ]
        conditions += [
            self._profile_list_has(profile, name, item)
            for name, item in sorted(selection.contains.items())
        ]
        for sql, more in conditions:
            clauses.append(sql)
            params.extend(more)
        if selection.holding:
            codes = sorted(selection.holding)
            clauses.append(
                "EXISTS (SELECT 1 FROM agreements a WHERE a.customer = customers.id"
                " AND a.status IN ('signed', 'active')"
                f" AND a.product IN ({', '.join('?' * len(codes))}))"
            )
            params.extend(codes)
        return "(" + (" AND ".join(clauses) or "1 = 1") + ")", params

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
