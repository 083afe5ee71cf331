"""A manager's agenda: what the other services say he has to do, in one list.

The agenda adds no rule of its own. It asks each service for its part
(complaints waiting for a reply, blocking findings, customers at risk, care actions due,
visits overdue, missed and planned, agreements ending, tasks and escalations)
and orders the items:

1. by responsibility, in the order of :data:`GROUPS` (any other after them,
   by name);
2. within one, the overdue first, then today's, then those ahead;
3. then by day (the earliest first), by weight (a high complaint before a low
   one, a higher churn score, a longer overdue visit first), by customer.

A manager's own agenda holds his customers' and those delegated to him. A
supervisor's team agenda (``team``) holds what is overdue among his team's
customers and tasks, and what was escalated to him.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator

from attrs import evolve, frozen

from .._app import App
from .._enums import AgreementStatus, CareStatus, Severity
from .._errors import BadInput
from .._model import Manager
from .._retention_values import AT_RISK
from . import care, complaints, compliance, managers, retention, scope, tasks, visit_plans, visits
from .agenda_items import (
    AgendaItem,
    agreement_item,
    care_item,
    complaint_item,
    finding_item,
    missed_item,
    overdue_item,
    planned_item,
    risk_item,
    task_item,
)
from .agreements import iter_agreements

__all__ = ["ENDING_WITHIN", "GROUPS", "Agenda", "AgendaItem", "agenda_of"]

# The order of the responsibilities on an agenda: what cannot wait first.
GROUPS = (
    "complaints",
    "compliance",
    "tasks",
    "arrears-recovery",
    "retention",
    "care",
    "visits",
    "agreements",
)
_URGENCY = {"overdue": 0, "today": 1, "ahead": 2}
# The duty that findings and agreements serve: a deputy without it does not see them.
SIGNING = "signing"
# Agreements ending this many days after the agenda's last day are on it.
ENDING_WITHIN = 30


@frozen
class Agenda:
    """A manager's agenda from ``day`` to ``until``, most urgent first, grouped.

    ``looked_ahead`` says the agenda reaches beyond the real date: nothing was
    recorded for it (the care actions of those days are computed, not made).
    """

    manager: Manager
    day: dt.date
    until: dt.date
    team: bool
    looked_ahead: bool
    items: list[AgendaItem]


def _order(item: AgendaItem) -> tuple[object, ...]:
    group = GROUPS.index(item.responsibility) if item.responsibility in GROUPS else len(GROUPS)
    return (
        group,
        item.responsibility,
        _URGENCY[item.urgency],
        item.due or dt.date.max,
        -item.weight,
        item.customer or "",
        item.ref or "",
    )


def _own_items(
    app: App, owners: frozenset[str], until: dt.date, min_score: float
) -> Iterator[AgendaItem]:
    """Everything due on the customers under these managers' names, up to ``until``."""
    today = app.today
    for owner in sorted(owners):
        # Every complaint waiting for its reply: the deadline says how urgent.
        for complaint in complaints.list_complaints(app, unreplied=True, manager=owner):
            yield complaint_item(complaint, today)
        if _covers(app, owner, SIGNING):
            yield from _blocking(app, owner)
        # What the day's batch stored, when it ran: else scored now.
        for signal in retention.rank_risks(app, min_score=min_score, manager=owner):
            yield risk_item(signal, today)
        _, due = care.due_until(app, until, manager=owner)
        yield from (care_item(action, today) for action in due)
        yield from (overdue_item(o, today) for o in visits.overdue_visits(app, manager=owner))
        yield from (missed_item(v, today) for v in visit_plans.missed_visits(app, manager=owner))
        planned = visit_plans.planned_visits(app, until, manager=owner)
        yield from (planned_item(v, today) for v in planned)
        if _covers(app, owner, SIGNING):
            yield from _ending(app, owner, until)


