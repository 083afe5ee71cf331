"""Complaints: opened in the month, closed within the deadline or not, by severity.

From the ``complaints`` records opened in the month, counted for the
manager they were opened for: ``opened``; ``closed_in_time`` replied on or
before the deadline; ``closed_late`` replied after it; ``overdue`` not
replied and the deadline before today; ``open`` not replied, deadline still
ahead. ``by_severity`` holds the same counts per severity.
"""

from __future__ import annotations

from ..._model import ComplaintSeverity
from .concern import Concern, Inputs
from .counts import Counts, bump, share
from .period import Period

__all__ = ["COMPLAINTS", "OUTCOMES"]

OUTCOMES = ("closed_in_time", "closed_late", "overdue", "open")


def _blank() -> Counts:
    return {"opened": 0, **dict.fromkeys(OUTCOMES, 0)}


def tally(inputs: Inputs, period: Period) -> dict[str, Counts]:
    """Each manager's complaints opened in the period, by severity and outcome."""
    found = inputs.blank(
        lambda _: {**_blank(), "by_severity": {s.value: _blank() for s in ComplaintSeverity}}
    )
    app = inputs.app
    for row in app.store.complaint_tallies(period.first, period.last, app.today, inputs.managers):
        counts = found.get(row.manager)
        if counts is None:
            continue
        for keys in (["opened"], [row.outcome]):
            bump(counts, keys, row.number)
            bump(counts, ["by_severity", row.severity, *keys], row.number)
    return found


def derive(counts: Counts) -> Counts:
    """The share of the complaints opened that were closed within their deadline."""
    return {**counts, "in_deadline_share": share(counts["closed_in_time"], counts["opened"])}


COMPLAINTS = Concern("complaints", tally, derive)
