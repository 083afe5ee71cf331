"""The securities features a learned retention model reads: trading activity and assets trend.

Each is a number about the customer as of ``context.today`` (for a leaver,
the day he left), named ``securities.*`` and explained in a manager's words.
"""

from collections.abc import Sequence

from accountcore import Context, Customer, RetentionFeatures

from .profile import SecuritiesProfile

__all__ = ["EXPLAINED", "retention_features"]

PROFILE = "securities"

EXPLAINED = {
    "securities.days_since_trade": "days since the last trade",
    "securities.assets_trend": "change in assets over the last 20 trading days (share)",
}


def _features(profile: SecuritiesProfile, context: Context) -> dict[str, float]:
    last = profile.last_trade_date
    idle = (context.today - last).days if last and last <= context.today else 0
    now, before = profile.assets_20d_avg, profile.assets_prev
    trend = float((now - before) / before) if before and now is not None else 0.0
    return {"securities.days_since_trade": float(idle), "securities.assets_trend": trend}


def retention_features(customers: Sequence[Customer], context: Context) -> list[RetentionFeatures]:
    """The securities features of each customer of the batch with a securities profile."""
    found = []
    for customer in customers:
        profile = customer.profile(PROFILE)
        if isinstance(profile, SecuritiesProfile):
            found.append(RetentionFeatures(customer.id, _features(profile, context), EXPLAINED))
    return found
