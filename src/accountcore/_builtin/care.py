"""``core.birthday``, the core's care rule, run by the care batch (:mod:`.._services.care`)."""

import datetime as dt
from collections.abc import Sequence

from .._context import Context
from .._model import CareAction, Channel, Customer, CustomerKind
from ..dates import last_anniversary
from ..hookspecs import hookimpl
from .settings import CoreSettings

__all__ = ["care_due"]


def _birthday(customer: Customer, today: dt.date, settings: CoreSettings) -> CareAction | None:
    """``core.birthday``: on the day (28 February for 29 February in other years), or late.

    The wish expires after the late window (``birthday_late_days``): last year's
    is not due any more.
    """
    if customer.kind is CustomerKind.CORPORATE or customer.birthday is None:
        return None
    occasion = last_anniversary(customer.birthday, today)
    if occasion is None or (today - occasion).days > settings.birthday_late_days:
        return None
    phone = customer.tier in settings.birthday_phone_tiers
    age = occasion.year - customer.birthday.year
    return CareAction(
        "core.birthday",
        customer.id,
        Channel.PHONE if phone else Channel.SMS,
        f"Wish {customer.name} a happy birthday ({age} on {occasion})",
        occasion,
        period=str(occasion.year),
        expires_on=occasion + dt.timedelta(days=settings.birthday_late_days),
    )


@hookimpl
def care_due(customers: Sequence[Customer], context: Context) -> list[CareAction]:
    """The core's care rule: birthdays."""
    found = (_birthday(customer, context.today, context.settings) for customer in customers)
    return [action for action in found if action is not None]
