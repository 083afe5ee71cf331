"""The securities retention indicators (docs/domain/securities.md, "Retention");
complaints come from the core.

The score is the sum of the weights of the indicators found, capped at 1;
each indicator found is a reason naming it. An indicator whose field is
missing is not found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from accountcore import Context, Customer, Reason, RetentionSignal
from accountcore.rules import each_profile, found, lapsed_reason, signal_of

from .profile import SecuritiesProfile
from .settings import SecuritiesSettings

__all__ = ["INDICATORS", "retention_signals"]

PROFILE = "securities"

Indicator = Callable[[SecuritiesProfile, dt.date, SecuritiesSettings], Reason | None]


def no_trade(profile: SecuritiesProfile, today: dt.date, s: SecuritiesSettings) -> Reason | None:
    """No trade for 90 days."""
    last = profile.last_trade_date
    if last is None or (today - last).days < s.no_trade_days:
        return None
    return Reason(
        "securities.no-trade",
        s.weight_no_trade,
        f"no trade for {(today - last).days} days (last on {last})",
    )


def assets_drop(profile: SecuritiesProfile, today: dt.date, s: SecuritiesSettings) -> Reason | None:
    """Average assets of the last 20 trading days down 30% or more on a quarter ago."""
    now, before = profile.assets_20d_avg, profile.assets_prev
    if now is None or before is None or before <= 0 or now > before * (1 - s.assets_drop_ratio):
        return None
    return Reason(
        "securities.assets-drop",
        s.weight_assets_drop,
        f"assets down {(before - now) / before:.0%} on a quarter ago: {now} from {before}",
    )


def questionnaire_expired(
    profile: SecuritiesProfile, today: dt.date, s: SecuritiesSettings
) -> Reason | None:
    """The suitability assessment has lapsed."""
    return lapsed_reason(
        "securities.questionnaire-expired",
        s.weight_questionnaire_expired,
        "Suitability assessment",
        profile.questionnaire_date,
        valid_days=s.questionnaire_valid_days,
        today=today,
    )


INDICATORS: tuple[Indicator, ...] = (no_trade, assets_drop, questionnaire_expired)


def retention_signals(customers: Sequence[Customer], context: Context) -> list[RetentionSignal]:
    """A signal for each customer of the batch with at least one indicator."""
    found_signals = (
        signal_of(customer, found(INDICATORS, profile, context.today, context.settings))
        for customer, profile in each_profile(customers, PROFILE)
    )
    return [signal for signal in found_signals if signal is not None]
