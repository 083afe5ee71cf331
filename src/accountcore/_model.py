"""The domain values of accountcore: frozen attrs classes and enums.

Every entity and value the core and its plugins exchange is named here.
Values are immutable; a change makes a new value with :func:`attrs.evolve`.
How a value becomes JSON, a row or a CSV cell is the converter's business
(:mod:`accountcore._convert`), never the model's.

A customer and his contacts are defined here; the other records
each in a module of their own, imported on first use: attrs writes the
methods of every class it builds, and a command should build only what it
needs (``customer show`` needs no agreement, visit or audit event).
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from ._enums import (
    AgreementStatus,
    CareStatus,
    Channel,
    ComplaintSeverity,
    ComplaintStatus,
    CustomerKind,
    CustomerStatus,
    InvestorRisk,
    ProductRisk,
    Severity,
    TaskStatus,
    Tier,
    VisitChannel,
    VisitPurpose,
    VisitStatus,
)

if TYPE_CHECKING:
    from ._agreement import Agreement, Finding
    from ._audit_event import AuditEvent
    from ._care_action import CareAction
    from ._catalogue import Product, Responsibility
    from ._complaint import Complaint
    from ._delegation import Delegation
    from ._manager import Manager
    from ._report_figure import ReportFigure
    from ._retention_values import Reason, RetentionFeatures, RetentionSignal
    from ._selection import CustomerSelection
    from ._task import Task
    from ._visit import OverdueVisit, Visit

__all__ = [
    "Agreement",
    "AgreementStatus",
    "AuditEvent",
    "CareAction",
    "CareStatus",
    "Channel",
    "Complaint",
    "ComplaintSeverity",
    "ComplaintStatus",
    "Contact",
    "Customer",
    "CustomerKind",
    "CustomerSelection",
    "CustomerStatus",
    "Delegation",
    "Finding",
    "InvestorRisk",
    "Manager",
    "OverdueVisit",
    "Product",
    "ProductRisk",
    "Reason",
    "ReportFigure",
    "Responsibility",
    "RetentionFeatures",
    "RetentionSignal",
    "Severity",
    "Task",
    "TaskStatus",
    "Tier",
    "Visit",
    "VisitChannel",
    "VisitPurpose",
    "VisitStatus",
]

# The records defined in modules of their own: name -> module, imported on first use.
_ELSEWHERE = {
    "Agreement": "_agreement",
    "Finding": "_agreement",
    "AuditEvent": "_audit_event",
    "CareAction": "_care_action",
    "Product": "_catalogue",
    "Responsibility": "_catalogue",
    "Complaint": "_complaint",
    "Delegation": "_delegation",
    "Manager": "_manager",
    "Reason": "_retention_values",
    "ReportFigure": "_report_figure",
    "RetentionFeatures": "_retention_values",
    "RetentionSignal": "_retention_values",
    "CustomerSelection": "_selection",
    "Task": "_task",
    "OverdueVisit": "_visit",
    "Visit": "_visit",
}


def __getattr__(name: str) -> Any:
    module = _ELSEWHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"..{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_ELSEWHERE])


@frozen
class Contact:
    """A person to speak to at a corporate customer."""

    name: str
    role: str | None = None
    phone: str | None = None
    key: bool = False


@frozen
class Customer:
    """A customer file, owned by the manager whose name it is under.

    ``profiles`` holds one entry per plugin: an instance of the attrs class
    that plugin registered (or, when that plugin is not loaded, the stored
    plain data, kept untouched). ``churned_on`` is the day a churned customer
    left: what happened after it is not his history.
    """

    id: str
    name: str
    kind: CustomerKind
    tier: Tier
    manager: str
    status: CustomerStatus = CustomerStatus.ACTIVE
    external_id: str | None = None
    birthday: dt.date | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    id_number: str | None = None
    consent: frozenset[Channel] = field(factory=frozenset)
    contacts: tuple[Contact, ...] = ()
    profiles: dict[str, Any] = field(factory=dict, hash=False)
    created_on: dt.date | None = None
    churned_on: dt.date | None = None

    def profile(self, name: str) -> Any:
        """The profile a plugin keeps on this customer, or None."""
        return self.profiles.get(name)

    def refuses(self, channel: Channel) -> bool:
        """Whether the customer refused to be contacted through ``channel``."""
        return channel in self.consent
