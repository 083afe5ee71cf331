"""A manager's agenda: what the other services say he has to do today."""

from __future__ import annotations

import itertools

from attrs import frozen

from .._app import App
from .._model import CareAction, Complaint, Manager, OverdueVisit, RetentionSignal
from . import complaints, managers, visits

__all__ = ["Agenda", "agenda_of"]


@frozen
class Agenda:
    """A manager's day: care due, visits overdue, customers at risk, complaints open."""

    manager: Manager
    care: list[CareAction]
    overdue: list[OverdueVisit]
    risks: list[RetentionSignal]
    complaints: list[Complaint]


def agenda_of(app: App, limit: int = 10) -> Agenda:
    """The acting manager's agenda for ``app.today`` (``app.actor`` must be set)."""
    from . import care, retention

    manager = managers.get_manager(app, app.actor or "")
    _, due = care.due_actions(app)
    return Agenda(
        manager,
        list(itertools.islice(due, limit)),
        list(itertools.islice(visits.overdue_visits(app), limit)),
        retention.rank_risks(app, min_score=0.3, limit=limit),
        list(itertools.islice(complaints.list_complaints(app, unreplied=True), limit)),
    )
