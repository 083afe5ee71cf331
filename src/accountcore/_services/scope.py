"""Who may see and change which customers, and on whose behalf.

- The administrator (no ``--as``) sees and changes everything.
- A manager sees the customers under his name.
- A supervisor sees his team's customers (his reports, and theirs) and acts for them.
- A deputy sees the customers of each manager who delegated to him, on the
  days of the delegation and no others, and acts on the delegated duties only.

Work done for another manager's customer is recorded on that manager's behalf.

Who acts (:func:`identify`): on an SQLite book, whoever ``--as`` names; on a
PostgreSQL book, the server says: the manager mapped to the connection's
role, or the administrator when the role owns the book, who alone may act
``--as`` a manager (and is recorded as the administrator on his behalf).
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from attrs import frozen

from .._app import App
from .._errors import NotFound, Refused
from .._model import Customer
from .._store import DutyScope

if TYPE_CHECKING:
    from .._model import Delegation

__all__ = [
    "Identity",
    "Scope",
    "check_actor",
    "duty_scope",
    "ensure_administrator",
    "ensure_customer_in_scope",
    "ensure_in_scope",
    "for_manager",
    "identify",
    "managers_for",
    "narrowed",
    "on_behalf_of",
    "scope_of",
    "supervises",
    "team_of",
    "visible_managers",
]

_scopes: weakref.WeakKeyDictionary[App, Scope] = weakref.WeakKeyDictionary()


@frozen
class Identity:
    """Who acts: ``actor`` is the manager whose scope applies (None: the administrator);
    ``stands_in`` when the administrator acts on that manager's behalf."""

    actor: str | None
    stands_in: bool = False


def identify(claimed: str | None, login: Any, location: str) -> Identity:
    """Who acts, from ``--as`` (``claimed``) and the server's ``login`` (None: no server).

    A role mapped to no manager gets nothing; a manager's role may not act
    ``--as`` another manager.
    """
    if login is None:
        return Identity(claimed)
    if login.administrator:
        return Identity(claimed, stands_in=claimed is not None)
    if login.manager is None:
        raise Refused(
            f"the PostgreSQL role {login.role} logs in as no active manager of {location}:"
            f" the administrator maps it with `accountcore manager add ID --name NAME"
            f" --login {login.role}` (or activates its manager)",
            rule="postgres.unmapped-role",
        )
    if claimed is not None and claimed != login.manager:
        raise Refused(
            f"--as {claimed}: the role {login.role} acts as {login.manager} on {location};"
            " only the book's administrator may act on another manager's behalf",
            rule="postgres.as-refused",
        )
    return Identity(login.manager)


@frozen
class Scope:
    """What the acting manager holds today: his own and his team's, and what was delegated."""

    actor: str
    own: frozenset[str]
    delegated: Mapping[str, tuple[Delegation, ...]]

    @property
    def managers(self) -> frozenset[str]:
        """Every manager whose customers the actor sees today."""
        return self.own | frozenset(self.delegated)

    def covers(self, manager: str, responsibility: str | None) -> bool:
        """Whether the actor may act on ``manager``'s customers for ``responsibility``."""
        if manager in self.own:
            return True
        return any(
            responsibility is None or not d.responsibilities or responsibility in d.responsibilities
            for d in self.delegated.get(manager, ())
        )


def check_actor(app: App) -> None:
    """Refuse an ``--as`` that names no manager of the book."""
    if app.actor is not None and app.store.get_manager(app.actor) is None:
        raise NotFound(
            f"--as {app.actor}: no such manager in {app.store.location}"
            " (see `accountcore manager list`)"
        )


def ensure_administrator(app: App, what: str) -> None:
    """Refuse (exit 1, ``core.admin-only``) when a manager, not the administrator, acts.

    Book-wide decisions (settings, plugins, the book itself) are the
    administrator's: whoever runs without ``--as``.
    """
    if app.actor is not None:
        raise Refused(
            f"only the book's administrator may {what}; {app.actor} is a manager"
            " (run without --as, as the administrator)",
            rule="core.admin-only",
        )


def team_of(app: App, manager_id: str) -> frozenset[str]:
    """The manager and everyone who reports to him, directly or through others."""
    reports: dict[str, list[str]] = {}
    for manager in app.store.list_managers():
        if manager.supervisor is not None:
            reports.setdefault(manager.supervisor, []).append(manager.id)
    team, todo = {manager_id}, [manager_id]
    while todo:
        for report in reports.get(todo.pop(), []):
            if report not in team:
                team.add(report)
                todo.append(report)
    return frozenset(team)


