"""The wealth visit policy (docs/domain/wealth.md, "Visit policy").

Private-bank customers, whose household financial net assets reach
``private_bank_net_assets`` (6,000,000) [S: CBRC 2011 sales measures], get a
return visit every ``private_bank_visit_days`` (30) days; the others keep the
core's interval by tier. A profile without ``financial_net_assets`` is not
known to be private-bank: the core's interval holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accountcore import Customer, CustomerSelection

__all__ = ["candidates", "visit_interval"]

PROFILE = "wealth"


def visit_interval(customer: Customer, settings: Any) -> int | None:
    """Days between return visits for a private-bank customer, or None for the core's."""
    profile = customer.profile(PROFILE)
    net_assets = getattr(profile, "financial_net_assets", None)
    if net_assets is not None and net_assets >= settings.private_bank_net_assets:
        return settings.private_bank_visit_days
    return None


def candidates(settings: Any) -> list[CustomerSelection]:
    """Every customer :func:`visit_interval` may answer for."""
    from accountcore import CustomerSelection

    threshold = settings.private_bank_net_assets
    return [CustomerSelection(profile=PROFILE, at_least={"financial_net_assets": threshold})]
