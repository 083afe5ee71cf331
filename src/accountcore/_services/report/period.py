"""The months a report covers: one ``--month``, or ``--from`` to ``--to`` month by month."""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from ..._errors import BadInput
from ...dates import month_bounds, months_after

__all__ = ["MAX_MONTHS", "Period", "months"]

MAX_MONTHS = 60


@frozen
class Period:
    """One month of a report: its label (YYYY-MM) and its first and last day."""

    month: str
    first: dt.date
    last: dt.date


def _first_day(option: str, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{label.strip()}-01")
    except (AttributeError, ValueError):
        raise BadInput(
            f"{option} {label!r}: expected a month as YYYY-MM, such as 2026-11"
        ) from None


def months(
    today: dt.date, month: str | None = None, start: str | None = None, end: str | None = None
) -> list[Period]:
    """The report's months, oldest first (default: the month of ``today``).

    ``month`` is one month; ``start`` and ``end`` a range (``end`` defaults
    to the month of ``today``). Bad or mixed options are BadInput.
    """
    if month is not None and (start is not None or end is not None):
        raise BadInput("give either --month or --from/--to, not both")
    if month is not None:
        first = last = _first_day("--month", month)
    elif start is not None or end is not None:
        first = _first_day("--from", start) if start is not None else today.replace(day=1)
        last = _first_day("--to", end) if end is not None else today.replace(day=1)
        if start is None:
            raise BadInput("--to needs --from: give the first month of the range")
    else:
        first = last = today.replace(day=1)
    if last < first:
        raise BadInput(f"--to {last:%Y-%m} is before --from {first:%Y-%m}")
    found: list[Period] = []
    day = first
    while day <= last:
        if len(found) == MAX_MONTHS:
            raise BadInput(f"a report covers at most {MAX_MONTHS} months: shorten --from/--to")
        bounds = month_bounds(day)
        found.append(Period(f"{day:%Y-%m}", *bounds))
        day = months_after(day, 1)
    return found
