"""The agenda's items: what each service's record says a manager has to do, in one shape.

Each maker turns one kind of record (a complaint, a finding, a care action, a
visit...) into an :class:`AgendaItem` that says why it is there and what to
do. They add no rule: what is due, overdue or at risk is what the services
that own those records say.
"""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from .._enums import ComplaintSeverity
from .._model import Agreement, CareAction, Complaint, Finding, OverdueVisit, Visit
from .._retention_values import RetentionSignal
from .._task import Task

__all__ = [
    "AgendaItem",
    "agreement_item",
    "care_item",
    "complaint_item",
    "finding_item",
    "missed_item",
    "overdue_item",
    "planned_item",
    "risk_item",
    "task_item",
]

_SEVERITY_WEIGHT = {
    ComplaintSeverity.HIGH: 3.0,
    ComplaintSeverity.MEDIUM: 2.0,
    ComplaintSeverity.LOW: 1.0,
}


@frozen
class AgendaItem:
    """One thing to do: about which customer, why it is there and what to do.

    ``urgency`` is ``overdue`` (its day has passed), ``today`` or ``ahead``;
    ``weight`` orders items of the same day (a high complaint before a low
    one, a higher churn score first). ``owner`` is the manager whose customer
    it is; ``delegated_by`` names him when he is not the agenda's manager.
    """

    kind: str
    responsibility: str
    urgency: str
    due: dt.date | None
    why: str
    todo: str
    ref: str | None = None
    customer: str | None = None
    customer_name: str | None = None
    owner: str | None = None
    delegated_by: str | None = None
    weight: float = 0.0


def _urgency(due: dt.date | None, today: dt.date) -> str:
    if due is None or due == today:
        return "today"
    return "overdue" if due < today else "ahead"


def complaint_item(complaint: Complaint, today: dt.date) -> AgendaItem:
    """An unreplied complaint: to answer by its deadline."""
    late = complaint.deadline < today
    return AgendaItem(
        kind="complaint",
        responsibility="complaints",
        urgency=_urgency(complaint.deadline, today),
        due=complaint.deadline,
        why=f"{complaint.severity.value} complaint of {complaint.opened_on}: {complaint.summary}",
        todo=(
            f"reply{' (the deadline has passed)' if late else f' by {complaint.deadline}'}:"
            f" `complaint reply {complaint.id}`"
        ),
        ref=complaint.id,
        customer=complaint.customer,
        owner=complaint.manager,
        weight=_SEVERITY_WEIGHT.get(complaint.severity, 0.0),
    )


def finding_item(finding: Finding, today: dt.date) -> AgendaItem:
    """A blocking compliance finding: the customer's file or agreement to put right."""
    about = f" on agreement {finding.agreement}" if finding.agreement else ""
    return AgendaItem(
        kind="compliance",
        responsibility="compliance",
        urgency="today",
        due=today,
        why=f"{finding.rule}{about}: {finding.message}",
        todo=f"put the file right ({finding.source or 'see the rule'})",
        ref=finding.agreement,
        customer=finding.customer,
    )


def risk_item(signal: RetentionSignal, today: dt.date) -> AgendaItem:
    """A customer at risk of leaving, with every reason."""
    reasons = "; ".join(reason.text for reason in signal.reasons) or "no reason given"
    return AgendaItem(
        kind="risk",
        responsibility=signal.responsibility,
        urgency="today",
        due=today,
        why=f"churn score {signal.score:.2f}: {reasons}",
        todo="call or visit to keep the customer (`retention risks`)",
        customer=signal.customer,
        owner=signal.manager,
        weight=signal.score,
    )


def care_item(action: CareAction, today: dt.date) -> AgendaItem:
    """A care action due (or, looking ahead, that will be due)."""
    how = action.channel.value if action.channel else "any channel"
    close = f"`care done {action.id}`" if action.id else "it will be recorded on its day"
    return AgendaItem(
        kind="care",
        responsibility=action.responsibility,
        urgency=_urgency(action.due, today),
        due=action.due,
        why=f"{action.rule}: {action.message}",
        todo=f"by {how}, then {close}",
        ref=action.id,
        customer=action.customer,
    )


def overdue_item(overdue: OverdueVisit, today: dt.date) -> AgendaItem:
    """A customer whose visit interval has run out."""
    last = f"last visited {overdue.last_visit}" if overdue.last_visit else "never visited"
    return AgendaItem(
        kind="visit-overdue",
        responsibility=overdue.responsibility,
        urgency="overdue",
        due=overdue.due,
        why=f"{last}; {overdue.policy} asks a visit every {overdue.interval} days",
        todo=f"plan a visit: `visit plan {overdue.customer} --on DATE`",
        customer=overdue.customer,
        customer_name=overdue.name,
        owner=overdue.manager,
        weight=float(overdue.days_overdue or 0),
    )


def planned_item(visit: Visit, today: dt.date) -> AgendaItem:
    """A visit planned for the day or the days ahead."""
    what = f": {visit.agenda}" if visit.agenda else ""
    return AgendaItem(
        kind="visit-planned",
        responsibility="visits",
        urgency=_urgency(visit.on, today),
        due=visit.on,
        why=f"{visit.purpose.value} visit planned ({visit.channel.value}){what}",
        todo=f"make it, then `visit log {visit.customer}`",
        ref=visit.id,
        customer=visit.customer,
        owner=visit.manager,
    )


def missed_item(visit: Visit, today: dt.date) -> AgendaItem:
    """A planned visit whose day passed without a log."""
    return AgendaItem(
        kind="visit-missed",
        responsibility="visits",
        urgency="overdue",
        due=visit.on,
        why=f"{visit.purpose.value} visit planned on {visit.on} and never logged",
        todo=(
            f"log it if it was made, else `visit move {visit.id} --to DATE`"
            f" or `visit cancel {visit.id} --reason ...`"
        ),
        ref=visit.id,
        customer=visit.customer,
        owner=visit.manager,
    )


def agreement_item(agreement: Agreement, today: dt.date) -> AgendaItem:
    """An agreement that ends soon: the renewal to offer."""
    days = (agreement.end - today).days if agreement.end else 0
    return AgendaItem(
        kind="agreement-ending",
        responsibility="agreements",
        urgency="ahead" if days > 0 else "today",
        due=agreement.end,
        why=f"{agreement.product} agreement {agreement.id} ends on {agreement.end}, in {days} days",
        todo="offer the renewal or a new agreement",
        ref=agreement.id,
        customer=agreement.customer,
    )


def task_item(task: Task, today: dt.date, *, escalated: bool = False) -> AgendaItem:
    """A task: one's own, or one a team member escalated."""
    by = f"escalated by {task.created_by}: " if escalated else ""
    given = "" if escalated or task.created_by == task.assignee else f" (from {task.created_by})"
    return AgendaItem(
        kind="escalation" if escalated else "task",
        responsibility="tasks",
        urgency=_urgency(task.due, today),
        due=task.due,
        why=f"{by}{task.title}{given}" + ("" if task.due else " (undated)"),
        todo=f"do it, then `task done {task.id} --note ...`",
        ref=task.id,
        customer=task.customer_id,
        owner=task.assignee,
        weight=1.0 if escalated else 0.0,
    )
