"""The filters of the listings of visits, care actions, complaints and tasks.

Named by :mod:`.filters` and imported on first use.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from .filters import DutyScope

__all__ = ["CareFilter", "ComplaintFilter", "TaskFilter", "VisitFilter"]


@frozen
class VisitFilter:
    """Which visits a listing wants; None means any. Dates are included."""

    customer: str | None = None
    # Who made or plans the visit.
    managers: frozenset[str] | None = None
    # Whose customers the visits are (the actor's scope).
    customer_managers: frozenset[str] | None = None
    status: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


@frozen
class CareFilter:
    """Which care actions a listing wants; None means any.

    ``scope`` keeps the actions of the customers of each pair's managers that
    serve the pair's responsibilities, and with ``assignee`` those assigned to
    him besides; ``due_by`` those due on or before it.
    """

    scope: DutyScope | None = None
    assignee: str | None = None
    status: str | None = None
    due_by: dt.date | None = None
    customer: str | None = None
    rule: str | None = None


@frozen
class ComplaintFilter:
    """Which complaints a listing wants; None means any.

    ``unreplied`` keeps those not yet closed by a reply; ``overdue_on`` those
    past their deadline on that day and not replied.
    """

    managers: frozenset[str] | None = None
    customer: str | None = None
    unreplied: bool = False
    overdue_on: dt.date | None = None


@frozen
class TaskFilter:
    """Which tasks a listing wants; None means any.

    ``involving`` keeps the tasks assigned to or created by one of these
    managers (the actor's scope); ``assignees`` and ``created_by`` those
    assigned to, or created by, one of them; ``due_until`` those due on or
    before it, and the undated too with ``undated``.
    """

    involving: frozenset[str] | None = None
    assignees: frozenset[str] | None = None
    created_by: frozenset[str] | None = None
    status: str | None = None
    due_until: dt.date | None = None
    undated: bool = False
    customer: str | None = None
