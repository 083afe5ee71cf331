"""What a hook implementation is told about the world: the date, its settings, the book."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from attrs import frozen

if TYPE_CHECKING:
    from ._model import Agreement, CareAction, Complaint, Customer, Manager, Visit

__all__ = ["BookReader", "Context"]


class BookReader(Protocol):
    """Read access to the book, as plugins see it."""

    def get_customer(self, customer_id: str) -> Customer | None:
        """The customer with this id, or None."""

    def iter_customers(self, batch_size: int = 1000) -> Iterator[list[Customer]]:
        """Every customer in the book, in id order, a batch at a time."""

    def get_manager(self, manager_id: str) -> Manager | None:
        """The manager with this id, or None."""

    def agreements_of(self, customer_id: str) -> list[Agreement]:
        """The customer's agreements, oldest first."""

    def agreements_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Agreement]]:
        """The agreements of a batch of customers, by customer id."""

    def visits_of(self, customer_id: str) -> list[Visit]:
        """The customer's visits, planned and done, by date."""

    def complaints_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Complaint]]:
        """The complaints of a batch of customers, by customer id, oldest first."""

    def visits_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Visit]]:
        """The visits of a batch of customers (done and planned), by customer id, oldest first."""

    def care_actions_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[CareAction]]:
        """The care actions of a batch of customers, whatever their status, oldest first."""


@frozen
class Context:
    """Passed to every hook that takes ``context``.

    ``today`` is the date the command runs for (``--today`` overrides the
    clock, for planning and tests); ``settings`` is an instance of the class
    the plugin registered with ``register_settings`` (None when it registered
    none); ``book`` reads the book.
    """

    today: dt.date
    settings: Any
    book: BookReader
