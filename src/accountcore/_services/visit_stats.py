"""Each manager's month of visits: quantity against capacity and target, and quality.

Quantity: visits made (done), still planned (today or later) and missed
(planned for a day gone by, never logged) in the month, against the
manager's capacity (44 half-day visits a month by default) and target (15);
cancelled visits count nowhere. A manager whose visits made and still
planned in the month are more than his capacity is ``over_capacity``, with a
``warning`` saying so (his capacity is his: ``accountcore manager update ID
--capacity N``).
Quality: the share of visits made that develop new customers (purpose
``development``), and the visits after which the same customer signed an
agreement within 30 days (counted as far as today's book knows).

Pace: the target is spread over the working days (Monday to Friday) of the
month; by today a manager is expected to have made his target times the
share of working days gone (all of it for a past month, none for a month to
come). He is ``behind`` when his visits made fall under the core's
``visit_pace_warning`` share (80%) of that. Visits count for the manager who
made them, a deputy's included.
"""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from .._app import App
from .._model import Manager
from .._store import VisitCounts
from ..dates import working_days
from .visits import parse_month, visit_managers

__all__ = ["VisitStats", "visit_stats"]


@frozen
class VisitStats:
    """One manager's visits in one month.

    ``expected`` is the target scaled to the working days gone, ``pace`` the
    visits made over it (None before the month starts), ``behind`` whether
    the pace is under the core's warning share. ``over_capacity``: visits
    still planned, and with those made more than ``capacity``; ``warning``
    then says so, and what to do.
    """

    manager: str
    name: str
    month: str
    made: int
    planned: int
    missed: int
    capacity: int
    target: int
    development: int
    development_share: float | None
    followed_by_agreement: int
    expected: float
    pace: float | None
    behind: bool
    over_capacity: bool = False
    warning: str | None = None


def _share_gone(first: dt.date, last: dt.date, today: dt.date) -> float:
    """The share of the month's working days gone by the end of ``today``."""
    if today < first:
        return 0.0
    if today >= last:
        return 1.0
    return working_days(first, today) / working_days(first, last)


def _capacity_warning(manager: Manager, month: str, counts: VisitCounts) -> str | None:
    """What to say when the month's visits made and still planned exceed his capacity."""
    load = counts.made + counts.planned
    if counts.planned == 0 or load <= manager.capacity:
        return None
    return (
        f"{manager.id} ({manager.name}) has {load} visits made and planned in {month},"
        f" over his capacity of {manager.capacity} a month: move or cancel some"
        " (`accountcore visit move|cancel`), or change his capacity with"
        f" `accountcore manager update {manager.id} --capacity N`"
    )


def _stats(
    manager: Manager, month: str, counts: VisitCounts, share: float, pace_warning: float
) -> VisitStats:
    expected = manager.target * share
    pace = counts.made / expected if expected else None
    warning = _capacity_warning(manager, month, counts)
    return VisitStats(
        manager=manager.id,
        name=manager.name,
        month=month,
        made=counts.made,
        planned=counts.planned,
        missed=counts.missed,
        capacity=manager.capacity,
        target=manager.target,
        development=counts.development,
        development_share=round(counts.development / counts.made, 3) if counts.made else None,
        followed_by_agreement=counts.followed_by_agreement,
        expected=round(expected, 2),
        pace=None if pace is None else round(pace, 3),
        behind=pace is not None and pace < pace_warning,
        over_capacity=warning is not None,
        warning=warning,
    )


def visit_stats(app: App, *, month: str | None = None) -> list[VisitStats]:
    """Per manager the actor may see, his visits in ``month`` (YYYY-MM; default this month).

    Every active manager is listed, those without a visit too (they are the
    ones behind); an inactive one only if he has visits that month.
    """
    label = month.strip() if month is not None else f"{app.today:%Y-%m}"
    first, last = parse_month(label)
    managers = visit_managers(app)
    counted = {c.manager: c for c in app.store.visit_counts(first, last, app.today, managers)}
    share = _share_gone(first, last, app.today)
    warning = app.settings["core"].visit_pace_warning
    found = []
    for manager in app.store.list_managers():
        if managers is not None and manager.id not in managers:
            continue
        if not manager.active and manager.id not in counted:
            continue
        counts = counted.get(manager.id, VisitCounts(manager.id, 0, 0, 0, 0, 0))
        found.append(_stats(manager, label, counts, share, warning))
    return found
