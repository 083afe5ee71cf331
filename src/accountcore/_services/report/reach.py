"""Whose figures a report holds: a supervisor his team, the administrator the whole book.

A manager without a team sees his own figures. ``--manager`` narrows the
report to one manager of that scope; one outside it is refused. Delegations
do not widen a report: a deputy reports on his own team only.
"""

from __future__ import annotations

from attrs import frozen

from ..._app import App
from ..._errors import NotFound, Refused
from ..._model import Manager
from .. import scope

__all__ = ["Reach", "reach_of"]


@frozen
class Reach:
    """The managers a report covers, and the teams among them (supervisor, members)."""

    managers: tuple[Manager, ...]
    teams: tuple[tuple[Manager, frozenset[str]], ...]
    label: str

    @property
    def ids(self) -> frozenset[str]:
        """The ids of the managers covered."""
        return frozenset(m.id for m in self.managers)


def reach_of(app: App, manager: str | None = None) -> Reach:
    """The report's managers for the actor (and ``manager``, when one is named)."""
    everyone = {m.id: m for m in app.store.list_managers()}
    if app.actor is None:
        covered = frozenset(everyone)
        label = "the whole book"
    else:
        scope.check_actor(app)
        covered = scope.team_of(app, app.actor)
        label = f"the team of {everyone[app.actor].name}" if len(covered) > 1 else app.actor
    if manager is not None:
        if manager not in everyone:
            raise NotFound(f"--manager {manager}: no such manager (see `accountcore manager list`)")
        if manager not in covered:
            raise Refused(
                f"{app.actor} does not supervise {manager}: a report covers one's own team",
                rule="core.scope",
            )
        return Reach((everyone[manager],), (), f"{everyone[manager].name} ({manager})")
    managers = tuple(everyone[m] for m in sorted(covered))
    teams = []
    for lead in managers:
        members = scope.team_of(app, lead.id) & covered
        if len(members) > 1:
            teams.append((lead, members))
    return Reach(managers, tuple(teams), label)