def supervises(app: App, manager_id: str) -> bool:
    """Whether the actor is above ``manager_id`` in the chain (the administrator is above all)."""
    if app.actor is None:
        return True
    return app.actor != manager_id and manager_id in team_of(app, app.actor)


def narrowed(managers: frozenset[str] | None, manager: str | None) -> frozenset[str] | None:
    """``managers`` (None: every manager) narrowed to ``manager`` when one is named."""
    if manager is None:
        return managers
    return frozenset({manager}) if managers is None else managers & {manager}


def scope_of(app: App) -> Scope | None:
    """The actor's scope for ``app.today``, or None for the administrator."""
    if app.actor is None:
        return None
    if app not in _scopes:
        check_actor(app)
        delegated: dict[str, list[Delegation]] = {}
        for delegation in app.store.iter_delegations(manager=app.actor, on=app.today):
            if delegation.to_manager == app.actor:
                delegated.setdefault(delegation.from_manager, []).append(delegation)
        _scopes[app] = Scope(
            app.actor,
            team_of(app, app.actor),
            {manager: tuple(items) for manager, items in delegated.items()},
        )
    return _scopes[app]


def forget(app: App) -> None:
    """Drop the cached scope (after a change of managers or delegations)."""
    _scopes.pop(app, None)


def visible_managers(app: App) -> frozenset[str] | None:
    """The managers whose customers the actor sees, or None for all of them."""
    scope = scope_of(app)
    return None if scope is None else scope.managers


def managers_for(app: App, responsibility: str) -> frozenset[str] | None:
    """The managers whose customers the actor works on for ``responsibility``; None: all."""
    scope = scope_of(app)
    if scope is None:
        return None
    return frozenset(m for m in scope.managers if scope.covers(m, responsibility))


def duty_scope(app: App) -> DutyScope | None:
    """The actor's work today as ``(managers, responsibilities)`` pairs; None: everything.

    His own and his team's customers for every duty (None), then each manager
    who delegated to him with the duties he delegated, for work lists whose
    items serve different duties (care actions).
    """
    scope = scope_of(app)
    if scope is None:
        return None
    pairs: list[tuple[frozenset[str], frozenset[str] | None]] = [(scope.own, None)]
    for manager, delegations in sorted(scope.delegated.items()):
        if manager in scope.own:
            continue
        duties = {duty for d in delegations for duty in d.responsibilities}
        every = any(not d.responsibilities for d in delegations)
        pairs.append((frozenset({manager}), None if every else frozenset(duties)))
    return tuple(pairs)


def ensure_manager_in_scope(app: App, manager: str, responsibility: str | None = None) -> None:
    """Refuse (exit 1) when the actor may not act for ``manager``'s customers."""
    scope = scope_of(app)
    if scope is None or scope.covers(manager, responsibility):
        return
    if manager in scope.delegated:
        duties = sorted({r for d in scope.delegated[manager] for r in d.responsibilities})
        raise Refused(
            f"{manager} delegated only {', '.join(duties)} to {app.actor}, not {responsibility}",
            rule="core.delegation-scope",
        )
    raise Refused(
        f"{app.actor} does not act for {manager} on {app.today}: ask {manager} or his"
        " supervisor to delegate, or the supervisor to reassign the customer",
        rule="core.scope",
    )


def ensure_in_scope(app: App, customer: Customer, responsibility: str | None = None) -> None:
    """Refuse (exit 1) when the actor may not see or change ``customer``.

    ``responsibility`` names the duty the work serves (``care``, ``signing``...),
    for delegations that move only some duties; None means reading.
    """
    ensure_customer_in_scope(app, customer.id, customer.manager, responsibility)


def ensure_customer_in_scope(
    app: App, customer_id: str, manager: str, responsibility: str | None = None
) -> None:
    """:func:`ensure_in_scope` for the customer ``customer_id`` under ``manager``'s name."""
    try:
        ensure_manager_in_scope(app, manager, responsibility)
    except Refused as refused:
        raise Refused(
            f"customer {customer_id} is under {manager}'s name: {refused}",
            rule=refused.rule,
        ) from None


def on_behalf_of(app: App, customer: Customer) -> str | None:
    """The manager whose customer the actor works on, when that is not the actor himself."""
    return for_manager(app, customer.manager)


def for_manager(app: App, manager: str) -> str | None:
    """:func:`on_behalf_of` for a customer under ``manager``'s name."""
    return None if app.actor is None or app.actor == manager else manager
