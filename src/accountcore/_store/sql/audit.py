"""The audit trail in SQL: append-only, numbered, hash-chained."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..._model import AuditEvent
from ..._services import audit_chain as chain
from .base import SqlBase, json_or_raw
from .table import Table

__all__ = ["AUDIT_EVENTS", "AuditTable"]

# Written through the mapper; read by hand, as a tampered row must stay readable.
AUDIT_EVENTS = Table(
    "audit_events",
    AuditEvent,
    "audit event",
    (
        "seq",
        "at",
        "actor",
        "on_behalf_of",
        "action",
        "entity",
        "entity_id",
        "before",
        "after",
        "prev_hash",
        "hash",
        "reason",
    ),
    json_columns=frozenset({"before", "after"}),
    seq=False,
)


class AuditTable(SqlBase):
    """The ``audit_events`` table."""

    def append_event(self, event: AuditEvent) -> AuditEvent:
        """Append an event to the audit trail, numbered and chained to the one before."""
        with self.transaction():
            last = self._execute(
                "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            seq, prev = (last[0] + 1, last[1]) if last else (1, chain.GENESIS)
            sealed = chain.seal(event, seq, prev)
            self._add(AUDIT_EVENTS, [sealed])
        return sealed

    def iter_events(self, entity_id: str | None = None) -> Iterator[AuditEvent]:
        """Audit events in order, all or those of one entity."""
        conditions = self._conditions()
        if entity_id:
            conditions.equal("entity_id", entity_id)
        sql = f"{AUDIT_EVENTS.select()} WHERE {conditions.sql()} ORDER BY seq"
        for row in self._stream(sql, conditions.params):
            data = dict(zip(AUDIT_EVENTS.columns, row, strict=True))
            for column in ("before", "after"):
                if data[column] is not None:
                    data[column] = json_or_raw(data[column])
            try:
                data["at"] = dt.datetime.fromisoformat(data["at"])
            except (TypeError, ValueError):
                # An altered timestamp: keep the event readable, `audit verify` names it.
                data["at"] = dt.datetime.min.replace(tzinfo=dt.UTC)
            yield self._conv.structure(data, AuditEvent)
