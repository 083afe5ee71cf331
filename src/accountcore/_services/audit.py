"""The audit trail: every change and every reveal, append-only and hash-chained."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from attrs import frozen

from .._app import App
from .._errors import Refused
from .._model import AuditEvent
from . import audit_chain as chain
from . import events

__all__ = ["Verification", "audit_log", "record", "verify"]


def record(
    app: App,
    action: str,
    entity: str,
    entity_id: str,
    *,
    before: Any = None,
    after: Any = None,
    on_behalf_of: str | None = None,
    reason: str | None = None,
    actor: str | None = None,
) -> AuditEvent:
    """Append one event for a change made by the acting user (or ``actor``); returns it sealed.

    ``before`` and ``after`` are domain values (or None); they are stored as
    the plain data the converter makes of them. Every change passes here, so
    here the plugins are told of it: once its transaction commits, the event
    goes to :func:`events.committed` (``on_event``, then ``profile_changes``).
    """
    conv = app.converter
    event = AuditEvent(
        seq=0,
        at=app.now(),
        actor=actor or app.acting,
        on_behalf_of=on_behalf_of,
        reason=reason,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=None if before is None else conv.unstructure(before),
        after=None if after is None else conv.unstructure(after),
    )
    sealed = app.store.append_event(event)
    app.store.after_commit(functools.partial(events.committed, app, sealed))
    return sealed


@frozen
class Verification:
    """What `audit verify` found: how many events, and the first one altered if any."""

    events: int
    altered: AuditEvent | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        """Whether the whole chain is as it was written."""
        return self.altered is None


def _may_read_log(app: App) -> None:
    """The administrator and supervisors read the audit trail; a manager is refused."""
    if app.actor is None:
        return
    from . import scope

    if len(scope.team_of(app, app.actor)) == 1:
        raise Refused(
            f"{app.actor} has no team: the audit trail is for supervisors and the administrator",
            rule="core.audit-access",
        )


def audit_log(app: App, *, entity_id: str | None = None) -> Iterator[AuditEvent]:
    """The audit events, oldest first; ``entity_id`` keeps one record's."""
    _may_read_log(app)
    return app.store.iter_events(entity_id)


def verify(app: App) -> Verification:
    """Walk the chain: each event's hash must match its content and chain to the one before."""
    _may_read_log(app)
    previous_hash, expected_seq, count = chain.GENESIS, 1, 0
    for event in app.store.iter_events():
        count += 1
        if event.seq != expected_seq:
            return Verification(
                count, event, f"events {expected_seq} to {event.seq - 1} are missing"
            )
        if event.prev_hash != previous_hash:
            return Verification(count, event, "it does not chain to the event before it")
        if chain.event_hash(event) != event.hash:
            return Verification(count, event, "its content does not match its hash")
        previous_hash, expected_seq = event.hash, expected_seq + 1
    return Verification(count)
