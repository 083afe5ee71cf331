"""The telecom plugin's settings: every number of the domain notes (docs/domain/telecom.md).

Each default is the domain's value; a firm sets its own in its configuration.
Money and ratios are Decimal (they meet Decimal profile values), days and
months int, retention weights and scores float (like a signal's score).
"""

from decimal import Decimal

from attrs import frozen

from accountcore import Channel, Tier, days, fraction

__all__ = ["TelecomSettings"]


@frozen
class TelecomSettings:
    """Thresholds of the telecom compliance, care, retention and visit rules."""

    # telecom.line-limit: at most this many lines per ID with the operator [S: MIIT 2016].
    max_lines_per_id: int = 5

    # telecom.contract-end: notice this many days before contract_end, by phone for these tiers.
    contract_end_notice_days: int = days(30)
    contract_end_phone_tiers: tuple[Tier, ...] = (Tier.VIP, Tier.A)

    # telecom.arrears-reminder: days since arrears_since of the SMS reminder, the call,
    # the one-way and the two-way suspension notices, and the channel of each [A].
    arrears_stages: tuple[int, ...] = (1, 15, 30, 60)
    arrears_stage_channels: tuple[Channel, ...] = (
        Channel.SMS,
        Channel.PHONE,
        Channel.SMS,
        Channel.SMS,
    )

    # telecom.network-anniversary: credit care on each anniversary for these tiers; a batch
    # that did not run on the day still makes it up to this many days late [A].
    anniversary_tiers: tuple[Tier, ...] = (Tier.VIP, Tier.A)
    anniversary_late_days: int = days(7, minimum=0)

    # telecom.plan-fit: data_gb_last above included_gb times this ratio (120%).
    plan_fit_ratio: Decimal = Decimal("1.2")

    # Retention signals: indicators and their weights (the score is capped at 1).
    contract_end_window_days: int = days(60)
    weight_contract_end: float = fraction(0.25)
    weight_month_to_month: float = fraction(0.15)
    data_drop_ratio: Decimal = Decimal("0.3")
    weight_data_drop: float = fraction(0.20)
    weight_arrears: float = fraction(0.10)
    weight_competitor_contact: float = fraction(0.25)
    new_customer_months: int = 12
    weight_new_customer: float = fraction(0.10)

    # Retention follow-up: warn the manager at warn_score, a retention visit within
    # retention_visit_days at visit_score.
    warn_score: float = fraction(0.5)
    visit_score: float = fraction(0.7)
    retention_visit_days: int = days(3)

    # Visit policy: corporate vip customers (key customers) every this many days.
    vip_corporate_visit_days: int = days(14)
