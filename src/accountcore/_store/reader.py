"""The book as plugins read it: exactly the documented :class:`accountcore.BookReader`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .base import Store

if TYPE_CHECKING:
    from .._model import Agreement, CareAction, Complaint, Customer, Manager, Visit

__all__ = ["BatchCache", "StoreReader"]


class BatchCache:
    """A batch's records, read once for every hook of the batch (and every plugin).

    Inside :meth:`batch` the agreements, complaints and visits of a customer
    are read from the book once and handed again to each later question; the
    batch writes none of them (care actions, which it writes, are always read
    afresh). Outside a batch, every question goes to the book.
    """

    __slots__ = ("_kinds",)

    def __init__(self) -> None:
        self._kinds: dict[str, dict[str, list[Any]]] | None = None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Keep the records read until the block ends (a nested batch joins the outer one)."""
        if self._kinds is not None:
            yield
            return
        self._kinds = {}
        try:
            yield
        finally:
            self._kinds = None

    def many(
        self, kind: str, fetch: Callable[[list[str]], dict[str, list[Any]]], ids: Iterable[str]
    ) -> dict[str, list[Any]]:
        """``fetch(ids)``, its answers for customers already read this batch not read again."""
        wanted = list(ids)
        if self._kinds is None:
            return fetch(wanted)
        known = self._kinds.setdefault(kind, {})
        missing = [i for i in dict.fromkeys(wanted) if i not in known]
        if missing:
            known.update(fetch(missing))
        # Lists of their own: a hook that changes its answer changes no other hook's.
        return {i: list(known[i]) for i in wanted if i in known}


class StoreReader:
    """Read access to a store through the :class:`~accountcore.BookReader` methods only.

    Plugins get this, never the store: nothing here writes, and a plugin
    cannot reach past it to the store's other methods by accident.
    """

    __slots__ = ("_cache", "_store")

    def __init__(self, store: Store, cache: BatchCache | None = None) -> None:
        self._store = store
        self._cache = cache or BatchCache()

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
        return self.agreements_of_many([customer_id])[customer_id]

    def agreements_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Agreement]]:
        """The agreements of a batch of customers, by customer id."""
        return self._cache.many("agreements", self._store.agreements_of_many, customer_ids)

    def visits_of(self, customer_id: str) -> list[Visit]:
        """The customer's visits, planned and done, by date."""
        return self._store.visits_of(customer_id)

    def complaints_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Complaint]]:
        """The complaints of a batch of customers, by customer id, oldest first."""
        return self._cache.many("complaints", self._store.complaints_of_many, customer_ids)

    def visits_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Visit]]:
        """The visits of a batch of customers (done and planned), by customer id, oldest first."""
        return self._cache.many("visits", self._store.visits_of_many, customer_ids)

    def care_actions_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[CareAction]]:
        """The care actions of a batch of customers, whatever their status, oldest first."""
        return self._store.care_actions_of_many(customer_ids)
