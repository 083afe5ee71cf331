"""Reconciling the care actions still due with what the rules find now.

Each care batch compares, for each customer of the batch, the actions still
due with the actions the rules find today (:func:`pending`):

- an action past its ``expires_on`` is ``expired`` (last year's birthday wish);
- an action of a churned customer is ``lapsed``: he has left;
- an action its rule no longer finds, with the same customer, rule and period
  (and the same ``expires_on`` when it has one: a corrected birthday is
  another occasion), is ``lapsed``, and the action the rule finds instead is
  made: a lapsed or expired action does not hold its period;
- only the rules of the plugins loaded are asked: the actions of a plugin
  disabled or uninstalled stay due (they still expire).

:func:`pending` writes nothing (a look ahead uses it as it is); the batch
writes the closures with :func:`close`, one audit event each, reason given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
from attrs import frozen

from .._app import App
from .._channels import care_channel
from .._model import CareAction, CareStatus, Customer
from . import audit, scope
from .batches import living

__all__ = ["Closure", "close", "found_by_rules", "key", "left", "pending", "routed"]


@frozen
class Closure:
    """A due action the batch closes: as it is, its new status, and why."""

    action: CareAction
    status: CareStatus
    reason: str


def key(action: CareAction) -> tuple[str, str, str]:
    """What makes an action once: its customer, rule and period."""
    return (action.customer, action.rule, action.period)


def routed(app: App, customer: Customer, action: CareAction) -> CareAction:
    """The action as it would be stored (no id yet): the channel the customer allows, or skipped."""
    channel = care_channel(customer, action.channel)
    stored = attrs.evolve(action, channel=channel, created_on=app.today)
    if channel is not None:
        return stored
    refused = ", ".join(sorted(c.value for c in customer.consent))
    return attrs.evolve(
        stored,
        status=CareStatus.SKIPPED,
        closed_on=app.today,
        note=f"not made: {customer.id} refused every channel ({refused})",
    )


def _closure(
    action: CareAction,
    found: dict[tuple[str, str, str], CareAction],
    churned: set[str],
    asked: set[str],
    app: App,
) -> Closure | None:
    """How the batch closes a due ``action``, or None when it stays due."""
    today = app.today
    if action.expires_on is not None and action.expires_on < today:
        return Closure(
            action, CareStatus.EXPIRED, f"{action.rule}: its period ended on {action.expires_on}"
        )
    if action.customer in churned:
        return Closure(action, CareStatus.LAPSED, f"{action.rule}: {action.customer} has churned")
    if action.plugin not in asked:
        return None
    now = found.get(key(action))
    if now is not None and (action.expires_on is None or now.expires_on == action.expires_on):
        return None
    reason = f"{action.rule}: the rule no longer finds it due on {today}"
    if now is not None:
        reason += f" (it finds it due on {now.due} instead)"
    return Closure(action, CareStatus.LAPSED, reason)


def found_by_rules(app: App, customers: Sequence[Customer]) -> list[CareAction]:
    """The actions the rules find today for the customers of a batch who have not churned.

    An action already past its ``expires_on`` is left out: it is not made.
    """
    alive = living(customers)
    found = app.hooks.care_due(alive) if alive else []
    return [a for a in found if a.expires_on is None or a.expires_on >= app.today]


def pending(
    app: App, customers: Sequence[Customer], found: Sequence[CareAction] | None = None
) -> tuple[list[CareAction], list[Closure]]:
    """What the batch would do for ``customers`` today, writing nothing.

    Returns the actions to make (routed, without ids: those whose customer,
    rule and period are not held by a stored action, nor by one it closes)
    and the due actions to close. ``found``: what the rules found
    (:func:`found_by_rules`, asked when not given).
    """
    if found is None:
        found = found_by_rules(app, customers)
    ids = [customer.id for customer in customers]
    by_key = {key(a): a for a in found}
    by_id = {customer.id: customer for customer in customers}
    churned = {c.id for c in customers} - {c.id for c in living(customers)}
    asked = set(app.hooks.implementers("care_due"))
    closures = [
        closure
        for actions in app.store.due_care_of_many(ids).values()
        for action in actions
        if (closure := _closure(action, by_key, churned, asked, app)) is not None
    ]
    held = app.store.care_keys_of_many(ids) - {key(c.action) for c in closures}
    fresh = []
    for action in found:
        if key(action) not in held:
            held.add(key(action))
            fresh.append(routed(app, by_id[action.customer], action))
    return fresh, closures


def left(closures: Iterable[Closure]) -> list[CareAction]:
    """The actions as the closures would leave them, not stored (a look ahead's figures)."""
    return [attrs.evolve(closure.action, status=closure.status) for closure in closures]


def close(app: App, closures: Iterable[Closure], customers: Sequence[Customer]) -> list[CareAction]:
    """Store each closure (closed today, the reason as its note), one audit event each,
    the batch's closures in one write."""
    by_id = {customer.id: customer for customer in customers}
    closed, changes = [], []
    for closure in closures:
        before = closure.action
        after = attrs.evolve(
            before, status=closure.status, closed_on=app.today, note=closure.reason
        )
        changes.append(
            audit.Change(
                f"care.{closure.status.value}",
                "care-action",
                str(after.id),
                before=before,
                after=after,
                on_behalf_of=scope.on_behalf_of(app, by_id[before.customer]),
                reason=closure.reason,
            )
        )
        closed.append(after)
    if closed:
        app.store.update_care_actions(closed)
        audit.record_many(app, changes, tell_plugins=True)
    return closed
