"""Account managers: who carries a portfolio, with what capacity and target."""

from __future__ import annotations

import re

from ..app import App
from ..errors import BadInput, NotFound
from ..model import Manager
from . import audit

__all__ = ["add_manager", "get_manager", "list_managers"]

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
) -> Manager:
    """Add a manager; the id is the firm's own (an employee number, a login)."""
    if not _MANAGER_ID.fullmatch(manager_id):
        raise BadInput(
            f"manager id {manager_id!r}: use letters, digits, '.', '_' or '-' (such as m1 or li.na)"
        )
    if not name.strip():
        raise BadInput("--name: a manager needs a name")
    if capacity <= 0 or target <= 0:
        raise BadInput(f"--capacity {capacity} --target {target}: both must be above 0")
    if target > capacity:
        raise BadInput(f"--target {target} is above --capacity {capacity}: lower the target")
    manager = Manager(manager_id, name.strip(), supervisor, capacity, target)
    with app.store.transaction():
        if app.store.get_manager(manager_id) is not None:
            raise BadInput(f"manager {manager_id!r} already exists: choose another id")
        if supervisor is not None:
            get_manager(app, supervisor)
        app.store.add_manager(manager)
        audit.record(app, "manager.add", "manager", manager_id, after=manager)
    return manager
