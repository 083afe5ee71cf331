"""The wealth compliance rules (docs/domain/wealth.md, "Compliance").

On signing (the agreement is a draft) every rule of the table applies to a
wealth product. On a re-check of a live agreement only suitability applies
(a holding above the customer's current risk level), and the cooling-off
notice while the cooling-off lasts: qualification, minimums, recording and
the elderly warning are facts of the sale. An expired questionnaire is the
periodic customer check.

Products for qualified investors only (trusts and private funds) need
``wealth.qualified-investor``: the 2018 guiding opinions cover every
asset-management product, private funds included; a private fund also needs
``wealth.private-fund-investor`` (CSRC Order No. 105), so the stricter of the
two holds.

A profile field a rule needs that is missing counts as not met, and the
finding names it. Thresholds come from :class:`WealthSettings`. A block is
overridable only where the rule rests on the firm's own policy (the
questionnaire's validity, a trust's minimum), never on a regulation.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from accountcore import (
    Agreement,
    BookReader,
    Context,
    Customer,
    CustomerKind,
    Finding,
    Product,
    Severity,
    VisitStatus,
    age_on,
    lapses_on,
)
from accountcore.rules import RuleTable, agreement_findings

from .profile import WealthProfile
from .settings import WealthSettings

__all__ = ["check_agreement", "check_customer"]

INDUSTRY = "wealth"
PRIVATE_FUNDS = (
    "CSRC Interim Measures for the Supervision of Private Investment Funds (Order No. 105, 2014)"
)
SOURCES = {
    "wealth.suitability": "CBIRC Measures for the Supervision of the Wealth Management Business"
    " of Commercial Banks (2018): products at or below the client's risk level",
    "wealth.questionnaire": "Firm policy: a risk questionnaire is valid 1 year",
    "wealth.qualified-investor": "Guiding Opinions on Regulating the Asset Management Business"
    " of Financial Institutions, Yinfa (2018) No. 106",
    "wealth.private-fund-investor": PRIVATE_FUNDS,
    "wealth.dual-recording": "CBRC 2017 No. 110 on audio-video recording of in-branch sales",
    "wealth.elderly-high-risk": "Firm policy: customers aged 65 or more and high-risk products",
    "wealth.cooling-off": "AMAC Measures for the Sales of Private Funds (2016), Art. 29",
    "wealth.cooling-off-contact": "AMAC Measures for the Sales of Private Funds (2016), Art. 29",
}
RULES = RuleTable(SOURCES)
# The minimum of a private fund is a regulation; a trust's is the firm's own.
MINIMUM_SOURCES = {
    "private-fund": PRIVATE_FUNDS,
    "trust": "Firm policy: the minimum subscription of a trust plan",
}


class Case(NamedTuple):
    """What a rule looks at: one agreement for one customer, on one day."""

    customer: Customer
    profile: WealthProfile
    agreement: Agreement
    product: Product
    settings: WealthSettings
    today: dt.date
    book: BookReader


def _suitability(case: Case) -> Finding | None:
    risk, product = case.profile.risk_level, case.product.risk_level
    if product is None:
        return None
    if risk is None:
        return RULES.finding(
            "wealth.suitability",
            "risk_level missing: have the customer answer the risk questionnaire first",
        )
    if product.rank <= risk.rank:
        return None
    return RULES.finding(
        "wealth.suitability",
        f"product risk {product.value} is above the"
        f" customer's {risk.value}: sell only at or below his level",
    )


def questionnaire_lapses_on(profile: WealthProfile, settings: WealthSettings) -> dt.date | None:
    """The day the questionnaire's answer lapses (``lapses_on``), or None when there is none."""
    if profile.questionnaire_date is None:
        return None
    return lapses_on(profile.questionnaire_date, settings.questionnaire_valid_days)


