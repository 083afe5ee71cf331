"""The telecom retention indicators (docs/domain/telecom.md, "Retention").

The score is the sum of the weights of the indicators found, capped at 1;
each indicator found is a reason naming it. An indicator whose field is
missing is not found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from accountcore import Context, Customer, Reason, RetentionSignal, months_between
from accountcore.rules import each_profile, found, signal_of

from .profile import Contract, TelecomProfile
from .settings import TelecomSettings

__all__ = ["INDICATORS", "retention_signals"]

PROFILE = "telecom"

Indicator = Callable[[TelecomProfile, dt.date, TelecomSettings], Reason | None]


def contract_ending(profile: TelecomProfile, today: dt.date, s: TelecomSettings) -> Reason | None:
    """The contract ends within 60 days (today included)."""
    end = profile.contract_end
    if end is None or not 0 <= (end - today).days <= s.contract_end_window_days:
        return None
    return Reason(
        "telecom.contract-ending",
        s.weight_contract_end,
        f"contract ends on {end}, in {(end - today).days} days",
    )


def month_to_month(profile: TelecomProfile, today: dt.date, s: TelecomSettings) -> Reason | None:
    """On a month-to-month contract: free to leave any month."""
    if profile.contract is not Contract.MONTH_TO_MONTH:
        return None
    return Reason(
        "telecom.month-to-month",
        s.weight_month_to_month,
        "month-to-month contract: free to leave any month",
    )


def data_drop(profile: TelecomProfile, today: dt.date, s: TelecomSettings) -> Reason | None:
    """Last month's data use down 30% or more on the months before."""
    before, last = profile.data_gb_prev, profile.data_gb_last
    if before is None or last is None or before <= 0 or last > before * (1 - s.data_drop_ratio):
        return None
    drop = (before - last) / before
    return Reason(
        "telecom.data-drop",
        s.weight_data_drop,
        f"data use down {drop:.0%}: {last} GB last month, {before} GB before",
    )


def in_arrears(profile: TelecomProfile, today: dt.date, s: TelecomSettings) -> Reason | None:
    """An amount is owed."""
    if not profile.arrears_amount:
        return None
    since = f" since {profile.arrears_since}" if profile.arrears_since else ""
    return Reason(
        "telecom.in-arrears", s.weight_arrears, f"in arrears: {profile.arrears_amount} owed{since}"
    )


def competitor_contact(
    profile: TelecomProfile, today: dt.date, s: TelecomSettings
) -> Reason | None:
    """Seen with a rival's number, broadband or offer."""
    if profile.competitor_contact is not True:
        return None
    return Reason(
        "telecom.competitor-contact",
        s.weight_competitor_contact,
        "seen in contact with a competitor (a rival's number, broadband or offer)",
    )


def new_on_network(profile: TelecomProfile, today: dt.date, s: TelecomSettings) -> Reason | None:
    """On the network for under 12 months."""
    joined = profile.network_join
    if joined is None or months_between(joined, today) >= s.new_customer_months:
        return None
    return Reason(
        "telecom.new-customer",
        s.weight_new_customer,
        f"on the network for {months_between(joined, today)} months only",
    )


INDICATORS: tuple[Indicator, ...] = (
    contract_ending,
    month_to_month,
    data_drop,
    in_arrears,
    competitor_contact,
    new_on_network,
)


def retention_signals(customers: Sequence[Customer], context: Context) -> list[RetentionSignal]:
    """A signal for each customer of the batch with at least one indicator."""
    found_signals = (
        signal_of(customer, found(INDICATORS, profile, context.today, context.settings))
        for customer, profile in each_profile(customers, PROFILE)
    )
    return [signal for signal in found_signals if signal is not None]
