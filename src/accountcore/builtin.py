"""The core's own rules, registered as the plugin ``core`` through the same hooks as any other.

The core catalogue of responsibilities, the core settings, and the core's care
rule (``core.birthday``) and retention signal (``core.recent-complaint``) live
here (shared/domain/core.md).
"""

import datetime as dt
from collections.abc import Sequence

from attrs import frozen

from .context import Context
from .dates import last_anniversary
from .hookspecs import hookimpl
from .model import (
    CareAction,
    Channel,
    ComplaintStatus,
    Customer,
    CustomerKind,
    Reason,
    Responsibility,
    RetentionSignal,
    Tier,
)

CORE_RESPONSIBILITIES = (
    Responsibility(
        "information-collection",
        "Information collection",
        "Collect, verify and keep the customer file current.",
    ),
    Responsibility("development", "Development", "Develop new customers and new business."),
    Responsibility("signing", "Signing", "Sign service agreements with qualified customers."),
    Responsibility(
        "customer-analysis",
        "Customer analysis",
        "Segment customers into tiers and analyse their needs.",
    ),
    Responsibility("marketing", "Marketing", "Present products and activities to customers."),
    Responsibility(
        "business-processing", "Business processing", "Handle the customer's business requests."
    ),
    Responsibility("care", "Care", "Care for customers on schedule and by rule."),
    Responsibility("file-management", "File management", "Keep the customer files in order."),
    Responsibility(
        "complaint-handling",
        "Complaint handling",
        "Accept, track, settle and reply to complaints in time.",
    ),
    Responsibility("retention", "Retention", "Watch for customers about to leave and act."),
    Responsibility(
        "arrears-recovery", "Arrears recovery", "Watch payment dates and recover arrears."
    ),
    Responsibility(
        "coordination",
        "Coordination",
        "Coordinate with the firm's other departments for the customer.",
    ),
    Responsibility("visits", "Visits", "Plan, make and log visits."),
)


@frozen
class CoreSettings:
    """Defaults of the core, overridable per book (``accountcore config set core.NAME``)."""

    # Return-visit interval by tier, in days (shared/domain/core.md).
    visit_days_vip: int = 30
    visit_days_a: int = 60
    visit_days_b: int = 90
    visit_days_c: int = 180
    # Days allowed to reply to a complaint, by severity.
    complaint_days_high: int = 1
    complaint_days_medium: int = 3
    complaint_days_low: int = 7
    # A manager whose month-to-date pace is under this share of target is flagged.
    visit_pace_warning: float = 0.8
    # Plugins not loaded for any command on this book (entry-point or distribution
    # names); `accountcore plugins disable NAME` and `plugins enable NAME` keep it.
    disabled_plugins: tuple[str, ...] = ()
    # core.birthday: by phone for these tiers, by SMS for the others; a batch that did
    # not run on the day still makes the action up to this many days late [A].
    birthday_phone_tiers: tuple[Tier, ...] = (Tier.VIP, Tier.A)
    birthday_late_days: int = 7
    # core.recent-complaint: a complaint not yet replied, or opened within these days.
    recent_complaint_days: int = 90
    weight_recent_complaint: float = 0.15


@hookimpl
def register_responsibilities():
    """The core catalogue of an account manager's duties."""
    return list(CORE_RESPONSIBILITIES)


@hookimpl
def register_settings():
    """The core's settings class."""
    return CoreSettings


def _birthday(customer: Customer, today: dt.date, settings: CoreSettings) -> CareAction | None:
    """``core.birthday``: on the day (28 February for 29 February in other years), or late."""
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
    )


@hookimpl
def care_due(customers: Sequence[Customer], context: Context) -> list[CareAction]:
    """The core's care rule: birthdays."""
    found = (_birthday(customer, context.today, context.settings) for customer in customers)
    return [action for action in found if action is not None]


@hookimpl
def retention_signals(customers: Sequence[Customer], context: Context) -> list[RetentionSignal]:
    """``core.recent-complaint``: a complaint not yet replied, or opened within 90 days."""
    settings: CoreSettings = context.settings
    since = context.today - dt.timedelta(days=settings.recent_complaint_days)
    weight = settings.weight_recent_complaint
    signals = []
    for customer_id, complaints in context.book.complaints_of_many(c.id for c in customers).items():
        recent = [
            c for c in complaints if c.status is not ComplaintStatus.REPLIED or c.opened_on >= since
        ]
        if recent:
            last = recent[-1]
            text = f"complaint {last.id} of {last.opened_on} ({last.status.value}): {last.summary}"
            if len(recent) > 1:
                text += f"; {len(recent)} complaints open or recent"
            reason = Reason("core.recent-complaint", weight, text)
            signals.append(RetentionSignal.from_reasons(customer_id, [reason]))
    return signals
