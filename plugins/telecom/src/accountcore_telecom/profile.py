"""The telecom customer profile: what the operator knows of a subscriber.

Field names are the contract for ``--set telecom.FIELD=VALUE``, imports and
JSON output. Every field is optional (``None``) except ``arrears_amount``,
which is zero until a bill goes unpaid.
"""

import datetime
import enum
import re
from decimal import Decimal
from typing import Any

from attrs import Attribute, field, frozen, validators

from accountcore import personal

__all__ = ["Contract", "TelecomProfile"]

_MSISDN = re.compile(r"1[0-9]{10}|\+[0-9]{8,15}")


class Contract(enum.Enum):
    """The subscriber's contract term."""

    MONTH_TO_MONTH = "month-to-month"
    ONE_YEAR = "one-year"
    TWO_YEAR = "two-year"


def _msisdn(_instance: Any, attribute: Attribute, value: Any) -> None:
    """Refuse a mobile number that is not 11 digits from 1, or + and 8 to 15 digits."""
    if not isinstance(value, str) or not _MSISDN.fullmatch(value):
        raise ValueError(
            f"{attribute.name} must be 11 digits starting with 1, "
            f"or + and 8 to 15 digits, got {value!r}"
        )


def _not_negative(_instance: Any, attribute: Attribute, value: Any) -> None:
    """Refuse an amount or a quantity below zero."""
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative, got {value}")


# An optional amount or quantity, never negative.
_NOT_NEGATIVE = validators.optional(_not_negative)


@frozen
class TelecomProfile:
    """A subscriber as the operator sees him (profile ``telecom``)."""

    # A phone number: personal data, masked in output like the customer's own phone.
    msisdn: str | None = personal("phone", default=None, validator=validators.optional(_msisdn))
    real_name_verified: bool | None = None
    plan: str | None = None
    contract: Contract | None = None
    contract_end: datetime.date | None = None
    network_join: datetime.date | None = None
    monthly_fee: Decimal | None = field(default=None, validator=_NOT_NEGATIVE)
    data_gb_prev: Decimal | None = field(default=None, validator=_NOT_NEGATIVE)
    data_gb_last: Decimal | None = field(default=None, validator=_NOT_NEGATIVE)
    arrears_amount: Decimal = field(default=Decimal("0"), validator=_not_negative)
    arrears_since: datetime.date | None = None
    competitor_contact: bool | None = None
    lines: int | None = field(default=None, validator=_NOT_NEGATIVE)
