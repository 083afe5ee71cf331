"""The wealth plugin's settings: every number of the domain notes (docs/domain/wealth.md).

Each default is the domain's value; a firm sets its own in its configuration.
Money and ratios are Decimal (they meet Decimal profile values), days, hours
and years int, retention weights float (like a signal's score).
"""

from decimal import Decimal

from attrs import frozen

from accountcore import ProductRisk, Tier, days, fraction

__all__ = ["WealthSettings"]


@frozen
class WealthSettings:
    """Thresholds of the wealth compliance, care, retention and visit rules."""

    # wealth.questionnaire (signing and periodic): an answer is valid this many days [A].
    questionnaire_valid_days: int = days(365)

    # wealth.qualified-investor: the years of experience, and one of the three amounts [S].
    qualified_min_years: int = 2
    qualified_net_assets: Decimal = Decimal("3000000")
    qualified_financial_assets: Decimal = Decimal("5000000")
    qualified_income: Decimal = Decimal("400000")

    # wealth.private-fund-investor: financial assets or average income at least [S].
    private_fund_financial_assets: Decimal = Decimal("3000000")
    private_fund_income: Decimal = Decimal("500000")

    # wealth.minimum-amount: the smallest amount of a trust [A] and a private fund [S].
    trust_minimum_amount: Decimal = Decimal("1000000")
    private_fund_minimum_amount: Decimal = Decimal("1000000")

    # wealth.dual-recording: products of this risk and above need a recording_id [S; scope A].
    dual_recording_min_risk: ProductRisk = ProductRisk.R3

    # wealth.elderly-high-risk: customers of this age or more buying this risk or above [A].
    elderly_age: int = 65
    elderly_high_risk_min: ProductRisk = ProductRisk.R4

    # wealth.cooling-off and wealth.cooling-off-visit: the hours after signing, and the
    # return visit this many days after the cooling-off ends [S Art. 29]; a batch that
    # did not run on the day still makes it up to this many days late [A].
    cooling_off_hours: int = 24
    cooling_off_visit_days_after: int = days(1, minimum=0)
    cooling_off_visit_late_days: int = days(30, minimum=0)
    # Who makes the cooling-off return visits: a manager of the team other than the sellers;
    # None: each seller's supervisor (where he has none, the administrator) [A].
    cooling_off_visit_by: str | None = None

    # wealth.maturity: notices these many days before an agreement's end, by phone for these.
    maturity_notice_days: tuple[int, ...] = (30, 7, 1)
    maturity_phone_tiers: tuple[Tier, ...] = (Tier.VIP,)

    # wealth.questionnaire-expiry: a reminder this many days before the answer lapses [A].
    questionnaire_expiry_notice_days: int = days(30)

    # Care rules whose channel the domain leaves open: by phone for these tiers, by SMS
    # for the others [A].
    phone_tiers: tuple[Tier, ...] = (Tier.VIP, Tier.A)

    # Retention signals: indicators and their weights [A].
    aum_drop_ratio: Decimal = Decimal("0.2")
    weight_aum_drop: float = fraction(0.30)
    maturity_window_days: int = days(30)
    weight_maturity: float = fraction(0.20)
    no_contact_days: int = days(180)
    weight_no_contact: float = fraction(0.15)
    weight_questionnaire_expired: float = fraction(0.05)

    # Visit policy: private-bank customers (financial net assets at least) every N days [S].
    private_bank_net_assets: Decimal = Decimal("6000000")
    private_bank_visit_days: int = days(30)
