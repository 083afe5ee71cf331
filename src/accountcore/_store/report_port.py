"""The store port's month report: the counts the book makes (see :mod:`.tallies`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .._report_figure import ReportFigure
    from .tallies import (
        AgreementTally,
        CareTally,
        ComplaintTally,
        CustomerTally,
        FindingTally,
        ProfileTally,
        TaskTally,
        VisitTally,
    )

__all__ = ["ReportBook"]


class ReportBook(Protocol):
    """What the month report asks of a book: tallies per manager, made by the database."""

    def visit_tallies(
        self, start: dt.date, end: dt.date, today: dt.date, managers: frozenset[str] | None
    ) -> list[VisitTally]:
        """Visits in the period per manager who made them, purpose and channel."""

    def care_tallies(
        self, start: dt.date, end: dt.date, today: dt.date, managers: frozenset[str] | None
    ) -> list[CareTally]:
        """Care actions due in the period per customer's manager and outcome."""

    def task_tallies(
        self, start: dt.date, end: dt.date, today: dt.date, managers: frozenset[str] | None
    ) -> list[TaskTally]:
        """Tasks due in the period (created in it, when undated) per assignee and outcome."""

    def complaint_tallies(
        self, start: dt.date, end: dt.date, today: dt.date, managers: frozenset[str] | None
    ) -> list[ComplaintTally]:
        """Complaints opened in the period per manager, severity and outcome."""

    def customer_tallies(
        self,
        start: dt.date,
        end: dt.date,
        industries: Sequence[str],
        managers: frozenset[str] | None,
    ) -> list[CustomerTally]:
        """Customers per manager, tier and industry: at the start, new and churned."""

    def agreement_tallies(
        self, start: dt.date, end: dt.date, managers: frozenset[str] | None
    ) -> list[AgreementTally]:
        """Agreements per manager and product: signed and terminated in the period."""

    def finding_tallies(self, day: dt.date, managers: frozenset[str] | None) -> list[FindingTally]:
        """Findings recorded on agreements in force on ``day``, by rule and severity."""

    def profile_tallies(
        self, figure: ReportFigure, managers: frozenset[str] | None
    ) -> list[ProfileTally]:
        """A plugin's figure per manager: living customers counted or a profile field summed."""
