"""The wealth retention indicators (docs/domain/wealth.md, "Retention");
complaints come from the core.

The score is the sum of the weights of the indicators found, capped at 1;
each indicator found is a reason naming it. An indicator whose field is
missing is not found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from accountcore import Agreement, Context, Customer, Reason, RetentionSignal
from accountcore.rules import each_profile, found, lapsed_reason, signal_of

from .care import wealth_holdings
from .profile import WealthProfile
from .settings import WealthSettings

__all__ = ["retention_signals"]

PROFILE = "wealth"


def aum_drop(profile: WealthProfile, today: dt.date, s: WealthSettings) -> Reason | None:
    """Assets held with us down 20% or more on the quarter."""
    now, before = profile.aum, profile.aum_prev_quarter
    if now is None or before is None or before <= 0 or now > before * (1 - s.aum_drop_ratio):
        return None
    return Reason(
        "wealth.aum-drop",
        s.weight_aum_drop,
        f"assets with us down {(before - now) / before:.0%} on the quarter: {now} from {before}",
    )


def no_contact(profile: WealthProfile, today: dt.date, s: WealthSettings) -> Reason | None:
    """No contact of any kind for 180 days."""
    last = profile.last_contact
    if last is None or (today - last).days < s.no_contact_days:
        return None
    return Reason(
        "wealth.no-contact",
        s.weight_no_contact,
        f"no contact for {(today - last).days} days (last on {last})",
    )


def questionnaire_expired(
    profile: WealthProfile, today: dt.date, s: WealthSettings
) -> Reason | None:
    """The risk questionnaire has lapsed."""
    return lapsed_reason(
        "wealth.questionnaire-expired",
        s.weight_questionnaire_expired,
        "Risk questionnaire",
        profile.questionnaire_date,
        valid_days=s.questionnaire_valid_days,
        today=today,
    )


def maturing_without_renewal(
    agreements: Sequence[Agreement], today: dt.date, s: WealthSettings
) -> Reason | None:
    """An agreement maturing within 30 days, and no later one that outlives it."""
    live = list(agreements)
    for index, agreement in enumerate(live):
        end = agreement.end
        if end is None or not 0 <= (end - today).days <= s.maturity_window_days:
            continue
        renewed = any(later.end is None or later.end > end for later in live[index + 1 :])
        if not renewed:
            return Reason(
                "wealth.maturity-no-renewal",
                s.weight_maturity,
                f"{agreement.product} ({agreement.id}) matures on {end} and nothing new is signed",
            )
    return None


INDICATORS = (aum_drop, no_contact, questionnaire_expired)


def retention_signals(customers: Sequence[Customer], context: Context) -> list[RetentionSignal]:
    """A signal for each customer of the batch with at least one indicator."""
    s, today = context.settings, context.today
    ours = each_profile(customers, PROFILE)
    held = wealth_holdings([customer for customer, _ in ours], context)
    signals = []
    for customer, profile in ours:
        reasons = found(INDICATORS, profile, today, s)
        reasons += found([maturing_without_renewal], held.get(customer.id, []), today, s)
        if (signal := signal_of(customer, reasons)) is not None:
            signals.append(signal)
    return signals
