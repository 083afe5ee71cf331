"""Visit plans: the ones missed, the ones ahead, and changing a plan (cancel, move).

- A planned visit whose day has passed without a log is ``missed``: worked out
  on reading (``app.today``), never stored. It stays missed until it is logged
  on its day, moved to a day ahead or cancelled.
- Cancelling a planned (or missed) visit keeps it in the book as
  ``cancelled``, with its reason; moving one gives it a new day, today or
  later. A visit made (done) or already cancelled is neither cancelled nor
  moved. Both are audited (``visit.cancel``, ``visit.move``): the event holds
  the visit before and after, and the reason.
- Cancelled visits count nowhere: not as planned, missed or made, and not as
  a visit for the return-visit interval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from .._app import App
from .._convert import parse_date
from .._errors import BadInput, NotFound
from .._model import Visit, VisitStatus
from .._store import VisitFilter
from . import audit, scope
from .visits import customer_for_visits, planned_on, seen, visit_managers

__all__ = ["cancel_visit", "missed_visits", "move_visit", "planned_visits"]


def _managers(app: App, manager: str | None) -> frozenset[str] | None:
    managers = visit_managers(app)
    if manager is None:
        return managers
    return frozenset({manager}) if managers is None else managers & {manager}


def missed_visits(app: App, *, manager: str | None = None) -> Iterator[Visit]:
    """The planned visits whose day is before today and that were never logged, oldest first.

    Each comes with status ``missed``. The actor sees the visits to the
    customers he does the visits for (his own, his team's, delegated), as
    :func:`~.visits.overdue_visits` does; ``manager`` keeps one manager's
    customers. Streamed from the book.
    """
    where = VisitFilter(
        customer_managers=_managers(app, manager),
        status=VisitStatus.PLANNED.value,
        end=app.today - dt.timedelta(days=1),
    )
    return (seen(visit, app.today) for visit in app.store.iter_visits(where))


def planned_visits(app: App, until: dt.date, *, manager: str | None = None) -> Iterator[Visit]:
    """The visits planned from today to ``until`` (included), by date, in the same scope.

    Nothing when ``until`` is before today; missed and cancelled visits are
    not among them.
    """
    where = VisitFilter(
        customer_managers=_managers(app, manager),
        status=VisitStatus.PLANNED.value,
        start=app.today,
        end=until,
    )
    return app.store.iter_visits(where)


def _changeable(app: App, visit_id: str, change: str) -> tuple[Visit, str | None]:
    """The stored plan, if the actor may do the visits work for its customer; and for whom.

    The second is the manager the actor works on behalf of (None: his own customer).
    """
    visit = app.store.get_visit(visit_id)
    if visit is None:
        raise NotFound(f"unknown visit {visit_id!r}: see `accountcore visit list`")
    customer = customer_for_visits(app, visit.customer)
    if visit.status is VisitStatus.DONE:
        raise BadInput(
            f"visit {visit.id} was made on {visit.on}: a visit made cannot be {change};"
            " plan another with `accountcore visit plan`"
        )
    if visit.status is not VisitStatus.PLANNED:
        raise BadInput(
            f"visit {visit.id} is {visit.status.value}: only a planned or missed visit"
            f" can be {change}; plan another with `accountcore visit plan`"
        )
    return visit, scope.on_behalf_of(app, customer)


def _record(
    app: App, action: str, before: Visit, after: Visit, reason: str | None, for_: str | None
) -> None:
    app.store.update_visit(after)
    audit.record(
        app,
        action,
        "visit",
        after.id,
        before=before,
        after=after,
        on_behalf_of=for_,
        reason=reason,
    )


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip() or None


def cancel_visit(app: App, visit_id: str, *, reason: str) -> Visit:
    """Cancel a planned (or missed) visit, saying why; returns it, ``cancelled``.

    Refused (exit 1) for a visit to a customer the actor may not visit; bad
    input (exit 2) for no reason, an unknown visit, or one made or already
    cancelled. Nothing is written on any error.
    """
    why = _text(reason)
    if why is None:
        raise BadInput("--reason: say why the visit is cancelled")
    with app.store.transaction():
        visit, for_ = _changeable(app, visit_id, "cancelled")
        cancelled = attrs.evolve(visit, status=VisitStatus.CANCELLED, cancel_reason=why)
        _record(app, "visit.cancel", visit, cancelled, why, for_)
    return cancelled


def move_visit(app: App, visit_id: str, *, to: Any, reason: str | None = None) -> Visit:
    """Move a planned (or missed) visit to the day ``to`` (today or later); returns it.

    Refused (exit 1) for a visit to a customer the actor may not visit; bad
    input (exit 2) for a date that does not parse or has passed, the day it
    is already on, a day another visit to the customer is planned, an
    unknown visit, or one made or cancelled. Nothing is written on any error.
    """
    try:
        day = parse_date(to)
    except ValueError as exc:
        raise BadInput(f"--to: {exc}") from None
    if day < app.today:
        raise BadInput(
            f"--to {day}: that day has passed (today is {app.today});"
            " move a visit to today or later"
        )
    with app.store.transaction():
        visit, for_ = _changeable(app, visit_id, "moved")
        if visit.on == day:
            raise BadInput(f"--to {day}: visit {visit.id} is already planned that day")
        already = planned_on(app, visit.customer, day)
        if already is not None:
            raise BadInput(
                f"--to {day}: customer {visit.customer} already has visit {already.id}"
                " planned that day; cancel one of them"
            )
        moved = attrs.evolve(visit, on=day)
        _record(app, "visit.move", visit, moved, _text(reason), for_)
    return moved
