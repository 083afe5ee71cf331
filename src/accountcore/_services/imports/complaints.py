"""Importing complaints with their past dates: opened, resolved, replied.

The deadline defaults to the one the severity sets from the day it was
opened (:func:`~accountcore._services.complaints.deadline_for`); the status
follows the dates given (replied, resolved, else open). The complaint is the
customer's manager's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..._model import Complaint, ComplaintSeverity, ComplaintStatus, Customer
from ..complaints import RESPONSIBILITY, deadline_for
from .history import HistoryImporter

__all__ = ["ComplaintImporter"]


class ComplaintImporter(HistoryImporter):
    """Complaint rows (customer, opened_on, channel, severity, summary, resolved_on...)."""

    entity = "complaint"
    record_class = Complaint
    prefix = "cp"
    responsibility = RESPONSIBILITY

    def data(self, fields: dict[str, Any], customer: Customer) -> dict[str, Any]:
        """The complaint's data: the customer's manager's, its deadline and status by date."""
        data = {"manager": customer.manager, **fields}
        if "deadline" not in data:
            try:
                severity = ComplaintSeverity(data.get("severity"))
                opened = dt.date.fromisoformat(str(data.get("opened_on")))
            except ValueError:
                pass  # structuring names the bad field
            else:
                data["deadline"] = deadline_for(self.app, severity, opened)
        if "status" not in data:
            data["status"] = (
                "replied"
                if data.get("replied_on")
                else "resolved"
                if data.get("resolved_on")
                else "open"
            )
        return data

    def rules(self, record: Any, customer: Customer) -> list[tuple[str, str]]:
        """Dates in order and not ahead of today; a status its dates bear out."""
        problems = []
        today = self.app.today
        for name in ("opened_on", "resolved_on", "replied_on"):
            day = getattr(record, name)
            if day is not None and day > today:
                problems.append((name, f"{day} is after today ({today})"))
        if record.resolved_on is not None and record.resolved_on < record.opened_on:
            problems.append(("resolved_on", f"{record.resolved_on} is before it was opened"))
        if record.replied_on is not None and (
            record.resolved_on is None or record.replied_on < record.resolved_on
        ):
            problems.append(("replied_on", "a reply comes once the complaint is resolved"))
        if record.status is ComplaintStatus.REPLIED and record.replied_on is None:
            problems.append(("replied_on", "empty: a replied complaint says when"))
        if record.status is ComplaintStatus.RESOLVED and record.resolved_on is None:
            problems.append(("resolved_on", "empty: a resolved complaint says when"))
        if not record.summary.strip():
            problems.append(("summary", "say what the customer complained about"))
        return problems

    def store(self, records: list[Any]) -> None:
        """Store the complaints."""
        for record in records:
            self.app.store.add_complaint(record)

    def action(self, record: Any) -> str:
        """``complaint.open``, as for one accepted here (the reason says imported)."""
        return "complaint.open"