def _questionnaire(case: Case) -> Finding | None:
    lapses = questionnaire_lapses_on(case.profile, case.settings)
    if lapses is not None and case.today < lapses:
        return None
    what = "questionnaire_date missing" if lapses is None else f"the answer lapsed on {lapses}"
    return RULES.finding(
        "wealth.questionnaire",
        f"risk questionnaire: {what}; have the customer answer it again",
        overridable=True,
    )


def _at_least(value: Decimal | int | None, least: Decimal | int, name: str) -> str | None:
    """None when ``value`` reaches ``least``; else what is wrong with it."""
    if value is None:
        return f"{name} missing"
    return None if value >= least else f"{name} {value} below {least}"


def _qualified_investor(case: Case) -> Finding | None:
    if not case.product.qualified_only:
        return None
    profile, settings = case.profile, case.settings
    unmet = []
    years = _at_least(profile.investment_years, settings.qualified_min_years, "investment_years")
    if years is not None:
        unmet.append(years)
    wealth = [
        _at_least(
            profile.financial_net_assets, settings.qualified_net_assets, "financial_net_assets"
        ),
        _at_least(
            profile.financial_assets, settings.qualified_financial_assets, "financial_assets"
        ),
        _at_least(profile.income_avg_3y, settings.qualified_income, "income_avg_3y"),
    ]
    if all(wealth):
        unmet.append(" and ".join(problem for problem in wealth if problem))
    if not unmet:
        return None
    return RULES.finding(
        "wealth.qualified-investor",
        f"{case.product.name} is for qualified"
        f" investors only ({settings.qualified_min_years} years' experience and one"
        f" of the asset or income thresholds): {'; '.join(unmet)}",
    )


def _private_fund_investor(case: Case) -> Finding | None:
    if case.product.category != "private-fund":
        return None
    profile, settings = case.profile, case.settings
    wealth = [
        _at_least(
            profile.financial_assets, settings.private_fund_financial_assets, "financial_assets"
        ),
        _at_least(profile.income_avg_3y, settings.private_fund_income, "income_avg_3y"),
    ]
    met = [text for text in wealth if text]
    if len(met) < len(wealth):
        return None
    return RULES.finding(
        "wealth.private-fund-investor",
        "a private fund investor needs financial"
        f" assets of at least {settings.private_fund_financial_assets} or an average"
        f" income of at least {settings.private_fund_income}: {'; '.join(met)}",
    )


def _minimum_amount(case: Case) -> Finding | None:
    category = case.product.category
    minimum = {
        "trust": case.settings.trust_minimum_amount,
        "private-fund": case.settings.private_fund_minimum_amount,
    }.get(category, case.product.minimum_amount)
    if minimum is None:
        return None
    amount = case.agreement.amount
    if amount is not None and amount >= minimum:
        return None
    what = "amount missing: give the amount" if amount is None else f"amount {amount}"
    return Finding(
        "wealth.minimum-amount",
        Severity.BLOCK,
        f"{what}; the minimum of {case.product.name} is {minimum}",
        MINIMUM_SOURCES.get(category, "The product's minimum subscription"),
        overridable=category != "private-fund",
    )


def _dual_recording(case: Case) -> Finding | None:
    risk, least = case.product.risk_level, case.settings.dual_recording_min_risk
    if risk is None or risk.rank < least.rank or case.agreement.terms.get("recording_id"):
        return None
    return RULES.finding(
        "wealth.dual-recording",
        f"a {risk.value} sale needs its audio-video recording: give --term recording_id=REF",
    )


def _elderly_high_risk(case: Case) -> Finding | None:
    risk, least = case.product.risk_level, case.settings.elderly_high_risk_min
    if risk is None or risk.rank < least.rank or case.customer.kind is CustomerKind.CORPORATE:
        return None
    if case.customer.birthday is None:
        return RULES.finding(
            "wealth.elderly-high-risk",
            f"birthday missing: check the customer's age before selling {risk.value}",
            severity=Severity.WARN,
        )
    age = age_on(case.customer.birthday, case.today)
    if age < case.settings.elderly_age:
        return None
    return RULES.finding(
        "wealth.elderly-high-risk",
        f"the customer is {age} and buys a {risk.value} product: make sure he understands the risk",
        severity=Severity.WARN,
    )


