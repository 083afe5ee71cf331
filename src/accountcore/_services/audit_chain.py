"""The audit hash chain: each event's hash covers its content and the previous hash.

Without a key the hash is SHA-256 and anyone who can write the book can
recompute it; with the audit key (kept outside the book) it is an
HMAC-SHA256, which only the key's holder can make.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from .._model import AuditEvent

__all__ = ["GENESIS", "event_hash", "seal"]

GENESIS = "0" * 64


def _content(event: AuditEvent) -> dict[str, Any]:
    content = {
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
    # Added later: left out when empty, so the hashes of older events still hold.
    if event.today is not None:
        content["today"] = event.today.isoformat()
    if event.keyed:
        content["keyed"] = True
    return content


def event_hash(event: AuditEvent, key: bytes | None = None) -> str:
    """The hash of the event's canonical JSON, its ``hash`` field left out.

    SHA-256 for an unkeyed event; HMAC-SHA256 with ``key`` for a keyed one.
    """
    import hashlib  # a few ms of start-up: only when an event is hashed
    import hmac

    text = json.dumps(_content(event), sort_keys=True, separators=(",", ":"), default=str)
    if event.keyed:
        if key is None:
            raise ValueError("a keyed event needs the audit key")
        return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
    return hashlib.sha256(text.encode()).hexdigest()


def seal(event: AuditEvent, seq: int, prev_hash: str, key: bytes | None = None) -> AuditEvent:
    """The event numbered ``seq``, chained to ``prev_hash`` and hashed (keyed when ``key``)."""
    chained = attrs.evolve(event, seq=seq, prev_hash=prev_hash, keyed=key is not None)
    return attrs.evolve(chained, hash=event_hash(chained, key))
