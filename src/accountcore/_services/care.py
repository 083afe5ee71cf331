"""Care: the daily batch of care actions, the actions due, and closing them (done or skipped).

The batch hands the customers in the actor's scope, a batch at a time (never
the whole book in memory), to the care rules of the core and of every plugin
(``care_due``). Each action goes through :func:`accountcore.care_channel`, so
the customer's consent decides the channel whichever rule made it, and is
stored once per rule, customer and period: running the batch again the same
day (or any day of the same period) creates nothing new, and an action done or
skipped stays so. Each batch of customers is one transaction with one audit
event (``care.batch``) naming the actions it created; the batch is idempotent,
so one stopped by an error is finished by running it again.

Churned customers are not cared for: the rules never see them
(:mod:`.batches`).

The core's own rule, ``core.birthday``, is in :mod:`accountcore._builtin.care`;
the plugins' rules are theirs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence

import attrs
from attrs import define, field

from .._app import App
from .._errors import BadInput, NotFound, Refused
from .._model import CareAction, CareStatus, Channel, Customer
from .._store import CareFilter, DutyScope
from . import audit, scope
from .batches import customer_batches, living
from .care_ahead import Foresight, foresee
from .care_reconcile import close, found_by_rules, key, pending
from .customers import get_customer

__all__ = [
    "RUN",
    "CareRun",
    "batches",
    "due_actions",
    "due_until",
    "list_actions",
    "mark_done",
    "ran_today",
    "record_run",
    "run_care",
    "skip_action",
    "store_care_due",
    "whole_book",
]

# The entity of the audit event marking a run of the whole book's batch (``care.run``).
RUN = "care-run"


@define
class CareRun:
    """What one run of the batch did: customers seen, actions created by rule, closed.

    ``looked_ahead``: the run was for a day beyond the real date, and recorded
    nothing (the figures say what it would have done).
    """

    day: str
    customers: int = 0
    by_rule: Counter[str] = field(factory=Counter)
    closed: Counter[str] = field(factory=Counter)
    looked_ahead: bool = False

    @property
    def created(self) -> int:
        """How many actions the run created."""
        return self.by_rule.total()

    def add(
        self,
        customers: Sequence[Customer],
        created: Sequence[CareAction],
        closed: Sequence[CareAction] = (),
    ) -> None:
        """Count one batch's customers the rules saw, the actions created and those closed."""
        self.customers += len(living(customers))
        self.by_rule.update(action.rule for action in created)
        self.closed.update(action.status.value for action in closed)


def store_care_due(
    app: App, customers: Sequence[Customer]
) -> tuple[list[CareAction], list[CareAction]]:
    """Run the care rules on one batch of customers and reconcile; write it in one transaction.

    ``customers`` may hold churned customers: the rules do not see them, and
    their actions due lapse. Returns the actions created and those closed
    (lapsed or expired, :mod:`.care_reconcile`). When there is nothing to
    create or close nothing is written, and the book's write lock is not even
    taken.
    """
    found = found_by_rules(app, customers)
    # Inside a transaction (the daily run's) what is read now is what is written on.
    read_within = app.store.in_transaction
    fresh, stale = pending(app, customers, found)
    if not fresh and not stale:
        return [], []
    with app.store.transaction():
        if not read_within:
            # Again under the write lock: another process may have stored or closed some.
            fresh, stale = pending(app, customers, found)
        closed = close(app, stale, customers)
        ids = app.store.next_ids("ca", len(fresh)) if fresh else []
        new = [attrs.evolve(a, id=id_) for a, id_ in zip(fresh, ids, strict=True)]
        if new:
            app.store.add_care_actions(new)
            audit.record(
                app,
                "care.batch",
                "care-batch",
                app.today.isoformat(),
                after={
                    "created": [action.id for action in new],
                    # Each action as stored: `audit verify` checks the book against it.
                    "images": [app.converter.unstructure(action) for action in new],
                },
            )
    return new, closed


def batches(app: App, manager: str | None) -> Iterator[list[Customer]]:
    """The batches of customers (churned included) in the actor's scope, or ``manager``'s."""
    return customer_batches(app, scope.narrowed(scope.visible_managers(app), manager))


def whole_book(app: App, manager: str | None) -> bool:
    """Whether a batch covers the whole book: the administrator's, for no one manager."""
    return app.actor is None and manager is None


