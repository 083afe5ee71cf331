"""The core's own rules, registered as the plugin ``core`` through the same hooks as any other.

The core catalogue of responsibilities and the core settings live here; the
core's care and retention rules join them in the issues that build those
services.
"""

from attrs import frozen

from .hookspecs import hookimpl
from .model import Responsibility

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


@hookimpl
def register_responsibilities():
    """The core catalogue of an account manager's duties."""
    return list(CORE_RESPONSIBILITIES)


@hookimpl
def register_settings():
    """The core's settings class."""
    return CoreSettings
