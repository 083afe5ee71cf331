"""Delegations in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .base import SqlBase
from .table import Table

if TYPE_CHECKING:
    from ..._model import Delegation

__all__ = ["DELEGATIONS", "DelegationTable"]

DELEGATIONS: Table[Delegation] = Table(
    "delegations",
    "Delegation",
    "delegation",
    ("id", "from_manager", "to_manager", "start", "end", "reason", "responsibilities", "ended_on"),
    json_columns=frozenset({"responsibilities"}),
)


class DelegationTable(SqlBase):
    """The ``delegations`` table."""

    def add_delegation(self, delegation: Delegation) -> None:
        """Store a new delegation (its id is ``d-N``)."""
        self._add(DELEGATIONS, [delegation])

    def update_delegation(self, delegation: Delegation) -> None:
        """Replace the stored delegation with the same id."""
        self._replace(DELEGATIONS, delegation)

    def get_delegation(self, delegation_id: str) -> Delegation | None:
        """The delegation with this id, or None."""
        return self._get(DELEGATIONS, "id", delegation_id)

    def iter_delegations(
        self, *, manager: str | None = None, on: dt.date | None = None
    ) -> Iterator[Delegation]:
        """Delegations by id; ``manager`` keeps his (from or to), ``on`` those in force that day.

        A delegation is in force from its start to its end, both included,
        unless it was ended earlier (``ended_on``, the day it stopped).
        """
        m, conditions = self.mark, self._conditions()
        if manager is not None:
            conditions.add(f"(from_manager = {m} OR to_manager = {m})", [manager, manager])
        if on is not None:
            day = on.isoformat()
            in_force = f'start <= {m} AND "end" >= {m} AND (ended_on IS NULL OR ended_on > {m})'
            conditions.add(in_force, [day, day, day])
        sql = f"{DELEGATIONS.select()} WHERE {conditions.sql()} ORDER BY seq"
        for row in self._execute(sql, conditions.params).fetchall():
            yield DELEGATIONS.value(self._conv, row, self.location)
