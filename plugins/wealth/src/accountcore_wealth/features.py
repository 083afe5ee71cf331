"""The wealth features a learned retention model reads: assets trend, maturities, contact.

Each is a number about the customer as of ``context.today`` (for a leaver,
the day he left), named ``wealth.*`` and explained in a manager's words.
"""

import datetime as dt
from collections.abc import Sequence

from accountcore import Agreement, Context, Customer, RetentionFeatures

from .profile import WealthProfile

__all__ = ["EXPLAINED", "retention_features"]

PROFILE = "wealth"
MATURITY_DAYS = 90

EXPLAINED = {
    "wealth.assets_trend": "change in assets under management over the quarter (share)",
    "wealth.maturities_90d": "holdings maturing within 90 days",
    "wealth.days_since_contact": "days since the last contact",
}


def _maturing(agreements: Sequence[Agreement], day: dt.date) -> int:
    horizon = day + dt.timedelta(days=MATURITY_DAYS)
    return sum(
        1
        for a in agreements
        if a.product.startswith("wealth.") and a.end is not None and day <= a.end <= horizon
    )


def _features(
    profile: WealthProfile, agreements: Sequence[Agreement], day: dt.date
) -> dict[str, float]:
    now, before = profile.aum, profile.aum_prev_quarter
    trend = float((now - before) / before) if before and now is not None else 0.0
    contact = profile.last_contact
    return {
        "wealth.assets_trend": trend,
        "wealth.maturities_90d": float(_maturing(agreements, day)),
        "wealth.days_since_contact": float((day - contact).days) if contact else 0.0,
    }


def retention_features(customers: Sequence[Customer], context: Context) -> list[RetentionFeatures]:
    """The wealth features of each customer of the batch with a wealth profile."""
    ours = [c for c in customers if isinstance(c.profile(PROFILE), WealthProfile)]
    held = context.book.agreements_of_many(c.id for c in ours) if ours else {}
    return [
        RetentionFeatures(
            c.id, _features(c.profile(PROFILE), held.get(c.id, []), context.today), EXPLAINED
        )
        for c in ours
    ]
