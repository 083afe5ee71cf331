"""Delegation: a named deputy holds a manager's duties for a period, and no longer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from .._app import App
from .._errors import BadInput, NotFound, Refused
from .._model import Delegation
from . import audit, scope
from .managers import get_manager

__all__ = ["delegate", "end_delegation", "list_delegations"]


def _in_force(delegation: Delegation) -> tuple[dt.date, dt.date]:
    """The first and last day a delegation is in force (an early end shortens it)."""
    last = delegation.end
    if delegation.ended_on is not None:
        last = min(last, delegation.ended_on - dt.timedelta(days=1))
    return delegation.start, last


def _overlaps(delegation: Delegation, start: dt.date, end: dt.date) -> bool:
    first, last = _in_force(delegation)
    return first <= end and start <= last and first <= last


def _check_may_delegate(app: App, from_manager: str) -> None:
    """The manager himself, his supervisor or the administrator may hand over his duties."""
    if app.actor == from_manager or scope.supervises(app, from_manager):
        return
    raise Refused(
        f"{app.actor} may not delegate {from_manager}'s duties: only {from_manager},"
        " his supervisor or the administrator may",
        rule="core.delegation-scope",
    )


def delegate(
    app: App,
    from_manager: str,
    to_manager: str,
    *,
    start: dt.date,
    end: dt.date,
    reason: str,
    responsibilities: Iterable[str] = (),
) -> Delegation:
    """Hand ``from_manager``'s duties (all, or the named ones) to ``to_manager`` from start to end.

    Refused: delegating to oneself, to an unknown or inactive manager, a period
    that ends before it starts or has already ended, a period overlapping
    another delegation of the same manager, or a deputy who is himself away.
    """
    duties = tuple(dict.fromkeys(responsibilities))
    if from_manager == to_manager:
        raise BadInput(f"{from_manager} cannot delegate to himself: name another manager")
    if end < start:
        raise BadInput(f"--end {end} is before --start {start}")
    if end < app.today:
        raise BadInput(f"--end {end} has already passed (today is {app.today})")
    if not reason.strip():
        raise BadInput("--reason: say why the duties are handed over (leave, illness...)")
    catalogue = app.hooks.responsibilities
    unknown = [duty for duty in duties if duty not in catalogue]
    if unknown:
        raise BadInput(
            f"--responsibility {', '.join(unknown)}: unknown; see `accountcore responsibility list`"
        )
    with app.store.transaction():
        get_manager(app, from_manager)
        deputy = get_manager(app, to_manager)
        if not deputy.active:
            raise BadInput(f"{to_manager} is inactive and cannot stand in for {from_manager}")
        _check_may_delegate(app, from_manager)
        for other in app.store.iter_delegations(manager=from_manager):
            if other.from_manager == from_manager and _overlaps(other, start, end):
                raise Refused(
                    f"{from_manager} already delegates to {other.to_manager} from {other.start}"
                    f" to {other.end} ({other.id}): end it first or choose other dates",
                    rule="core.delegation-overlap",
                )
        for other in app.store.iter_delegations(manager=to_manager):
            if other.from_manager == to_manager and _overlaps(other, start, end):
                raise Refused(
                    f"{to_manager} is himself away from {other.start} to {other.end}"
                    f" ({other.id}): choose another deputy",
                    rule="core.deputy-absent",
                )
        delegation = Delegation(
            app.store.next_id("d"), from_manager, to_manager, start, end, reason.strip(), duties
        )
        app.store.add_delegation(delegation)
        audit.record(
            app,
            "delegation.add",
            "delegation",
            delegation.id,
            after=delegation,
            on_behalf_of=from_manager if app.actor != from_manager else None,
            reason=delegation.reason,
        )
    scope.forget(app)
    return delegation


def list_delegations(
    app: App, *, active: bool = False, manager: str | None = None
) -> list[Delegation]:
    """Delegations the actor is party to (all for the administrator); ``active``: in force today."""
    visible = scope.visible_managers(app)
    found = []
    for delegation in app.store.iter_delegations(manager=manager, on=app.today if active else None):
        parties = {delegation.from_manager, delegation.to_manager}
        if visible is None or parties & (visible | {app.actor}):
            found.append(delegation)
    return found


def end_delegation(app: App, delegation_id: str, *, reason: str = "") -> Delegation:
    """End a delegation today: the deputy loses its rights from today on."""
    with app.store.transaction():
        before = app.store.get_delegation(delegation_id)
        if before is None:
            raise NotFound(
                f"unknown delegation {delegation_id!r}: see `accountcore delegation list`"
            )
        _check_may_delegate(app, before.from_manager)
        if before.ended_on is not None or before.end < app.today:
            raise BadInput(f"delegation {delegation_id} has already ended")
        after = attrs.evolve(before, ended_on=app.today)
        app.store.update_delegation(after)
        audit.record(
            app,
            "delegation.end",
            "delegation",
            delegation_id,
            before=before,
            after=after,
            reason=reason.strip() or None,
        )
    scope.forget(app)
    return after
