"""The securities plugin's settings: every number of the domain notes (docs/domain/securities.md).

Each default is the domain's value; a firm sets its own in its configuration.
Money and ratios are Decimal (they meet Decimal profile values), days and
months int, retention weights float (like a signal's score).
"""

from decimal import Decimal

from attrs import frozen

from accountcore import InvestorRisk, ProductRisk, Tier, days, fraction

__all__ = ["SecuritiesSettings"]


@frozen
class SecuritiesSettings:
    """Thresholds of the securities compliance, care, retention and visit rules."""

    # securities.questionnaire (signing, periodic, expiry care): valid 2 years [S2].
    questionnaire_valid_days: int = days(730)

    # securities.kyc and securities.kyc-due: a due-diligence review is valid 12 months [A].
    kyc_valid_days: int = days(365)

    # securities.lowest-category: a lowest-category investor may buy up to this risk [S].
    lowest_category_max_risk: ProductRisk = ProductRisk.R1

    # securities.high-risk-ordinary: products of this risk and above, to ordinary investors [S].
    high_risk_min: ProductRisk = ProductRisk.R4

    # securities.star-market (and securities.access-eligible): 20-day average assets and
    # months of trading [S].
    star_market_assets: Decimal = Decimal("500000")
    star_market_months: int = 24

    # securities.chinext: 20-day average assets and months of trading [S2].
    chinext_assets: Decimal = Decimal("100000")
    chinext_months: int = 24

    # securities.bse: 20-day average assets and months of trading [S2].
    bse_assets: Decimal = Decimal("500000")
    bse_months: int = 24

    # securities.margin: 20-day average assets, months of trading, lowest risk level [S2].
    margin_assets: Decimal = Decimal("500000")
    margin_months: int = 6
    margin_min_risk: InvestorRisk = InvestorRisk.C4

    # securities.research-delivery: subscribers on this weekday (0 is Monday) [A].
    research_delivery_weekday: int = 0

    # securities.questionnaire-expiry: a reminder this many days before the assessment lapses.
    questionnaire_expiry_notice_days: int = days(30)

    # securities.dormant: reactivation care after this many days without a trade [A].
    dormant_days: int = days(180)

    # securities.access-eligible: "newly" meets the STAR Market thresholds when it did not
    # this many days ago (a quarter: assets_prev is the figure of a quarter ago) [A].
    access_newly_days: int = days(91)

    # Care rules whose channel the domain leaves open: by phone for these tiers, by SMS
    # for the others [A].
    phone_tiers: tuple[Tier, ...] = (Tier.VIP, Tier.A)

    # Retention signals: indicators and their weights [A].
    no_trade_days: int = days(90)
    weight_no_trade: float = fraction(0.25)
    assets_drop_ratio: Decimal = Decimal("0.3")
    weight_assets_drop: float = fraction(0.25)
    weight_questionnaire_expired: float = fraction(0.05)

    # Visit policy: margin customers, and ordinary investors holding high_risk_min and
    # above, every this many days [S: Art. 20; interval A].
    margin_visit_days: int = days(30)
    high_risk_visit_days: int = days(30)
