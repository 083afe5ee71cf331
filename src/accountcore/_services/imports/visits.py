"""Importing visits: the past ones as done (they count for return visits and monthly stats).

A row's ``status`` defaults to done for a day up to today and planned for a
later one; ``manager`` (who made it) defaults to the customer's manager.
"""

from __future__ import annotations

from typing import Any

from ..._model import Customer, Visit
from ..visits import RESPONSIBILITY, history_problems
from .history import HistoryImporter

__all__ = ["VisitImporter"]


class VisitImporter(HistoryImporter):
    """Visit rows (customer, on, purpose, channel, manager, outcome...)."""

    entity = "visit"
    record_class = Visit
    prefix = "v"
    responsibility = RESPONSIBILITY
    computed = ("id", "on_behalf_of", "follows")

    def data(self, fields: dict[str, Any], customer: Customer) -> dict[str, Any]:
        """The visit's data: made by the customer's manager, done if it is past, unless said."""
        data = {"manager": customer.manager, **fields}
        if "status" not in data and isinstance(data.get("on"), str):
            data["status"] = "done" if data["on"] <= self.app.today.isoformat() else "planned"
        if data["manager"] != customer.manager:
            data["on_behalf_of"] = customer.manager
        return data

    def rules(self, record: Any, customer: Customer) -> list[tuple[str, str]]:
        """The visits service's rules for history."""
        return history_problems(self.app, record)

    def store(self, records: list[Any]) -> None:
        """Store the visits in one write."""
        self.app.store.add_visits(records)

    def action(self, record: Any) -> str:
        """``visit.log`` for a done visit, ``visit.cancel`` a cancelled one, else ``visit.plan``."""
        return {"done": "visit.log", "cancelled": "visit.cancel"}.get(
            record.status.value, "visit.plan"
        )
