"""Tasks: a manager's ad-hoc to-dos, with an optional customer and due date.

Who may be given a task (``--for``): oneself; a member of one's team (the
managers whose supervisor, directly or through others, one is); or one's
supervisor and those above him (an escalation). The administrator gives a
task to any manager. Anyone else is refused by ``core.task-assignee``.

Who sees a task: the manager it is assigned to, the one who created it, and
the supervisors of either (the administrator sees every task). Who closes it
(done or cancelled): its assignee, its creator, or a supervisor above its
assignee (``core.task-close`` refuses the others).

The agenda reads three lists made here: :func:`open_tasks` (the actor's
own, due by a day), :func:`escalated_tasks` (given to him by his team) and
:func:`team_overdue_tasks` (his team's, overdue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from .._app import App
from .._errors import BadInput, NotFound, Refused
from .._model import Manager, Task, TaskStatus
from .._store import TaskFilter
from . import audit, scope
from .customers import get_customer
from .managers import get_manager

__all__ = [
    "add_task",
    "cancel_task",
    "done_task",
    "escalated_tasks",
    "get_task",
    "list_tasks",
    "open_tasks",
    "task_records",
    "team_overdue_tasks",
]

_OPEN = TaskStatus.OPEN.value


def _team(app: App) -> frozenset[str] | None:
    """The actor and every manager below him; None for the administrator (everyone)."""
    found = scope.scope_of(app)
    return None if found is None else found.own


def _chain_above(app: App, manager_id: str) -> list[str]:
    """The manager's supervisor, his supervisor's, and so on up."""
    chain: list[str] = []
    manager = app.store.get_manager(manager_id)
    while manager is not None and manager.supervisor and manager.supervisor not in chain:
        chain.append(manager.supervisor)
        manager = app.store.get_manager(manager.supervisor)
    return chain


def _assignee(app: App, manager_id: str | None) -> Manager:
    """The manager a new task goes to (the actor by default), if the actor may give it him."""
    if manager_id is None:
        if app.actor is None:
            raise BadInput(
                "--for: the administrator gives a task to a manager: name him with --for MANAGER"
            )
        manager_id = app.actor
    manager = get_manager(app, manager_id)
    if not manager.active:
        raise BadInput(
            f"--for {manager_id}: this manager is inactive and would never see the task:"
            " give it to another manager"
        )
    team = _team(app)
    if team is None or manager_id in team or manager_id in _chain_above(app, str(app.actor)):
        return manager
    below = ", ".join(sorted(team - {str(app.actor)}))
    above = ", ".join(_chain_above(app, str(app.actor)))
    reach = ["himself", *([f"his team ({below})"] if below else [])]
    reach += [f"up his supervisor chain ({above})"] if above else []
    raise Refused(
        f"--for {manager_id}: {app.actor} gives tasks to {', '.join(reach)}, and {manager_id}"
        f" is none of them: {manager_id}'s supervisor or the administrator gives it",
        rule="core.task-assignee",
    )


def _text(option: str, value: str | None, what: str) -> str:
    if value is None or not value.strip():
        raise BadInput(f"{option}: {what}")
    return value.strip()


def add_task(
    app: App,
    title: str,
    *,
    due: dt.date | None = None,
    customer: str | None = None,
    assignee: str | None = None,
) -> Task:
    """Add an open task (id ``t-N``) for ``assignee`` (the actor when None), created today.

    ``customer``, when given, must be one the actor sees. Refused
    (``core.task-assignee``) for a manager the actor may not give tasks to.
    """
    title = _text("--title", title, "say what is to be done")
    with app.store.transaction():
        manager = _assignee(app, assignee)
        about = None
        if customer is not None:
            about = get_customer(app, customer)
            scope.ensure_in_scope(app, about)
        task = Task(
            app.store.next_id("t"),
            title,
            manager.id,
            app.acting,
            app.today,
            customer_id=None if about is None else about.id,
            due=due,
        )
        app.store.add_task(task)
        audit.record(
            app,
            "task.add",
            "task",
            task.id,
            after=task,
            on_behalf_of=None if about is None else scope.on_behalf_of(app, about),
        )
    return task


def _sees(app: App, task: Task) -> bool:
    team = _team(app)
    return team is None or task.assignee in team or task.created_by in team


def get_task(app: App, task_id: str) -> Task:
    """The task with this id, if the actor may see it (see the module's docstring)."""
    task = app.store.get_task(task_id)
    if task is None:
        raise NotFound(f"unknown task {task_id!r}: see `accountcore task list --status all`")
    if not _sees(app, task):
        raise Refused(
            f"task {task_id} is {task.assignee}'s, given by {task.created_by}: {app.actor}"
            f" sees his own tasks and his team's",
            rule="core.scope",
        )
    return task


def list_tasks(
    app: App, *, status: TaskStatus | None = TaskStatus.OPEN, assignee: str | None = None
) -> list[Task]:
    """The tasks the actor sees, by due date (the undated last), then id.

    Without ``assignee``: those assigned to or created by the actor (every
    task, for the administrator). With it: those of that manager the actor
    sees. ``status`` None keeps every status.
    """
    if assignee is not None:
        get_manager(app, assignee)
        where = TaskFilter(involving=_team(app), assignees=frozenset({assignee}))
    else:
        where = TaskFilter(involving=None if app.actor is None else frozenset({app.actor}))
    where = attrs.evolve(where, status=None if status is None else status.value)
    return list(app.store.iter_tasks(where))


def _may_close(app: App, task: Task) -> None:
    actor = app.actor
    if actor is None or actor in (task.assignee, task.created_by):
        return
    if scope.supervises(app, task.assignee):
        return
    raise Refused(
        f"task {task.id} is {task.assignee}'s, given by {task.created_by}: its assignee,"
        f" its creator or a supervisor above {task.assignee} closes it, not {actor}",
        rule="core.task-close",
    )


def _close(app: App, task_id: str, status: TaskStatus, note: str | None) -> Task:
    with app.store.transaction():
        before = get_task(app, task_id)
        _may_close(app, before)
        if before.status is not TaskStatus.OPEN:
            closed_on = before.done_on or before.cancelled_on
            raise BadInput(
                f"task {task_id} is already {before.status.value} (on {closed_on}):"
                " it cannot be closed again (add a new task if there is more to do)"
            )
        if status is TaskStatus.DONE:
            after = attrs.evolve(before, status=status, note=note, done_on=app.today)
        else:
            after = attrs.evolve(before, status=status, note=note, cancelled_on=app.today)
        app.store.update_task(after)
        audit.record(
            app,
            f"task.{'done' if status is TaskStatus.DONE else 'cancel'}",
            "task",
            task_id,
            before=before,
            after=after,
            on_behalf_of=before.assignee if app.actor not in (None, before.assignee) else None,
            reason=note,
        )
    return after


def done_task(app: App, task_id: str, *, note: str | None = None) -> Task:
    """Record an open task as done today, with what was done (``note``, optional)."""
    return _close(app, task_id, TaskStatus.DONE, (note or "").strip() or None)


def cancel_task(app: App, task_id: str, *, reason: str) -> Task:
    """Cancel an open task today, with the reason (kept as its note)."""
    return _close(app, task_id, TaskStatus.CANCELLED, _text("--reason", reason, "say why"))


def task_records(app: App, tasks: Iterable[Task]) -> list[dict[str, Any]]:
    """The tasks as plain data, each with ``customer_name`` beside ``customer_id``.

    The names are read in one batch; a customer the actor does not see (a
    supervisor's, on a task given down to a report) has no name here.
    """
    plain = [app.converter.unstructure(task) for task in tasks]
    names = app.store.get_customers({r["customer_id"] for r in plain if r["customer_id"]})
    visible = scope.visible_managers(app)
    records = []
    for data in plain:
        customer = names.get(data["customer_id"] or "")
        if customer is not None and visible is not None and customer.manager not in visible:
            customer = None
        record: dict[str, Any] = {}
        for key, value in data.items():
            record[key] = value
            if key == "customer_id":
                record["customer_name"] = None if customer is None else customer.name
        records.append(record)
    return records


# What the agenda reads ---------------------------------------------------------------


def open_tasks(app: App, until: dt.date) -> Iterator[Task]:
    """The open tasks assigned to the actor due on or before ``until``, and the undated.

    By due date (the undated last), then id; for the administrator, every
    manager's. The actor's escalations are among them (:func:`escalated_tasks`
    picks them out).
    """
    mine = None if app.actor is None else frozenset({app.actor})
    where = TaskFilter(assignees=mine, status=_OPEN, due_until=until, undated=True)
    return app.store.iter_tasks(where)


def escalated_tasks(app: App) -> Iterator[Task]:
    """The open tasks assigned to the actor that a member of his team created: escalations.

    A task he gave himself is not one; nor, for a manager with no team, is
    any. By due date (the undated last), then id. Empty for the administrator,
    to whom nothing is escalated.
    """
    team = _team(app)
    if team is None or app.actor is None or len(team) == 1:
        return iter(())
    below = team - {app.actor}
    where = TaskFilter(assignees=frozenset({app.actor}), created_by=below, status=_OPEN)
    return app.store.iter_tasks(where)


def team_overdue_tasks(app: App) -> Iterator[Task]:
    """The open tasks of the actor's team members (not his own) due before today.

    For a supervisor's agenda; empty for a manager with no team, every
    manager's for the administrator. Oldest due first, then id.
    """
    team = _team(app)
    below = None if team is None else team - {str(app.actor)}
    if below is not None and not below:
        return iter(())
    yesterday = app.today - dt.timedelta(days=1)
    where = TaskFilter(assignees=below, status=_OPEN, due_until=yesterday)
    return app.store.iter_tasks(where)
