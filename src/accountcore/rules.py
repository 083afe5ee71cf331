"""Helpers for a plugin's rules: one shape for every industry's compliance, care and retention.

- :class:`RuleTable`: a plugin's rules by id with the source each rests on;
  :meth:`RuleTable.finding` makes a finding that carries its source.
- :func:`agreement_findings`: the draft-versus-holding dispatch of
  ``check_agreement`` (the sale's rules on a draft, the holding's rules on a
  stored agreement, each finding then work for the duty that looks after it).
- :func:`each_profile`, :func:`holdings` and :func:`found`: the per-profile
  loop of the batch hooks (``care_due``, ``retention_signals``), reading the
  batch's agreements once.
- :func:`signal_of`: a customer's retention signal from the reasons found.
- :func:`lapse_reminder` and :func:`lapsed_reason`: the care action before
  something dated (a questionnaire, a review) lapses, and the retention
  reason once it has, both on the day :func:`lapses_on` names.

``Agreement.in_force_on(day)`` says what a rule counts as a holding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
from attrs import frozen

from ._context import Context
from ._model import (
    Agreement,
    AgreementStatus,
    CareAction,
    Channel,
    Customer,
    Finding,
    Reason,
    RetentionSignal,
    Severity,
)
from .dates import lapse_notice, lapses_on

__all__ = [
    "RuleTable",
    "agreement_findings",
    "each_profile",
    "found",
    "holdings",
    "lapse_reminder",
    "lapsed_reason",
    "signal_of",
]

T = TypeVar("T")
Case = TypeVar("Case")


@frozen
class RuleTable:
    """A plugin's rules: each rule id and the regulation or policy it rests on.

    Every finding a plugin makes comes from here, so none goes without its
    source and a rule id is never misspelt (an unknown one is a KeyError).
    """

    sources: Mapping[str, str]

    def finding(
        self,
        rule: str,
        message: str,
        *,
        severity: Severity = Severity.BLOCK,
        overridable: bool = False,
        responsibility: str = "signing",
    ) -> Finding:
        """A finding of ``rule`` with its source; blocking and not overridable unless said."""
        return Finding(
            rule,
            severity,
            message,
            self.sources[rule],
            overridable,
            responsibility=responsibility,
        )


def found(rules: Iterable[Callable[..., T | None]], *args: Any) -> list[T]:
    """What each rule returns for ``args``, the rules that find nothing (None) left out."""
    return [result for rule in rules if (result := rule(*args)) is not None]


def agreement_findings(
    agreement: Agreement,
    case: Case,
    *,
    signing: Sequence[Callable[[Case], Finding | None]],
    holding: Sequence[Callable[[Case], Finding | None]] = (),
    duties: Mapping[str, str] | None = None,
) -> list[Finding]:
    """The findings of ``check_agreement``: the signing rules on a draft, else the holding rules.

    A draft (``agreement.status`` is ``draft``: no id yet) is a sale about to
    be made: every ``signing`` rule applies. A stored agreement is a re-check
    of a holding: only the ``holding`` rules apply, and each finding becomes
    work for the duty ``duties`` names for its rule (the finding's own
    ``responsibility`` otherwise).
    """
    if agreement.status is AgreementStatus.DRAFT:
        return found(signing, case)
    moved = duties or {}
    return [
        attrs.evolve(f, responsibility=moved.get(f.rule, f.responsibility))
        for f in found(holding, case)
    ]


def each_profile(customers: Iterable[Customer], profile: str) -> list[tuple[Customer, Any]]:
    """``(customer, profile)`` for each customer of the batch that has ``profile``."""
    return [
        (customer, value)
        for customer in customers
        if (value := customer.profile(profile)) is not None
    ]


def holdings(customers: Iterable[Customer], context: Context) -> dict[str, list[Agreement]]:
    """The agreements in force on ``context.today`` of a batch of customers, by customer id.

    One read of the book for the whole batch; oldest first; a customer with
    none is missing from the answer.
    """
    ids = [customer.id for customer in customers]
    if not ids:
        return {}
    by_customer = context.book.agreements_of_many(ids)
    return {
        customer: live
        for customer, agreements in by_customer.items()
        if (live := [a for a in agreements if a.in_force_on(context.today)])
    }


def signal_of(customer: Customer, reasons: Iterable[Reason]) -> RetentionSignal | None:
    """The customer's retention signal from the reasons found, or None when there is none."""
    found_reasons = tuple(reasons)
    if not found_reasons:
        return None
    return RetentionSignal.from_reasons(customer.id, found_reasons)


def lapse_reminder(
    rule: str,
    customer: Customer,
    channel: Channel,
    what: str,
    dated: dt.date | None,
    *,
    valid_days: int,
    notice_days: int,
    today: dt.date,
    responsibility: str = "care",
) -> CareAction | None:
    """The reminder that ``what`` dated ``dated`` lapses, due ``notice_days`` before it does.

    None before the notice, once it has lapsed, or with no date. The action is
    made once per date (its ``period``), says the day it lapses, and expires
    the day before (``expires_on``).
    """
    window = lapse_notice(dated, valid_days, notice_days, today) if dated else None
    if window is None or dated is None:
        return None
    notice, lapses = window
    return CareAction(
        rule,
        customer.id,
        channel,
        f"{what} of {dated} lapses on {lapses}: have it renewed",
        notice,
        period=dated.isoformat(),
        responsibility=responsibility,
        expires_on=lapses - dt.timedelta(days=1),
    )


def lapsed_reason(
    rule: str, weight: float, what: str, dated: dt.date | None, *, valid_days: int, today: dt.date
) -> Reason | None:
    """A retention reason once ``what`` dated ``dated`` has lapsed (from :func:`lapses_on`)."""
    if dated is None:
        return None
    lapses = lapses_on(dated, valid_days)
    if today < lapses:
        return None
    return Reason(rule, weight, f"{what} of {dated} lapsed on {lapses}")
