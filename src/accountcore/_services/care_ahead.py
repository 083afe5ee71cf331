"""Looking ahead: what the care batch would do on a day, computed without recording anything.

A day beyond the real date (``--today`` in the future) is a look ahead: the
rules run on the customers in scope as they would that day, and the stored
actions are reconciled with what they find (:mod:`.care_reconcile`), but
nothing is written: no action, no closure, no audit event. The care
service (:mod:`.care`) builds its lists from a :class:`Foresight`.
"""

from __future__ import annotations

import datetime as dt

from attrs import define, field

from .._app import App
from .._model import CareAction, CareStatus
from .._store import DutyScope
from . import scope
from .batches import customer_batches, living
from .care_reconcile import Closure, pending

__all__ = ["Foresight", "foresee", "in_work"]


@define
class Foresight:
    """What the batch would do on ``app.today``: the customers its rules would see, the
    actions it would make, and those it would close.

    ``managers`` names each customer's manager, for the actions to make
    (they have no row in the book to be filtered by scope).
    """

    customers: int = 0
    fresh: list[CareAction] = field(factory=list)
    closures: list[Closure] = field(factory=list)
    managers: dict[str, str] = field(factory=dict)

    @property
    def gone(self) -> set[str]:
        """The ids of the stored actions the batch would close."""
        return {str(closure.action.id) for closure in self.closures}

    def due(
        self,
        day: dt.date,
        work: DutyScope | None,
        assignee: str | None,
        *,
        customer: str | None = None,
        rule: str | None = None,
    ) -> list[CareAction]:
        """The actions to make that would be due on ``day``, in ``work`` (or ``assignee``'s)."""
        return [
            action
            for action in self.fresh
            if action.status is CareStatus.DUE
            and action.due <= day
            and customer in (None, action.customer)
            and rule in (None, action.rule)
            and in_work(work, assignee, self.managers[action.customer], action)
        ]


def in_work(work: DutyScope | None, assignee: str | None, manager: str, action: CareAction) -> bool:
    """Whether ``action`` (of a customer of ``manager``) is in ``work``, or ``assignee``'s."""
    if work is None or (assignee is not None and action.assignee == assignee):
        return True
    return any(
        manager in managers and (codes is None or action.responsibility in codes)
        for managers, codes in work
    )


def foresee(app: App, manager: str | None = None) -> Foresight:
    """What the batch would do on ``app.today`` for the actor's scope (or ``manager``'s).

    Reads the book and asks the rules; writes nothing.
    """
    sight = Foresight()
    managers = scope.narrowed(scope.visible_managers(app), manager)
    for batch in customer_batches(app, managers):
        fresh, closures = pending(app, batch)
        sight.customers += len(living(batch))
        sight.fresh += fresh
        sight.closures += closures
        by_id = {customer.id: customer for customer in batch}
        sight.managers.update((a.customer, by_id[a.customer].manager) for a in fresh)
    return sight
