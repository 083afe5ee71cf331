"""The domain values of accountcore: frozen attrs classes and enums.

Every entity and value the core and its plugins exchange is defined here.
Values are immutable; a change makes a new value with :func:`attrs.evolve`.
How a value becomes JSON, a row or a CSV cell is the converter's business
(:mod:`accountcore._convert`), never the model's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

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
from ._retention_values import Reason, RetentionFeatures, RetentionSignal
from ._selection import CustomerSelection
from ._task import Task

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


@frozen
class Manager:
    """An account manager (or a supervisor, who is a manager with a team)."""

    id: str
    name: str
    supervisor: str | None = None
    capacity: int = 44
    target: int = 15
    active: bool = True


@frozen
class Product:
    """A product a plugin offers; its code starts with the industry's name.

    ``details`` holds what only the industry interprets (a plan's included
    data, say). ``plugin`` is filled in by the core with the plugin that
    registered the product.
    """

    code: str
    name: str
    industry: str
    category: str
    risk_level: ProductRisk | None = None
    term_months: int | None = None
    minimum_amount: Decimal | None = None
    professional_only: bool = False
    qualified_only: bool = False
    details: dict[str, Any] = field(factory=dict, hash=False)
    plugin: str | None = None


@frozen
class Responsibility:
    """A named duty of an account manager; a delegation may move it."""

    code: str
    name: str
    description: str = ""
    plugin: str | None = None


@frozen
class Finding:
    """What a compliance check found.

    ``rule`` is a stable id (``securities.suitability``); ``source`` names the
    regulation or policy it rests on; ``overridable`` says whether a
    supervisor may sign despite a block, with a reason that is audited.
    ``customer``, ``product`` and ``agreement`` say what it is about; the core
    fills them in. ``overridden_by`` and ``override_reason`` say who signed
    despite this block and why: set on the agreement's findings at signing,
    and on every later re-check that finds the same rule blocking again.
    """

    rule: str
    severity: Severity
    message: str
    source: str = ""
    overridable: bool = False
    customer: str | None = None
    product: str | None = None
    responsibility: str = "signing"
    plugin: str | None = None
    agreement: str | None = None
    overridden_by: str | None = None
    override_reason: str | None = None


@frozen
class Agreement:
    """A service agreement for one product with one customer.

    ``manager`` is the manager whose customer it was signed for; ``end`` is
    the last day it is in force (None: open-ended). The stored ``status`` is
    what the last change made it; :meth:`status_on` is what it is on a day.
    """

    id: str
    customer: str
    product: str
    manager: str
    status: AgreementStatus = AgreementStatus.DRAFT
    start: dt.date | None = None
    end: dt.date | None = None
    amount: Decimal | None = None
    sealed: bool = False
    terms: dict[str, Any] = field(factory=dict, hash=False)
    findings: tuple[Finding, ...] = ()
    signed_on: dt.date | None = None
    override_reason: str | None = None
    terminated_on: dt.date | None = None
    termination_reason: str | None = None

    def status_on(self, day: dt.date) -> AgreementStatus:
        """The status on ``day``: signed until its start, active to its end, expired after.

        A draft stays a draft and a terminated agreement stays terminated.
        """
        if self.status in (AgreementStatus.DRAFT, AgreementStatus.TERMINATED):
            return self.status
        if self.end is not None and self.end < day:
            return AgreementStatus.EXPIRED
        if self.start is not None and self.start > day:
            return AgreementStatus.SIGNED
        return AgreementStatus.ACTIVE

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the agreement binds on ``day``: signed (starting later) or active.

        A draft, an expired and a terminated agreement are not in force: this is
        what a rule counts as the customer's holdings.
        """
        return self.status_on(day) in (AgreementStatus.SIGNED, AgreementStatus.ACTIVE)


@frozen
class Visit:
    """A planned or logged visit to a customer.

    ``manager`` made (or will make) the visit; ``on_behalf_of`` names the
    customer's manager when someone else (a deputy, a supervisor) did.
    ``agenda`` says what a planned visit is for; ``follows`` is the visit
    whose next step planned it; ``cancel_reason`` why a cancelled one is.
    """

    id: str
    customer: str
    manager: str
    on: dt.date
    channel: VisitChannel
    purpose: VisitPurpose
    status: VisitStatus = VisitStatus.PLANNED
    outcome: str | None = None
    next_step: str | None = None
    next_on: dt.date | None = None
    on_behalf_of: str | None = None
    agenda: str | None = None
    follows: str | None = None
    cancel_reason: str | None = None


@frozen
class OverdueVisit:
    """A customer whose return visit is overdue: a work item of the ``visits`` duty.

    ``interval`` (days) is set by ``policy``: the plugin whose ``visit_policy``
    answered, or ``core`` (by tier). It runs from ``last_visit``, or from the
    file's creation for a customer never visited; ``due`` and
    ``days_overdue`` are None when neither date is known.
    """

    customer: str
    name: str
    manager: str
    tier: Tier
    last_visit: dt.date | None
    interval: int
    policy: str
    due: dt.date | None
    days_overdue: int | None
    responsibility: str = "visits"


@frozen
class Delegation:
    """A manager's duties held by a deputy for a period, and no longer."""

    id: str
    from_manager: str
    to_manager: str
    start: dt.date
    end: dt.date
    reason: str
    responsibilities: tuple[str, ...] = ()
    ended_on: dt.date | None = None


@frozen
class Complaint:
    """A customer's complaint, tracked until it is resolved and replied to."""

    id: str
    customer: str
    manager: str
    opened_on: dt.date
    channel: str
    severity: ComplaintSeverity
    summary: str
    deadline: dt.date
    status: ComplaintStatus = ComplaintStatus.OPEN
    resolution: str | None = None
    resolved_on: dt.date | None = None
    reply: str | None = None
    reply_channel: str | None = None
    replied_on: dt.date | None = None


@frozen
class CareAction:
    """A contact due to a customer under a care rule.

    One action exists per ``rule``, customer and ``period`` (the birthday's
    year, the quarter of a VIP invitation...), so a batch run twice creates
    nothing new. A rule gives the channel it prefers; the core keeps it or
    moves to the next one the customer allows (``channel`` None: he refused
    them all, and the action is stored skipped with that reason).

    ``assignee`` names a manager who is to make it besides those holding its
    duty for the customer (it is in his care list); ``not_by`` one who may
    not close it (the seller of a sale it checks on).

    ``expires_on`` is the last day the action is worth making (the end of its
    occasion: a birthday's late window, a contract's end); a batch after it
    closes the action, still due, as ``expired``. None: it does not expire,
    and stays due while its rule finds it.
    """

    rule: str
    customer: str
    channel: Channel | None
    message: str
    due: dt.date
    period: str
    responsibility: str = "care"
    id: str | None = None
    status: CareStatus = CareStatus.DUE
    note: str | None = None
    closed_on: dt.date | None = None
    plugin: str | None = None
    created_on: dt.date | None = None
    assignee: str | None = None
    not_by: str | None = None
    expires_on: dt.date | None = None


@frozen
class AuditEvent:
    """One change or reveal in the book; the hash chains it to the event before.

    ``at`` is the real time of the write; ``today`` the date the actor
    claimed (``--today``). ``keyed`` tells that ``hash`` is an HMAC made with
    the audit key, which is kept outside the book.
    """

    seq: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    on_behalf_of: str | None = None
    reason: str | None = None
    before: dict[str, Any] | None = field(default=None, hash=False)
    after: dict[str, Any] | None = field(default=None, hash=False)
    prev_hash: str = ""
    hash: str = ""
    today: dt.date | None = None
    keyed: bool = False
