"""The customers the daily rules see: those in scope who have not churned, a batch at a time.

Care and retention rules get customers in batches (never one call per
customer, never the whole book in memory). A churned customer has left: no
rule cares for him or warns about him (the care batch still sees him, to
close the actions he had due).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._app import App
from .._model import Customer, CustomerStatus
from .._store import CustomerFilter

__all__ = ["BATCH_SIZE", "customer_batches", "living", "living_batches"]

BATCH_SIZE = 1000


def customer_batches(app: App, managers: frozenset[str] | None) -> Iterator[list[Customer]]:
    """The customers of ``managers`` (None: all), churned or not, in id order, in batches."""
    yield from app.store.iter_customers(CustomerFilter(managers=managers), BATCH_SIZE)


def living(customers: Iterable[Customer]) -> list[Customer]:
    """The customers of a batch who have not churned."""
    return [customer for customer in customers if customer.status is not CustomerStatus.CHURNED]


def living_batches(app: App, managers: frozenset[str] | None) -> Iterator[list[Customer]]:
    """The customers of ``managers`` (None: all) who have not churned, in id order, in batches."""
    for batch in customer_batches(app, managers):
        alive = living(batch)
        if alive:
            yield alive
