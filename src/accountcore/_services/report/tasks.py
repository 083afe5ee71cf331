"""Tasks: the to-dos due in the month, and the escalations a supervisor received.

From the ``tasks`` records due in the month (created in it, when undated),
counted for the manager they are assigned to: ``due`` all of them;
``done_on_time`` done on or before the due day (or undated and done);
``done_late``; ``cancelled``; ``overdue`` open with the due day before today;
``open`` open, not late yet; ``escalated`` those given by one of his direct
reports (of any outcome).
"""

from __future__ import annotations

from .concern import Concern, Inputs
from .counts import Counts, bump, share
from .period import Period

__all__ = ["OUTCOMES", "TASKS"]

OUTCOMES = ("done_on_time", "done_late", "cancelled", "overdue", "open")


def tally(inputs: Inputs, period: Period) -> dict[str, Counts]:
    """Each manager's tasks due in the period, by outcome, and his escalations."""
    found = inputs.blank(lambda _: {"due": 0, **dict.fromkeys(OUTCOMES, 0), "escalated": 0})
    app = inputs.app
    for row in app.store.task_tallies(period.first, period.last, app.today, inputs.managers):
        counts = found.get(row.manager)
        if counts is None:
            continue
        bump(counts, ["due"], row.number)
        bump(counts, [row.outcome], row.number)
        if row.escalated:
            bump(counts, ["escalated"], row.number)
    return found


def derive(counts: Counts) -> Counts:
    """The share of the tasks due that were done on time (the cancelled left out)."""
    kept = counts["due"] - counts["cancelled"]
    return {**counts, "on_time_share": share(counts["done_on_time"], kept)}


TASKS = Concern("tasks", tally, derive)
