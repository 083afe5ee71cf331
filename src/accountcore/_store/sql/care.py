"""Care actions in SQL: one row per customer, rule and period (a unique index holds it)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..._model import CareAction
from ..base import CareFilter, DutyScope
from .base import SqlBase, in_chunks, marks

__all__ = ["CareActionTable", "scope_clause"]

_COLUMNS = (
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
)
_SELECT = "SELECT " + ", ".join(f"a.{c}" for c in _COLUMNS) + " FROM care_actions a"


def scope_clause(scope: DutyScope, manager_column: str, duty_column: str) -> tuple[str, list[Any]]:
    """SQL keeping the records of each pair's managers that serve the pair's duties."""
    clauses, params = [], []
    for managers, duties in scope:
        names = sorted(managers) or [""]
        clause = f"{manager_column} IN ({marks(names)})"
        params.extend(names)
        if duties is not None:
            codes = sorted(duties) or [""]
            clause += f" AND {duty_column} IN ({marks(codes)})"
            params.extend(codes)
        clauses.append(f"({clause})")
    return "(" + (" OR ".join(clauses) or "1 = 0") + ")", params


class CareActionTable(SqlBase):
    """The ``care_actions`` table."""

    def _care_row(self, action: CareAction) -> list[Any]:
        data = self._conv.unstructure(action)
        return [data[c] for c in _COLUMNS]

    def _care_action(self, row: Any) -> CareAction:
        data = {c: v for c, v in zip(_COLUMNS, row, strict=True) if v is not None}
        data.setdefault("channel", None)
        return self._conv.structure(data, CareAction)

    def care_keys_of_many(self, customer_ids: Iterable[str]) -> set[tuple[str, str, str]]:
        """The ``(customer, rule, period)`` of every care action stored for these customers."""
        keys: set[tuple[str, str, str]] = set()
        for chunk in in_chunks(customer_ids):
            rows = self._execute(
                "SELECT customer, rule, period FROM care_actions"
                f" WHERE customer IN ({marks(chunk)})",
                chunk,
            )
            keys.update((row[0], row[1], row[2]) for row in rows)
        return keys

    def add_care_actions(self, actions: list[CareAction]) -> None:
        """Store new care actions (ids ``ca-N``); one per customer, rule and period."""
        columns = ", ".join(("seq", *_COLUMNS))
        marks = ", ".join("?" * (len(_COLUMNS) + 1))
        rows = [[int(a.id.rsplit("-", 1)[1]), *self._care_row(a)] for a in actions if a.id]
        if len(rows) != len(actions):
            raise ValueError("every care action needs its id before it is stored")
        self._db.cursor().executemany(
            self._sql(f"INSERT INTO care_actions ({columns}) VALUES ({marks})"), rows
        )

    def update_care_action(self, action: CareAction) -> None:
        """Replace the stored care action with the same id."""
        row = self._care_row(action)
        assignments = ", ".join(f"{c} = ?" for c in _COLUMNS[1:])
        self._execute(f"UPDATE care_actions SET {assignments} WHERE id = ?", [*row[1:], row[0]])

    def get_care_action(self, action_id: str) -> CareAction | None:
        """The care action with this id, or None."""
        row = self._execute(_SELECT + " WHERE a.id = ?", (action_id,)).fetchone()
        return self._care_action(row) if row else None

    def iter_care_actions(self, where: CareFilter | None = None) -> Iterator[CareAction]:
        """Care actions by due date, then id, filtered, streamed from the book."""
        where = where or CareFilter()
        clauses, params = ["1 = 1"], []
        sql = _SELECT
        if where.scope is not None:
            sql += " JOIN customers c ON c.id = a.customer"
            clause, values = scope_clause(where.scope, "c.manager", "a.responsibility")
            if where.assignee is not None:
                clause, values = f"({clause} OR a.assignee = ?)", [*values, where.assignee]
            clauses.append(clause)
            params.extend(values)
        for column, value in (
            ("status", where.status),
            ("customer", where.customer),
            ("rule", where.rule),
        ):
            if value is not None:
                clauses.append(f"a.{column} = ?")
                params.append(value)
        if where.due_by is not None:
            clauses.append("a.due <= ?")
            params.append(where.due_by.isoformat())
        cursor = self._execute(f"{sql} WHERE {' AND '.join(clauses)} ORDER BY a.due, a.seq", params)
        for row in cursor:
            yield self._care_action(row)
