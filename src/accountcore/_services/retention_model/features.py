"""The features of the book's customers, from every plugin's ``retention_features``.

Leavers are described as they were on the day they left (``churned_on``):
the hooks get that day as ``context.today``, so nothing after it counts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..._app import App
from ..._errors import BadInput
from ..._model import Customer, CustomerStatus
from ..._store import CustomerFilter

__all__ = ["features_of", "labelled_batches"]

BATCH_SIZE = 1000


def features_of(
    app: App, customers: Sequence[Customer], on: dt.date | None = None
) -> tuple[list[dict[str, float]], dict[str, str]]:
    """Each customer's features (name -> value) as of ``on``, and what each name means.

    A value that is not a finite number is BadInput naming plugin, feature and customer.
    """
    rows: dict[str, dict[str, float]] = {customer.id: {} for customer in customers}
    explained: dict[str, str] = {}
    for answer in app.hooks.retention_features(customers, on):
        for name, value in answer.values.items():
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
            ):
                raise BadInput(
                    f"plugin {answer.plugin!r} gave feature {name!r} of {answer.customer}"
                    f" as {value!r}: a feature is a finite number; fix or disable the plugin"
                )
            rows[answer.customer][name] = float(value)
            explained.setdefault(name, answer.explained.get(name, name))
    return [rows[customer.id] for customer in customers], explained


def labelled_batches(app: App) -> Iterator[tuple[list[Customer], int, dt.date]]:
    """The book's stayers (active, as of today) and leavers (as of the day each left).

    Yields ``(customers, label, day)``: label 0 for stayers, 1 for leavers.
    Leavers are grouped by their churn date, stayers a batch at a time.
    """
    leavers: dict[dt.date, list[Customer]] = defaultdict(list)
    for batch in app.store.iter_customers(CustomerFilter(), BATCH_SIZE):
        stayers = [c for c in batch if c.status is CustomerStatus.ACTIVE]
        if stayers:
            yield stayers, 0, app.today
        for customer in batch:
            if customer.status is CustomerStatus.CHURNED and customer.churned_on is not None:
                day = min(customer.churned_on, app.today)
                leavers[day].append(customer)
                if len(leavers[day]) >= BATCH_SIZE:
                    yield leavers.pop(day), 1, day
    for day, customers in sorted(leavers.items()):
        yield customers, 1, day
