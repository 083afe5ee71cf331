"""Visits: planned, logged and followed up; who is overdue for a return visit; the month's work.

- A visit is logged once it has happened (never after today) and planned for
  today or later. Logging a visit to a customer on a day a visit to him was
  planned fulfils that planned visit (the first one, by id): it becomes the
  done visit, keeping its id, its agenda and where it came from.
- A next step (with its date) becomes a visit planned for that date, with the
  purpose and channel of the visit it follows, unless one is already planned
  for the customer that day.
- The visit is made by the acting manager (the customer's manager when the
  administrator logs it); work on another manager's customer is recorded on
  his behalf, in the visit and in the audit trail.
- A planned visit whose day has passed without a log is shown as ``missed``:
  worked out on reading, never stored (logging it on its day still fulfils
  it). Cancelling and moving a visit: :mod:`.visit_changes`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs
from attrs import frozen

from .._app import App
from .._convert import parse_date
from .._errors import BadInput, NotFound
from .._model import Customer, OverdueVisit, Tier, Visit, VisitChannel, VisitPurpose, VisitStatus
from .._store import CustomerFilter, VisitFilter
from ..dates import month_bounds
from . import audit, scope
from .customers import get_customer

__all__ = [
    "Logged",
    "customer_for_visits",
    "get_visit",
    "history_problems",
    "iter_visits",
    "log_visit",
    "overdue_visits",
    "parse_month",
    "plan_visit",
    "planned_on",
    "seen",
    "visit_managers",
]

RESPONSIBILITY = "visits"


@frozen
class Logged:
    """What logging a visit did: the done visit, and the visit its next step planned."""

    visit: Visit
    fulfilled: bool = False
    next_visit: Visit | None = None
    next_was_planned: bool = False


def _choice(enum: Any, value: Any, option: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise BadInput(f"{option} {value!r}: expected one of {choices}") from None


def _date(value: Any, option: str) -> dt.date:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise BadInput(f"{option}: {exc}") from None


def _text(value: str | None) -> str | None:
    """The text without surrounding blanks; None for no text at all."""
    if value is None:
        return None
    return value.strip() or None


def parse_month(month: str) -> tuple[dt.date, dt.date]:
    """The first and last day of ``YYYY-MM``; BadInput names ``--month`` otherwise."""
    try:
        first = dt.date.fromisoformat(f"{month.strip()}-01")
    except (AttributeError, ValueError):
        raise BadInput(f"--month {month!r}: expected a month as YYYY-MM, such as 2026-12") from None
    return month_bounds(first)


def customer_for_visits(app: App, customer_id: str) -> Customer:
    """The customer, if the actor may do the ``visits`` work for him (exit 1 otherwise)."""
    customer = get_customer(app, customer_id)
    scope.ensure_in_scope(app, customer, RESPONSIBILITY)
    return customer


def planned_on(app: App, customer_id: str, day: dt.date) -> Visit | None:
    """The first visit (by id) planned to the customer on ``day``, or None."""
    where = VisitFilter(customer=customer_id, status=VisitStatus.PLANNED.value, start=day, end=day)
    return next(app.store.iter_visits(where, batch_size=1), None)


def _new_planned(app: App, customer: Customer, **fields: Any) -> Visit:
    visit = Visit(
        id=app.store.next_id("v"),
        customer=customer.id,
        manager=app.actor or customer.manager,
        status=VisitStatus.PLANNED,
        on_behalf_of=scope.on_behalf_of(app, customer),
        **fields,
    )
    app.store.add_visit(visit)
    audit.record(app, "visit.plan", "visit", visit.id, after=visit, on_behalf_of=visit.on_behalf_of)
    return visit


def plan_visit(
    app: App,
    customer_id: str,
    *,
    on: Any,
    purpose: Any,
    channel: Any,
    agenda: str | None = None,
) -> Visit:
    """Plan a visit to the customer on ``on`` (today or later); returns it (``v-N``).

    Refused (exit 1) for a customer the actor may not visit; bad input (exit
    2) for a day already gone or a visit to him already planned that day.
    """
    day = _date(on, "--on")
    why, how = (
        _choice(VisitPurpose, purpose, "--purpose"),
        _choice(VisitChannel, channel, "--channel"),
    )
    if day < app.today:
        raise BadInput(
            f"--on {day}: that day has passed (today is {app.today});"
            " log a visit that happened with `accountcore visit log`"
        )
    with app.store.transaction():
        customer = customer_for_visits(app, customer_id)
        already = planned_on(app, customer.id, day)
        if already is not None:
            raise BadInput(
                f"customer {customer.id} already has visit {already.id} planned on {day}"
            )
        return _new_planned(app, customer, on=day, purpose=why, channel=how, agenda=_text(agenda))


def _check_next_step(
    step: str | None, next_on: dt.date | None, day: dt.date, today: dt.date
) -> None:
    if step is not None and next_on is None:
        raise BadInput("--next-step needs --next-on: the date the next step is planned for")
    if next_on is not None and step is None:
        raise BadInput("--next-on needs --next-step: say what the next step is")
    if next_on is not None and next_on < day:
        raise BadInput(f"--next-on {next_on} is before the visit ({day}): a next step comes after")
    if next_on is not None and next_on < today:
        raise BadInput(
            f"--next-on {next_on}: that day has passed (today is {today});"
            " a next step is planned for today or later"
        )


def history_problems(app: App, visit: Visit) -> list[tuple[str, str]]:
    """The rules a visit brought in from the past keeps, broken: ``(field, problem)`` pairs.

    A done visit has happened (not after today), a planned one is today or
    later; a next step goes with its date, which is not before the visit.
    Next steps already past are history, not an error.
    """
    problems = []
    if visit.status is VisitStatus.MISSED:
        problems.append(
            ("status", "missed is worked out, never recorded: bring it in as planned or done")
        )
    if visit.status is VisitStatus.DONE and visit.on > app.today:
        problems.append(("on", f"{visit.on} is after today ({app.today}): a done visit happened"))
    if visit.status is VisitStatus.PLANNED and visit.on < app.today:
        problems.append(
            ("on", f"{visit.on} has passed (today is {app.today}): a planned visit is ahead")
        )
    if (visit.next_step is None) != (visit.next_on is None):
        problems.append(("next_on", "a next step and its date (next_on) go together"))
    if visit.next_on is not None and visit.next_on < visit.on:
        problems.append(("next_on", f"{visit.next_on} is before the visit ({visit.on})"))
    return problems


def log_visit(
    app: App,
    customer_id: str,
    *,
    purpose: Any,
    channel: Any,
    on: Any = None,
    outcome: str | None = None,
    next_step: str | None = None,
    next_on: Any = None,
) -> Logged:
    """Log a visit made on ``on`` (default today, never later); a next step plans the next visit.

    Refused (exit 1) for a customer the actor may not visit; bad input (exit
    2) for a day after today or a next step without its date (or the other
    way round, or dated before the visit). Nothing is written on any error.
    """
    day = app.today if on is None else _date(on, "--on")
    why, how = (
        _choice(VisitPurpose, purpose, "--purpose"),
        _choice(VisitChannel, channel, "--channel"),
    )
    step = _text(next_step)
    next_day = None if next_on is None else _date(next_on, "--next-on")
    if day > app.today:
        raise BadInput(
            f"--on {day} is after today ({app.today}): log a visit once it has happened,"
            " or plan it with `accountcore visit plan`"
        )
    _check_next_step(step, next_day, day, app.today)
    with app.store.transaction():
        customer = customer_for_visits(app, customer_id)
        planned = planned_on(app, customer.id, day)
        done = Visit(
            id=planned.id if planned else app.store.next_id("v"),
            customer=customer.id,
            manager=app.actor or customer.manager,
            on=day,
            channel=how,
            purpose=why,
            status=VisitStatus.DONE,
            outcome=_text(outcome),
            next_step=step,
            next_on=next_day,
            on_behalf_of=scope.on_behalf_of(app, customer),
            agenda=planned.agenda if planned else None,
            follows=planned.follows if planned else None,
        )
        if planned is None:
            app.store.add_visit(done)
        else:
            app.store.update_visit(done)
        audit.record(
            app,
            "visit.log",
            "visit",
            done.id,
            before=planned,
            after=done,
            on_behalf_of=done.on_behalf_of,
        )
        logged = Logged(done, fulfilled=planned is not None)
        if next_day is not None:
            existing = planned_on(app, customer.id, next_day)
            if existing is not None:
                return attrs.evolve(logged, next_visit=existing, next_was_planned=True)
            follow_up = _new_planned(
                app, customer, on=next_day, purpose=why, channel=how, agenda=step, follows=done.id
            )
            logged = attrs.evolve(logged, next_visit=follow_up)
    return logged


def seen(visit: Visit, today: dt.date) -> Visit:
    """The visit as shown on ``today``: ``missed`` if it was planned for a day gone by."""
    if visit.status is VisitStatus.PLANNED and visit.on < today:
        return attrs.evolve(visit, status=VisitStatus.MISSED)
    return visit


def get_visit(app: App, visit_id: str) -> Visit:
    """The visit with this id, if the actor may see its customer (missed if it is)."""
    visit = app.store.get_visit(visit_id)
    if visit is None:
        raise NotFound(f"unknown visit {visit_id!r}: see `accountcore visit list`")
    get_customer(app, visit.customer)
    return seen(visit, app.today)


def iter_visits(
    app: App,
    *,
    manager: str | None = None,
    month: str | None = None,
    customer: str | None = None,
    status: str | None = None,
) -> Iterator[Visit]:
    """The visits to customers the actor may see, by date, streamed from the book.

    ``manager`` keeps the visits he made or plans; ``month`` (YYYY-MM) those of
    that month; ``customer`` one customer's; ``status`` the planned (today or
    later), missed, done or cancelled ones.
    """
    start, end = parse_month(month) if month is not None else (None, None)
    chosen = None if status is None else _choice(VisitStatus, status, "--status")
    if chosen is VisitStatus.PLANNED:
        start = app.today if start is None else max(start, app.today)
    elif chosen is VisitStatus.MISSED:
        chosen, yesterday = VisitStatus.PLANNED, app.today - dt.timedelta(days=1)
        end = yesterday if end is None else min(end, yesterday)
    if customer is not None:
        get_customer(app, customer)
    where = VisitFilter(
        customer=customer,
        managers=None if manager is None else frozenset({manager}),
        customer_managers=scope.visible_managers(app),
        status=None if chosen is None else chosen.value,
        start=start,
        end=end,
    )
    return (seen(visit, app.today) for visit in app.store.iter_visits(where))


def visit_managers(app: App) -> frozenset[str] | None:
    """The managers whose customers the actor does the ``visits`` work for (None: all)."""
    held = scope.scope_of(app)
    if held is None:
        return None
    return frozenset(m for m in held.managers if held.covers(m, RESPONSIBILITY))


def _plugin_intervals(app: App, managers: frozenset[str] | None) -> Iterator[tuple[str, int, str]]:
    """``(customer, days, plugin)`` for each customer a plugin's ``visit_policy`` answers for.

    Only the customers the plugins name as candidates are read from the book
    and asked about, a batch at a time, with the batch's agreements read once
    for the policies that look at them (``context.book``), not once a customer.
    """
    candidates = app.hooks.visit_policy_candidates()
    if candidates == []:
        return
    where = CustomerFilter(
        managers=managers, any_of=None if candidates is None else tuple(candidates)
    )
    for batch in app.store.iter_customers(where):
        with app.batch_cache.batch():
            app.batch_cache.many("agreements", app.store.agreements_of_many, (c.id for c in batch))
            answers = [(c.id, app.hooks.visit_interval(c)) for c in batch]
        del batch  # one batch in memory, not two
        yield from ((c, answer[0], answer[1]) for c, answer in answers if answer is not None)


def overdue_visits(app: App, *, manager: str | None = None) -> Iterator[OverdueVisit]:
    """Customers whose last done visit is older than their return-visit interval.

    Most overdue first; a customer never visited counts from the day his file
    was created. The interval is the shortest among the core's by tier
    (settings ``core.visit_days_*``) and every plugin's ``visit_policy`` answer. The actor sees
    the customers he does the visits for (his own, his team's, delegated);
    ``manager`` keeps one manager's. Streamed: the book is never loaded.
    """
    managers = visit_managers(app)
    if manager is not None:
        managers = frozenset({manager}) if managers is None else managers & {manager}
    core = app.settings["core"]
    tier_days = {tier.value: getattr(core, f"visit_days_{tier.value}") for tier in Tier}
    return app.store.iter_overdue(
        today=app.today,
        tier_days=tier_days,
        intervals=_plugin_intervals(app, managers),
        managers=managers,
    )
