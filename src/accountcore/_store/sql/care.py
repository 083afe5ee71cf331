"""Care actions in SQL: one row per customer, rule and period (a unique index holds it)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..filters import DutyScope
from .base import SqlBase, among
from .table import Table

if TYPE_CHECKING:
    from ..._model import CareAction
    from ..record_filters import CareFilter

__all__ = ["CARE_ACTIONS", "CareActionTable", "scope_clause"]

CARE_ACTIONS: Table[CareAction] = Table(
    "care_actions",
    "CareAction",
    "care action",
    (
        "id",
        "rule",
        "customer",
        "period",
        "channel",
        "message",
        "due",
        "responsibility",
        "status",
        "note",
        "closed_on",
        "plugin",
        "created_on",
        "assignee",
        "not_by",
        "expires_on",
    ),
)


def scope_clause(
    mark: str, scope: DutyScope, manager_column: str, duty_column: str
) -> tuple[str, list[Any]]:
    """SQL keeping the records of each pair's managers that serve the pair's duties."""
    clauses, params = [], []
    for managers, duties in scope:
        clause, names = among(mark, manager_column, managers)
        params.extend(names)
        if duties is not None:
            served, codes = among(mark, duty_column, duties)
            clause += f" AND {served}"
            params.extend(codes)
        clauses.append(f"({clause})")
    return "(" + (" OR ".join(clauses) or "1 = 0") + ")", params


class CareActionTable(SqlBase):
    """The ``care_actions`` table."""

    def care_keys_of_many(self, customer_ids: Iterable[str]) -> set[tuple[str, str, str]]:
        """The ``(customer, rule, period)`` of these customers' care actions, but lapsed or expired.

        A lapsed or expired action does not hold its key: its rule may make it again.
        """
        select = "SELECT customer, rule, period FROM care_actions"
        tail = " AND status NOT IN ('lapsed', 'expired')"
        rows = self._rows_among(select, "customer", customer_ids, tail)
        return {(row[0], row[1], row[2]) for row in rows}

    def due_care_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[CareAction]]:
        """The care actions still due of a batch of customers, by customer id, oldest first."""
        ids = list(customer_ids)
        found: dict[str, list[CareAction]] = {customer_id: [] for customer_id in ids}
        index = CARE_ACTIONS.columns.index("customer")
        tail = " AND status = 'due' ORDER BY seq"
        for row in self._rows_among(CARE_ACTIONS.select(), "customer", ids, tail):
            found[row[index]].append(CARE_ACTIONS.value(self._conv, row, self.location))
        return found

    def add_care_actions(self, actions: list[CareAction]) -> None:
        """Store new care actions (ids ``ca-N``); one per customer, rule and period."""
        if not all(action.id for action in actions):
            raise ValueError("every care action needs its id before it is stored")
        self._add(CARE_ACTIONS, actions)

    def update_care_action(self, action: CareAction) -> None:
        """Replace the stored care action with the same id."""
        self._replace(CARE_ACTIONS, action)

    def update_care_actions(self, actions: Sequence[CareAction]) -> None:
        """Replace each stored care action with the same id, in one write."""
        self._replace_many(CARE_ACTIONS, actions)

    def care_actions_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[CareAction]]:
        """The care actions of a batch of customers, whatever their status, by customer id."""
        return self._by_customer(CARE_ACTIONS, customer_ids)

    def get_care_action(self, action_id: str) -> CareAction | None:
        """The care action with this id, or None."""
        return self._get(CARE_ACTIONS, "id", action_id)

    def iter_care_actions(self, where: CareFilter | None = None) -> Iterator[CareAction]:
        """Care actions by due date, then id, filtered, streamed from the book."""
        from ..record_filters import CareFilter

        where = where or CareFilter()
        conditions = self._conditions()
        sql = CARE_ACTIONS.select("a")
        if where.scope is not None:
            sql += " JOIN customers c ON c.id = a.customer"
            clause, values = scope_clause(self.mark, where.scope, "c.manager", "a.responsibility")
            if where.assignee is not None:
                clause, values = (
                    f"({clause} OR a.assignee = {self.mark})",
                    [*values, where.assignee],
                )
            conditions.add(clause, values)
        conditions.equal("a.status", where.status)
        conditions.equal("a.customer", where.customer)
        conditions.equal("a.rule", where.rule)
        if where.due_by is not None:
            conditions.add(f"a.due <= {self.mark}", [where.due_by.isoformat()])
        query = f"{sql} WHERE {conditions.sql()} ORDER BY a.due, a.seq"
        for row in self._stream(query, conditions.params):
            yield CARE_ACTIONS.value(self._conv, row, self.location)
