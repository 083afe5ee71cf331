"""What a listing asks the store for: the filters and scopes of its queries, and visit counts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from attrs import frozen

if TYPE_CHECKING:
    from .._model import CustomerSelection

__all__ = [
    "CareFilter",
    "ComplaintFilter",
    "CustomerFilter",
    "DutyScope",
    "TaskFilter",
    "VisitCounts",
    "VisitFilter",
]

# (managers, responsibilities) pairs: the records of these managers' customers that
# serve these duties (None: every duty). See services.scope.duty_scope.
DutyScope = tuple[tuple[frozenset[str], frozenset[str] | None], ...]


@frozen
class CustomerFilter:
    """Which customers a listing wants; None means any."""

    managers: frozenset[str] | None = None
    tier: str | None = None
    status: str | None = None
    kind: str | None = None
    profile: str | None = None
    # Customers matching any of these selections; None: no such condition.
    any_of: tuple[CustomerSelection, ...] | None = None


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


class VisitCounts(NamedTuple):
    """One manager's visits in a period, counted by the book."""

    manager: str
    made: int
    planned: int
    missed: int
    development: int
    followed_by_agreement: int


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
