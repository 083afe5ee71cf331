"""The securities care rules (docs/domain/securities.md, "Care"),
given a batch of customers by the daily batch.

Each rule looks at the ``securities`` profile and stays silent when a field it
needs is missing. A rule that falls due on a date still makes its action when
the batch runs later, while the occasion lasts; the period makes it once only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from accountcore import (
    CareAction,
    Channel,
    Context,
    Customer,
    lapses_on,
    months_between,
    quarter_end,
    quarter_key,
    week_key,
)
from accountcore.rules import each_profile, found, holdings, lapse_reminder

from .profile import SecuritiesProfile
from .settings import SecuritiesSettings

__all__ = ["RULES", "care_due", "star_market_eligible"]

PROFILE = "securities"
STAR_MARKET = "securities.star-market"

Rule = Callable[[Customer, SecuritiesProfile, dt.date, SecuritiesSettings], CareAction | None]


def _channel(customer: Customer, s: SecuritiesSettings) -> Channel:
    return Channel.PHONE if customer.tier in s.phone_tiers else Channel.SMS


def research_delivery(
    customer: Customer, profile: SecuritiesProfile, today: dt.date, s: SecuritiesSettings
) -> CareAction | None:
    """``securities.research-delivery``: subscribers get the week's reports each Monday (it
    expires with the week)."""
    if profile.research_subscriber is not True:
        return None
    monday = today - dt.timedelta(days=(today.weekday() - s.research_delivery_weekday) % 7)
    week = week_key(monday)
    return CareAction(
        "securities.research-delivery",
        customer.id,
        Channel.EMAIL,
        f"Send the research reports of the week ({week})",
        monday,
        period=week,
        expires_on=monday + dt.timedelta(days=6),
    )


def questionnaire_expiry(
    customer: Customer, profile: SecuritiesProfile, today: dt.date, s: SecuritiesSettings
) -> CareAction | None:
    """``securities.questionnaire-expiry``: from 30 days before the assessment lapses."""
    return lapse_reminder(
        "securities.questionnaire-expiry",
        customer,
        _channel(customer, s),
        "Suitability assessment",
        profile.questionnaire_date,
        valid_days=s.questionnaire_valid_days,
        notice_days=s.questionnaire_expiry_notice_days,
        today=today,
        responsibility="investor-suitability",
    )


def kyc_due(
    customer: Customer, profile: SecuritiesProfile, today: dt.date, s: SecuritiesSettings
) -> CareAction | None:
    """``securities.kyc-due``: the due-diligence review has lapsed (older than 12 months)."""
    reviewed = profile.kyc_date
    if reviewed is None:
        return None
    lapsed = lapses_on(reviewed, s.kyc_valid_days)
    if today < lapsed:
        return None
    return CareAction(
        "securities.kyc-due",
        customer.id,
        Channel.PHONE,
        f"Customer due-diligence review of {reviewed} lapsed on {lapsed}: review it",
        lapsed,
        period=reviewed.isoformat(),
        responsibility="kyc-review",
    )


def dormant(
    customer: Customer, profile: SecuritiesProfile, today: dt.date, s: SecuritiesSettings
) -> CareAction | None:
    """``securities.dormant``: no trade for 180 days: reactivation care."""
    last = profile.last_trade_date
    if last is None or (today - last).days < s.dormant_days:
        return None
    return CareAction(
        "securities.dormant",
        customer.id,
        _channel(customer, s),
        f"No trade since {last} ({(today - last).days} days): reactivation care",
        last + dt.timedelta(days=s.dormant_days),
        period=last.isoformat(),
    )


def star_market_eligible(profile: SecuritiesProfile, day: dt.date, s: SecuritiesSettings) -> bool:
    """Whether the STAR Market thresholds (assets and months of trading) are met on ``day``."""
    assets, first = profile.assets_20d_avg, profile.first_trade_date
    if assets is None or first is None or assets < s.star_market_assets:
        return False
    return months_between(first, day) >= s.star_market_months


def _newly_eligible(profile: SecuritiesProfile, today: dt.date, s: SecuritiesSettings) -> bool:
    """Eligible today, and not a quarter ago by assets (``assets_prev``) or by months."""
    if not star_market_eligible(profile, today, s) or "star-market" in profile.disclosures:
        return False
    before = today - dt.timedelta(days=s.access_newly_days)
    months_then = months_between(profile.first_trade_date or today, before)
    below_then = profile.assets_prev is not None and profile.assets_prev < s.star_market_assets
    return below_then or months_then < s.star_market_months


def access_invitation(customer: Customer, today: dt.date, s: SecuritiesSettings) -> CareAction:
    """``securities.access-eligible``: the invitation to apply for STAR Market access (it
    expires with the quarter)."""
    return CareAction(
        "securities.access-eligible",
        customer.id,
        _channel(customer, s),
        "Newly meets the STAR Market thresholds: invite him to apply for the access",
        today,
        period=quarter_key(today),
        responsibility="investor-suitability",
        expires_on=quarter_end(today),
    )


RULES: tuple[Rule, ...] = (research_delivery, questionnaire_expiry, kyc_due, dormant)


def care_due(customers: Sequence[Customer], context: Context) -> list[CareAction]:
    """The securities care actions due on ``context.today`` for a batch of customers."""
    s, today = context.settings, context.today
    ours = each_profile(customers, PROFILE)
    actions = [
        action for customer, profile in ours for action in found(RULES, customer, profile, today, s)
    ]
    eligible = [customer for customer, profile in ours if _newly_eligible(profile, today, s)]
    held = holdings(eligible, context)
    for customer in eligible:
        if not any(a.product == STAR_MARKET for a in held.get(customer.id, ())):
            actions.append(access_invitation(customer, today, s))
    return actions
