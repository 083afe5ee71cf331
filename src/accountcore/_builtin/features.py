"""The core's retention features: what every book knows of a customer, whatever his industry.

Counted up to ``context.today``, the day the features describe (the day a
leaver left, when a model is trained), so nothing after it counts.
"""

import datetime as dt
from collections.abc import Sequence

from .._context import Context
from .._model import CareStatus, Customer, CustomerKind, RetentionFeatures, Tier, VisitStatus
from ..dates import months_between
from ..hookspecs import hookimpl

__all__ = ["EXPLAINED", "retention_features"]

WINDOW_DAYS = 90

EXPLAINED = {
    "core.complaints_90d": "complaints in the last 90 days",
    "core.visits_90d": "visits made in the last 90 days",
    "core.care_skipped": "care actions skipped",
    "core.months_on_book": "months since his file was opened",
    "core.tier_vip": "tier VIP (1 yes, 0 no)",
    "core.tier_a": "tier A (1 yes, 0 no)",
    "core.tier_b": "tier B (1 yes, 0 no)",
    "core.corporate": "a corporate customer (1 yes, 0 no)",
}


@hookimpl
def retention_features(customers: Sequence[Customer], context: Context) -> list[RetentionFeatures]:
    """Complaints and visits of the last 90 days, care skipped, time on the book, tier, kind."""
    day = context.today
    since = day - dt.timedelta(days=WINDOW_DAYS)
    ids = [customer.id for customer in customers]
    complaints = context.book.complaints_of_many(ids)
    visits = context.book.visits_of_many(ids)
    care = context.book.care_actions_of_many(ids)
    found = []
    for customer in customers:
        opened = sum(1 for c in complaints[customer.id] if since < c.opened_on <= day)
        made = sum(
            1 for v in visits[customer.id] if v.status is VisitStatus.DONE and since < v.on <= day
        )
        skipped = sum(
            1
            for a in care[customer.id]
            if a.status is CareStatus.SKIPPED and a.closed_on is not None and a.closed_on <= day
        )
        opened_on = customer.created_on or day
        values = {
            "core.complaints_90d": float(opened),
            "core.visits_90d": float(made),
            "core.care_skipped": float(skipped),
            "core.months_on_book": float(max(0, months_between(opened_on, day))),
            "core.tier_vip": float(customer.tier is Tier.VIP),
            "core.tier_a": float(customer.tier is Tier.A),
            "core.tier_b": float(customer.tier is Tier.B),
            "core.corporate": float(customer.kind is CustomerKind.CORPORATE),
        }
        found.append(RetentionFeatures(customer.id, values, EXPLAINED))
    return found
