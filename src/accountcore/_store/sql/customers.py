"""Customers in SQL: core fields in columns, consent, contacts and profiles as JSON."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..base import CustomerFilter
from .base import Conditions, SqlBase, among
from .table import Table

if TYPE_CHECKING:
    from ..._model import Customer, CustomerSelection

__all__ = ["CUSTOMERS", "CustomerTable"]

CUSTOMERS: Table[Customer] = Table(
    "customers",
    "Customer",
    "customer",
    (
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
        "churned_on",
    ),
    json_columns=frozenset({"consent", "contacts", "profiles"}),
)


class CustomerTable(SqlBase):
    """The ``customers`` table."""

    def add_customer(self, customer: Customer) -> None:
        """Store a new customer."""
        self._add(CUSTOMERS, [customer])

    def add_customers(self, customers: list[Customer]) -> None:
        """Store many new customers at once."""
        self._add(CUSTOMERS, customers)

    def update_customer(self, customer: Customer) -> None:
        """Replace the stored customer with the same id."""
        self._replace(CUSTOMERS, customer)

    def get_customer(self, customer_id: str) -> Customer | None:
        """The customer with this id, or None."""
        return self._get(CUSTOMERS, "id", customer_id)

    def get_customer_data(self, customer_id: str) -> dict[str, Any] | None:
        """The customer with this id as the stored plain data (see :meth:`iter_customer_data`)."""
        row = self._get_row(CUSTOMERS, "id", customer_id)
        return None if row is None else CUSTOMERS.data(row)

    def find_customer_by_external_id(self, external_id: str) -> Customer | None:
        """The customer with this external id, or None."""
        return self._get(CUSTOMERS, "external_id", external_id)

    def _customers_among(self, column: str, values: Iterable[str]) -> dict[str, Customer]:
        index = CUSTOMERS.columns.index(column)
        return {
            row[index]: CUSTOMERS.value(self._conv, row, self.location)
            for row in self._rows_among(CUSTOMERS.select(), column, values)
        }

    def get_customers(self, customer_ids: Iterable[str]) -> dict[str, Customer]:
        """The customers with these ids, by id (unknown ids are left out)."""
        return self._customers_among("id", customer_ids)

    def find_customers_by_external_ids(self, external_ids: Iterable[str]) -> dict[str, Customer]:
        """The customers with these external ids, by external id."""
        return self._customers_among("external_id", external_ids)

    def customer_labels(self, customer_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``(name, manager)`` of the customers with these ids, by id (unknown ids left out)."""
        rows = self._rows_among("SELECT id, name, manager FROM customers", "id", customer_ids)
        return {row[0]: (row[1], row[2]) for row in rows}

    def customers_sharing(
        self, phones: Iterable[str], id_numbers: Iterable[str]
    ) -> list[tuple[str, str | None, str | None]]:
        """``(id, phone, id_number)`` of each customer with one of these phones or id numbers."""
        found: dict[str, tuple[str, str | None, str | None]] = {}
        select = "SELECT id, phone, id_number FROM customers"
        for column, values in (("phone", phones), ("id_number", id_numbers)):
            for row in self._rows_among(select, column, values):
                found[row[0]] = (row[0], row[1], row[2])
        return list(found.values())

    def iter_customer_data(
        self, where: CustomerFilter | None = None, batch_size: int = 1000
    ) -> Iterator[list[dict[str, Any]]]:
        """Customers as the plain data the converter makes of them, in id order, a batch at a time.

        For exports and listings: the stored data as it is, without structuring each row.
        """
        return self._data_pages(CUSTOMERS, self._where(where), batch_size)

    def _where(self, where: CustomerFilter | None) -> Conditions:
        where = where or CustomerFilter()
        conditions = self._conditions()
        if where.managers is not None:
            conditions.among("manager", where.managers)
        for column in ("tier", "status", "kind"):
            conditions.equal(column, getattr(where, column))
        if where.profile is not None:
            conditions.add(*self._has_profile(where.profile))
        if where.any_of is not None:
            chosen = [self._selection(selection) for selection in where.any_of]
            sql = "(" + (" OR ".join(sql for sql, _ in chosen) or "1 = 0") + ")"
            conditions.add(sql, [param for _, more in chosen for param in more])
        return conditions

    def _selection(self, selection: CustomerSelection) -> tuple[str, list[Any]]:
        """SQL for one selection; cheap conditions first, as the database tries them in order."""
        conditions = self._conditions()
        for column, values in (("kind", selection.kinds), ("tier", selection.tiers)):
            if values:
                conditions.among(column, (value.value for value in values))
        profile = selection.profile or ""
        if selection.profile is not None:
            # A number or list in the profile holds only where the profile is: then the
            # cheap hint is enough, and the JSON is read once, by that condition.
            implied = bool(selection.at_least or selection.contains)
            present = self._profile_hint if implied else self._has_profile
            conditions.add(*present(profile))
        for name, minimum in sorted(selection.at_least.items()):
            conditions.add(*self._profile_at_least(profile, name, minimum))
        for name, item in sorted(selection.contains.items()):
            conditions.add(*self._profile_list_has(profile, name, item))
        if selection.holding:
            held, codes = among(self.mark, "a.product", selection.holding)
            conditions.add(
                "EXISTS (SELECT 1 FROM agreements a WHERE a.customer = customers.id"
                f" AND a.status IN ('signed', 'active') AND {held})",
                codes,
            )
        return f"({conditions.sql()})", conditions.params

    def iter_customers(
        self, where: CustomerFilter | None = None, batch_size: int = 1000
    ) -> Iterator[list[Customer]]:
        """Customers in id order, a batch at a time (keyset pagination on ``seq``)."""
        return self._pages(CUSTOMERS, self._where(where), batch_size)

    def count_customers(self, where: CustomerFilter | None = None) -> int:
        """How many customers match."""
        conditions = self._where(where)
        sql = f"SELECT COUNT(*) FROM customers WHERE {conditions.sql()}"
        return self._execute(sql, conditions.params).fetchone()[0]
