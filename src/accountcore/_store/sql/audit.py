"""The audit trail in SQL: append-only, numbered, hash-chained."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

from ..._errors import BadInput
from ..._services import audit_chain as chain
from .base import SqlBase, json_or_raw

if TYPE_CHECKING:
    from ..._model import AuditEvent

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
    "claimed_today",
    "keyed",
)
# The model's name of a column, where they differ.
_FIELDS = {"claimed_today": "today"}


class AuditTable(SqlBase):
    """The ``audit_events`` table.

    ``audit_key`` (set by whoever opens the book) makes new events keyed; once
    a book's trail is keyed, an event is never appended without the key.
    """

    audit_key: bytes | None = None

    def audit_head(self) -> tuple[int, str]:
        """The last event's number and hash; ``(0, GENESIS)`` for an empty trail."""
        last = self._execute(
            "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return (int(last[0]), str(last[1])) if last else (0, chain.GENESIS)

    def append_event(self, event: AuditEvent) -> AuditEvent:
        """Append an event to the audit trail, numbered and chained to the one before."""
        return self.append_events([event])[0]

    def append_events(self, events: list[AuditEvent]) -> list[AuditEvent]:
        """Append events in order, each numbered and chained to the one before; one insert."""
        sealed: list[AuditEvent] = []
        with self.transaction():
            last = self._execute(
                "SELECT seq, hash, keyed FROM audit_events ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            if last and last[2] and self.audit_key is None:
                raise BadInput(
                    f"the audit trail of {self.location} is keyed: give its key"
                    " (ACCOUNTCORE_AUDIT_KEY or the audit.key file) to change the book"
                )
            seq, prev = (last[0] + 1, last[1]) if last else (1, chain.GENESIS)
            rows = []
            for event in events:
                done = chain.seal(event, seq, prev, self.audit_key)
                sealed.append(done)
                rows.append(self._event_row(done))
                seq, prev = seq + 1, done.hash
            self._execute_many(
                f"INSERT INTO audit_events ({', '.join(_EVENT_COLUMNS)})"
                f" VALUES ({self._marks(_EVENT_COLUMNS)})",
                rows,
            )
        return sealed

    def _event_row(self, event: AuditEvent) -> list[object]:
        data = self._conv.unstructure(event)
        data["claimed_today"] = data.pop("today")
        data["keyed"] = int(data["keyed"])
        for column in ("before", "after"):
            if data[column] is not None:
                data[column] = json.dumps(data[column], ensure_ascii=False, sort_keys=True)
        return [data[column] for column in _EVENT_COLUMNS]

    def iter_events(
        self, entity_id: str | None = None, *, numbers: Collection[int] | None = None
    ) -> Iterator[AuditEvent]:
        """Audit events in order, all or those of one entity, or those of these ``numbers``."""
        from ..._model import AuditEvent

        conditions = self._conditions()
        if entity_id:
            conditions.equal("entity_id", entity_id)
        if numbers is not None:
            conditions.among("seq", numbers or [0])
        sql = (
            f"SELECT {', '.join(_EVENT_COLUMNS)} FROM audit_events"
            f" WHERE {conditions.sql()} ORDER BY seq"
        )
        for row in self._stream(sql, conditions.params, wide=True):
            data = {
                _FIELDS.get(column, column): value
                for column, value in zip(_EVENT_COLUMNS, row, strict=True)
            }
            data["keyed"] = bool(data["keyed"])
            for column in ("before", "after"):
                if data[column] is not None:
                    data[column] = json_or_raw(data[column])
            try:
                data["at"] = dt.datetime.fromisoformat(data["at"])
            except (TypeError, ValueError):
                # An altered timestamp: keep the event readable, `audit verify` names it.
                data["at"] = dt.datetime.min.replace(tzinfo=dt.UTC)
            yield self._conv.structure(data, AuditEvent)
