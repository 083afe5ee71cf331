"""Complaints in SQL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..._model import Complaint, ComplaintStatus
from ..base import ComplaintFilter
from .base import SqlBase, in_chunks, marks

__all__ = ["ComplaintTable"]

_COLUMNS = (
    "id",
    "customer",
    "manager",
    "opened_on",
    "channel",
    "severity",
    "summary",
    "deadline",
    "status",
    "resolution",
    "resolved_on",
    "reply",
    "reply_channel",
    "replied_on",
)
_SELECT = "SELECT " + ", ".join(f"p.{c}" for c in _COLUMNS) + " FROM complaints p"
_REPLIED = ComplaintStatus.REPLIED.value


class ComplaintTable(SqlBase):
    """The ``complaints`` table."""

    def _complaint_row(self, complaint: Complaint) -> list[Any]:
        data = self._conv.unstructure(complaint)
        return [data[c] for c in _COLUMNS]

    def _complaint(self, row: Any) -> Complaint:
        data = {c: v for c, v in zip(_COLUMNS, row, strict=True) if v is not None}
        return self._conv.structure(data, Complaint)

    def add_complaint(self, complaint: Complaint) -> None:
        """Store a new complaint (its id is ``cp-N``)."""
        columns = ", ".join(("seq", *_COLUMNS))
        seq = int(complaint.id.rsplit("-", 1)[1])
        self._execute(
            f"INSERT INTO complaints ({columns}) VALUES (?, {marks(_COLUMNS)})",
            [seq, *self._complaint_row(complaint)],
        )

    def update_complaint(self, complaint: Complaint) -> None:
        """Replace the stored complaint with the same id."""
        row = self._complaint_row(complaint)
        assignments = ", ".join(f"{c} = ?" for c in _COLUMNS[1:])
        self._execute(f"UPDATE complaints SET {assignments} WHERE id = ?", [*row[1:], row[0]])

    def get_complaint(self, complaint_id: str) -> Complaint | None:
        """The complaint with this id, or None."""
        row = self._execute(_SELECT + " WHERE p.id = ?", (complaint_id,)).fetchone()
        return self._complaint(row) if row else None

    def iter_complaints(self, where: ComplaintFilter | None = None) -> Iterator[Complaint]:
        """Complaints in id order, filtered, streamed from the book.

        ``managers`` is matched against the customer's manager now, so a
        complaint follows its customer when he changes hands.
        """
        where = where or ComplaintFilter()
        sql, clauses, params = _SELECT, ["1 = 1"], []
        if where.managers is not None:
            names = sorted(where.managers) or [""]
            sql += " JOIN customers c ON c.id = p.customer"
            clauses.append(f"c.manager IN ({marks(names)})")
            params.extend(names)
        if where.customer is not None:
            clauses.append("p.customer = ?")
            params.append(where.customer)
        if where.unreplied or where.overdue_on is not None:
            clauses.append("p.status <> ?")
            params.append(_REPLIED)
        if where.overdue_on is not None:
            clauses.append("p.deadline < ?")
            params.append(where.overdue_on.isoformat())
        cursor = self._execute(f"{sql} WHERE {' AND '.join(clauses)} ORDER BY p.seq", params)
        for row in cursor:
            yield self._complaint(row)

    def complaints_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Complaint]]:
        """The complaints of a batch of customers, by customer id, oldest first."""
        ids = list(customer_ids)
        found: dict[str, list[Complaint]] = {customer_id: [] for customer_id in ids}
        for chunk in in_chunks(ids):
            rows = self._execute(
                _SELECT + f" WHERE p.customer IN ({marks(chunk)}) ORDER BY p.seq", chunk
            )
            for row in rows:
                complaint = self._complaint(row)
                found[complaint.customer].append(complaint)
        return found
