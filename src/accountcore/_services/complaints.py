"""Complaints: accepted, tracked to a resolution, and closed by a reply within a deadline.

The severity sets the deadline to reply (core settings ``complaint_days_high``,
``_medium`` and ``_low``: 1, 3 and 7 days after the day it was opened). A
complaint is overdue the day after its deadline while it is not replied. The
reply comes once the complaint is resolved, and closes it. Every step is work
of the ``complaint-handling`` duty on the customer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from .._app import App
from .._errors import BadInput, NotFound, Refused
from .._model import Channel, Complaint, ComplaintSeverity, ComplaintStatus, Customer
from .._store import ComplaintFilter
from . import audit, scope
from .customers import get_customer

__all__ = [
    "deadline_for",
    "get_complaint",
    "list_complaints",
    "open_complaint",
    "reply_complaint",
    "resolve_complaint",
]

RESPONSIBILITY = "complaint-handling"


def deadline_for(app: App, severity: ComplaintSeverity, opened_on: dt.date) -> dt.date:
    """The last day to reply to a complaint of ``severity`` opened on ``opened_on``."""
    days = getattr(app.settings["core"], f"complaint_days_{severity.value}")
    return opened_on + dt.timedelta(days=days)


def _text(option: str, value: str, what: str) -> str:
    if not value.strip():
        raise BadInput(f"{option}: {what}")
    return value.strip()


def open_complaint(
    app: App, customer_id: str, *, channel: str, severity: ComplaintSeverity, summary: str
) -> Complaint:
    """Accept a complaint from the customer today; its id is ``cp-N``."""
    channel = _text("--channel", channel, "say how the complaint came in (phone, letter...)")
    summary = _text("--summary", summary, "say what the customer complains about")
    with app.store.transaction():
        customer = get_customer(app, customer_id)
        scope.ensure_in_scope(app, customer, RESPONSIBILITY)
        complaint = Complaint(
            app.store.next_id("cp"),
            customer.id,
            customer.manager,
            app.today,
            channel,
            severity,
            summary,
            deadline_for(app, severity, app.today),
        )
        app.store.add_complaint(complaint)
        audit.record(
            app,
            "complaint.open",
            "complaint",
            complaint.id,
            after=complaint,
            on_behalf_of=scope.on_behalf_of(app, customer),
        )
    return complaint


def _found(app: App, complaint_id: str, responsibility: str | None) -> tuple[Complaint, Customer]:
    complaint = app.store.get_complaint(complaint_id)
    if complaint is None:
        raise NotFound(f"unknown complaint {complaint_id!r}: see `accountcore complaint list`")
    customer = get_customer(app, complaint.customer)
    scope.ensure_in_scope(app, customer, responsibility)
    return complaint, customer


def get_complaint(app: App, complaint_id: str) -> Complaint:
    """The complaint with this id, if the actor may see its customer."""
    return _found(app, complaint_id, None)[0]


def list_complaints(
    app: App,
    *,
    unreplied: bool = False,
    overdue: bool = False,
    customer: str | None = None,
    manager: str | None = None,
) -> Iterator[Complaint]:
    """The complaints of the customers the actor handles complaints for, oldest first.

    ``unreplied`` keeps those not yet closed by a reply (open or resolved);
    ``overdue`` those past their deadline today and not replied; ``manager``
    those of the customers under his name (within the actor's scope).
    """
    where = ComplaintFilter(
        managers=scope.narrowed(scope.managers_for(app, RESPONSIBILITY), manager),
        customer=customer,
        unreplied=unreplied,
        overdue_on=app.today if overdue else None,
    )
    return app.store.iter_complaints(where)


def _change(
    app: App, before: Complaint, customer: Customer, action: str, **changes: Any
) -> Complaint:
    after = attrs.evolve(before, **changes)
    app.store.update_complaint(after)
    audit.record(
        app,
        action,
        "complaint",
        before.id,
        before=before,
        after=after,
        on_behalf_of=scope.on_behalf_of(app, customer),
    )
    return after


def resolve_complaint(app: App, complaint_id: str, *, resolution: str) -> Complaint:
    """Record how an open complaint was settled; the reply to the customer comes next."""
    resolution = _text("--resolution", resolution, "say how the complaint was settled")
    with app.store.transaction():
        before, customer = _found(app, complaint_id, RESPONSIBILITY)
        if before.status is not ComplaintStatus.OPEN:
            raise BadInput(
                f"complaint {complaint_id} is already {before.status.value}"
                f" (resolved on {before.resolved_on}): nothing left to resolve"
            )
        return _change(
            app,
            before,
            customer,
            "complaint.resolve",
            status=ComplaintStatus.RESOLVED,
            resolution=resolution,
            resolved_on=app.today,
        )


def reply_complaint(app: App, complaint_id: str, *, channel: Channel, text: str) -> Complaint:
    """Reply to the customer with the result of a resolved complaint; this closes it.

    Refused (``core.consent``) through a channel the customer refused.
    """
    text = _text("--text", text, "write the reply the customer receives")
    with app.store.transaction():
        before, customer = _found(app, complaint_id, RESPONSIBILITY)
        if before.status is ComplaintStatus.OPEN:
            raise BadInput(
                f"complaint {complaint_id} is not resolved yet: record the settlement first"
                f" with `accountcore complaint resolve {complaint_id} --resolution TEXT`"
            )
        if before.status is ComplaintStatus.REPLIED:
            raise BadInput(f"complaint {complaint_id} was already replied on {before.replied_on}")
        if customer.refuses(channel):
            raise Refused(
                f"customer {customer.id} refused {channel.value}: reply through another channel",
                rule="core.consent",
            )
        return _change(
            app,
            before,
            customer,
            "complaint.reply",
            status=ComplaintStatus.REPLIED,
            reply=text,
            reply_channel=channel.value,
            replied_on=app.today,
        )
