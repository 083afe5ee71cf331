"""What a listing asks the store for: the filters and scopes of its queries, and visit counts.

The customer filter is here; the filters of the other listings are in
:mod:`.record_filters`, named here and imported on first use (a command that
lists no visit, care action, complaint or task does not build theirs).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, NamedTuple

from attrs import frozen

if TYPE_CHECKING:
    from .._model import CustomerSelection
    from .record_filters import CareFilter, ComplaintFilter, TaskFilter, VisitFilter

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


class VisitCounts(NamedTuple):
    """One manager's visits in a period, counted by the book."""

    manager: str
    made: int
    planned: int
    missed: int
    development: int
    followed_by_agreement: int


# Defined in .record_filters.
ELSEWHERE = frozenset({"CareFilter", "ComplaintFilter", "TaskFilter", "VisitFilter"})


def __getattr__(name: str) -> Any:
    if name not in ELSEWHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(".record_filters", __package__), name)
    globals()[name] = value
    return value
