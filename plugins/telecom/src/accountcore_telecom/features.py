"""The telecom features a learned retention model reads: tenure, contract, fee, data use, arrears.

Each is a number about the subscriber as of ``context.today`` (for a leaver,
the day he left), named ``telecom.*`` and explained in a manager's words.
"""

from collections.abc import Sequence

from accountcore import Context, Customer, RetentionFeatures, months_between

from .profile import Contract, TelecomProfile

__all__ = ["EXPLAINED", "retention_features"]

PROFILE = "telecom"

EXPLAINED = {
    "telecom.months_on_network": "months on the network",
    "telecom.month_to_month": "month-to-month contract (1 yes, 0 no)",
    "telecom.two_year": "two-year contract (1 yes, 0 no)",
    "telecom.monthly_fee": "monthly fee (yuan)",
    "telecom.data_use_trend": "change in data use over the last month (share)",
    "telecom.in_arrears": "in arrears (1 yes, 0 no)",
    "telecom.competitor_contact": "seen in contact with a competitor (1 yes, 0 no)",
}


def _features(profile: TelecomProfile, customer: Customer, context: Context) -> dict[str, float]:
    joined = profile.network_join
    months = months_between(joined, context.today) if joined and joined <= context.today else 0
    previous, last = profile.data_gb_prev, profile.data_gb_last
    trend = float((last - previous) / previous) if previous and last is not None else 0.0
    return {
        "telecom.months_on_network": float(months),
        "telecom.month_to_month": float(profile.contract is Contract.MONTH_TO_MONTH),
        "telecom.two_year": float(profile.contract is Contract.TWO_YEAR),
        "telecom.monthly_fee": float(profile.monthly_fee or 0),
        "telecom.data_use_trend": trend,
        "telecom.in_arrears": float(profile.arrears_amount > 0),
        "telecom.competitor_contact": float(bool(profile.competitor_contact)),
    }


def retention_features(customers: Sequence[Customer], context: Context) -> list[RetentionFeatures]:
    """The telecom features of each customer of the batch with a telecom profile."""
    found = []
    for customer in customers:
        profile = customer.profile(PROFILE)
        if isinstance(profile, TelecomProfile):
            values = _features(profile, customer, context)
            found.append(RetentionFeatures(customer.id, values, EXPLAINED))
    return found
