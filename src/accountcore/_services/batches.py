"""The customers the daily rules see: those in scope who have not churned, a batch at a time.

Care and retention rules get customers in batches (never one call per
customer, never the whole book in memory). A churned customer has left: no
rule cares for him or warns about him.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._app import App
from .._model import Customer, CustomerStatus
from .._store import CustomerFilter

__all__ = ["BATCH_SIZE", "living_batches"]

BATCH_SIZE = 1000


def living_batches(app: App, managers: frozenset[str] | None) -> Iterator[list[Customer]]:
    """The customers of ``managers`` (None: all) who have not churned, in id order, in batches."""
    for batch in app.store.iter_customers(CustomerFilter(managers=managers), BATCH_SIZE):
        living = [customer for customer in batch if customer.status is not CustomerStatus.CHURNED]
        if living:
            yield living
