"""The book's records against the trail: each must be as its last audited after-image says.

A record changed directly in the database, or written without an audit
event, no longer matches; a record whose last event removed it must be gone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .._app import App
from .._model import AuditEvent

__all__ = ["Images", "differences"]

_SHOWN = 10
# Events about a run (an import, an export, the care batch), whose after-image is its
# figures, not a record.
RUNS = frozenset({"import", "export", "care-run"})


def _digest(image: Any) -> bytes:
    if isinstance(image, dict):
        # A field added by a later version (None in the book) is absent from older images.
        image = {name: value for name, value in image.items() if value is not None}
    text = json.dumps(image, sort_keys=True, separators=(",", ":"), default=str)
    import hashlib  # a few ms of start-up: only when states are compared

    return hashlib.blake2b(text.encode(), digest_size=16).digest()


class Images:
    """The digest of each record's last after-image, fed event by event (oldest first).

    Only digests are kept, so the trail of a large book is walked without
    holding its records in memory.
    """

    def __init__(self) -> None:
        self.last: dict[tuple[str, str], bytes | None] = {}

    def add(self, event: AuditEvent) -> None:
        """Take the record state ``event`` leaves behind, if it changed one."""
        if event.entity in RUNS:
            return
        if event.entity == "care-batch":
            for image in (event.after or {}).get("images", ()):
                if isinstance(image, dict) and "id" in image:
                    self.last[("care-action", str(image["id"]))] = _digest(image)
            return
        if event.after is not None:
            image = event.after.get("value") if event.entity == "config" else event.after
            self.last[(event.entity, event.entity_id)] = _digest(image)
        elif event.before is not None:
            self.last[(event.entity, event.entity_id)] = None


def _current(app: App) -> Iterator[tuple[str, str, Any]]:
    """Every record of the book as ``(entity, id, plain data)``."""
    store, conv = app.store, app.converter
    for manager in store.list_managers():
        yield "manager", manager.id, conv.unstructure(manager)
    for batch in store.iter_customers():
        for customer in batch:
            yield "customer", customer.id, conv.unstructure(customer)
    for agreement in store.iter_agreements():
        yield "agreement", agreement.id, conv.unstructure(agreement)
    for visit in store.iter_visits():
        yield "visit", visit.id, conv.unstructure(visit)
    for action in store.iter_care_actions():
        yield "care-action", str(action.id), conv.unstructure(action)
    for complaint in store.iter_complaints():
        yield "complaint", complaint.id, conv.unstructure(complaint)
    for task in store.iter_tasks():
        yield "task", task.id, conv.unstructure(task)
    for delegation in store.iter_delegations():
        yield "delegation", delegation.id, conv.unstructure(delegation)
    for key, value in store.get_config().items():
        yield "config", key, value


def _named(kind: str, names: list[str]) -> str:
    shown = ", ".join(names[:_SHOWN])
    more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    return f"{kind}: {shown}{more}"


def differences(app: App, images: Images) -> list[str]:
    """What in the book the trail does not account for, one line per kind of problem."""
    changed, unaudited, seen = [], [], set()
    for entity, record_id, data in _current(app):
        key = (entity, record_id)
        seen.add(key)
        expected = images.last.get(key)
        if expected is None:
            unaudited.append(f"{entity} {record_id}")
        elif expected != _digest(data):
            changed.append(f"{entity} {record_id}")
    removed = [
        f"{entity} {record_id}"
        for (entity, record_id), digest in images.last.items()
        if digest is not None and (entity, record_id) not in seen
    ]
    problems = []
    if changed:
        problems.append(_named("records changed outside the audit trail", changed))
    if unaudited:
        problems.append(_named("records with no audit event", unaudited))
    if removed:
        problems.append(_named("records removed outside the audit trail", removed))
    return problems
