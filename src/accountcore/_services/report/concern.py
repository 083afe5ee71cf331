"""What every concern of the report (visits, care, complaints...) gives: counts, then shares."""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen

from ..._app import App
from .counts import Counts
from .period import Period
from .reach import Reach

__all__ = ["Concern", "Inputs"]


@frozen
class Inputs:
    """What a concern counts from: the app (its book and plugins) and the report's managers.

    ``managers`` is None for the whole book (the administrator's report).
    """

    app: App
    reach: Reach
    managers: frozenset[str] | None

    def blank(self, counts: Callable[[str], Counts]) -> dict[str, Counts]:
        """Counts for every manager covered, each from ``counts(manager id)``."""
        return {m.id: counts(m.id) for m in self.reach.managers}


@frozen
class Concern:
    """One section of the figures.

    ``tally`` gives each manager's counts for a period, from aggregate
    queries (numbers that add up across managers); ``derive`` adds the
    shares and rates to counts already added up for a manager, a team or
    the scope.
    """

    name: str
    tally: Callable[[Inputs, Period], dict[str, Counts]]
    derive: Callable[[Counts], Counts]
