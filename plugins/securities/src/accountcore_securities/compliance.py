"""The securities compliance rules (docs/domain/securities.md, "Compliance").

On signing (the agreement is a draft) every rule of the table applies to a
securities product. On a re-check of a live agreement only the rules about
holding the product apply (suitability, the lowest category, professional-only):
access thresholds, disclosures and warnings are facts of the sale. The
periodic rules (an expired questionnaire, an overdue KYC review) are
customer checks.

A profile field a rule needs that is missing counts as not met, and the
finding names it. Thresholds come from :class:`SecuritiesSettings`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from accountcore import (
    Agreement,
    Context,
    Customer,
    Finding,
    InvestorRisk,
    Product,
    Severity,
    lapses_on,
    months_after,
)
from accountcore.rules import RuleTable, agreement_findings

from .profile import InvestorType, SecuritiesProfile
from .settings import SecuritiesSettings

__all__ = ["check_agreement", "check_customer"]

INDUSTRY = "securities"
MEASURES = "CSRC Measures for the Suitability Management of Securities and Futures Investors"
SOURCES = {
    "securities.suitability": f"{MEASURES} (Order No. 130, 2017), Art. 18, 19",
    "securities.lowest-category": f"{MEASURES} (Order No. 130, 2017), Art. 19, 22",
    "securities.professional-only": f"{MEASURES} (Order No. 130, 2017), Art. 22",
    "securities.questionnaire": "Broker practice: a risk assessment is valid 2 years",
    "securities.star-market": "SSE STAR Market investor suitability rules",
    "securities.chinext": "SZSE ChiNext investor suitability rules (broker practice)",
    "securities.bse": "BSE investor suitability rules (broker practice)",
    "securities.margin": "Margin trading rules of the exchanges (broker practice)",
    "securities.disclosure": "Exchange rules: the risk disclosure is signed before access",
    "securities.high-risk-ordinary": f"{MEASURES} (Order No. 130, 2017), Art. 20",
    "securities.kyc": "Firm policy: customer due diligence is reviewed every 12 months",
}
RULES = RuleTable(SOURCES)


class Case(NamedTuple):
    """What a rule looks at: one agreement for one customer, on one day."""

    customer: Customer
    profile: SecuritiesProfile
    agreement: Agreement
    product: Product
    settings: SecuritiesSettings
    today: dt.date

    @property
    def ordinary(self) -> bool:
        """Ordinary unless recorded as professional (the stricter reading when unknown)."""
        return self.profile.investor_type is not InvestorType.PROFESSIONAL

    @property
    def lowest(self) -> bool | None:
        """Whether the investor is in the lowest category; None when it is unknown."""
        if self.profile.lowest_category is not None:
            return self.profile.lowest_category
        risk = self.profile.risk_level
        return None if risk in (None, InvestorRisk.C1) else False


def _suitability(case: Case) -> Finding | None:
    risk, product = case.profile.risk_level, case.product.risk_level
    if product is None or not case.ordinary:
        return None
    if risk is None:
        return RULES.finding(
            "securities.suitability",
            "risk_level missing: assess the investor's"
            f" risk tolerance before selling a {product.value} product",
        )
    if product.rank <= risk.rank:
        return None
    overridable = case.lowest is False
    hint = (
        ": a supervisor may override if the investor insists, after a special risk warning"
        if overridable
        else ""
    )
    return RULES.finding(
        "securities.suitability",
        f"product risk {product.value} is above the investor's {risk.value}{hint}",
        overridable=overridable,
    )


def _lowest_category(case: Case) -> Finding | None:
    product, most = case.product.risk_level, case.settings.lowest_category_max_risk
    if product is None or product.rank <= most.rank or not case.ordinary or case.lowest is False:
        return None
    if case.lowest is None:
        return RULES.finding(
            "securities.lowest-category",
            "lowest_category missing: record whether"
            f" this C1 investor is in the lowest category before selling"
            f" {product.value}",
        )
    return RULES.finding(
        "securities.lowest-category",
        f"a lowest-category investor may buy {most.value} products only, not {product.value}",
    )


def _professional_only(case: Case) -> Finding | None:
    if not case.product.professional_only or not case.ordinary:
        return None
    missing = " (investor_type missing)" if case.profile.investor_type is None else ""
    return RULES.finding(
        "securities.professional-only",
        f"{case.product.name} is for professional investors only{missing}",
    )


def questionnaire_lapses_on(
    profile: SecuritiesProfile, settings: SecuritiesSettings
) -> dt.date | None:
    """The day the risk assessment lapses (``lapses_on``), or None when there is none."""
    if profile.questionnaire_date is None:
        return None
    return lapses_on(profile.questionnaire_date, settings.questionnaire_valid_days)


def _questionnaire(case: Case) -> Finding | None:
    if not case.ordinary or case.product.category == "subscription":
        return None
    lapses = questionnaire_lapses_on(case.profile, case.settings)
    if lapses is None:
        return RULES.finding(
            "securities.questionnaire", "questionnaire_date missing: assess the investor first"
        )
    if case.today < lapses:
        return None
    return RULES.finding(
        "securities.questionnaire",
        f"the risk assessment of {case.profile.questionnaire_date} lapsed on {lapses}:"
        " assess again",
    )


def _access(case: Case) -> Finding | None:
    details = case.product.details
    if case.product.category != "access":
        return None
    settings, profile = case.settings, case.profile
    assets_needed = getattr(settings, details["assets_setting"])
    months_needed = getattr(settings, details["months_setting"])
    unmet = []
    if profile.assets_20d_avg is None:
        unmet.append("assets_20d_avg missing")
    elif profile.assets_20d_avg < assets_needed:
        unmet.append(f"20-day average assets {profile.assets_20d_avg} below {assets_needed}")
    if profile.first_trade_date is None:
        unmet.append("first_trade_date missing")
    elif months_after(profile.first_trade_date, months_needed) > case.today:
        unmet.append(f"trading since {profile.first_trade_date}, under {months_needed} months")
    if "min_risk_setting" in details and case.ordinary:
        least: InvestorRisk = getattr(settings, details["min_risk_setting"])
        if profile.risk_level is None:
            unmet.append("risk_level missing")
        elif profile.risk_level.rank < least.rank:
            unmet.append(f"risk level {profile.risk_level.value} below {least.value}")
    if "blacklist_field" in details:
        listed = getattr(profile, details["blacklist_field"])
        if listed is None:
            unmet.append(f"{details['blacklist_field']} missing: check the blacklist")
        elif listed:
            unmet.append("on the firm's margin blacklist")
    if not unmet:
        return None
    return RULES.finding(case.product.code, f"{case.product.name}: " + "; ".join(unmet))


def _disclosure(case: Case) -> Finding | None:
    needed = case.product.details.get("disclosure")
    if needed is None or needed in case.profile.disclosures:
        return None
    return RULES.finding(
        "securities.disclosure",
        f"{case.product.name} needs the signed {needed} risk disclosure in disclosures",
    )


def _high_risk_ordinary(case: Case) -> Finding | None:
    product, least = case.product.risk_level, case.settings.high_risk_min
    if product is None or product.rank < least.rank or not case.ordinary:
        return None
    return RULES.finding(
        "securities.high-risk-ordinary",
        f"{product.value} to an ordinary investor:"
        " give more information and time, and plan more return visits",
        severity=Severity.WARN,
    )


Rule = Callable[[Case], Finding | None]
HOLDING_RULES: tuple[Rule, ...] = (_suitability, _lowest_category, _professional_only)
HOLDING_DUTIES = {
    "securities.suitability": "investor-suitability",
    "securities.lowest-category": "investor-suitability",
    "securities.professional-only": "investor-suitability",
}
SIGNING_RULES: tuple[Rule, ...] = (
    *HOLDING_RULES,
    _questionnaire,
    _access,
    _disclosure,
    _high_risk_ordinary,
)


def check_agreement(
    customer: Customer, agreement: Agreement, product: Product, context: Context
) -> list[Finding]:
    """The securities findings on signing (a draft) or re-checking ``agreement``."""
    if product.industry != INDUSTRY:
        return []
    profile = customer.profile(INDUSTRY) or SecuritiesProfile()
    case = Case(customer, profile, agreement, product, context.settings, context.today)
    return agreement_findings(
        agreement, case, signing=SIGNING_RULES, holding=HOLDING_RULES, duties=HOLDING_DUTIES
    )


def check_customer(customer: Customer, context: Context) -> list[Finding]:
    """The periodic findings on a securities customer: questionnaire and KYC review."""
    profile = customer.profile(INDUSTRY)
    if profile is None:
        return []
    settings: SecuritiesSettings = context.settings
    findings = []
    if profile.investor_type is not InvestorType.PROFESSIONAL:
        lapses = questionnaire_lapses_on(profile, settings)
        if lapses is None or context.today >= lapses:
            what = "questionnaire_date missing" if lapses is None else f"lapsed on {lapses}"
            findings.append(
                RULES.finding(
                    "securities.questionnaire",
                    f"risk assessment {what}: assess the investor again",
                    severity=Severity.WARN,
                    responsibility="investor-suitability",
                )
            )
    if profile.kyc_date is None:
        findings.append(
            RULES.finding(
                "securities.kyc",
                "kyc_date missing: review the customer's due diligence",
                severity=Severity.WARN,
                responsibility="kyc-review",
            )
        )
    else:
        due = lapses_on(profile.kyc_date, settings.kyc_valid_days)
        if context.today >= due:
            findings.append(
                RULES.finding(
                    "securities.kyc",
                    f"KYC review of {profile.kyc_date} lapsed on {due}: review it",
                    severity=Severity.WARN,
                    responsibility="kyc-review",
                )
            )
    return findings
