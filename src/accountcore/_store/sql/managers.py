"""Managers in SQL."""

from __future__ import annotations

from typing import Any

from ..._model import Manager
from .base import SqlBase

__all__ = ["ManagerTable"]


class ManagerTable(SqlBase):
    """The ``managers`` table."""

    def _manager_row(self, manager: Manager) -> tuple:
        return (
            manager.name,
            manager.supervisor,
            manager.capacity,
            manager.target,
            int(manager.active),
            manager.id,
        )

    def add_manager(self, manager: Manager) -> None:
        """Store a new manager."""
        self._execute(
            "INSERT INTO managers (name, supervisor, capacity, target, active, id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            self._manager_row(manager),
        )

    def update_manager(self, manager: Manager) -> None:
        """Replace the stored manager with the same id."""
        self._execute(
            "UPDATE managers SET name = ?, supervisor = ?, capacity = ?, target = ?, active = ?"
            " WHERE id = ?",
            self._manager_row(manager),
        )

    @staticmethod
    def _manager(row: Any) -> Manager:
        return Manager(row[0], row[1], row[2], row[3], row[4], bool(row[5]))

    _MANAGER_SELECT = "SELECT id, name, supervisor, capacity, target, active FROM managers"

    def get_manager(self, manager_id: str) -> Manager | None:
        """The manager with this id, or None."""
        row = self._execute(self._MANAGER_SELECT + " WHERE id = ?", (manager_id,)).fetchone()
        return self._manager(row) if row else None

    def list_managers(self) -> list[Manager]:
        """Every manager, by id."""
        return [self._manager(r) for r in self._execute(self._MANAGER_SELECT + " ORDER BY id")]