def _cooling_off(case: Case) -> Finding | None:
    if case.product.category != "private-fund":
        return None
    hours = case.settings.cooling_off_hours
    signed = case.agreement.signed_on
    if signed is not None and signed + dt.timedelta(days=math.ceil(hours / 24)) < case.today:
        return None
    return RULES.finding(
        "wealth.cooling-off",
        f"{hours}-hour cooling-off after signing: do not"
        " contact the customer, who may rescind; then a return visit confirms"
        " the sale",
        severity=Severity.INFO,
    )


def _cooling_off_contact(case: Case) -> Finding | None:
    """The seller must not contact the customer during the cooling-off (Art. 29)."""
    signed = case.agreement.signed_on
    if case.product.category != "private-fund" or signed is None:
        return None
    ends = signed + dt.timedelta(days=math.ceil(case.settings.cooling_off_hours / 24))
    seller = case.agreement.manager
    contacts = [
        visit
        for visit in case.book.visits_of(case.customer.id)
        if visit.status is VisitStatus.DONE
        and visit.manager == seller
        and signed <= visit.on < ends
    ]
    if not contacts:
        return None
    days = ", ".join(sorted({visit.on.isoformat() for visit in contacts}))
    return RULES.finding(
        "wealth.cooling-off-contact",
        f"{seller}, who sold {case.agreement.id}, contacted the customer during its cooling-off"
        f" ({days}): the return visit is made by someone else",
        severity=Severity.WARN,
    )


Rule = Callable[[Case], Finding | None]
SIGNING_RULES: tuple[Rule, ...] = (
    _suitability,
    _questionnaire,
    _qualified_investor,
    _private_fund_investor,
    _minimum_amount,
    _dual_recording,
    _elderly_high_risk,
    _cooling_off,
)
HOLDING_RULES: tuple[Rule, ...] = (_suitability, _cooling_off, _cooling_off_contact)
HOLDING_DUTIES = {
    "wealth.suitability": "suitability-review",
    "wealth.cooling-off": "cooling-off-visit",
    "wealth.cooling-off-contact": "cooling-off-visit",
}


def check_agreement(
    customer: Customer, agreement: Agreement, product: Product, context: Context
) -> list[Finding]:
    """The wealth findings on signing (a draft) or re-checking ``agreement``."""
    if product.industry != INDUSTRY:
        return []
    profile = customer.profile(INDUSTRY) or WealthProfile()
    case = Case(
        customer, profile, agreement, product, context.settings, context.today, context.book
    )
    return agreement_findings(
        agreement, case, signing=SIGNING_RULES, holding=HOLDING_RULES, duties=HOLDING_DUTIES
    )


def check_customer(customer: Customer, context: Context) -> list[Finding]:
    """The periodic finding on a wealth customer: a lapsed questionnaire with holdings.

    Holdings are wealth agreements in force, or ``aum`` above zero; a missing
    ``aum`` counts as holdings.
    """
    profile = customer.profile(INDUSTRY)
    if profile is None:
        return []
    held = [
        a
        for a in context.book.agreements_of(customer.id)
        if a.product.startswith(f"{INDUSTRY}.") and a.in_force_on(context.today)
    ]
    if profile.aum == 0 and not held:
        return []
    lapses = questionnaire_lapses_on(profile, context.settings)
    if lapses is not None and context.today < lapses:
        return []
    what = "questionnaire_date missing" if lapses is None else f"the answer lapsed on {lapses}"
    if held:
        holdings = f"{len(held)} agreement(s) in force ({', '.join(a.id for a in held)})"
    else:
        holdings = "aum missing" if profile.aum is None else f"holdings of {profile.aum}"
    return [
        RULES.finding(
            "wealth.questionnaire",
            f"risk questionnaire: {what}, with {holdings}; have the customer answer it again",
            severity=Severity.WARN,
            responsibility="suitability-review",
        )
    ]
