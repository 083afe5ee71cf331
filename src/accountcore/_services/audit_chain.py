"""The audit hash chain: each event's hash covers its content and the previous hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import attrs

from .._model import AuditEvent

__all__ = ["GENESIS", "event_hash", "seal"]

GENESIS = "0" * 64


def _content(event: AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor": event.actor,
        "on_behalf_of": event.on_behalf_of,
        "reason": event.reason,
        "action": event.action,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "before": event.before,
        "after": event.after,
        "prev_hash": event.prev_hash,
    }


def event_hash(event: AuditEvent) -> str:
    """The SHA-256 of the event's canonical JSON, its ``hash`` field left out."""
    text = json.dumps(_content(event), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def seal(event: AuditEvent, seq: int, prev_hash: str) -> AuditEvent:
    """The event numbered ``seq``, chained to ``prev_hash`` and hashed."""
    chained = attrs.evolve(event, seq=seq, prev_hash=prev_hash)
    return attrs.evolve(chained, hash=event_hash(chained))
