"""What the book counts for the month report: one row per manager and breakdown.

Each row is a count the database made (``GROUP BY``); the report adds them up
per team and for the scope, so no record reaches Python.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "AgreementTally",
    "CareTally",
    "ComplaintTally",
    "CustomerTally",
    "FindingTally",
    "ProfileTally",
    "VisitTally",
]


class VisitTally(NamedTuple):
    """Visits of one manager (who made or planned them) by purpose and channel."""

    manager: str
    purpose: str
    channel: str
    made: int
    planned: int
    missed: int
    followed_by_agreement: int


class CareTally(NamedTuple):
    """Care actions due in the period, of one manager's customers, by outcome."""

    manager: str
    outcome: str
    number: int


class TaskTally(NamedTuple):
    """Tasks due in the period (created in it, when undated), of one assignee, by outcome.

    ``escalated`` says the task was given by one of the assignee's direct reports.
    """

    manager: str
    outcome: str
    escalated: bool
    number: int


class ComplaintTally(NamedTuple):
    """Complaints opened in the period, of one manager, by severity and outcome."""

    manager: str
    severity: str
    outcome: str
    number: int


class CustomerTally(NamedTuple):
    """One manager's customers of a tier and industry: at the start, new and churned."""

    manager: str
    tier: str
    industry: str
    at_start: int
    new: int
    churned: int


class AgreementTally(NamedTuple):
    """Agreements of one manager for one product: signed and terminated in the period."""

    manager: str
    product: str
    signed: int
    terminated: int


class FindingTally(NamedTuple):
    """Findings recorded on one manager's agreements in force, by rule and severity."""

    manager: str
    rule: str
    severity: str
    number: int


class ProfileTally(NamedTuple):
    """A plugin figure's value for one manager (and one value of its ``by`` field)."""

    manager: str
    by: str
    value: float
