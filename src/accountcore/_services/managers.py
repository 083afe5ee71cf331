"""Account managers: who carries a portfolio, with what capacity and target."""

from __future__ import annotations

import re
from typing import Any

import attrs

from .._app import RESERVED_IDS, App
from .._errors import BadInput, NotFound, Refused
from .._model import Manager
from .._text import refuse_controls

__all__ = ["add_manager", "get_manager", "list_managers", "set_active", "update_manager"]

# Visits a month: about 44 half-days is the ceiling of one person's month.
MAX_CAPACITY = 1000

_MANAGER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def get_manager(app: App, manager_id: str) -> Manager:
    """The manager with this id; :class:`NotFound` names it otherwise."""
    manager = app.store.get_manager(manager_id)
    if manager is None:
        raise NotFound(f"unknown manager {manager_id!r}: see `accountcore manager list`")
    return manager


def list_managers(app: App) -> list[Manager]:
    """Every manager of the book, by id."""
    return app.store.list_managers()


def add_manager(
    app: App,
    manager_id: str,
    name: str,
    *,
    supervisor: str | None = None,
    capacity: int = 44,
    target: int = 15,
    login: str | None = None,
) -> Manager:
    """Add a manager; the id is the firm's own (an employee number, a login).

    ``login`` (a PostgreSQL book) maps that database role to him: the role is
    created when missing and the administrator may, and granted what a
    manager needs; connected as it, one acts as him and the server shows
    his scope only.
    """
    from . import audit  # the audit trail, only for a command that writes

    if app.actor is not None:
        raise Refused("only the administrator adds managers", rule="core.admin-only")
    if not _MANAGER_ID.fullmatch(manager_id):
        raise BadInput(
            f"manager id {manager_id!r}: use letters, digits, '.', '_' or '-' (such as m1 or li.na)"
        )
    if manager_id.lower() in RESERVED_IDS:
        raise Refused(
            f"manager id {manager_id!r} is reserved (it names the administrator or the system"
            " in the audit trail): choose another id",
            rule="core.reserved-id",
        )
    manager = Manager(manager_id, name.strip(), supervisor, capacity, target)
    _check(manager)
    with app.store.transaction():
        if app.store.get_manager(manager_id) is not None:
            raise BadInput(f"manager {manager_id!r} already exists: choose another id")
        if supervisor is not None:
            get_manager(app, supervisor)
        app.store.add_manager(manager)
        reason = None
        if login is not None:
            created = app.store.grant_login(login, manager_id)
            reason = f"logs in as the PostgreSQL role {login}{' (created)' if created else ''}"
        audit.record(app, "manager.add", "manager", manager_id, after=manager, reason=reason)
    return manager


def _check(manager: Manager) -> None:
    if not manager.name:
        raise BadInput("--name: a manager needs a name")
    refuse_controls(manager.name, "--name")
    if manager.capacity <= 0 or manager.target <= 0:
        raise BadInput(
            f"--capacity {manager.capacity} --target {manager.target}: both must be above 0"
        )
    if manager.capacity > MAX_CAPACITY:
        raise BadInput(
            f"--capacity {manager.capacity}: at most {MAX_CAPACITY} visits a month"
            " (about 44 half-days is one person's ceiling)"
        )
    if manager.target > manager.capacity:
        raise BadInput(
            f"--target {manager.target} is above --capacity {manager.capacity}: lower the target"
        )


def update_manager(app: App, manager_id: str, changes: dict[str, Any]) -> Manager:
    """Change a manager (name, supervisor, capacity, target, active); the administrator only.

    A supervisor may not report, directly or not, to one of his own reports.
    """
    from . import audit  # the audit trail, only for a command that writes

    if app.actor is not None:
        raise Refused("only the administrator changes managers", rule="core.admin-only")
    with app.store.transaction():
        before = get_manager(app, manager_id)
        after = attrs.evolve(before, **changes)
        _check(after)
        if after.supervisor is not None and after.supervisor != before.supervisor:
            get_manager(app, after.supervisor)
            from .scope import team_of

            if after.supervisor in team_of(app, manager_id):
                raise BadInput(
                    f"--supervisor {after.supervisor} reports to {manager_id}: that would be a loop"
                )
        if after == before:
            return before
        app.store.update_manager(after)
        audit.record(app, "manager.update", "manager", manager_id, before=before, after=after)
    return after


def set_active(app: App, manager_id: str, active: bool) -> Manager:
    """Activate or deactivate a manager (the administrator only); audited as ``manager.update``.

    An inactive manager may read nothing and change nothing; his customers
    stay under his name until they are reassigned.
    """
    return update_manager(app, manager_id, {"active": active})
