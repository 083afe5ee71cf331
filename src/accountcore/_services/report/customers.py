"""Customers: new ones, those lost, and the churn rate, by tier and industry.

From the ``customers`` records of the manager whose name they are under,
and the audit trail: ``new`` were created in the month; ``churned`` have a
churned file whose change to churned the audit trail dates in the month;
``at_start`` were created before the month and had not churned before it.
``churn_rate`` is churned over at_start. A customer's industry is the first
plugin (in plugin order) whose profile he has; ``none`` without one.
"""

from __future__ import annotations

from ..._model import Tier
from .concern import Concern, Inputs
from .counts import Counts, bump, share
from .period import Period

__all__ = ["CUSTOMERS"]

_COUNTS = ("at_start", "new", "churned")


def tally(inputs: Inputs, period: Period) -> dict[str, Counts]:
    """Each manager's customers at the start of the period, new and churned in it."""
    industries = list(inputs.app.hooks.profiles)
    found = inputs.blank(
        lambda _: {
            **dict.fromkeys(_COUNTS, 0),
            "by_tier": {t.value: dict.fromkeys(_COUNTS, 0) for t in Tier},
            "by_industry": {i: dict.fromkeys(_COUNTS, 0) for i in [*industries, "none"]},
        }
    )
    rows = inputs.app.store.customer_tallies(period.first, period.last, industries, inputs.managers)
    for row in rows:
        counts = found.get(row.manager)
        if counts is None:
            continue
        for key in _COUNTS:
            value = getattr(row, key)
            bump(counts, [key], value)
            bump(counts, ["by_tier", row.tier, key], value)
            bump(counts, ["by_industry", row.industry or "none", key], value)
    return found


def derive(counts: Counts) -> Counts:
    """The churn rate: customers churned in the period over those at its start."""
    return {**counts, "churn_rate": share(counts["churned"], counts["at_start"])}


CUSTOMERS = Concern("customers", tally, derive)
