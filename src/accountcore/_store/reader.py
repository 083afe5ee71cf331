"""The book as plugins read it: exactly the documented :class:`accountcore.BookReader`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._model import Agreement, CareAction, Complaint, Customer, Manager, Visit
from .base import Store

__all__ = ["StoreReader"]


class StoreReader:
    """Read access to a store through the :class:`~accountcore.BookReader` methods only.

    Plugins get this, never the store: nothing here writes, and a plugin
    cannot reach past it to the store's other methods by accident.
    """

    __slots__ = ("_store",)

    def __init__(self, store: Store) -> None:
        self._store = store

    def get_customer(self, customer_id: str) -> Customer | None:
        """The customer with this id, or None."""
        return self._store.get_customer(customer_id)

    def iter_customers(self, batch_size: int = 1000) -> Iterator[list[Customer]]:
        """Every customer in the book, in id order, a batch at a time."""
        return self._store.iter_customers(batch_size=batch_size)

    def get_manager(self, manager_id: str) -> Manager | None:
        """The manager with this id, or None."""
        return self._store.get_manager(manager_id)

    def agreements_of(self, customer_id: str) -> list[Agreement]:
        """The customer's agreements, oldest first."""
        return self._store.agreements_of(customer_id)

    def agreements_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Agreement]]:
        """The agreements of a batch of customers, by customer id."""
        return self._store.agreements_of_many(customer_ids)

    def visits_of(self, customer_id: str) -> list[Visit]:
        """The customer's visits, planned and done, by date."""
        return self._store.visits_of(customer_id)

    def complaints_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Complaint]]:
        """The complaints of a batch of customers, by customer id, oldest first."""
        return self._store.complaints_of_many(customer_ids)

    def visits_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Visit]]:
        """The visits of a batch of customers (done and planned), by customer id, oldest first."""
        return self._store.visits_of_many(customer_ids)

    def care_actions_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[CareAction]]:
        """The care actions of a batch of customers, whatever their status, oldest first."""
        return self._store.care_actions_of_many(customer_ids)
