"""Visits, planned and logged, and the customers whose return visit is overdue.

Defined apart from :mod:`._model`, which names them, so that a command that needs
none of them builds none.
"""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from ._enums import Tier, VisitChannel, VisitPurpose, VisitStatus

__all__ = ["OverdueVisit", "Visit"]


@frozen
class Visit:
    """A planned or logged visit to a customer.

    ``manager`` made (or will make) the visit; ``on_behalf_of`` names the
    customer's manager when someone else (a deputy, a supervisor) did.
    ``agenda`` says what a planned visit is for; ``follows`` is the visit
    whose next step planned it; ``cancel_reason`` why a cancelled one is.
    """

    id: str
    customer: str
    manager: str
    on: dt.date
    channel: VisitChannel
    purpose: VisitPurpose
    status: VisitStatus = VisitStatus.PLANNED
    outcome: str | None = None
    next_step: str | None = None
    next_on: dt.date | None = None
    on_behalf_of: str | None = None
    agenda: str | None = None
    follows: str | None = None
    cancel_reason: str | None = None


@frozen
class OverdueVisit:
    """A customer whose return visit is overdue: a work item of the ``visits`` duty.

    ``interval`` (days) is set by ``policy``: the plugin whose ``visit_policy``
    answered, or ``core`` (by tier). It runs from ``last_visit``, or from the
    file's creation for a customer never visited; ``due`` and
    ``days_overdue`` are None when neither date is known.
    """

    customer: str
    name: str
    manager: str
    tier: Tier
    last_visit: dt.date | None
    interval: int
    policy: str
    due: dt.date | None
    days_overdue: int | None
    responsibility: str = "visits"
