"""The audit trail: every change and every reveal, append-only and hash-chained."""

from __future__ import annotations

from typing import Any

from ..app import App
from ..model import AuditEvent

__all__ = ["record"]


def record(
    app: App,
    action: str,
    entity: str,
    entity_id: str,
    *,
    before: Any = None,
    after: Any = None,
    on_behalf_of: str | None = None,
) -> AuditEvent:
    """Append one event for a change made by the acting user; returns it sealed.

    ``before`` and ``after`` are domain values (or None); they are stored as
    the plain data the converter makes of them.
    """
    conv = app.converter
    event = AuditEvent(
        seq=0,
        at=app.now(),
        actor=app.acting,
        on_behalf_of=on_behalf_of,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=None if before is None else conv.unstructure(before),
        after=None if after is None else conv.unstructure(after),
    )
    return app.store.append_event(event)