def ran_today(app: App) -> bool:
    """Whether the whole book's batch ran today with the same rules, and nothing was written since.

    The same rules: the plugins answering ``care_due`` then are those loaded now.
    """
    runs = [e for e in app.store.iter_events(app.today.isoformat()) if e.entity == RUN]
    if not runs or runs[-1].seq != app.store.audit_head()[0]:
        return False
    return (runs[-1].after or {}).get("plugins") == app.hooks.implementers("care_due")


def record_run(app: App, run: CareRun, manager: str | None, **figures: object) -> None:
    """Mark a run of the whole book's batch as done today (``care.run``, with its figures)."""
    if not whole_book(app, manager) or run.looked_ahead:
        return
    after = {
        "customers": run.customers,
        "created": run.created,
        **run.closed,
        **figures,
        "plugins": app.hooks.implementers("care_due"),
    }
    with app.store.transaction():
        audit.record(app, "care.run", RUN, app.today.isoformat(), after=after)


def run_care(app: App, *, manager: str | None = None) -> CareRun:
    """Run the care rules for the customers in the actor's scope (or ``manager``'s).

    Creates the actions not yet stored for their rule, customer and period,
    and closes those due that the rules no longer find or whose period ended;
    returns how many customers were seen, what was created and closed. The
    run is one transaction: a plugin that fails in any batch leaves the book
    as it was. On a day beyond the real date (``app.looking_ahead``) it
    records nothing and counts what it would have done.
    """
    if app.looking_ahead:
        return _foreseen(app, foresee(app, manager))
    run = CareRun(app.today.isoformat())
    with app.store.transaction():
        for batch in batches(app, manager):
            run.add(batch, *store_care_due(app, batch))
    record_run(app, run, manager)
    return run


def _foreseen(app: App, sight: Foresight) -> CareRun:
    """A look ahead's figures: what the run would have made and closed."""
    run = CareRun(app.today.isoformat(), sight.customers, looked_ahead=True)
    run.by_rule.update(action.rule for action in sight.fresh)
    run.closed.update(closure.status.value for closure in sight.closures)
    return run


def _work(app: App, manager: str | None) -> DutyScope | None:
    """The actor's duty scope, narrowed to ``manager``'s customers when one is named."""
    duties = scope.duty_scope(app)
    if manager is None:
        return duties
    if duties is None:
        return ((frozenset({manager}), None),)
    return tuple((managers & {manager}, codes) for managers, codes in duties)


def list_actions(
    app: App,
    *,
    status: CareStatus | None = None,
    due_by: dt.date | None = None,
    customer: str | None = None,
    rule: str | None = None,
    manager: str | None = None,
) -> Iterator[CareAction]:
    """Care actions in the actor's scope, by due date: each of his duties' actions, filtered."""
    where = CareFilter(
        scope=_work(app, manager),
        assignee=app.actor if manager is None else None,
        status=status.value if status else None,
        due_by=due_by,
        customer=customer,
        rule=rule,
    )
    return app.store.iter_care_actions(where)


def due_actions(
    app: App, *, customer: str | None = None, rule: str | None = None, manager: str | None = None
) -> tuple[CareRun, Iterator[CareAction]]:
    """The batch for the customers in scope, then the actions due today or before.

    Running first means a customer added or changed since the last run is not
    missed; for a manager's portfolio the batch takes milliseconds. When the
    whole book's batch (the nightly job's) ran today and nothing was written
    since (:func:`ran_today`), no batch runs, for the whole book or a part of
    it: the stored actions are what it would find. On a day beyond the real date nothing is
    recorded: the list is what the rules find that day, reconciled with the
    stored actions (``looked_ahead`` in the run).
    """
    if app.looking_ahead:
        return _due_ahead(app, manager, customer, rule)
    # The nightly batch's actions stand until something is written.
    run = CareRun(app.today.isoformat()) if ran_today(app) else run_care(app, manager=manager)
    due = list_actions(
        app, status=CareStatus.DUE, due_by=app.today, customer=customer, rule=rule, manager=manager
    )
    return run, due


