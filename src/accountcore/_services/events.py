"""After a change is committed: tell every plugin, and write the profile changes they answer.

:func:`committed` runs once the transaction of an audited change has committed
(the audit trail queues it with the store, so every change passes here, and a
change rolled back never does). A plugin's failure is reported through the
app (a warning on the command line); the change it was told of stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._app import App
from .._convert import describe_error
from .._errors import PluginError

if TYPE_CHECKING:
    from .._model import AuditEvent, Customer

__all__ = ["PLUGIN_ACTOR", "committed", "customer_of"]

# The audit actor of a change a plugin made through `profile_changes`.
PLUGIN_ACTOR = "plugin:"


def customer_of(event: AuditEvent) -> str | None:
    """The id of the one customer an event is about, or None (a manager, a batch...)."""
    if event.entity == "customer":
        return event.entity_id
    for data in (event.after, event.before):
        if isinstance(data, dict) and isinstance(data.get("customer"), str):
            return data["customer"]
    return None


def committed(app: App, events: Sequence[AuditEvent]) -> None:
    """Tell the plugins of each event in turn (``on_event``), then apply their
    ``profile_changes``; the events' customers are read in one go.

    A customer whose profile a plugin changed is read again for the next event.
    """
    wanted = {customer_id for event in events if (customer_id := _customer_to_read(event))}
    customers: dict[str, Customer | None] = dict(app.store.get_customers(wanted))
    for event in events:
        customer_id = _customer_to_read(event)
        if customer_id is not None and customer_id not in customers:
            customers[customer_id] = app.store.get_customer(customer_id)
        customer = None if customer_id is None else customers[customer_id]
        if _tell(app, event, customer) and customer_id is not None:
            del customers[customer_id]


def _customer_to_read(event: AuditEvent) -> str | None:
    # A plugin's own profile change asks for no profile changes in return.
    return None if event.actor.startswith(PLUGIN_ACTOR) else customer_of(event)


def _tell(app: App, event: AuditEvent, customer: Customer | None) -> bool:
    """Tell the plugins of ``event``, then ask for ``customer``'s profile changes (when
    there is one to ask about); whether any plugin changed his profile."""
    try:
        app.hooks.on_event(event)
    except PluginError as exc:
        _report(app, exc, event)
    if customer is None:
        return False
    try:
        changes = app.hooks.profile_changes(event, customer)
    except PluginError as exc:
        _report(app, exc, event)
        changes = list(exc.results)
    for plugin, fields in changes:
        try:
            _apply(app, plugin, customer.id, fields, event)
        except PluginError as exc:
            _report(app, exc, event)
    return bool(changes)


def _report(app: App, error: PluginError, event: AuditEvent) -> None:
    # The user's interrupt, arriving while a plugin heard of the change, still stops the command.
    if isinstance(error.error, KeyboardInterrupt):
        raise error.error
    app.report(f"{error} (after {event.action} {event.entity_id} was committed; it stands)")


def _apply(
    app: App, plugin: str, customer_id: str, fields: dict[str, Any], cause: AuditEvent
) -> None:
    """Write one plugin's changes to its own profile, validated, in one audited transaction."""

    profile = app.hooks.profile_of.get(plugin)
    if profile is None:
        raise PluginError(
            plugin, "profile_changes", ValueError("returned changes, but registers no profile")
        )
    with app.store.transaction():
        before = app.store.get_customer(customer_id)
        if before is None:
            return
        from .customers import save_change  # customers records through audit, which tells us

        after = attrs.evolve(before, profiles=_changed(app, plugin, profile, before, fields))
        save_change(
            app,
            before,
            after,
            actor=f"{PLUGIN_ACTOR}{plugin}",
            reason=f"after {cause.action} {cause.entity_id}",
        )


def _changed(
    app: App, plugin: str, profile: str, customer: Customer, fields: dict[str, Any]
) -> dict[str, Any]:
    """The customer's profiles with ``fields`` set on ``profile``, checked by its class."""
    cls = app.hooks.profiles[profile]
    known = {f.name for f in attrs.fields(cls)}
    unknown = sorted(set(fields) - known)
    if unknown:
        raise PluginError(
            plugin,
            "profile_changes",
            ValueError(f"the {profile} profile has no field(s) {', '.join(unknown)}"),
        )
    current = customer.profile(profile)
    data = app.converter.unstructure(current) if current is not None else {}
    data.update(app.converter.unstructure(fields))
    data = {name: value for name, value in data.items() if value is not None}
    try:
        value: Any = app.converter.structure(data, cls)
    except Exception as exc:
        raise PluginError(
            plugin, "profile_changes", ValueError(describe_error(exc, profile, cls))
        ) from exc
    return {**customer.profiles, profile: value}
