"""A service agreement and what a compliance check found about it.

Defined apart from :mod:`._model`, which names them, so that a command that needs
none of them builds none.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from ._enums import AgreementStatus, Severity

__all__ = ["Agreement", "Finding"]


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
