"""Visits: made against capacity and target, by purpose and channel, and their quality.

From the ``visits`` records dated in the month, counted for the manager who
made (or planned) them: ``made`` are done; ``missed`` were planned for a day
before today and never logged; ``planned`` are planned for today or later;
``development`` are made visits developing new customers;
``followed_by_agreement`` made visits after which the customer signed an
agreement within 30 days. ``capacity`` and ``target`` are the manager's.
"""

from __future__ import annotations

from ..._model import VisitChannel, VisitPurpose
from .concern import Concern, Inputs
from .counts import Counts, bump, share
from .period import Period

__all__ = ["VISITS"]


def _blank(inputs: Inputs) -> dict[str, Counts]:
    managers = {m.id: m for m in inputs.reach.managers}
    return inputs.blank(
        lambda m: {
            "made": 0,
            "capacity": managers[m].capacity,
            "target": managers[m].target,
            "development": 0,
            "followed_by_agreement": 0,
            "missed": 0,
            "planned": 0,
            "by_purpose": {p.value: 0 for p in VisitPurpose},
            "by_channel": {c.value: 0 for c in VisitChannel},
        }
    )


def tally(inputs: Inputs, period: Period) -> dict[str, Counts]:
    """Each manager's visits in the period."""
    found = _blank(inputs)
    app = inputs.app
    for row in app.store.visit_tallies(period.first, period.last, app.today, inputs.managers):
        counts = found.get(row.manager)
        if counts is None:
            continue
        for key in ("made", "missed", "planned", "followed_by_agreement"):
            bump(counts, [key], getattr(row, key))
        if row.purpose == VisitPurpose.DEVELOPMENT.value:
            bump(counts, ["development"], row.made)
        bump(counts, ["by_purpose", row.purpose], row.made)
        bump(counts, ["by_channel", row.channel], row.made)
    return found


def derive(counts: Counts) -> Counts:
    """The shares: development, followed by an agreement, capacity used, target reached."""
    made = counts["made"]
    return {
        **counts,
        "development_share": share(counts["development"], made),
        "followed_share": share(counts["followed_by_agreement"], made),
        "capacity_used": share(made, counts["capacity"]),
        "target_reached": share(made, counts["target"]),
    }


VISITS = Concern("visits", tally, derive)
