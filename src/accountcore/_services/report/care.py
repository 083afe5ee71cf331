"""Care: the actions due in the month and what became of them.

From the ``care_actions`` records whose due day is in the month, counted
for the customer's manager: ``due`` all of them; ``done_on_time`` closed on
or before the due day; ``done_late`` closed after it; ``skipped``;
``overdue`` still due with the due day before today; ``open`` still due and
not late yet; ``expired`` left undone past its period (a miss, counted as
due); ``lapsed`` withdrawn because its rule no longer found it due (the debt
was paid, the contract renewed): counted apart, not as due. Any other status
the book stores is counted under its name.
"""

from __future__ import annotations

from .concern import Concern, Inputs
from .counts import Counts, bump, share
from .period import Period

__all__ = ["CARE", "OUTCOMES"]

OUTCOMES = ("done_on_time", "done_late", "skipped", "overdue", "open", "expired", "lapsed")
# Actions their rule withdrew: never the manager's to do, so not among the due.
_WITHDRAWN = frozenset({"lapsed"})


def tally(inputs: Inputs, period: Period) -> dict[str, Counts]:
    """Each manager's care actions due in the period, by outcome."""
    found = inputs.blank(lambda _: {"due": 0, **dict.fromkeys(OUTCOMES, 0)})
    app = inputs.app
    for row in app.store.care_tallies(period.first, period.last, app.today, inputs.managers):
        if row.manager in found:
            if row.outcome not in _WITHDRAWN:
                bump(found[row.manager], ["due"], row.number)
            bump(found[row.manager], [row.outcome], row.number)
    return found


def derive(counts: Counts) -> Counts:
    """The share of the actions due that were done on time."""
    return {**counts, "on_time_share": share(counts["done_on_time"], counts["due"])}


CARE = Concern("care", tally, derive)
