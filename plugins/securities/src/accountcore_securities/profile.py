"""The securities customer profile: suitability, assets, trading and disclosures.

Field names are the contract for ``--set securities.FIELD=VALUE``, imports
and JSON output. Every field is optional (``None``); ``disclosures`` is empty
until the customer signs one.
"""

import datetime
import enum
from decimal import Decimal
from typing import Any

from attrs import Attribute, field, frozen, validators

from accountcore import InvestorRisk

__all__ = ["DISCLOSURES", "InvestorType", "SecuritiesProfile"]

# The risk disclosures a customer may sign, one per access product.
DISCLOSURES = ("star-market", "chinext", "bse", "margin")


class InvestorType(enum.Enum):
    """Ordinary or professional investor [S: CSRC Order No. 130, 2017, Art. 8]."""

    ORDINARY = "ordinary"
    PROFESSIONAL = "professional"


def _not_negative(_instance: Any, attribute: Attribute, value: Any) -> None:
    """Refuse an amount below zero."""
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative, got {value}")


def _known_disclosures(_instance: Any, attribute: Attribute, value: Any) -> None:
    """Refuse a disclosure other than star-market, chinext, bse and margin."""
    unknown = [item for item in value if item not in DISCLOSURES]
    if unknown:
        raise ValueError(
            f"{attribute.name} may only hold {', '.join(DISCLOSURES)}, "
            f"got {', '.join(repr(item) for item in unknown)}"
        )


def _as_tuple(value: Any) -> tuple[str, ...]:
    """The disclosures as a tuple; one string may list them separated by commas."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return tuple(value)


# An optional amount in yuan, never negative.
_MONEY = validators.optional(_not_negative)


@frozen
class SecuritiesProfile:
    """A brokerage customer (profile ``securities``)."""

    investor_type: InvestorType | None = None
    risk_level: InvestorRisk | None = None
    lowest_category: bool | None = None
    questionnaire_date: datetime.date | None = None
    assets_20d_avg: Decimal | None = field(default=None, validator=_MONEY)
    assets_prev: Decimal | None = field(default=None, validator=_MONEY)
    first_trade_date: datetime.date | None = None
    last_trade_date: datetime.date | None = None
    disclosures: tuple[str, ...] = field(
        default=(), converter=_as_tuple, validator=_known_disclosures
    )
    kyc_date: datetime.date | None = None
    research_subscriber: bool | None = None
    margin_blacklisted: bool | None = None
