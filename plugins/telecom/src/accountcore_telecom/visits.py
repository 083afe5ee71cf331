"""The telecom visit policy (docs/domain/telecom.md, "Visit policy").

Key customers, the corporate customers of tier vip, get a return visit every
``vip_corporate_visit_days`` (14) days [A]; every other customer keeps the
core's interval by tier. Only the plugin's own customers (with a ``telecom``
profile) are its to answer for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accountcore import CustomerKind, Tier

if TYPE_CHECKING:
    from accountcore import Customer, CustomerSelection

__all__ = ["candidates", "visit_interval"]

PROFILE = "telecom"


def visit_interval(customer: Customer, settings: Any) -> int | None:
    """Days between return visits for a key customer, or None for the core's interval."""
    if customer.profile(PROFILE) is None:
        return None
    if customer.kind is CustomerKind.CORPORATE and customer.tier is Tier.VIP:
        return settings.vip_corporate_visit_days
    return None


def candidates() -> list[CustomerSelection]:
    """Every customer :func:`visit_interval` may answer for."""
    from accountcore import CustomerSelection

    return [
        CustomerSelection(profile=PROFILE, kinds={CustomerKind.CORPORATE}, tiers={Tier.VIP}),
    ]
