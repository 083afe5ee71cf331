"""Complaints in SQL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..._enums import ComplaintStatus
from .base import SqlBase
from .table import Table

if TYPE_CHECKING:
    from ..._model import Complaint
    from ..record_filters import ComplaintFilter

__all__ = ["COMPLAINTS", "ComplaintTable"]

COMPLAINTS: Table[Complaint] = Table(
    "complaints",
    "Complaint",
    "complaint",
    (
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
    ),
)
_REPLIED = ComplaintStatus.REPLIED.value


class ComplaintTable(SqlBase):
    """The ``complaints`` table."""

    def add_complaint(self, complaint: Complaint) -> None:
        """Store a new complaint (its id is ``cp-N``)."""
        self._add(COMPLAINTS, [complaint])

    def update_complaint(self, complaint: Complaint) -> None:
        """Replace the stored complaint with the same id."""
        self._replace(COMPLAINTS, complaint)

    def get_complaint(self, complaint_id: str) -> Complaint | None:
        """The complaint with this id, or None."""
        return self._get(COMPLAINTS, "id", complaint_id)

    def iter_complaints(self, where: ComplaintFilter | None = None) -> Iterator[Complaint]:
        """Complaints in id order, filtered, streamed from the book.

        ``managers`` is matched against the customer's manager now, so a
        complaint follows its customer when he changes hands.
        """
        from ..record_filters import ComplaintFilter

        where = where or ComplaintFilter()
        sql, conditions = COMPLAINTS.select("p"), self._conditions()
        if where.managers is not None:
            sql += " JOIN customers c ON c.id = p.customer"
            conditions.among("c.manager", where.managers)
        conditions.equal("p.customer", where.customer)
        if where.unreplied or where.overdue_on is not None:
            conditions.add(f"p.status <> {self.mark}", [_REPLIED])
        if where.overdue_on is not None:
            conditions.add(f"p.deadline < {self.mark}", [where.overdue_on.isoformat()])
        query = f"{sql} WHERE {conditions.sql()} ORDER BY p.seq"
        for row in self._stream(query, conditions.params):
            yield COMPLAINTS.value(self._conv, row, self.location)

    def complaints_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Complaint]]:
        """The complaints of a batch of customers, by customer id, oldest first."""
        return self._by_customer(COMPLAINTS, customer_ids)
