"""The securities visit policy (docs/domain/securities.md, "Visit policy").

"More return visits" for risky business [S: CSRC Order No. 130, Art. 20;
intervals A]:

- margin customers every ``margin_visit_days`` (30) days. A margin customer
  holds an agreement in force (signed or active, not past its end) for
  ``securities.margin``. The book's agreements decide when it has any for
  margin: one terminated or expired means margin trading stopped. A customer
  with no margin agreement on record but the ``margin`` risk disclosure
  signed counts as one too: files are built over time, and a margin account
  opened before the book was kept shows only as its disclosure;
- ordinary investors holding products of ``high_risk_min`` (R4) or above
  from this plugin's catalogue every ``high_risk_visit_days`` (30) days. An
  unknown ``investor_type`` is not known to be ordinary: the core's interval
  holds.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from accountcore import AgreementStatus

from .profile import InvestorType

if TYPE_CHECKING:
    from accountcore import Agreement, Customer, CustomerSelection

__all__ = ["MARGIN", "candidates", "high_risk_products", "visit_interval"]

PROFILE = "securities"
MARGIN = "securities.margin"
_IN_FORCE = (AgreementStatus.SIGNED, AgreementStatus.ACTIVE)


def high_risk_products(settings: Any) -> frozenset[str]:
    """The codes of this plugin's products at ``high_risk_min`` or above."""
    return _at_or_above(settings.high_risk_min.rank)


@functools.cache
def _at_or_above(rank: int) -> frozenset[str]:
    from .products import products

    return frozenset(
        p.code for p in products() if p.risk_level is not None and p.risk_level.rank >= rank
    )


def _in_force(agreement: Agreement, today: datetime.date) -> bool:
    return agreement.status in _IN_FORCE and (agreement.end is None or agreement.end >= today)


def _margin_customer(profile: Any, agreements: Sequence[Agreement], today: datetime.date) -> bool:
    margin = [a for a in agreements if a.product == MARGIN]
    if margin:
        return any(_in_force(a, today) for a in margin)
    return "margin" in getattr(profile, "disclosures", ())


def visit_interval(customer: Customer, context: Any) -> int | None:
    """Days between return visits for a margin or high-risk customer, or None for the core's.

    Only the plugin's own customers (with a ``securities`` profile) are its to
    answer for: margin access is signed against that profile's fields.
    """
    profile = customer.profile(PROFILE)
    if profile is None:
        return None
    agreements = context.book.agreements_of(customer.id)
    settings, today = context.settings, context.today
    if _margin_customer(profile, agreements, today):
        return settings.margin_visit_days
    if getattr(profile, "investor_type", None) is InvestorType.ORDINARY:
        risky = high_risk_products(settings)
        if any(a.product in risky and _in_force(a, today) for a in agreements):
            return settings.high_risk_visit_days
    return None


def candidates(settings: Any) -> list[CustomerSelection]:
    """Every customer :func:`visit_interval` may answer for."""
    from accountcore import CustomerSelection

    return [
        CustomerSelection(profile=PROFILE, contains={"disclosures": "margin"}),
        CustomerSelection(profile=PROFILE, holding={MARGIN, *high_risk_products(settings)}),
    ]