def _covers(app: App, owner: str, duty: str) -> bool:
    """Whether the actor does ``duty`` for ``owner``'s customers (a deputy may not)."""
    managers = scope.managers_for(app, duty)
    return managers is None or owner in managers


def _blocking(app: App, owner: str) -> Iterator[AgendaItem]:
    for finding in compliance.check(app, everyone=True, manager=owner):
        if finding.severity is Severity.BLOCK and finding.overridden_by is None:
            yield finding_item(finding, app.today)


def _ending(app: App, owner: str, until: dt.date) -> Iterator[AgendaItem]:
    last = until + dt.timedelta(days=ENDING_WITHIN)
    for agreement in iter_agreements(app, status=AgreementStatus.ACTIVE, manager=owner):
        if agreement.end is not None and app.today <= agreement.end <= last:
            yield agreement_item(agreement, app.today)


def _task_items(app: App, until: dt.date) -> Iterator[AgendaItem]:
    escalated = {task.id for task in tasks.escalated_tasks(app)}
    for task in tasks.open_tasks(app, until):
        yield task_item(task, app.today, escalated=task.id in escalated)


def _team_items(app: App, team: frozenset[str]) -> Iterator[AgendaItem]:
    """What is overdue among the team's customers and tasks, and what was escalated."""
    today = app.today
    for member in sorted(team):
        late = complaints.list_complaints(app, overdue=True, manager=member)
        yield from (complaint_item(complaint, today) for complaint in late)
        overdue_care = care.list_actions(
            app, status=CareStatus.DUE, due_by=today - dt.timedelta(days=1), manager=member
        )
        yield from (care_item(action, today) for action in overdue_care)
        yield from (overdue_item(o, today) for o in visits.overdue_visits(app, manager=member))
        yield from (missed_item(v, today) for v in visit_plans.missed_visits(app, manager=member))
    yield from (task_item(task, today) for task in tasks.team_overdue_tasks(app))
    yield from (task_item(task, today, escalated=True) for task in tasks.escalated_tasks(app))


def _named(app: App, items: list[AgendaItem], *, team: bool) -> list[AgendaItem]:
    """Each item with its customer's name and owner; on one's own agenda, the owner of a
    delegated customer named."""
    labels = app.store.customer_labels({item.customer for item in items if item.customer})
    named = []
    for item in items:
        label = labels.get(item.customer or "")
        if label is not None:
            item = evolve(item, customer_name=label[0], owner=label[1])
        if not team and item.owner not in (None, app.actor) and item.kind != "escalation":
            item = evolve(item, delegated_by=item.owner)
        named.append(item)
    return named


def agenda_of(app: App, *, days: int = 1, team: bool = False, min_score: float = AT_RISK) -> Agenda:
    """The acting manager's agenda for ``days`` days from ``app.today`` (1: today).

    ``team`` gives a supervisor his team's overdue and escalated work instead.
    ``min_score`` is the churn score from which a customer is at risk. A look
    beyond the real date records nothing (``Agenda.looked_ahead``).
    """
    if app.actor is None:
        raise BadInput("the agenda is a manager's: give --as MANAGER (or set ACCOUNTCORE_USER)")
    if days < 1:
        raise BadInput(f"--days {days}: give a number of days of 1 or more")
    manager = managers.get_manager(app, app.actor)
    until = app.today + dt.timedelta(days=days - 1)
    looked_ahead = app.looking_ahead or until > app.real_today
    found: Iterable[AgendaItem]
    if team:
        members = scope.team_of(app, app.actor) - {app.actor}
        if not members:
            raise BadInput(f"{app.actor} has no team: `agenda --team` is a supervisor's")
        found = _team_items(app, members)
    else:
        held = scope.scope_of(app)
        owners = frozenset({app.actor}) | frozenset(held.delegated if held else ())
        found = itertools.chain(_own_items(app, owners, until, min_score), _task_items(app, until))
    items = sorted(_named(app, list(found), team=team), key=_order)
    return Agenda(manager, app.today, until, team, looked_ahead, items)
