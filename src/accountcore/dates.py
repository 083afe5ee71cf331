"""Calendar arithmetic the core and the plugins' rules share: months after a date, age on a day.

A month count follows the calendar, not a number of days: 24 months after
2024-11-23 is 2026-11-23. When the day does not exist in the target month
(31 January plus one month, 29 February plus a year), the period is reached
on the first day of the month after, as a birthday on 29 February is.
"""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = ["age_on", "months_after"]


def months_after(day: dt.date, months: int) -> dt.date:
    """The date ``months`` calendar months after ``day`` (before it when negative).

    When the target month is too short for ``day.day``, the first day of the
    month after it: ``months_after(2026-01-31, 1)`` is 2026-03-01.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if day.day <= calendar.monthrange(year, month)[1]:
        return dt.date(year, month, day.day)
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dt.date(year, month, 1)


def age_on(birthday: dt.date, day: dt.date) -> int:
    """Full years from ``birthday`` to ``day``: 65 on the 65th birthday itself.

    Someone born on 29 February turns a year older on 1 March in other years.
    """
    years = day.year - birthday.year
    if (day.month, day.day) < (birthday.month, birthday.day):
        years -= 1
    return years
