"""The calendar of the domain: months after a date, age on a day, anniversaries, lapses,
and the periods of care actions.

Compliance, care and retention rules of the core and of every plugin count days
the same way through these functions, so that "29 February", "24 months of
trading", "older than a year" or "this quarter" mean one thing everywhere.
A month count follows the calendar, not a number of days: 24 months after
2024-11-23 is 2026-11-23. When the day does not exist in the target month
(31 January plus one month, 29 February plus a year), the period is reached
on the first day of the month after, as a birthday on 29 February is.
"""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = [
    "age_on",
    "anniversary",
    "lapse_notice",
    "lapses_on",
    "last_anniversary",
    "month_bounds",
    "month_end",
    "months_after",
    "months_between",
    "quarter_end",
    "quarter_key",
    "term_end",
    "week_key",
    "working_days",
]


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


def anniversary(date: dt.date, year: int) -> dt.date:
    """``date``'s anniversary in ``year``; 29 February falls on 28 February in other years."""
    try:
        return date.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def last_anniversary(date: dt.date, today: dt.date) -> dt.date | None:
    """The latest anniversary of ``date`` on or before ``today`` (not ``date`` itself), or None."""
    occasion = anniversary(date, today.year)
    if occasion > today:
        occasion = anniversary(date, today.year - 1)
    return occasion if occasion.year > date.year else None


def lapses_on(start: dt.date, valid_days: int) -> dt.date:
    """The first day on which something dated ``start`` is older than ``valid_days`` days."""
    return start + dt.timedelta(days=valid_days + 1)


def lapse_notice(
    start: dt.date, valid_days: int, notice_days: int, today: dt.date
) -> tuple[dt.date, dt.date] | None:
    """``(notice day, lapse day)`` while a reminder is due; None before the notice or once lapsed.

    Something dated ``start`` is valid ``valid_days`` days (:func:`lapses_on`);
    the reminder is due from ``notice_days`` before it lapses to the day before.
    """
    lapses = lapses_on(start, valid_days)
    notice = lapses - dt.timedelta(days=notice_days)
    return (notice, lapses) if notice <= today < lapses else None


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (2026-01-31 to 2026-02-28 is 0, to 03-01 is 1)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def quarter_key(day: dt.date) -> str:
    """The quarter ``day`` is in, as a care period: ``2026-Q4``."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s quarter (a quarterly care action's ``expires_on``)."""
    return month_end(dt.date(day.year, (day.month - 1) // 3 * 3 + 3, 1))


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month (a monthly care action's ``expires_on``)."""
    return month_bounds(day)[1]


def week_key(day: dt.date) -> str:
    """The ISO week ``day`` is in, as a care period: ``2026-W48``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def term_end(start: dt.date, months: int) -> dt.date:
    """The last day of a term of ``months`` from ``start``: the day before the same date then."""
    return months_after(start, months) - dt.timedelta(days=1)


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day of ``day``'s month."""
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def working_days(first: dt.date, last: dt.date) -> int:
    """Monday-to-Friday days from ``first`` to ``last``, both included (0 if last < first)."""
    days = (last - first).days + 1
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    extra = sum(1 for n in range(rest) if (first.weekday() + n) % 7 < 5)
    return weeks * 5 + extra