def _due_ahead(
    app: App, manager: str | None, customer: str | None = None, rule: str | None = None
) -> tuple[CareRun, Iterator[CareAction]]:
    """The actions due on ``app.today`` as the batch would leave them, recording nothing.

    The stored actions due that the rules still find, and those they would make.
    """
    sight = foresee(app, manager)
    gone, today = sight.gone, app.today
    kept = [
        action
        for action in list_actions(
            app, status=CareStatus.DUE, due_by=today, customer=customer, rule=rule, manager=manager
        )
        if action.id not in gone and (action.expires_on is None or action.expires_on >= today)
    ]
    assignee = app.actor if manager is None else None
    new = sight.due(today, _work(app, manager), assignee, customer=customer, rule=rule)
    return _foreseen(app, sight), iter(sorted([*kept, *new], key=lambda a: a.due))


def due_until(
    app: App, until: dt.date, *, manager: str | None = None
) -> tuple[bool, Iterator[CareAction]]:
    """The care actions due from today to ``until`` in the actor's scope, by due date.

    Today's are :func:`due_actions`' (the batch runs and records them, unless
    today is beyond the real date); each later day adds the actions the rules
    would make that day, computed and never recorded. Returns whether it
    looked ahead (``until`` beyond the real date): then nothing at all is
    recorded, today's actions included. Each later day runs the rules on the
    scope once: a week ahead costs seven more batches.
    """
    looked_ahead = app.looking_ahead or until > app.real_today
    if looked_ahead:
        _, first = _due_ahead(app, manager)
    else:
        _, first = due_actions(app, manager=manager)
    found = {key(action): action for action in first}
    for days in range(1, (until - app.today).days + 1):
        later = app.on_day(app.today + dt.timedelta(days=days))
        assignee = later.actor if manager is None else None
        for action in foresee(later, manager).due(later.today, _work(later, manager), assignee):
            found.setdefault(key(action), action)
    return looked_ahead, iter(sorted(found.values(), key=lambda a: a.due))


def _close(
    app: App, action_id: str, status: CareStatus, note: str | None, channel: Channel | None
) -> CareAction:
    with app.store.transaction():
        before = app.store.get_care_action(action_id)
        if before is None:
            raise NotFound(f"unknown care action {action_id!r}: see `accountcore care due`")
        customer = _closer_may(app, before)
        if before.status is not CareStatus.DUE:
            raise BadInput(
                f"care action {action_id} is already {before.status.value}"
                f" (on {before.closed_on}): it cannot be closed again"
            )
        used = channel or before.channel
        if status is CareStatus.DONE and used is not None and customer.refuses(used):
            raise Refused(
                f"customer {customer.id} refused {used.value}: give the channel actually used"
                " with --channel, or skip the action",
                rule="core.consent",
            )
        after = attrs.evolve(before, status=status, note=note, closed_on=app.today, channel=used)
        app.store.update_care_action(after)
        audit.record(
            app,
            f"care.{status.value}",
            "care-action",
            action_id,
            before=before,
            after=after,
            on_behalf_of=scope.on_behalf_of(app, customer),
            reason=note,
        )
    return after


def _closer_may(app: App, action: CareAction) -> Customer:
    """The action's customer, if the actor may close it: in scope or assigned, not excluded."""
    if app.actor is not None and app.actor == action.not_by:
        raise Refused(
            f"{action.id} is to be made by someone other than {app.actor}"
            f" ({action.rule}): {action.assignee or 'his supervisor'} closes it",
            rule=action.rule,
        )
    customer = app.store.get_customer(action.customer)
    if customer is not None and app.actor is not None and app.actor == action.assignee:
        return customer
    customer = get_customer(app, action.customer)
    scope.ensure_in_scope(app, customer, action.responsibility)
    return customer


def mark_done(
    app: App, action_id: str, *, note: str | None = None, channel: Channel | None = None
) -> CareAction:
    """Record a due action as done today (``channel``: how, when not the one planned).

    Refused (``core.consent``) through a channel the customer refused, given
    or planned (he may have refused it since); an action already done or
    skipped is a BadInput.
    """
    return _close(app, action_id, CareStatus.DONE, (note or "").strip() or None, channel)


def skip_action(app: App, action_id: str, *, reason: str) -> CareAction:
    """Record a due action as skipped today, with the reason why."""
    if not reason.strip():
        raise BadInput("--reason: say why the action is skipped")
    return _close(app, action_id, CareStatus.SKIPPED, reason.strip(), None)
