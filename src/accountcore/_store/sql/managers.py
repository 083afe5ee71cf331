"""Managers in SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import SqlBase
from .table import Table

if TYPE_CHECKING:
    from ..._model import Manager

__all__ = ["MANAGERS", "ManagerTable"]

MANAGERS: Table[Manager] = Table(
    "managers",
    "Manager",
    "manager",
    ("id", "name", "supervisor", "capacity", "target", "active"),
    boolean_columns=frozenset({"active"}),
    seq=False,
)


class ManagerTable(SqlBase):
    """The ``managers`` table."""

    def add_manager(self, manager: Manager) -> None:
        """Store a new manager."""
        self._add(MANAGERS, [manager])

    def update_manager(self, manager: Manager) -> None:
        """Replace the stored manager with the same id."""
        self._replace(MANAGERS, manager)

    def get_manager(self, manager_id: str) -> Manager | None:
        """The manager with this id, or None."""
        return self._get(MANAGERS, "id", manager_id)

    def list_managers(self) -> list[Manager]:
        """Every manager, by id."""
        rows = self._execute(f"{MANAGERS.select()} ORDER BY id")
        return [MANAGERS.value(self._conv, row, self.location) for row in rows]
