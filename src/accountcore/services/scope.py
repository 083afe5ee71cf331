"""Who may see and change which customers.

A manager acting with ``--as`` sees the customers under his name; the
administrator (no ``--as``) sees all.
"""

from __future__ import annotations

from ..app import App
from ..errors import NotFound, Refused
from ..model import Customer

__all__ = ["check_actor", "ensure_in_scope", "on_behalf_of", "visible_managers"]


def check_actor(app: App) -> None:
    """Refuse an ``--as`` that names no manager of the book."""
    if app.actor is not None and app.store.get_manager(app.actor) is None:
        raise NotFound(
            f"--as {app.actor}: no such manager in {app.store.location}"
            " (see `accountcore manager list`)"
        )


def visible_managers(app: App) -> frozenset[str] | None:
    """The managers whose customers the actor sees, or None for all of them."""
    if app.actor is None:
        return None
    check_actor(app)
    return frozenset({app.actor})


def ensure_in_scope(app: App, customer: Customer, responsibility: str | None = None) -> None:
    """Refuse (exit 1) when the actor may not see or change ``customer``.

    ``responsibility`` names the duty the work serves (``care``, ``signing``...),
    for delegations that move only some duties.
    """
    managers = visible_managers(app)
    if managers is not None and customer.manager not in managers:
        raise Refused(
            f"customer {customer.id} is under {customer.manager}'s name, not {app.actor}'s:"
            " ask the manager, or his supervisor, to delegate or reassign it",
            rule="core.scope",
        )


def on_behalf_of(app: App, customer: Customer) -> str | None:
    """The manager whose customer the actor works on, when that is not the actor himself."""
    if app.actor is None or app.actor == customer.manager:
        return None
    return customer.manager
