"""Agreements: signed and terminated in the month, by product family and industry.

From the ``agreements`` records, counted for the manager who signed them:
``signed`` have their signing day in the month, ``terminated`` their
termination day. A product's family is its category in the catalogue of the
loaded plugins and its industry the plugin's industry; a product no loaded
plugin offers counts under family ``unknown`` and the industry its code
starts with.
"""

from __future__ import annotations

from .concern import Concern, Inputs
from .counts import Counts, bump
from .period import Period

__all__ = ["AGREEMENTS"]


def tally(inputs: Inputs, period: Period) -> dict[str, Counts]:
    """Each manager's agreements signed and terminated in the period."""
    products = inputs.app.hooks.products
    found = inputs.blank(lambda _: {"signed": 0, "terminated": 0})
    rows = inputs.app.store.agreement_tallies(period.first, period.last, inputs.managers)
    for row in rows:
        counts = found.get(row.manager)
        if counts is None:
            continue
        product = products.get(row.product)
        family = product.category if product else "unknown"
        industry = product.industry if product else row.product.split(".", 1)[0]
        for key in ("signed", "terminated"):
            value = getattr(row, key)
            bump(counts, [key], value)
            bump(counts, ["by_family", family, key], value)
            bump(counts, ["by_industry", industry, key], value)
    return found


def derive(counts: Counts) -> Counts:
    """Nothing to derive: the counts are the figures."""
    return counts


AGREEMENTS = Concern("agreements", tally, derive)
