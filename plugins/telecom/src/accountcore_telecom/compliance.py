"""The telecom compliance rules (docs/domain/telecom.md, "Compliance").

On signing (the agreement is a draft) every rule of the table applies to a
telecom product. On a re-check of a live agreement only arrears apply (a
roaming, plan, secondary SIM or family network running while the customer
owes): real-name verification is the periodic customer check, and the seal,
the line count and the identity re-check are facts of the sale.

A profile field a rule needs that is missing counts as not met, and the
finding names it (``arrears_amount`` is 0 unless a bill is unpaid). The line
limit comes from :class:`TelecomSettings`. A block is overridable only where
the rule rests on the operator's own policy (arrears, the identity re-check
of a card replacement), never on a regulation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from accountcore import (
    Agreement,
    AgreementStatus,
    Context,
    Customer,
    CustomerKind,
    Finding,
    Product,
    Severity,
)
from accountcore.rules import RuleTable, agreement_findings

from .lines import LINE_CATEGORIES, adds_line, held_lines
from .profile import TelecomProfile
from .settings import TelecomSettings

__all__ = ["check_agreement", "check_customer"]

INDUSTRY = "telecom"
SOURCES = {
    "telecom.real-name": "MIIT Order No. 25 (2013) on real-name registration of telephone users;"
    " face match for new SIM cards since 2019-12-01",
    "telecom.corporate-seal": "Industry practice: a corporate agreement bears the company's"
    " official seal",
    "telecom.line-limit": "MIIT 2016: at most 5 lines per identity per operator",
    "telecom.arrears": "Operator policy: no new service while a bill is unpaid",
    "telecom.card-replacement.identity": "Operator policy: identity re-checked before a SIM"
    " card replacement",
}
RULES = RuleTable(SOURCES)
# Products refused while the customer owes: roaming, new plans, secondary SIMs, family network.
CLEAR_ACCOUNT_CATEGORIES = frozenset({"plan", "line", "bundle"})
CLEAR_ACCOUNT_CODES = frozenset({"telecom.roaming.international"})
CARD_REPLACEMENT = "telecom.card.replacement"


class Case(NamedTuple):
    """What a rule looks at: one agreement for one customer, and his other agreements."""

    customer: Customer
    profile: TelecomProfile
    agreement: Agreement
    product: Product
    settings: TelecomSettings
    holdings: tuple[Agreement, ...]
    today: dt.date


def _real_name(case: Case) -> Finding | None:
    verified = case.profile.real_name_verified
    if verified:
        return None
    what = "real_name_verified missing" if verified is None else "not verified"
    return RULES.finding(
        "telecom.real-name",
        f"real name {what}: check the identity document and the face match before any product",
    )


def _corporate_seal(case: Case) -> Finding | None:
    if case.customer.kind is not CustomerKind.CORPORATE or case.agreement.sealed:
        return None
    return RULES.finding(
        "telecom.corporate-seal",
        "a corporate agreement needs the company's official seal: record it with --sealed",
    )


def _line_limit(case: Case) -> Finding | None:
    """A new line may not take the lines held above the limit; a plan change adds none."""
    if case.product.category not in LINE_CATEGORIES:
        return None
    most = case.settings.max_lines_per_id
    if case.profile.lines is None and not case.holdings:
        return RULES.finding(
            "telecom.line-limit",
            "lines missing: record how many lines the"
            f" customer holds under his identity (at most {most})",
        )
    if not adds_line(case.product, case.profile, case.holdings, case.today):
        return None
    held = held_lines(case.profile, case.holdings, case.today)
    if held + 1 <= most:
        return None
    return RULES.finding(
        "telecom.line-limit",
        f"the customer holds {held} lines; a new one would pass the limit of {most} per identity",
    )


def _arrears(case: Case) -> Finding | None:
    product = case.product
    if product.category not in CLEAR_ACCOUNT_CATEGORIES and product.code not in CLEAR_ACCOUNT_CODES:
        return None
    owed = case.profile.arrears_amount
    if not owed:
        return None
    since = f" since {case.profile.arrears_since}" if case.profile.arrears_since else ""
    return RULES.finding(
        "telecom.arrears",
        f"the customer owes {owed}{since}: no {product.name} until it is paid",
        overridable=True,
    )


def _card_identity(case: Case) -> Finding | None:
    if (
        case.product.code != CARD_REPLACEMENT
        or case.agreement.terms.get("identity_checked") is True
    ):
        return None
    return RULES.finding(
        "telecom.card-replacement.identity",
        "a card replacement needs the identity"
        " re-check recorded: give --term identity_checked=true",
        overridable=True,
    )


Rule = Callable[[Case], Finding | None]
SIGNING_RULES: tuple[Rule, ...] = (
    _real_name,
    _corporate_seal,
    _line_limit,
    _arrears,
    _card_identity,
)
HOLDING_RULES: tuple[Rule, ...] = (_arrears,)
HOLDING_DUTIES = {"telecom.arrears": "arrears-recovery"}


def check_agreement(
    customer: Customer, agreement: Agreement, product: Product, context: Context
) -> list[Finding]:
    """The telecom findings on signing (a draft) or re-checking ``agreement``."""
    if product.industry != INDUSTRY:
        return []
    profile = customer.profile(INDUSTRY) or TelecomProfile()
    # The lines held count on a sale only; a re-check looks at arrears.
    draft = agreement.status is AgreementStatus.DRAFT
    holdings = tuple(context.book.agreements_of(customer.id)) if draft else ()
    case = Case(customer, profile, agreement, product, context.settings, holdings, context.today)
    return agreement_findings(
        agreement, case, signing=SIGNING_RULES, holding=HOLDING_RULES, duties=HOLDING_DUTIES
    )


def check_customer(customer: Customer, context: Context) -> list[Finding]:
    """The periodic finding on a telecom customer: lines without real-name verification.

    A missing ``lines`` counts as holding lines.
    """
    profile = customer.profile(INDUSTRY)
    if profile is None or profile.real_name_verified or profile.lines == 0:
        return []
    what = "real_name_verified missing" if profile.real_name_verified is None else "not verified"
    lines = "lines missing" if profile.lines is None else f"{profile.lines} active line(s)"
    return [
        RULES.finding(
            "telecom.real-name",
            f"real name {what}, with {lines}: verify the customer's identity",
            severity=Severity.WARN,
            responsibility="real-name-verification",
        )
    ]
