"""The audit trail in SQL: append-only, numbered, hash-chained."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from ..._model import AuditEvent
from ..._services import audit_chain as chain
from .base import SqlBase, json_or_raw

__all__ = ["AuditTable"]

_EVENT_COLUMNS = (
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
            data = self._conv.unstructure(sealed)
            for column in ("before", "after"):
                if data[column] is not None:
                    data[column] = json.dumps(data[column], ensure_ascii=False, sort_keys=True)
            self._execute(
                f"INSERT INTO audit_events ({', '.join(_EVENT_COLUMNS)})"
                f" VALUES ({', '.join('?' * len(_EVENT_COLUMNS))})",
                [data[column] for column in _EVENT_COLUMNS],
            )
        return sealed

    def iter_events(self, entity_id: str | None = None) -> Iterator[AuditEvent]:
        """Audit events in order, all or those of one entity."""
        condition, params = ("entity_id = ?", [entity_id]) if entity_id else ("1 = 1", [])
        cursor = self._execute(
            f"SELECT {', '.join(_EVENT_COLUMNS)} FROM audit_events WHERE {condition} ORDER BY seq",
            params,
        )
        for row in cursor:
            data = dict(zip(_EVENT_COLUMNS, row, strict=True))
            for column in ("before", "after"):
                if data[column] is not None:
                    data[column] = json_or_raw(data[column])
            try:
                data["at"] = dt.datetime.fromisoformat(data["at"])
            except (TypeError, ValueError):
                # An altered timestamp: keep the event readable, `audit verify` names it.
                data["at"] = dt.datetime.min.replace(tzinfo=dt.UTC)
            yield self._conv.structure(data, AuditEvent)
