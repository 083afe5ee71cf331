"""Compliance: the findings still open on agreements in force, by severity and rule.

From the findings recorded on each ``agreements`` record when it was signed
(warnings, and blocks a supervisor overrode), for the agreements signed or
active on the month's last day (today for the month under way), counted for
the manager who signed them. A full re-check (``compliance check --all``)
runs every plugin's rules on every customer; the report does not.
"""

from __future__ import annotations

from ..._model import Severity
from .concern import Concern, Inputs
from .counts import Counts, bump
from .period import Period

__all__ = ["COMPLIANCE"]


def tally(inputs: Inputs, period: Period) -> dict[str, Counts]:
    """Each manager's open findings at the end of the period (or today)."""
    day = min(period.last, inputs.app.today)
    found = inputs.blank(
        lambda _: {"open": 0, "by_severity": {s.value: 0 for s in Severity}, "by_rule": {}}
    )
    for row in inputs.app.store.finding_tallies(day, inputs.managers):
        counts = found.get(row.manager)
        if counts is None:
            continue
        bump(counts, ["open"], row.number)
        bump(counts, ["by_severity", row.severity], row.number)
        bump(counts, ["by_rule", row.rule], row.number)
    return found


def derive(counts: Counts) -> Counts:
    """Nothing to derive: the counts are the figures."""
    return counts


COMPLIANCE = Concern("compliance", tally, derive)
