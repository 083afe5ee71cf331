"""The telecom care rules (docs/domain/telecom.md, "Care"),
given a batch of customers by the daily batch.

Each rule looks at the ``telecom`` profile and stays silent when a field it
needs is missing. A rule that falls due on a date (a contract's end notice, an
arrears stage, an anniversary) still makes its action when the batch runs
later than that date, while the occasion lasts; the period of the action
makes it once only. The channel is the one the domain gives; the core moves it
to the next channel the customer allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from accountcore import (
    CareAction,
    Channel,
    Context,
    Customer,
    Tier,
    last_anniversary,
    month_end,
    quarter_end,
    quarter_key,
)
from accountcore.rules import each_profile, found, signal_of

from .products import products
from .profile import TelecomProfile
from .settings import TelecomSettings

__all__ = ["RULES", "care_due"]

PROFILE = "telecom"
# The data each plan includes a month, from the plugin's own catalogue.
INCLUDED_GB = {
    p.code: Decimal(str(p.details["included_gb"])) for p in products() if "included_gb" in p.details
}
# What each arrears stage tells the customer, in the order of TelecomSettings.arrears_stages.
ARREARS_NOTICES = (
    "payment reminder",
    "reminder call",
    "notice of one-way suspension (outgoing service stops)",
    "notice of two-way suspension (all service stops)",
)

Rule = Callable[[Customer, TelecomProfile, dt.date, TelecomSettings], CareAction | None]


def contract_end(
    customer: Customer, profile: TelecomProfile, today: dt.date, settings: TelecomSettings
) -> CareAction | None:
    """``telecom.contract-end``: from 30 days before the contract ends to its end (it expires
    then)."""
    end = profile.contract_end
    if end is None:
        return None
    notice = end - dt.timedelta(days=settings.contract_end_notice_days)
    if not notice <= today <= end:
        return None
    phone = customer.tier in settings.contract_end_phone_tiers
    return CareAction(
        "telecom.contract-end",
        customer.id,
        Channel.PHONE if phone else Channel.SMS,
        f"Contract ends on {end}: offer the renewal",
        notice,
        period=end.isoformat(),
        expires_on=end,
    )


def arrears_reminder(
    customer: Customer, profile: TelecomProfile, today: dt.date, settings: TelecomSettings
) -> CareAction | None:
    """``telecom.arrears-reminder``: the latest stage reached since the first unpaid bill."""
    since = profile.arrears_since
    if not profile.arrears_amount or since is None:
        return None
    days = (today - since).days
    reached = [i for i, stage in enumerate(settings.arrears_stages) if days >= stage]
    if not reached:
        return None
    index = max(reached, key=lambda i: settings.arrears_stages[i])
    stage = settings.arrears_stages[index]
    channels = settings.arrears_stage_channels
    channel = channels[min(index, len(channels) - 1)] if channels else Channel.SMS
    notice = ARREARS_NOTICES[index] if index < len(ARREARS_NOTICES) else "arrears reminder"
    return CareAction(
        "telecom.arrears-reminder",
        customer.id,
        channel,
        f"{profile.arrears_amount} owed since {since} ({days} days): {notice}",
        since + dt.timedelta(days=stage),
        period=f"{since}/{stage}d",
        responsibility="arrears-recovery",
    )


def network_anniversary(
    customer: Customer, profile: TelecomProfile, today: dt.date, settings: TelecomSettings
) -> CareAction | None:
    """``telecom.network-anniversary``: credit care on each anniversary, tiers vip and a.

    It expires after the late window (``anniversary_late_days``).
    """
    joined = profile.network_join
    if joined is None or customer.tier not in settings.anniversary_tiers:
        return None
    occasion = last_anniversary(joined, today)
    if occasion is None or (today - occasion).days > settings.anniversary_late_days:
        return None
    years = occasion.year - joined.year
    return CareAction(
        "telecom.network-anniversary",
        customer.id,
        Channel.SMS,
        f"{years} years on the network on {occasion}: thank him with credit care",
        occasion,
        period=str(occasion.year),
        expires_on=occasion + dt.timedelta(days=settings.anniversary_late_days),
    )


def plan_fit(
    customer: Customer, profile: TelecomProfile, today: dt.date, settings: TelecomSettings
) -> CareAction | None:
    """``telecom.plan-fit``: last month's data over 120% of the plan's: a better plan, monthly
    (it expires with the month)."""
    included = INCLUDED_GB.get(profile.plan or "")
    used = profile.data_gb_last
    if included is None or used is None or used <= included * settings.plan_fit_ratio:
        return None
    return CareAction(
        "telecom.plan-fit",
        customer.id,
        Channel.SMS,
        f"Used {used} GB last month on a {included} GB plan: send the offer of a better plan",
        today,
        period=f"{today:%Y-%m}",
        expires_on=month_end(today),
    )


def vip_invitation(
    customer: Customer, profile: TelecomProfile, today: dt.date, settings: TelecomSettings
) -> CareAction | None:
    """``telecom.vip-invitation``: an activity invitation to each vip customer, each quarter
    (it expires with the quarter)."""
    if customer.tier is not Tier.VIP:
        return None
    return CareAction(
        "telecom.vip-invitation",
        customer.id,
        Channel.PHONE,
        f"Invite to this quarter's activity ({quarter_key(today)})",
        today,
        period=quarter_key(today),
        expires_on=quarter_end(today),
    )


def retention_follow_up(
    customer: Customer, profile: TelecomProfile, today: dt.date, s: TelecomSettings
) -> CareAction | None:
    """``telecom.retention-visit`` at ``visit_score``, else ``telecom.retention-warning`` at
    ``warn_score``: the follow-up of the telecom retention score, once a month (it expires
    with the month)."""
    from .retention import INDICATORS

    signal = signal_of(customer, found(INDICATORS, profile, today, s))
    if signal is None or signal.score < s.warn_score:
        return None
    why = ", ".join(reason.rule for reason in signal.reasons)
    if signal.score >= s.visit_score:
        by = today + dt.timedelta(days=s.retention_visit_days)
        return CareAction(
            "telecom.retention-visit",
            customer.id,
            Channel.VISIT,
            f"Retention visit by {by}: churn score {signal.score:.2f} ({why})",
            today,
            period=f"{today:%Y-%m}",
            responsibility="retention",
            expires_on=month_end(today),
        )
    return CareAction(
        "telecom.retention-warning",
        customer.id,
        Channel.PHONE,
        f"At risk of leaving: churn score {signal.score:.2f} ({why}); call to keep him",
        today,
        period=f"{today:%Y-%m}",
        responsibility="retention",
        expires_on=month_end(today),
    )


RULES: tuple[Rule, ...] = (
    contract_end,
    arrears_reminder,
    network_anniversary,
    plan_fit,
    vip_invitation,
    retention_follow_up,
)


def care_due(customers: Sequence[Customer], context: Context) -> list[CareAction]:
    """The telecom care actions due on ``context.today`` for a batch of customers."""
    return [
        action
        for customer, profile in each_profile(customers, PROFILE)
        for action in found(RULES, customer, profile, context.today, context.settings)
    ]
