"""The wealth customer profile: risk tolerance, experience and assets.

Field names are the contract for ``--set wealth.FIELD=VALUE``, imports and
JSON output. Every field is optional (``None``): files are built over time.
"""

import datetime
from decimal import Decimal
from typing import Any

from attrs import Attribute, field, frozen, validators

from accountcore import InvestorRisk

__all__ = ["WealthProfile"]


def _not_negative(_instance: Any, attribute: Attribute, value: Any) -> None:
    """Refuse an amount or a number of years below zero."""
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative, got {value}")


# An optional amount in yuan, never negative.
_MONEY = validators.optional(_not_negative)


@frozen
class WealthProfile:
    """A wealth management customer (profile ``wealth``)."""

    risk_level: InvestorRisk | None = None
    questionnaire_date: datetime.date | None = None
    investment_years: int | None = field(default=None, validator=validators.optional(_not_negative))
    financial_assets: Decimal | None = field(default=None, validator=_MONEY)
    financial_net_assets: Decimal | None = field(default=None, validator=_MONEY)
    income_avg_3y: Decimal | None = field(default=None, validator=_MONEY)
    aum: Decimal | None = field(default=None, validator=_MONEY)
    aum_prev_quarter: Decimal | None = field(default=None, validator=_MONEY)
    last_contact: datetime.date | None = None
