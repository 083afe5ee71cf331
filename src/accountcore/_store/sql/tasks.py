"""Tasks in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .base import SqlBase, among
from .table import Table

if TYPE_CHECKING:
    from ..._model import Task
    from ..record_filters import TaskFilter

__all__ = ["TASKS", "TaskTable"]

TASKS: Table[Task] = Table(
    "tasks",
    "Task",
    "task",
    (
        "id",
        "title",
        "assignee",
        "created_by",
        "created_on",
        "customer_id",
        "due",
        "status",
        "note",
        "done_on",
        "cancelled_on",
    ),
)


class TaskTable(SqlBase):
    """The ``tasks`` table."""

    def add_task(self, task: Task) -> None:
        """Store a new task (its id is ``t-N``)."""
        self._add(TASKS, [task])

    def update_task(self, task: Task) -> None:
        """Replace the stored task with the same id."""
        self._replace(TASKS, task)

    def get_task(self, task_id: str) -> Task | None:
        """The task with this id, or None."""
        return self._get(TASKS, "id", task_id)

    def iter_tasks(self, where: TaskFilter | None = None) -> Iterator[Task]:
        """Tasks by due date (the undated last), then id, filtered, streamed from the book."""
        from ..record_filters import TaskFilter

        where, m = where or TaskFilter(), self.mark
        conditions = self._conditions()
        if where.involving is not None:
            assigned, names = among(m, "assignee", where.involving)
            created, _ = among(m, "created_by", where.involving)
            conditions.add(f"({assigned} OR {created})", [*names, *names])
        if where.assignees is not None:
            conditions.among("assignee", where.assignees)
        if where.created_by is not None:
            conditions.among("created_by", where.created_by)
        conditions.equal("status", where.status)
        conditions.equal("customer_id", where.customer)
        if where.due_until is not None:
            undated = " OR due IS NULL" if where.undated else ""
            conditions.add(f"(due <= {m}{undated})", [where.due_until.isoformat()])
        sql = f"{TASKS.select()} WHERE {conditions.sql()} ORDER BY due NULLS LAST, seq"
        for row in self._stream(sql, conditions.params):
            yield TASKS.value(self._conv, row, self.location)
