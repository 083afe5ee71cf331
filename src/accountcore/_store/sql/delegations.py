"""Delegations in SQL."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from ..._model import Delegation
from .base import SqlBase

__all__ = ["DelegationTable"]

_COLUMNS = (
    "id",
    "from_manager",
    "to_manager",
    "start",
    "end",
    "reason",
    "responsibilities",
    "ended_on",
)
_SELECT = "SELECT " + ", ".join(f'"{c}"' for c in _COLUMNS) + " FROM delegations"


class DelegationTable(SqlBase):
    """The ``delegations`` table."""

    def _delegation_row(self, delegation: Delegation) -> list[Any]:
        data = self._conv.unstructure(delegation)
        data["responsibilities"] = json.dumps(data["responsibilities"])
        return [data[c] for c in _COLUMNS]

    def _delegation(self, row: Any) -> Delegation:
        data = dict(zip(_COLUMNS, row, strict=True))
        data["responsibilities"] = json.loads(data["responsibilities"])
        return self._conv.structure({k: v for k, v in data.items() if v is not None}, Delegation)

    def add_delegation(self, delegation: Delegation) -> None:
        """Store a new delegation (its id is ``d-N``)."""
        columns = ", ".join(("seq", *(f'"{c}"' for c in _COLUMNS)))
        marks = ", ".join("?" * (len(_COLUMNS) + 1))
        seq = int(delegation.id.rsplit("-", 1)[1])
        self._execute(
            f"INSERT INTO delegations ({columns}) VALUES ({marks})",
            [seq, *self._delegation_row(delegation)],
        )

    def update_delegation(self, delegation: Delegation) -> None:
        """Replace the stored delegation with the same id."""
        row = self._delegation_row(delegation)
        assignments = ", ".join(f'"{c}" = ?' for c in _COLUMNS[1:])
        self._execute(f"UPDATE delegations SET {assignments} WHERE id = ?", [*row[1:], row[0]])

    def get_delegation(self, delegation_id: str) -> Delegation | None:
        """The delegation with this id, or None."""
        row = self._execute(_SELECT + " WHERE id = ?", (delegation_id,)).fetchone()
        return self._delegation(row) if row else None

    def iter_delegations(
        self, *, manager: str | None = None, on: dt.date | None = None
    ) -> Iterator[Delegation]:
        """Delegations by id; ``manager`` keeps his (from or to), ``on`` those in force that day.

        A delegation is in force from its start to its end, both included,
        unless it was ended earlier (``ended_on``, the day it stopped).
        """
        clauses, params = ["1 = 1"], []
        if manager is not None:
            clauses.append("(from_manager = ? OR to_manager = ?)")
            params += [manager, manager]
        if on is not None:
            day = on.isoformat()
            clauses.append('start <= ? AND "end" >= ? AND (ended_on IS NULL OR ended_on > ?)')
            params += [day, day, day]
        rows = self._execute(_SELECT + f" WHERE {' AND '.join(clauses)} ORDER BY seq", params)
        for row in rows.fetchall():
            yield self._delegation(row)
