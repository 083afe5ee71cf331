"""The audit trail as a reader sees it: his team's records only, personal data masked,
and each write whose claimed date is far from the real one flagged."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from attrs import frozen

from .._app import App
from .._model import AuditEvent
from . import privacy, scope

__all__ = ["LoggedEvent", "events_for"]

# A task names its manager as its assignee and its creator, its customer as customer_id.
_MANAGER_KEYS = ("manager", "from_manager", "to_manager", "assignee", "created_by")
_CUSTOMER_KEYS = ("customer", "customer_id")


@frozen
class LoggedEvent:
    """An audit event as `audit log` shows it; ``flag`` says why a supervisor should look."""

    event: AuditEvent
    flag: str | None = None


def _customer_manager(app: App, customer_id: Any, known: dict[str, str | None]) -> str | None:
    if not isinstance(customer_id, str):
        return None
    if customer_id not in known:
        customer = app.store.get_customer(customer_id)
        known[customer_id] = None if customer is None else customer.manager
    return known[customer_id]


def _managers_of(app: App, event: AuditEvent, known: dict[str, str | None]) -> set[str]:
    """The managers whose records the event touches (for a customer: now and then)."""
    if event.entity == "manager":
        return {event.entity_id}
    found: set[str] = set()
    images = [image for image in (event.before, event.after) if isinstance(image, dict)]
    for image in images:
        found.update(image[key] for key in _MANAGER_KEYS if isinstance(image.get(key), str))
        found.discard("")
        for key in _CUSTOMER_KEYS:
            manager = _customer_manager(app, image.get(key), known)
            if manager is not None:
                found.add(manager)
    if event.entity == "customer":
        manager = _customer_manager(app, event.entity_id, known)
        if manager is not None:
            found.add(manager)
    return found


def _masked(event: AuditEvent, personal: privacy.PersonalFields) -> AuditEvent:
    if event.entity != "customer":
        return event

    def mask(image: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if image is None else privacy.mask_customer_data(image, personal)

    return attrs.evolve(event, before=mask(event.before), after=mask(event.after))


def _flag(event: AuditEvent, tolerance: int) -> str | None:
    if event.today is None or event.at.year < 2:
        return None
    days = (event.today - event.at.date()).days
    if abs(days) <= tolerance:
        return None
    side = "before" if days < 0 else "after"
    return f"claimed {event.today}, {abs(days)} days {side} the real date {event.at.date()}"


def events_for(app: App, events: Iterable[AuditEvent]) -> Iterator[LoggedEvent]:
    """The events the actor may read, masked and flagged (see the module's docstring)."""
    team = scope.visible_managers(app)
    personal = privacy.personal_fields(app.hooks.profiles)
    tolerance = app.settings["core"].claimed_date_days
    known: dict[str, str | None] = {}
    for event in events:
        if team is not None and not (_managers_of(app, event, known) & team):
            continue
        yield LoggedEvent(_masked(event, personal), _flag(event, tolerance))
