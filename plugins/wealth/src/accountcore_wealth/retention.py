"""The wealth retention indicators (docs/domain/wealth.md, "Retention");
complaints come from the core.

The score is the sum of the weights of the indicators found, capped at 1;
each indicator found is a reason naming it. An indicator whose field is
missing is not found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from accountcore import Agreement, Context, Customer, Reason, RetentionSignal, lapses_on

from .care import live_agreements
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
    answered = profile.questionnaire_date
    if answered is None or today < lapses_on(answered, s.questionnaire_valid_days):
        return None
    return Reason(
        "wealth.questionnaire-expired",
        s.weight_questionnaire_expired,
        f"risk questionnaire of {answered} has lapsed",
    )


def maturing_without_renewal(
    agreements: Sequence[Agreement], today: dt.date, s: WealthSettings
) -> Reason | None:
    """An agreement maturing within 30 days, and no later one that outlives it."""
    live = live_agreements(agreements)
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


def retention_signals(customers: Sequence[Customer], context: Context) -> list[RetentionSignal]:
    """A signal for each customer of the batch with at least one indicator."""
    s, today = context.settings, context.today
    ours = [c for c in customers if c.profiles.get(PROFILE) is not None]
    agreements = context.book.agreements_of_many(c.id for c in ours) if ours else {}
    signals = []
    for customer in ours:
        profile = customer.profiles[PROFILE]
        found = (
            aum_drop(profile, today, s),
            no_contact(profile, today, s),
            questionnaire_expired(profile, today, s),
            maturing_without_renewal(agreements.get(customer.id, ()), today, s),
        )
        reasons = tuple(reason for reason in found if reason is not None)
        if reasons:
            signals.append(RetentionSignal.from_reasons(customer.id, reasons))
    return signals
