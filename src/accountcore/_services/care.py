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
from .._channels import care_channel
from .._errors import BadInput, NotFound, Refused
from .._model import CareAction, CareStatus, Channel, Customer
from .._store import CareFilter, DutyScope
from . import audit, scope
from .batches import living_batches
from .customers import get_customer

__all__ = [
    "CareRun",
    "due_actions",
    "list_actions",
    "mark_done",
    "run_care",
    "skip_action",
    "store_care_due",
]


@define
class CareRun:
    """What one run of the batch did: customers seen, actions created by rule."""

    day: str
    customers: int = 0
    by_rule: Counter[str] = field(factory=Counter)

    @property
    def created(self) -> int:
        """How many actions the run created."""
        return self.by_rule.total()

    def add(self, customers: Sequence[Customer], created: Sequence[CareAction]) -> None:
        """Count one batch of customers and the actions created for them."""
        self.customers += len(customers)
        self.by_rule.update(action.rule for action in created)


def _route(app: App, customer: Customer, action: CareAction) -> CareAction:
    """The action as stored: its id, the channel the customer allows, or skipped if none."""
    channel = care_channel(customer, action.channel)
    stored = attrs.evolve(action, id=app.store.next_id("ca"), channel=channel, created_on=app.today)
    if channel is not None:
        return stored
    refused = ", ".join(sorted(c.value for c in customer.consent))
    return attrs.evolve(
        stored,
        status=CareStatus.SKIPPED,
        closed_on=app.today,
        note=f"not made: {customer.id} refused every channel ({refused})",
    )


def _key(action: CareAction) -> tuple[str, str, str]:
    return (action.customer, action.rule, action.period)


def _not_stored(app: App, actions: Sequence[CareAction]) -> list[CareAction]:
    """The actions whose customer, rule and period are not in the book yet (each once)."""
    stored = app.store.care_keys_of_many(action.customer for action in actions)
    fresh = []
    for action in actions:
        if _key(action) not in stored:
            stored.add(_key(action))
            fresh.append(action)
    return fresh


def store_care_due(app: App, customers: Sequence[Customer]) -> list[CareAction]:
    """Run the care rules on one batch of customers; store the new actions in one transaction.

    Returns the actions created. When every action is stored already nothing
    is written, and the book's write lock is not even taken.
    """
    proposed = app.hooks.care_due(customers)
    by_id = {customer.id: customer for customer in customers}
    if not _not_stored(app, proposed):
        return []
    with app.store.transaction():
        # Again under the write lock: another process may have stored some meanwhile.
        new = [_route(app, by_id[a.customer], a) for a in _not_stored(app, proposed)]
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
    return new


def run_care(app: App, *, manager: str | None = None) -> CareRun:
    """Run the care rules for the customers in the actor's scope (or ``manager``'s).

    Creates the actions not yet stored for their rule, customer and period;
    returns how many customers were seen and what was created. The run is one
    transaction: a plugin that fails in any batch leaves the book as it was.
    """
    run = CareRun(app.today.isoformat())
    with app.store.transaction():
        for batch in living_batches(app, scope.narrowed(scope.visible_managers(app), manager)):
            run.add(batch, store_care_due(app, batch))
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
    """Run the batch for the customers in scope, then the actions due today or before.

    Running first means a customer added or changed since the last run is not
    missed; for a manager's portfolio the batch takes milliseconds.
    """
    run = run_care(app, manager=manager)
    due = list_actions(
        app, status=CareStatus.DUE, due_by=app.today, customer=customer, rule=rule, manager=manager
    )
    return run, due


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
